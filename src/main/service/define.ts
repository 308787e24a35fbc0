// Turns a plain implementation into an API method set: every argument is
// validated against its schema first (renderer input is untrusted), and every
// failure comes back as a typed Result, never as a thrown string.

import { z } from 'zod'
import { DossierFailure, fail, ok, type Result } from '../../shared/result'
import { diskRefusal } from '../core/store/io-failure'

type Method = (...args: never[]) => Promise<Result<unknown>>

/** One zod tuple schema per method, matching the method's parameters. */
export type ArgSchemas<A> = {
  [K in keyof A]: A[K] extends (...args: infer P) => Promise<Result<unknown>> ? z.ZodType<P> : never
}

/** The implementation returns plain values and throws DossierFailure. */
export type Implementation<A> = {
  [K in keyof A]: A[K] extends (...args: infer P) => Promise<Result<infer R>> ? (...args: P) => Promise<R> | R : never
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? `argument ${issue.path.join('.')}: ` : ''}${issue.message}`)
    .join('; ')
}

export function toResult(error: unknown): Result<never> {
  if (error instanceof DossierFailure) return { ok: false, error: error.toError() }
  const refusal = diskRefusal(error)
  if (refusal !== undefined) return fail('io-error', `Nothing was changed: ${refusal}.`)
  console.error(error)
  return fail('internal', 'Something went wrong inside Dossier; nothing was changed. Details are in the log.')
}

export function defineApi<A extends { [K in keyof A]: Method }>(schemas: ArgSchemas<A>, impl: Implementation<A>): A {
  const api = {} as Record<string, (...args: unknown[]) => Promise<Result<unknown>>>
  for (const name of Object.keys(schemas) as (keyof A & string)[]) {
    const schema = schemas[name] as z.ZodType<unknown[]>
    const run = impl[name] as unknown as (...args: unknown[]) => Promise<unknown> | unknown
    api[name] = async (...args: unknown[]) => {
      const parsed = schema.safeParse(args)
      if (!parsed.success) return fail('invalid-argument', `${name}: ${describeIssues(parsed.error)}`)
      try {
        return ok(await run(...parsed.data))
      } catch (error) {
        return toResult(error)
      }
    }
  }
  return api as unknown as A
}
