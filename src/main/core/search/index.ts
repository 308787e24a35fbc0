// Public surface of the search engine. See engine.ts for SearchEngine.
export { SearchEngine, stampOf, type SearchEngineOptions, type SearchSource } from './engine'
export { defaultWorkerLocation, type WorkerLocation } from './worker-backend'
export { parseQuery, type ParsedQuery } from './query-parser'
export { INDEX_FORMAT_VERSION } from './snapshot'
