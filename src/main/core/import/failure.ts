// Every importer failure is a DossierFailure that names the file and the reason in plain words.
import { DossierFailure, type ErrorCode } from '../../../shared/result'

export type ImportErrorCode = Extract<
  ErrorCode,
  'empty-file' | 'binary-file' | 'too-large' | 'unsupported-format' | 'parse-failed' | 'no-text' | 'encrypted' | 'network'
>

export function importFailure(code: ImportErrorCode, fileName: string, reason: string): DossierFailure {
  return new DossierFailure(code, `${fileName} ${reason}`, fileName)
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} bytes`
}
