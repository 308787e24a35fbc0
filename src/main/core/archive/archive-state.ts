// The archive's small state file (state.json): reading positions, preferences,
// whether the welcome article was added. Changes run in turn and are undone in
// memory when their write fails, as catalog changes are.

import { join } from 'node:path'
import type { Low } from 'lowdb'
import { DEFAULT_PREFERENCES, type Preferences, type ReadingPosition } from '../../../shared/types'
import { openJsonStore, writeOrUndo } from '../store/json-store'
import { Turns } from '../store/turns'
import { defaultedNotice, defaultedStateFields } from './open-checks'
import { ARCHIVE_FORMAT, stateSchema, type State } from './schema'

export class ArchiveState {
  private readonly turns = new Turns()

  private constructor(private readonly db: Low<State>) {}

  /** Opens state.json; the notices say what was recovered and which fields took their defaults. */
  static async open(dir: string): Promise<{ state: ArchiveState; notices: string[] }> {
    // Of the copy that was loaded (the file or its backup): which fields it lacked.
    let defaulted: string[] = []
    const opened = await openJsonStore<State>(
      join(dir, 'state.json'),
      { format: ARCHIVE_FORMAT, preferences: DEFAULT_PREFERENCES, positions: {}, welcomed: false },
      (data) => {
        const parsed = stateSchema.parse(data)
        defaulted = defaultedStateFields(data)
        return parsed
      },
    )
    return { state: new ArchiveState(opened.db), notices: [...opened.notices, ...defaultedNotice('state.json', defaulted)] }
  }

  position(id: string): ReadingPosition | null {
    // Own keys only: an id such as "constructor" must not find Object.prototype's member.
    return Object.hasOwn(this.db.data.positions, id) ? this.db.data.positions[id]! : null
  }

  setPosition(id: string, position: Omit<ReadingPosition, 'updatedAt'>): Promise<ReadingPosition> {
    return this.turns.run(async () => {
      const stored = { ...position, updatedAt: new Date().toISOString() }
      const positions = this.db.data.positions
      const previous = Object.hasOwn(positions, id) ? positions[id] : undefined
      positions[id] = stored
      await writeOrUndo(this.db, () => {
        if (previous) positions[id] = previous
        else delete positions[id]
      })
      return stored
    })
  }

  /** Forgets a purged article's position; a failed write leaves it to the next one. */
  forgetPosition(id: string): Promise<void> {
    return this.turns.run(async () => {
      if (!Object.hasOwn(this.db.data.positions, id)) return
      delete this.db.data.positions[id]
      await this.db.write()
    })
  }

  preferences(): Preferences {
    return { ...this.db.data.preferences }
  }

  setPreferences(patch: Partial<Preferences>): Promise<Preferences> {
    return this.turns.run(async () => {
      const previous = this.db.data.preferences
      this.db.data.preferences = { ...previous, ...patch }
      await writeOrUndo(this.db, () => (this.db.data.preferences = previous))
      return this.preferences()
    })
  }

  get welcomed(): boolean {
    return this.db.data.welcomed
  }

  markWelcomed(): Promise<void> {
    return this.turns.run(async () => {
      this.db.data.welcomed = true
      await writeOrUndo(this.db, () => (this.db.data.welcomed = false))
    })
  }
}
