// What the map's colours and lines mean. The swatches use the same CSS
// variables as the canvas, so the legend always matches the theme.

import { LINK_RELATIONS } from '../../../shared/notes'
import { relationLabelShort } from './relation-label'

export function MapLegend({ custom }: { custom: boolean }) {
  const relations: string[] = [...LINK_RELATIONS]
  return (
    <ul className="map-legend" aria-label="Legend">
      {relations.map((relation) => (
        <li key={relation}>
          <span className={`legend-line rel-${relation}`} aria-hidden="true" />
          {relationLabelShort(relation)}
        </li>
      ))}
      {custom && (
        <li>
          <span className="legend-line rel-custom" aria-hidden="true" />
          your own labels
        </li>
      )}
      <li>
        <span className="legend-line legend-broken" aria-hidden="true" />
        broken (article gone)
      </li>
    </ul>
  )
}
