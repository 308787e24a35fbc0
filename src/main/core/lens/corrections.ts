// The user's corrections to the machine's entities. They name entities by
// their normalised name, not by id, and are stored apart from the analysis,
// so re-analysis (a new analyser version, a re-import) keeps them.

import { normalKey } from './text'
import type { ArticleAnalysis, Entity, EntityType } from './types'

export type EntityCorrection =
  | { kind: 'rename'; entity: string; name: string }
  | { kind: 'retype'; entity: string; type: EntityType }
  | { kind: 'dismiss'; entity: string }
  /** `from` becomes an alias of `into`. */
  | { kind: 'merge'; entity: string; into: string }
  /** An alias the machine merged wrongly becomes an entity of its own. */
  | { kind: 'split'; entity: string; alias: string }

const named = (entities: Entity[], name: string): Entity | undefined => {
  const key = normalKey(name)
  return entities.find((e) => normalKey(e.name) === key) ?? entities.find((e) => e.aliases.some((a) => normalKey(a) === key))
}

/** The analysis as the user corrected it; a correction whose entity is not in this article is skipped. */
export function applyCorrections(analysis: ArticleAnalysis, corrections: readonly EntityCorrection[]): ArticleAnalysis {
  let entities = analysis.entities.map((e) => ({ ...e, aliases: [...e.aliases], mentions: [...e.mentions] }))
  /** Old entity id → new id, or null when dismissed. */
  const moved = new Map<string, string | null>()
  for (const c of corrections) {
    const entity = named(entities, c.entity)
    if (entity === undefined) continue
    if (c.kind === 'rename') {
      if (!entity.aliases.includes(entity.name)) entity.aliases.push(entity.name)
      entity.name = c.name
      entity.aliases = entity.aliases.filter((a) => normalKey(a) !== normalKey(c.name))
    } else if (c.kind === 'retype') entity.type = c.type
    else if (c.kind === 'dismiss') {
      entities = entities.filter((e) => e !== entity)
      moved.set(entity.id, null)
    } else if (c.kind === 'merge') {
      const into = named(entities, c.into)
      if (into === undefined || into === entity) continue
      into.aliases.push(...[entity.name, ...entity.aliases].filter((a) => normalKey(a) !== normalKey(into.name) && !into.aliases.includes(a)))
      into.mentions.push(...entity.mentions)
      into.mentions.sort((a, b) => a.position.start - b.position.start)
      into.count += entity.count
      entities = entities.filter((e) => e !== entity)
      moved.set(entity.id, into.id)
    } else if (c.kind === 'split') {
      const key = normalKey(c.alias)
      if (!entity.aliases.some((a) => normalKey(a) === key)) continue
      const mine = entity.mentions.filter((m) => normalKey(m.quote.exact) === key)
      entity.aliases = entity.aliases.filter((a) => normalKey(a) !== key)
      entity.mentions = entity.mentions.filter((m) => normalKey(m.quote.exact) !== key)
      entity.count -= mine.length
      entities.push({ id: `${entity.id}/${key}`, name: c.alias, type: entity.type, aliases: [], count: mine.length, mentions: mine })
    }
  }
  const follow = (id: string | undefined): string | null | undefined => {
    let current: string | null | undefined = id
    for (let hops = 0; current != null && moved.has(current) && hops < 50; hops++) current = moved.get(current)
    return current
  }
  const nameOf = new Map(entities.map((e) => [e.id, e.name]))
  const fix = <T extends { entityId?: string; name: string }>(who: T | undefined): T | undefined => {
    if (who?.entityId === undefined) return who
    const id = follow(who.entityId)
    if (id === null) return undefined
    return { ...who, entityId: id!, name: nameOf.get(id!) ?? who.name }
  }
  return {
    ...analysis,
    entities,
    quotes: analysis.quotes.map((q) => {
      const speaker = fix(q.speaker)
      const { speaker: _old, ...rest } = q
      return speaker ? { ...rest, speaker } : rest
    }),
    figures: analysis.figures.map((f) => {
      const source = fix(f.source)
      const { source: _old, ...rest } = f
      return source ? { ...rest, source } : rest
    }),
    events: analysis.events.map((e) => ({ ...e, entityIds: [...new Set(e.entityIds.map(follow).filter((id): id is string => typeof id === 'string'))] })),
  }
}
