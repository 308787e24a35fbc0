import { z } from 'zod'
import { MAX_FILES_PER_CALL, MAX_IMPORT_BYTES } from '../../shared/limits'

export { idSchema } from '../core/id-schema'

export const fileSchema = z.object({
  name: z.string().min(1).max(1024),
  data: z.instanceof(Uint8Array).refine((data) => data.byteLength <= MAX_IMPORT_BYTES * 2, 'file too large to send'),
}).strict()

export const filesSchema = z.array(fileSchema).min(1).max(MAX_FILES_PER_CALL)

export const tagsSchema = z.array(z.string().max(100)).max(200)
