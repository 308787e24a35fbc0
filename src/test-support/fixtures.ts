import { fileURLToPath } from 'node:url'

/** A copy of the team's shared fixture article, kept in the repository so a clone alone runs every test. */
export const SHARED_FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url))

export const TTP_FIXTURE = `${SHARED_FIXTURES}pakistan-ttp-challenge.txt`
