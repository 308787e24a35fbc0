// Helpers that keep each feature's method list in step with its interface.

import type { Result } from '../result'

/** Any API: every method is async and answers with a Result. */
export type ApiShape<A> = {
  [K in keyof A]: A[K] extends (...args: infer _P) => Promise<Result<infer _R>> ? A[K] : never
}

/**
 * Fails to compile unless `methods` names every method of A exactly once,
 * so a method added to an interface cannot be forgotten by a transport.
 */
export function methodList<A>() {
  return <const M extends readonly (keyof A & string)[]>(
    methods: M & ([Exclude<keyof A, M[number]>] extends [never] ? unknown : { missing: Exclude<keyof A, M[number]> }),
  ): M => methods
}
