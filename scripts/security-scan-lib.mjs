// Reads Electronegativity's CSV report and holds it against the reviewed list.

/** Splits one CSV line with double-quoted fields ("" escapes a quote). */
function csvFields(line) {
  const fields = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      fields.push(field.trim())
      field = ''
    } else field += c
  }
  fields.push(field.trim())
  return fields
}

/** Findings from the report: check, severity, confidence, file, location and the code sample. */
export function parseFindings(csv) {
  const lines = csv.split(/\r?\n/).filter((line) => line.trim() !== '')
  if (lines.length === 0 || !lines[0].startsWith('issue,')) throw new Error('not an Electronegativity CSV report (no header line)')
  return lines.slice(1).map((line) => {
    const [check, severity, confidence, file, location, sample] = csvFields(line)
    if (!check || !file) throw new Error(`unreadable report line: ${line.slice(0, 120)}`)
    return { check, severity, confidence, file, location, sample }
  })
}

/**
 * A reviewed entry explains a finding of the same check in the same file whose
 * code sample contains the entry's sample. Every finding must be explained,
 * and every entry must still explain something.
 */
export function compareFindings(findings, reviewed) {
  for (const review of reviewed) {
    if (!review.check || !review.file || !review.sample || !review.why || !review.shownBy) throw new Error(`docs/security-scan.json: an entry lacks check, file, sample, why or shownBy: ${JSON.stringify(review)}`)
  }
  const used = new Set()
  const explained = []
  const unexplained = []
  for (const finding of findings) {
    const review = reviewed.find((r) => r.check === finding.check && r.file === finding.file && finding.sample.includes(r.sample))
    if (review === undefined) unexplained.push(finding)
    else {
      used.add(review)
      explained.push({ finding, review })
    }
  }
  return { explained, unexplained, stale: reviewed.filter((r) => !used.has(r)) }
}
