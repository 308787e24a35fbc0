import { describe, expect, it } from 'vitest'
import { allowedHosts, checkHost, checkOrigin, cookieName, tokenFromRequest, tokensEqual } from './guard'

const PORT = 43210

describe('checkHost', () => {
  it.each([`127.0.0.1:${PORT}`, `localhost:${PORT}`, `LOCALHOST:${PORT}`])('lets Host %s through', (host) => {
    expect(checkHost({ host }, PORT)).toBeUndefined()
  })

  it.each([
    `evil.example:${PORT}`,
    'evil.example',
    '127.0.0.1',
    'localhost',
    `127.0.0.1:${PORT + 1}`,
    `127.0.0.1:${PORT}.evil.example`,
    `localhost.evil.example:${PORT}`,
    `0.0.0.0:${PORT}`,
    `[::1]:${PORT}`,
    `127.1:${PORT}`,
    ` 127.0.0.1:${PORT}`,
    '',
  ])('refuses Host %j with 421', (host) => {
    expect(checkHost({ host }, PORT)).toEqual({ status: 421, reason: 'Host not allowed' })
  })

  it('refuses a request with no Host header at all', () => {
    expect(checkHost({}, PORT)?.status).toBe(421)
  })
})

describe('checkOrigin', () => {
  it('lets a request without Origin through (same-origin GETs and non-browser clients send none)', () => {
    expect(checkOrigin({}, PORT)).toBeUndefined()
  })

  it.each([`http://127.0.0.1:${PORT}`, `http://localhost:${PORT}`])('lets its own origin %s through', (origin) => {
    expect(checkOrigin({ origin }, PORT)).toBeUndefined()
  })

  it.each([
    'https://evil.example',
    'null',
    '',
    `https://127.0.0.1:${PORT}`,
    `http://127.0.0.1:${PORT + 1}`,
    `http://127.0.0.1:${PORT}/`,
    `http://127.0.0.1:${PORT}.evil.example`,
    `http://evil.example:${PORT}`,
    'file://',
    'app://dossier',
  ])('refuses Origin %j with 403', (origin) => {
    expect(checkOrigin({ origin }, PORT)).toEqual({ status: 403, reason: 'Origin not allowed' })
  })
})

describe('tokensEqual', () => {
  it('accepts the same token', () => {
    expect(tokensEqual('abc123', 'abc123')).toBe(true)
  })

  it.each([
    ['a missing token', undefined],
    ['an empty token', ''],
    ['a prefix', 'abc12'],
    ['a longer token', 'abc1234'],
    ['a different token of the same length', 'abc124'],
    ['a different case', 'ABC123'],
    ['the same characters as multi-byte text', 'abc12３'],
  ])('refuses %s', (_what, given) => {
    expect(tokensEqual(given, 'abc123')).toBe(false)
  })
})

describe('tokenFromRequest', () => {
  it('reads the X-Dossier-Token header first', () => {
    expect(tokenFromRequest({ 'x-dossier-token': 'from-header', cookie: `${cookieName(PORT)}=from-cookie` }, PORT)).toBe('from-header')
  })

  it("reads this port's cookie among others", () => {
    expect(tokenFromRequest({ cookie: `theme=dark; ${cookieName(PORT)}=tok; other=1` }, PORT)).toBe('tok')
  })

  it("ignores another port's cookie and look-alike names", () => {
    expect(tokenFromRequest({ cookie: `${cookieName(PORT + 1)}=tok` }, PORT)).toBeUndefined()
    expect(tokenFromRequest({ cookie: `x${cookieName(PORT)}=tok` }, PORT)).toBeUndefined()
  })

  it('answers undefined when there is neither header nor cookie', () => {
    expect(tokenFromRequest({}, PORT)).toBeUndefined()
    expect(tokenFromRequest({ cookie: '' }, PORT)).toBeUndefined()
  })
})

describe('names', () => {
  it('allows exactly the loopback names on this port', () => {
    expect(allowedHosts(PORT)).toEqual([`127.0.0.1:${PORT}`, `localhost:${PORT}`])
  })

  it('gives each port its own cookie, so two servers do not share a token', () => {
    expect(cookieName(1)).not.toBe(cookieName(2))
  })
})
