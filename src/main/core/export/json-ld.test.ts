import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import jsonld from 'jsonld'
import { describe, expect, it } from 'vitest'
import { ANNO_CONTEXT, DOSSIER_CONTEXT, exportJson, SHARE_FORMAT_VERSION } from './json-ld'
import { OPTIONS, sampleSelection } from './test-fixtures'

type Json = Record<string, unknown> & { first: { id: string; type: string; items: Record<string, unknown>[] }; articles: Record<string, unknown>[] }

/** The W3C Web Annotation context, served from the repository: the test never reaches the network. */
const ANNO = JSON.parse(readFileSync(join(__dirname, '../../../test-support/fixtures/anno.jsonld'), 'utf8')) as unknown
const documentLoader = async (url: string) => {
  if (url !== ANNO_CONTEXT) throw new Error(`the test loads no context but the W3C one, asked for ${url}`)
  return { contextUrl: undefined, documentUrl: url, document: ANNO }
}

async function collection(): Promise<Json> {
  const file = await exportJson(sampleSelection(), OPTIONS)
  expect(file.name).toBe('dossier-notes.json')
  return JSON.parse(file.data as string) as Json
}

/** A value compacted from a one-element array is that element: compare both sides in that form. */
function unwrap(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 1 ? unwrap(value[0]) : value.map(unwrap)
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrap(v)]))
  return value
}

describe('exportJson', () => {
  it('is a Web Annotation AnnotationCollection whose one page has an id, is part of the collection, and is first and last', async () => {
    const doc = await collection()
    expect(doc['@context']).toEqual([ANNO_CONTEXT, DOSSIER_CONTEXT])
    expect(doc.type).toBe('AnnotationCollection')
    expect(doc.first.type).toBe('AnnotationPage')
    expect(doc.first.id).toMatch(/^urn:dossier:export:/)
    expect(doc.first).toMatchObject({ partOf: doc.id, startIndex: 0 })
    expect(doc.last).toBe(doc.first.id)
    expect(doc.total).toBe(doc.first.items.length)
    expect(doc.first.items).toHaveLength(7)
    expect(doc.formatVersion).toBe(SHARE_FORMAT_VERSION)
  })

  it('writes each highlight with creator id and nickname, generator, bodies with format and language, and the web address as source', async () => {
    const doc = await collection()
    const a1 = doc.first.items.find((item) => item.id === 'urn:dossier:annotation:a1')
    expect(a1).toMatchObject({
      type: 'Annotation',
      motivation: 'commenting',
      created: '2024-03-02T09:00:00.000Z',
      modified: '2024-03-02T09:00:00.000Z',
      creator: { id: 'urn:dossier:author:Ana', type: 'Person', name: 'Ana', nickname: 'Ana' },
      generator: 'urn:dossier:app',
      body: [
        { type: 'TextualBody', format: 'text/markdown', language: 'und', purpose: 'commenting', value: expect.stringContaining('ENTSO-E') },
        { type: 'TextualBody', format: 'text/plain', language: 'und', purpose: 'tagging', value: 'storage' },
        { type: 'TextualBody', format: 'text/plain', language: 'und', purpose: 'tagging', value: 'to verify' },
      ],
      target: {
        type: 'SpecificResource',
        source: 'https://example.org/grid?utm_source=x',
        article: 'urn:dossier:article:art-grid',
        selector: [
          { type: 'TextQuoteSelector', exact: 'added 2 GW of storage', prefix: 'The grid operator ' },
          { type: 'TextPositionSelector', start: 18, end: 39 },
        ],
      },
      color: 'yellow',
    })
    expect(doc.generator).toMatchObject({ id: 'urn:dossier:app', type: 'Software', name: 'Dossier', softwareVersion: '0.1.0' })
  })

  it('gives a highlight with no note and no tags no body, and an article with no web address its Dossier id as source', async () => {
    const doc = await collection()
    const a3 = doc.first.items.find((item) => item.id === 'urn:dossier:annotation:a3')
    expect(a3).toMatchObject({ motivation: 'highlighting' })
    expect(a3).not.toHaveProperty('body')
    const a4 = doc.first.items.find((item) => item.id === 'urn:dossier:annotation:a4')
    expect(a4).toMatchObject({ target: { source: 'urn:dossier:article:art-prices-2', article: 'urn:dossier:article:art-prices-2' } })
  })

  it('writes each link as a linking Annotation naming both passages, their highlights and the relation', async () => {
    const doc = await collection()
    const l1 = doc.first.items.find((item) => item.id === 'urn:dossier:link:l1')
    expect(l1).toMatchObject({
      motivation: 'linking',
      generator: 'urn:dossier:app',
      target: { source: 'https://example.org/grid?utm_source=x', annotation: 'urn:dossier:annotation:a1' },
      body: [
        { type: 'SpecificResource', source: 'https://example.com/prices', article: 'urn:dossier:article:art-prices', annotation: 'urn:dossier:annotation:a3' },
        { type: 'TextualBody', purpose: 'classifying', value: 'supports' },
        { type: 'TextualBody', purpose: 'commenting', value: 'Storage pushed prices down' },
      ],
      relation: 'supports',
    })
  })

  it('describes the articles with their text and names articles links reach outside the export', async () => {
    const doc = await collection()
    expect(doc.articles.map((a) => a.id)).toEqual(['urn:dossier:article:art-grid', 'urn:dossier:article:art-prices-2', 'urn:dossier:article:art-prices'])
    expect(doc.articles.every((a) => Array.isArray(a.blocks) && a.blocks.length > 0)).toBe(true)
    expect(doc.articles[0]).toMatchObject({ type: 'Article', publisher: 'Power Weekly', byline: 'Jo Reyes', published: '2024-01-15', sourceFormat: 'html' })
    expect(doc.referencedArticles).toEqual([{ id: 'urn:dossier:article:art-outside', title: 'An article left out' }])
  })

  it('leaves out annotations on articles that are not selected', async () => {
    const selection = sampleSelection()
    const file = await exportJson({ ...selection, articles: selection.articles.filter((a) => a.id === 'art-prices') }, OPTIONS)
    const doc = JSON.parse(file.data as string) as Json
    expect(doc.first.items.map((item) => item.id).sort()).toEqual(['urn:dossier:annotation:a3', 'urn:dossier:link:l1', 'urn:dossier:link:l2'])
  })
})

describe('the JSON export read by a JSON-LD processor (jsonld.js, W3C context served locally)', () => {
  it('expands in safe mode, which throws on any term or value it would drop', async () => {
    const doc = await collection()
    const expanded = await jsonld.expand(doc as jsonld.JsonLdDocument, { documentLoader, safe: true } as jsonld.Options.Expand)
    expect(expanded).toHaveLength(1)
  })

  it('compacts back to the same document: every field survives expansion', async () => {
    const selection = sampleSelection()
    // History and a language exercise the JSON literal and the body languages too.
    selection.annotations[0] = {
      ...selection.annotations[0]!,
      history: [{ note: 'older', tags: ['x'], color: 'blue', author: 'Ben', modified: '2024-03-01T09:00:00.000Z' }],
    }
    selection.articles = selection.articles.map((a) => (a.id === 'art-grid' ? { ...a, language: 'en', edited: ['title'] } : a))
    const doc = JSON.parse((await exportJson(selection, OPTIONS)).data as string) as Record<string, unknown>
    const expanded = await jsonld.expand(doc as jsonld.JsonLdDocument, { documentLoader, safe: true } as jsonld.Options.Expand)
    const compacted = await jsonld.compact(expanded, { '@context': doc['@context'] } as jsonld.ContextDefinition, { documentLoader } as jsonld.Options.Compact)
    expect(unwrap(compacted)).toEqual(unwrap(doc))
  })

  it('maps Dossier’s fields to IRIs: colour, relation, link ends and the articles are all in the expanded graph', async () => {
    const doc = await collection()
    const flat = JSON.stringify(await jsonld.expand(doc as jsonld.JsonLdDocument, { documentLoader, safe: true } as jsonld.Options.Expand))
    for (const iri of ['http://schema.org/color', 'urn:dossier:vocab#relation', 'urn:dossier:vocab#annotation', 'urn:dossier:vocab#articles', 'urn:dossier:vocab#blocks', 'http://schema.org/softwareVersion'])
      expect(flat, iri).toContain(iri)
  })
})
