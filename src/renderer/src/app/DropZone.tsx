import { useEffect, useState } from 'react'
import { filesFromDrop, type PickedFile } from '../import/read-files'

/** Files or folders dropped anywhere on the window are imported. */
export function DropZone({ onFiles }: { onFiles(files: PickedFile[]): void }) {
  const [over, setOver] = useState(false)
  useEffect(() => {
    let depth = 0
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false
    const enter = (event: DragEvent) => {
      if (!hasFiles(event)) return
      depth++
      setOver(true)
    }
    const leave = () => {
      depth = Math.max(0, depth - 1)
      if (depth === 0) setOver(false)
    }
    const overHandler = (event: DragEvent) => {
      if (hasFiles(event)) event.preventDefault()
    }
    const drop = (event: DragEvent) => {
      if (!event.dataTransfer || !hasFiles(event)) return
      event.preventDefault()
      depth = 0
      setOver(false)
      void filesFromDrop(event.dataTransfer).then(onFiles)
    }
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragleave', leave)
    window.addEventListener('dragover', overHandler)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragenter', enter)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('dragover', overHandler)
      window.removeEventListener('drop', drop)
    }
  }, [onFiles])
  return over ? (
    <div className="drop-overlay" aria-hidden="true">
      <p>Drop files or folders to import them</p>
    </div>
  ) : null
}
