import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openJsonStore, type Validate } from './json-store'

interface Doc {
  items: string[]
}
const validate: Validate<Doc> = (data) => {
  const items = (data as Doc).items
  if (!Array.isArray(items)) throw new Error('items is not a list')
  return { items }
}

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-store-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('the backup of a store', () => {
  it('a store that opened with no file gets its backup at its first write, so the first session can be recovered too', async () => {
    const path = join(dir, 'catalog.json')
    const { db } = await openJsonStore<Doc>(path, { items: [] }, validate)
    db.data.items.push('first')
    await db.write()
    expect(JSON.parse(await readFile(`${path}.bak`, 'utf8'))).toEqual({ items: ['first'] })
    // Damage the file: the next open recovers the first session's write from the backup.
    await writeFile(path, '{"items": [')
    const reopened = await openJsonStore<Doc>(path, { items: [] }, validate)
    expect(reopened.db.data).toEqual({ items: ['first'] })
    expect(reopened.notices.join(' ')).toMatch(/restored from its backup/)
  })

  it('an existing backup is taken at open and not rewritten by each write', async () => {
    const path = join(dir, 'state.json')
    await writeFile(path, JSON.stringify({ items: ['at open'] }))
    const { db } = await openJsonStore<Doc>(path, { items: [] }, validate)
    db.data.items.push('later')
    await db.write()
    expect(JSON.parse(await readFile(`${path}.bak`, 'utf8'))).toEqual({ items: ['at open'] })
  })

  it('when file and backup are both damaged, both are kept aside byte for byte, and the first good write makes a new backup', async () => {
    const path = join(dir, 'catalog.json')
    await writeFile(path, 'garbage')
    await writeFile(`${path}.bak`, 'garbage too')
    const { db, notices } = await openJsonStore<Doc>(path, { items: [] }, validate)
    expect(notices.join(' ')).toMatch(/damaged too.*kept as catalog\.json\.bak\.damaged-/)
    const kept = (await readdir(dir)).filter((name) => name.includes('.damaged-')).sort()
    expect(kept).toHaveLength(2)
    expect((await Promise.all(kept.map((name) => readFile(join(dir, name), 'utf8')))).sort()).toEqual(['garbage', 'garbage too'])
    db.data.items.push('fresh')
    await db.write()
    expect(JSON.parse(await readFile(`${path}.bak`, 'utf8'))).toEqual({ items: ['fresh'] })
  })
})
