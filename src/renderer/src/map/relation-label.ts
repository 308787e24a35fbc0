// How a relation reads on the map and in its legend.

/** "same-event" reads "same event"; custom labels are kept, cut to fit an edge. */
export function relationLabelShort(relation: string): string {
  const label = relation === 'same-event' ? 'same event' : relation
  return label.length > 24 ? `${label.slice(0, 23)}…` : label
}
