import { describe, expect, it } from 'vitest'
import { ANNO_CONTEXT, exportJson, SHARE_FORMAT_VERSION } from './json-ld'
import { OPTIONS, sampleSelection } from './test-fixtures'

type Json = Record<string, unknown> & { first: { type: string; items: Record<string, unknown>[] }; dossier: Record<string, unknown> }

async function collection(): Promise<Json> {
  const file = await exportJson(sampleSelection(), OPTIONS)
  expect(file.name).toBe('dossier-notes.json')
  return JSON.parse(file.data as string) as Json
}

describe('exportJson', () => {
  it('is a Web Annotation AnnotationCollection with its items on the first page', async () => {
    const doc = await collection()
    expect(doc['@context']).toBe(ANNO_CONTEXT)
    expect(doc.type).toBe('AnnotationCollection')
    expect(doc.first.type).toBe('AnnotationPage')
    expect(doc.total).toBe(doc.first.items.length)
    expect(doc.first.items).toHaveLength(7)
  })

  it('writes each highlight as an Annotation with creator, bodies and both selectors', async () => {
    const doc = await collection()
    const a1 = doc.first.items.find((item) => item.id === 'urn:dossier:annotation:a1')
    expect(a1).toMatchObject({
      type: 'Annotation',
      motivation: 'commenting',
      created: '2024-03-02T09:00:00.000Z',
      modified: '2024-03-02T09:00:00.000Z',
      creator: { type: 'Person', name: 'Ana' },
      body: [
        { type: 'TextualBody', format: 'text/markdown', purpose: 'commenting', value: expect.stringContaining('ENTSO-E') },
        { type: 'TextualBody', purpose: 'tagging', value: 'storage' },
        { type: 'TextualBody', purpose: 'tagging', value: 'to verify' },
      ],
      target: {
        source: 'urn:dossier:article:art-grid',
        selector: [
          { type: 'TextQuoteSelector', exact: 'added 2 GW of storage', prefix: 'The grid operator ' },
          { type: 'TextPositionSelector', start: 18, end: 39 },
        ],
      },
      dossier: { color: 'yellow' },
    })
  })

  it('writes each link as a linking Annotation naming both passages and the relation', async () => {
    const doc = await collection()
    const l1 = doc.first.items.find((item) => item.id === 'urn:dossier:link:l1')
    expect(l1).toMatchObject({
      motivation: 'linking',
      target: { source: 'urn:dossier:article:art-grid' },
      body: [
        { type: 'SpecificResource', source: 'urn:dossier:article:art-prices' },
        { type: 'TextualBody', purpose: 'classifying', value: 'supports' },
        { type: 'TextualBody', purpose: 'commenting', value: 'Storage pushed prices down' },
      ],
      dossier: { relation: 'supports', fromAnnotationId: 'a1', toAnnotationId: 'a3' },
    })
  })

  it('describes the articles with their text and names articles links reach outside the export', async () => {
    const doc = await collection()
    expect(doc.dossier.formatVersion).toBe(SHARE_FORMAT_VERSION)
    const articles = doc.dossier.articles as { id: string; blocks?: unknown[]; url?: string }[]
    expect(articles.map((a) => a.id)).toEqual(['art-grid', 'art-prices-2', 'art-prices'])
    expect(articles.every((a) => (a.blocks ?? []).length > 0)).toBe(true)
    expect(doc.dossier.referencedArticles).toEqual([{ id: 'art-outside', title: 'An article left out' }])
  })

  it('leaves out annotations on articles that are not selected', async () => {
    const selection = sampleSelection()
    const file = await exportJson({ ...selection, articles: selection.articles.filter((a) => a.id === 'art-prices') }, OPTIONS)
    const doc = JSON.parse(file.data as string) as Json
    expect(doc.first.items.map((item) => item.id).sort()).toEqual([
      'urn:dossier:annotation:a3',
      'urn:dossier:link:l1',
      'urn:dossier:link:l2',
    ])
  })
})
