// Every suite `npm run bench` runs, in order (`--suite NAME` picks one).
// To add a suite: write bench/suites/<name>.ts exporting a Suite (see
// ./suite.ts), then list it here.
import { analysisSuite } from './analysis'
import { annotationsSuite } from './annotations'
import { importSuite } from './import'
import { importGrowthSuite } from './import-growth'
import { importMetadataSuite } from './import-metadata'
import { loadSuite } from './load'
import { searchSuite } from './search'
import type { Suite } from './suite'

export const SUITES: Suite[] = [searchSuite, annotationsSuite, importSuite, importGrowthSuite, importMetadataSuite, loadSuite, analysisSuite]
