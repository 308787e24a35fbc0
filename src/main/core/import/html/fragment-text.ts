// The visible text of an HTML fragment, parsed by jsdom (scripts never run) rather than stripped by regex.
import { JSDOM } from 'jsdom'
import { safeLink } from '../../../../shared/links'
import type { Block } from '../../../../shared/types'
import type { AssetCollector } from '../assets'
import { capNesting } from './cap-nesting'
import type { Element } from './dom-types'
import { blocksFromDom } from './walk'

export function htmlFragmentText(html: string): string {
  const fragment = JSDOM.fragment(html)
  for (const el of fragment.querySelectorAll('script, style, template, noscript, iframe, object, embed, svg, math')) el.remove()
  return (fragment.textContent ?? '').replace(/\s+/g, ' ').trim()
}

/** Blocks of a raw-HTML fragment with structure of its own (a <table>, a <pre>), walked like a page's article: text and safe links only. */
export function htmlFragmentBlocks(html: string, assets: AssetCollector): Omit<Block, 'id'>[] {
  const fragment = JSDOM.fragment(capNesting(html).html)
  return blocksFromDom(fragment as unknown as Element, { assets, link: (href) => safeLink(href), localSrc: () => undefined })
}
