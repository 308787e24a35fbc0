import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fixturePath, importText } from '../test-helpers'
import { FIELDS, labelledPages, scoreSavedPages } from './metadata-score'
import { bylineFrom, cleanBylineText, headline } from './metadata'

describe('saved-page metadata: labelled pages shaped like real sites', () => {
  it('has a label for every fixture page and at least 15 of them', () => {
    const pages = readdirSync(fixturePath('pages')).filter((f) => f.endsWith('.html'))
    expect(pages.sort()).toEqual(Object.keys(labelledPages()).sort())
    expect(pages.length).toBeGreaterThanOrEqual(15)
  })

  it('gets title, byline, source and date exactly right on nearly every page', async () => {
    const { counts, total, misses } = await scoreSavedPages()
    console.log(`import-metadata over ${total} saved pages: ${FIELDS.map((f) => `${f} ${counts[f]}/${total}`).join(', ')}${misses.length ? '\n  ' + misses.join('\n  ') : ''}`)
    for (const field of FIELDS) expect(counts[field], field).toBeGreaterThanOrEqual(total - 1)
  }, 60_000)
})

describe('headline reconciliation', () => {
  it('cuts the site and section off the page title when the <h1> agrees', () => {
    expect(headline([], 'Strike ends | Dakota Access pipeline | The Guardian', ['Strike ends'], ['The Guardian'])).toBe('Strike ends')
  })

  it('keeps a leading section that is part of the headline, and a real colon', () => {
    expect(headline([], 'Evolve: Shared Mutable History | DevTalk', ['Evolve: Shared Mutable History'], [])).toBe('Evolve: Shared Mutable History')
    expect(headline([], 'Sahel : le point sur la sécurité – Le Courrier', [], ['Le Courrier'])).toBe('Sahel : le point sur la sécurité')
  })

  it('never takes the site name for the headline', () => {
    expect(headline(['Northern Ledger'], 'Northern Ledger', ['Quotas cut again'], ['Northern Ledger'])).toBe('Quotas cut again')
  })

  it('keeps a hyphen inside a headline when nothing says the tail is a site', () => {
    expect(headline([], 'Brexit - what happens next for the ports', [], [])).toBe('Brexit - what happens next for the ports')
  })

  it('leaves a headline alone that merely mentions the site', () => {
    expect(headline([], 'Guardian readers on the cost of living crisis', [], ['The Guardian'])).toBe('Guardian readers on the cost of living crisis')
  })
})

describe('byline cleaning', () => {
  it('separates a glued "By", drops read times, and keeps several authors as a list', () => {
    expect(cleanBylineText('ByTravis Haney 5 Min Read')).toBe('Travis Haney')
    expect(cleanBylineText('By Ana Silva and Rui Costa · 3 min read')).toBe('Ana Silva, Rui Costa')
  })

  it('keeps names that start like "By"', () => {
    expect(cleanBylineText('Byron Katz')).toBe('Byron Katz')
  })

  it('never takes a date, a time stamp, a URL or the site name for a byline', () => {
    expect(cleanBylineText('April 28, 2019 at 6:01 am Updated April 28, 2019 at 9:14 pm')).toBeUndefined()
    expect(cleanBylineText('https://example.org/profile/x')).toBeUndefined()
    expect(bylineFrom([['The Harbour Times']], 'The Harbour Times')).toBeUndefined()
    expect(bylineFrom([['The Harbour Times'], ['Priya N']], 'The Harbour Times')).toBe('Priya N')
  })

  it('survives broken and hostile JSON-LD and falls back to the page', async () => {
    const body = '<p>' + 'A readable paragraph of an article about the harbour and its ferries. '.repeat(6) + '</p>'
    const doc = await importText('x.html', `<html><head><title>Ferries return | Bay News</title><script type="application/ld+json">{"headline": [</script><script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","headline":{"x":1},"author":[null,7,{"name":{"a":1}}]}]}</script></head><body><article><h1>Ferries return</h1>${body}</article></body></html>`)
    expect(doc).toMatchObject({ title: 'Ferries return', source: 'Bay News' })
    expect(doc.byline).toBeUndefined()
  })
})
