import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { decodeWire, encodeWire } from './wire'

const roundTrip = (value: unknown): unknown => decodeWire(encodeWire(value))

describe('wire codec', () => {
  it('round-trips an empty byte array as an empty Uint8Array', () => {
    const back = roundTrip(new Uint8Array(0))
    expect(back).toBeInstanceOf(Uint8Array)
    expect((back as Uint8Array).length).toBe(0)
  })

  it('round-trips every byte value 0..255 in order', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i)
    expect(Array.from(roundTrip(all) as Uint8Array)).toEqual(Array.from(all))
  })

  it('round-trips a megabyte of random bytes exactly', () => {
    const big = new Uint8Array(randomBytes(1024 * 1024))
    const back = roundTrip(big) as Uint8Array
    expect(back).toBeInstanceOf(Uint8Array)
    expect(Buffer.from(back).equals(Buffer.from(big))).toBe(true)
  })

  it('sends a Uint8Array as {"$bytes": base64} on the wire', () => {
    expect(JSON.parse(encodeWire(new Uint8Array([104, 105])))).toEqual({ $bytes: 'aGk=' })
  })

  it('round-trips a Node Buffer as bytes, not as its toJSON shape', () => {
    const back = roundTrip({ data: Buffer.from([1, 2, 3]) }) as { data: Uint8Array }
    expect(back.data).toBeInstanceOf(Uint8Array)
    expect(Array.from(back.data)).toEqual([1, 2, 3])
  })

  it('round-trips bytes nested in arrays and objects beside other values', () => {
    const value = {
      args: [[{ name: 'a.txt', data: new Uint8Array([1, 2, 3]) }, { name: 'b.txt', data: new Uint8Array([255]) }], { jobId: 'j1' }],
      nested: { deeper: [new Uint8Array([7])] },
      text: 'plain',
      count: 3,
    }
    const back = roundTrip(value) as typeof value
    expect(back.text).toBe('plain')
    expect(back.count).toBe(3)
    const files = back.args[0] as { name: string; data: Uint8Array }[]
    expect(files.map((f) => f.name)).toEqual(['a.txt', 'b.txt'])
    expect(Array.from(files[0]!.data)).toEqual([1, 2, 3])
    expect(Array.from(files[1]!.data)).toEqual([255])
    expect(back.args[1]).toEqual({ jobId: 'j1' })
    expect(Array.from(back.nested.deeper[0]!)).toEqual([7])
  })

  it('leaves {"$bytes": 5} as a plain object', () => {
    expect(decodeWire('{"$bytes": 5}')).toEqual({ $bytes: 5 })
  })

  it('leaves {"$bytes": "...", other: ...} as a plain object', () => {
    const value = decodeWire('{"$bytes": "aGk=", "name": "x"}')
    expect(value).not.toBeInstanceOf(Uint8Array)
    expect(value).toEqual({ $bytes: 'aGk=', name: 'x' })
  })

  it('leaves an array holding a base64 string as an array', () => {
    expect(decodeWire('{"$bytes": ["aGk="]}')).toEqual({ $bytes: ['aGk='] })
    expect(decodeWire('["aGk="]')).toEqual(['aGk='])
  })

  it('throws on base64 with characters outside the alphabet', () => {
    expect(() => decodeWire('{"$bytes": "not base64!"}')).toThrow()
  })

  it('throws on base64 of impossible length', () => {
    expect(() => decodeWire('{"$bytes": "abcde"}')).toThrow()
  })

  it('throws on malformed JSON', () => {
    expect(() => decodeWire('{"args": [')).toThrow(SyntaxError)
    expect(() => decodeWire('')).toThrow(SyntaxError)
  })

  it('does not let a "__proto__" key change the prototype of decoded objects', () => {
    const value = decodeWire('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
  })
})
