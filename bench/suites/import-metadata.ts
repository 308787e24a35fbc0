// Import-metadata suite: exact title, byline, source and date over the labelled saved pages
// (src/main/core/import/fixtures/pages/expected.json). Counts, not timings; the target is all but one right.
import { FIELDS, scoreSavedPages } from '../../src/main/core/import/html/metadata-score'
import type { Row } from '../lib/stats'
import type { Suite } from './suite'

export const importMetadataSuite: Suite = {
  name: 'import-metadata',
  async run({ log }) {
    const { counts, total, misses } = await scoreSavedPages()
    for (const miss of misses) log(`  miss: ${miss}`)
    return FIELDS.map((field): Row => ({ suite: 'import-metadata', scale: `${total} pages`, metric: `${field} exact`, value: counts[field], unit: 'pages', target: `≥ ${total - 1}` }))
  },
}
