import { TTP_FIXTURE } from '../../../../test-support/fixtures'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importDocument } from '../index'
import { importText, readFixture, textsOf } from '../test-helpers'

const TTP = TTP_FIXTURE

describe('plain text: the Pakistan TTP fixture', () => {
  const load = () => importDocument({ name: 'pakistan-ttp-challenge.txt', data: new Uint8Array(readFileSync(TTP)) })

  it('takes the headline as title, not the image caption above it', async () => {
    const doc = await load()
    expect(doc.title).toBe('Pakistan’s TTP Challenge: Strikes, Talks, and Solutions')
    expect(doc.format).toBe('text')
    expect(doc.blocks[0]).toMatchObject({ type: 'caption' })
    expect(doc.blocks[0]?.text).toMatch(/\[Image via SAT Creatives\]$/)
    expect(textsOf(doc).some((t) => t === doc.title)).toBe(false)
  })

  it('finds the section headings', async () => {
    const headings = textsOf(await load(), 'heading')
    expect(headings).toEqual([
      'AIG’s Response to Cross-Border Strikes',
      'Growing Cross-Border TTP Challenge and Impact on Pakistan',
      'Pakistan’s TTP Dilemma',
      'Diplomatic Overtures: Pakistan and Kabul',
      'Escalating TTP Challenge',
      'December 24 Strikes: Targeting TTP Strongholds',
      'TTP Propaganda Campaign: Manipulating Public Perception Amid Tensions',
      'Diplomacy and Regional Cooperation in Tackling the TTP Challenge',
    ])
  })

  it('turns the bullet lines into unordered list items without their bullets', async () => {
    const items = (await load()).blocks.filter((b) => b.type === 'list-item')
    expect(items).toHaveLength(2)
    expect(items[0]).toMatchObject({ ordered: false, depth: 0 })
    expect(items[0]?.text).toMatch(/^Interior Minister Khalifa Sirajuddin Haqqani: Focused/)
    expect(items[1]?.text).toMatch(/^Foreign Minister H\.E\. Amir Khan Muttaqi/)
  })

  it('keeps the quoted statement and the paragraphs intact', async () => {
    const paragraphs = textsOf(await load(), 'paragraph')
    expect(paragraphs).toHaveLength(23)
    expect(paragraphs).toContain(
      '“The TTP, with 6,000 fighters, is the largest listed terrorist organisation operating in Afghanistan. With safe havens close to our border, it poses a direct and daily threat to Pakistan’s security,” Pakistani diplomat Usman Iqbal Jadoon said at the UN briefing.',
    )
    expect(paragraphs.at(-1)).toMatch(/^Ultimately, cordial ties between Pakistan and Afghanistan/)
  })

  it('leaves out the comment form, the site tagline and the related link', async () => {
    const all = textsOf(await load()).join('\n')
    for (const gone of ['Add a Comment', 'Your email address will not be published', 'Your go-to editorial hub', 'Also See:']) {
      expect(all).not.toContain(gone)
    }
  })
})

describe('plain text: varied documents', () => {
  it('reads a news wire text: headline, byline, dateline, quote, question heading, list and boilerplate', async () => {
    const doc = await importDocument({ name: 'news-wire.txt', data: readFixture('news-wire.txt') })
    expect(doc.title).toBe('UN council extends Mali peacekeeping mission for six months')
    expect(doc.byline).toBe('Michelle Nichols and Jane Carter')
    expect(doc.publishedAt).toBe('2024-06-29')
    expect(doc.blocks.map((b) => b.type)).toEqual([
      'paragraph', 'quote', 'paragraph', 'heading', 'paragraph', 'list-item', 'list-item', 'list-item', 'paragraph',
    ])
    expect(textsOf(doc, 'heading')).toEqual(['What happens next?'])
    const all = textsOf(doc).join('\n')
    for (const gone of ['Read more', 'Share this', '©', 'All rights reserved']) expect(all).not.toContain(gone)
  })

  it('reads a report with numbered sections as levelled headings and its numbered list as an ordered list', async () => {
    const doc = await importDocument({ name: 'report-numbered.txt', data: readFixture('report-numbered.txt') })
    expect(doc.title).toBe('Water Security in the Indus Basin: A Briefing')
    const headings = doc.blocks.filter((b) => b.type === 'heading').map((b) => [b.level, b.text])
    expect(headings).toEqual([
      [2, '1. Introduction'],
      [2, '2. Findings'],
      [3, '2.1 Groundwater depletion'],
      [3, '2.2 Glacial melt'],
      [2, '3. Recommendations'],
    ])
    const items = doc.blocks.filter((b) => b.type === 'list-item')
    expect(items.map((b) => b.ordered)).toEqual([true, true, true])
    expect(items[0]?.text).toBe('Metre groundwater abstraction for all tube wells above 20 horsepower.')
    expect(textsOf(doc, 'quote')).toEqual([
      'Water is the one resource every sector of the economy depends on, and the one we measure least.',
    ])
    expect(doc.tags).toEqual(['water', 'Indus', 'climate'])
    expect(textsOf(doc).join(' ')).not.toContain('Tags:')
  })

  it('joins hard-wrapped lines of a paragraph with single spaces', async () => {
    const doc = await importDocument({ name: 'report-numbered.txt', data: readFixture('report-numbered.txt') })
    expect(textsOf(doc, 'paragraph')[0]).toBe(
      'The Indus basin supports more than 260 million people across four countries. This briefing summarises the pressures on its water supply and the options available to policy-makers in the coming decade.',
    )
  })

  it('keeps a text with no headings as paragraphs and titles it from the file name', async () => {
    const doc = await importDocument({ name: 'train_notes-spring.txt', data: readFixture('no-headings.txt') })
    expect(doc.title).toBe('Train notes spring')
    expect(doc.blocks.map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'paragraph'])
    expect(doc.byline).toBeUndefined()
  })

  it('handles CRLF line ends and re-joins hard-wrapped lines, keeping words split at a hyphen whole', async () => {
    const text = [
      'Field Report',
      '',
      'The convoy left at dawn and reached the border crossing some',
      'four hours later, where officials from both sides were waiting',
      'with a well-',
      'known list of demands.',
      '',
      'Nothing further was agreed.',
    ].join('\r\n')
    const doc = await importText('field.txt', text)
    expect(doc.title).toBe('Field Report')
    expect(textsOf(doc)).toEqual([
      'The convoy left at dawn and reached the border crossing some four hours later, where officials from both sides were waiting with a well-known list of demands.',
      'Nothing further was agreed.',
    ])
    expect(textsOf(doc).join('')).not.toContain('\r')
  })

  it('reads > lines and wholly quoted paragraphs as quotes, but not a quote with attribution', async () => {
    const doc = await importText('q.txt', 'Quotes\n\n> To be or not\n> to be.\n\n“Everything is fine, and will remain so.”\n\n“It is fine,” she said, “for now.”\n')
    expect(doc.blocks.map((b) => [b.type, b.text])).toEqual([
      ['quote', 'To be or not to be.'],
      ['quote', '“Everything is fine, and will remain so.”'],
      ['paragraph', '“It is fine,” she said, “for now.”'],
    ])
  })

  it('reads nested bullets by indentation and * and 1) markers', async () => {
    const doc = await importText('l.txt', 'Lists\n\n* top one\n    * nested under one\n* top two\n\n1) first\n2) second\n')
    expect(doc.blocks.map((b) => [b.text, b.ordered, b.depth])).toEqual([
      ['top one', false, 0],
      ['nested under one', false, 1],
      ['top two', false, 0],
      ['first', true, 0],
      ['second', true, 0],
    ])
  })

  it('keeps a loose numbered list whose items are separated by blank lines as a list', async () => {
    const doc = await importText('loose.txt', 'Steps\n\n1. Open the valve\n\n2. Wait ten minutes\n\n3. Close the valve\n\nThat is all there is to it.')
    expect(doc.blocks.map((b) => b.type)).toEqual(['list-item', 'list-item', 'list-item', 'paragraph'])
  })

  it('does not take a sentence ending in a period, or the last line, for a heading', async () => {
    const doc = await importText('s.txt', 'A title line\n\nShort sentence here.\n\nBody text goes on for a while.\n\nClosing Words')
    expect(doc.blocks.map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'paragraph'])
  })

  it('reads Markdown-style headings typed into a text file', async () => {
    const doc = await importText('m.txt', 'Main Title\n==========\n\nIntro.\n\n## Part two\n\nMore.\n\nSub part\n--------\n\nEnd.')
    expect(doc.title).toBe('Main Title')
    expect(doc.blocks.filter((b) => b.type === 'heading').map((b) => [b.level, b.text])).toEqual([
      [2, 'Part two'],
      [2, 'Sub part'],
    ])
  })
})
