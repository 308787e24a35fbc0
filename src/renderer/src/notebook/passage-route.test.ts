import { describe, expect, it } from 'vitest'
import { passageRoute } from './passage-route'
import { target } from './notes.test-data'

// Plain text: "Title" + "\n\n" + "First paragraph." + "\n\n" + "Second one."
const blocks = [
  { id: 'b0', text: 'Title' },
  { id: 'b1', text: 'First paragraph.' },
  { id: 'b2', text: 'Second one.' },
]

describe('passage route', () => {
  it('lands on the block the passage starts in', () => {
    expect(passageRoute(target('a1', 'paragraph', 13), blocks)).toEqual({ view: 'article', id: 'a1', blockId: 'b1' })
    expect(passageRoute(target('a1', 'Second', 25), blocks)).toEqual({ view: 'article', id: 'a1', blockId: 'b2' })
  })

  it('snaps a start inside a block separator forward to the next block', () => {
    expect(passageRoute(target('a1', 'x', 6), blocks)).toEqual({ view: 'article', id: 'a1', blockId: 'b1' })
  })

  it('opens the article at its top when the position lies past its text', () => {
    expect(passageRoute(target('a1', 'gone', 5000), blocks)).toEqual({ view: 'article', id: 'a1' })
  })

  it('opens the article at its top when it has no blocks', () => {
    expect(passageRoute(target('a1', 'gone', 0), [])).toEqual({ view: 'article', id: 'a1' })
  })
})
