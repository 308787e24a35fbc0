// The visible text of an HTML fragment, parsed by jsdom (scripts never run) rather than stripped by regex.
import { JSDOM } from 'jsdom'

export function htmlFragmentText(html: string): string {
  const fragment = JSDOM.fragment(html)
  for (const el of fragment.querySelectorAll('script, style, template, noscript, iframe, object, embed, svg, math')) el.remove()
  return (fragment.textContent ?? '').replace(/\s+/g, ' ').trim()
}
