import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compareFindings, parseFindings } from './security-scan-lib.mjs'

const HEADER = 'issue, severity, confidence, filename, location, sample, description, url'
const report = [
  HEADER,
  'CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","main/index.js","152:16","const window = new BrowserWindow(windowOptions(join(here, ""../preload/index.cjs"")));","Review the use of the contextIsolation option",https://example.invalid',
  'OPEN_EXTERNAL_JS_CHECK,"MEDIUM","TENTATIVE","main/index.js","155:26","if (isExternalUrl(url)) shell.openExternal(url);","Review the use of openExternal",https://example.invalid',
].join('\n')
const review = (check, sample) => ({ check, file: 'main/index.js', sample, why: 'because', shownBy: 'a test' })

describe('security scan report check', () => {
  it('reads each finding, with quotes inside a quoted sample', () => {
    const findings = parseFindings(report)
    expect(findings).toHaveLength(2)
    expect(findings[0]).toMatchObject({ check: 'CONTEXT_ISOLATION_JS_CHECK', severity: 'HIGH', file: 'main/index.js', location: '152:16' })
    expect(findings[0].sample).toContain('join(here, "../preload/index.cjs")')
  })

  it('passes only when every finding is explained by the same check in the same file', () => {
    const findings = parseFindings(report)
    const all = compareFindings(findings, [review('CONTEXT_ISOLATION_JS_CHECK', 'new BrowserWindow(windowOptions('), review('OPEN_EXTERNAL_JS_CHECK', 'isExternalUrl(url)')])
    expect(all.unexplained).toEqual([])
    expect(all.stale).toEqual([])
    const wrongCheck = compareFindings(findings, [review('SANDBOX_JS_CHECK', 'new BrowserWindow(windowOptions('), review('OPEN_EXTERNAL_JS_CHECK', 'isExternalUrl(url)')])
    expect(wrongCheck.unexplained.map((f) => f.check)).toEqual(['CONTEXT_ISOLATION_JS_CHECK'])
    expect(wrongCheck.stale.map((r) => r.check)).toEqual(['SANDBOX_JS_CHECK'])
  })

  it('does not let an explanation cover different code', () => {
    const findings = parseFindings(report.replace('if (isExternalUrl(url)) shell.openExternal(url);', 'shell.openExternal(untrusted);'))
    const result = compareFindings(findings, [review('CONTEXT_ISOLATION_JS_CHECK', 'new BrowserWindow(windowOptions('), review('OPEN_EXTERNAL_JS_CHECK', 'isExternalUrl(url)')])
    expect(result.unexplained.map((f) => f.sample)).toEqual(['shell.openExternal(untrusted);'])
  })

  it('refuses a report that is not one, and a review entry without its reason or test', () => {
    expect(() => parseFindings('<html>error</html>')).toThrow(/not an Electronegativity CSV report/)
    expect(() => compareFindings([], [{ check: 'X', file: 'f', sample: 's', why: 'w' }])).toThrow(/lacks/)
  })

  it('the reviewed list in docs is well formed: each entry gives why and what shows it', () => {
    const { findings } = JSON.parse(readFileSync(new URL('../docs/security-scan.json', import.meta.url), 'utf8'))
    expect(findings.length).toBeGreaterThan(0)
    expect(() => compareFindings([], findings)).not.toThrow()
  })
})
