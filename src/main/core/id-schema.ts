// The id rule of src/shared/ids.ts as a zod schema, for every reader of ids
// from files and for the API's arguments alike.

import { z } from 'zod'
import { idProblem } from '../../shared/ids'

export const idSchema = z.string().superRefine((value, ctx) => {
  const problem = idProblem(value)
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `not a valid id: ${problem}` })
})
