// Turns what the user picked or dropped into named files. A dropped folder is
// walked recursively; names keep the folder path so a saved page finds its images.

export interface PickedFile {
  name: string
  size: number
  file: File
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject))
}

async function walk(entry: FileSystemEntry, out: PickedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject))
    out.push({ name: entry.fullPath.replace(/^\//, ''), size: file.size, file })
  } else if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader()
    // readEntries answers in chunks; an empty chunk means the folder is done.
    for (let chunk = await readEntries(reader); chunk.length > 0; chunk = await readEntries(reader)) {
      for (const child of chunk) if (!child.name.startsWith('.')) await walk(child, out)
    }
  }
}

export async function filesFromDrop(transfer: DataTransfer): Promise<PickedFile[]> {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry()).filter((entry): entry is FileSystemEntry => entry !== null)
  if (entries.length === 0) return filesFromList(transfer.files)
  const out: PickedFile[] = []
  for (const entry of entries) await walk(entry, out)
  return out
}

export function filesFromList(list: FileList | null): PickedFile[] {
  return [...(list ?? [])]
    .filter((file) => !file.name.startsWith('.'))
    .map((file) => ({ name: file.webkitRelativePath || file.name, size: file.size, file }))
}
