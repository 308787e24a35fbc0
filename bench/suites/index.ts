// Every suite `npm run bench` runs, in order. Add a suite here (one file each).
import { annotationsSuite } from './annotations'
import { searchSuite } from './search'
import type { Suite } from './suite'

export const SUITES: Suite[] = [searchSuite, annotationsSuite]
