import { forwardRef, useImperativeHandle, useRef } from 'react'
import { filesFromList, type PickedFile } from './read-files'

export interface ImportPickerHandle {
  pickFiles(): void
  pickFolder(): void
}

const ACCEPT = '.txt,.text,.md,.markdown,.html,.htm,.xhtml,.pdf,text/plain,text/markdown,text/html,application/pdf'

/** Hidden file inputs: the same picker works in Electron and in the browser mode. */
export const ImportPicker = forwardRef<ImportPickerHandle, { onFiles(files: PickedFile[]): void }>(function ImportPicker({ onFiles }, ref) {
  const files = useRef<HTMLInputElement>(null)
  const folder = useRef<HTMLInputElement>(null)
  useImperativeHandle(ref, () => ({
    pickFiles: () => files.current?.click(),
    pickFolder: () => folder.current?.click(),
  }))
  const take = (input: HTMLInputElement) => {
    onFiles(filesFromList(input.files))
    input.value = ''
  }
  return (
    <>
      <input ref={files} type="file" multiple accept={ACCEPT} hidden data-testid="import-files" onChange={(e) => take(e.currentTarget)} />
      <input
        ref={(element) => {
          folder.current = element
          element?.setAttribute('webkitdirectory', '')
        }}
        type="file"
        multiple
        hidden
        data-testid="import-folder"
        onChange={(e) => take(e.currentTarget)}
      />
    </>
  )
})
