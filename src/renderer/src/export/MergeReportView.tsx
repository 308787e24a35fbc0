import type { MergeCounts, MergeReport } from '../../../shared/api/exchange'

const counts = (c: MergeCounts): string =>
  `${c.articles} ${c.articles === 1 ? 'article' : 'articles'}, ${c.annotations} ${c.annotations === 1 ? 'highlight' : 'highlights'}, ${c.links} ${c.links === 1 ? 'link' : 'links'}`

const KIND: Record<MergeReport['skipped'][number]['kind'], string> = { article: 'Article', annotation: 'Highlight', link: 'Link' }

/** What a merge did (or, for a preview, would do): every item accounted for. Text only, never HTML. */
export function MergeReportView({ report }: { report: MergeReport }) {
  const verb = report.applied ? 'Added' : 'Will add'
  return (
    <div className="merge-report">
      <dl className="merge-counts">
        <dt>{verb}</dt>
        <dd>{counts(report.added)}</dd>
        <dt>Already here, unchanged</dt>
        <dd>{counts(report.unchanged)}</dd>
        <dt>Conflicts</dt>
        <dd>{report.conflicts.length === 0 ? 'none' : report.conflicts.length}</dd>
        <dt>Skipped</dt>
        <dd>{report.skipped.length === 0 ? 'none' : report.skipped.length}</dd>
        {report.authors.length > 0 && (
          <>
            <dt>Written by</dt>
            <dd>{report.authors.join(', ')}</dd>
          </>
        )}
      </dl>
      {report.matched.length > 0 && (
        <section>
          <h3>Articles you already have</h3>
          <ul>
            {report.matched.map((m, index) => (
              <li key={index}>
                “{m.title}” <span className="muted">— same {m.by === 'url' ? 'web address' : 'text'}; their notes go onto your copy</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {report.conflicts.length > 0 && (
        <section>
          <h3>Edited on both sides</h3>
          <p className="muted">The newest edit wins; the other version is kept in the highlight’s history.</p>
          <ul>
            {report.conflicts.map((c) => (
              <li key={`${c.kind}-${c.id}`}>
                {c.message} <span className="muted">({c.winner === 'incoming' ? 'their version kept' : 'your version kept'})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {report.skipped.length > 0 && (
        <section>
          <h3>Not imported</h3>
          <ul className="merge-skipped">
            {report.skipped.map((s, index) => (
              <li key={index}>
                {KIND[s.kind]}
                {s.id ? ` ${s.id}` : ''}: {s.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}
