// The map's nodes as a listbox beside the canvas, for keyboard and screen
// reader users: arrows move (and outline the node on the canvas), Enter opens.

import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { ListedNode } from './node-list'

interface Props {
  nodes: ListedNode[]
  onFocusNode(id: string | undefined): void
  onOpen(id: string): void
}

const domId = (id: string) => `map-node-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`

export function MapNodeList({ nodes, onFocusNode, onOpen }: Props) {
  const [active, setActive] = useState(0)
  const list = useRef<HTMLUListElement>(null)
  useEffect(() => setActive(0), [nodes])
  const current = nodes[active]

  useEffect(() => {
    if (current) list.current?.querySelector(`#${domId(current.node.id)}`)?.scrollIntoView({ block: 'nearest' })
  }, [current])

  const onKeyDown = (event: KeyboardEvent) => {
    const move = (index: number) => {
      const next = Math.max(0, Math.min(nodes.length - 1, index))
      setActive(next)
      onFocusNode(nodes[next]?.node.id)
    }
    if (event.key === 'ArrowDown') move(active + 1)
    else if (event.key === 'ArrowUp') move(active - 1)
    else if (event.key === 'Home') move(0)
    else if (event.key === 'End') move(nodes.length - 1)
    else if (event.key === 'Enter' && current) onOpen(current.node.id)
    else return
    event.preventDefault()
  }

  return (
    <ul
      ref={list}
      className="map-node-list"
      role="listbox"
      aria-label="Articles and passages on the map"
      tabIndex={0}
      aria-activedescendant={current ? domId(current.node.id) : undefined}
      onKeyDown={onKeyDown}
      onFocus={() => onFocusNode(current?.node.id)}
      onBlur={() => onFocusNode(undefined)}
    >
      {nodes.map(({ node, relations }, index) => (
        <li
          key={node.id}
          id={domId(node.id)}
          role="option"
          aria-selected={index === active}
          className={`map-node map-node-${node.kind}${index === active ? ' active' : ''}${node.missing ? ' missing' : ''}`}
          onClick={() => {
            setActive(index)
            onOpen(node.id)
          }}
        >
          {node.kind === 'article' ? (
            <span className="map-node-title">
              {node.label}
              {node.trashed && <span className="entry-flag">in trash</span>}
            </span>
          ) : (
            <>
              <span className="map-node-quote">“{node.label}”</span>
              {relations.length > 0 && <span className="map-node-relations">{relations.join(', ')}</span>}
            </>
          )}
        </li>
      ))}
    </ul>
  )
}
