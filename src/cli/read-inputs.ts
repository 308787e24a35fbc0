import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, join, relative } from 'node:path'
import type { ImportFile } from '../shared/api/library'
import { MAX_IMPORT_BYTES } from '../shared/limits'

export interface InputProblem {
  file: string
  message: string
}

/** Expands the paths given on the command line: files as they are, folders recursively. */
export async function collectFiles(paths: string[]): Promise<{ files: { name: string; path: string; size: number }[]; problems: InputProblem[] }> {
  const files: { name: string; path: string; size: number }[] = []
  const problems: InputProblem[] = []
  const walk = async (path: string, root: string): Promise<void> => {
    const info = await stat(path).catch(() => undefined)
    if (!info) return void problems.push({ file: path, message: `${path} does not exist` })
    if (info.isDirectory()) {
      const entries = (await readdir(path)).filter((name) => !name.startsWith('.')).sort()
      for (const entry of entries) await walk(join(path, entry), root)
    } else if (info.isFile()) {
      files.push({ name: relative(root, path).split('\\').join('/'), path, size: info.size })
    }
  }
  for (const path of paths) {
    await walk(path, join(path, '..'))
  }
  return { files, problems }
}

export function tooLargeMessage(name: string): string {
  return `${name} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB, the most Dossier imports; split it or import a smaller copy`
}

export async function readForImport(file: { name: string; path: string }): Promise<ImportFile> {
  return { name: file.name || basename(file.path), data: new Uint8Array(await readFile(file.path)) }
}
