import { fileURLToPath } from 'node:url'

/** The team's shared fixtures live beside the repository (../shared/fixtures), in CI too. */
export const SHARED_FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url))

export const TTP_FIXTURE = `${SHARED_FIXTURES}pakistan-ttp-challenge.txt`
