// DOM types as jsdom provides them; core's tsconfig has no "dom" lib, so they come from the jsdom window.
import type { DOMWindow } from 'jsdom'

export type Document = DOMWindow['document']
export type Element = InstanceType<DOMWindow['Element']>
export type DomNode = InstanceType<DOMWindow['Node']>
