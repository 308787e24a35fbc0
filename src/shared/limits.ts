// Limits that both the UI and the service state to users.

/** Largest file accepted by import; bigger files are refused with a clear message. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024
/** Text-like formats (plain text, Markdown, HTML) beyond this are not articles. */
export const MAX_TEXT_IMPORT_BYTES = 16 * 1024 * 1024
/** Files per importFiles call; the UI sends larger selections in batches. */
export const MAX_FILES_PER_CALL = 200
/** Reading speed used for "n min read". */
export const WORDS_PER_MINUTE = 230
/** One file's parse may take this long; past it the file is refused and its reader stopped. */
export const IMPORT_TIME_LIMIT_MS = 30_000
/** Heap one file's parse may use; past it the file is refused and its reader stopped. */
export const IMPORT_MEMORY_LIMIT_MB = 1024
/**
 * Largest HTTP API body (browser mode). Sized to the largest legitimate call: one file of
 * MAX_IMPORT_BYTES travels whole in one importFiles call, base64 on the wire (4/3), plus room for JSON.
 */
export const MAX_API_BODY_BYTES = Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 8 * 1024 * 1024
