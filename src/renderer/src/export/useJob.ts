import { useCallback, useRef, useState } from 'react'
import type { JobProgress } from '../../../shared/events'
import { useApi, useDossierEvent } from '../api/context'

export function newJobId(kind: string): string {
  return `${kind}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}

/** Follows one job's progress events and cancels it on request. */
export function useJob() {
  const api = useApi()
  const current = useRef<string | null>(null)
  const [progress, setProgress] = useState<JobProgress | null>(null)
  useDossierEvent(
    useCallback((event) => {
      if (event.type === 'job-progress' && event.payload.jobId === current.current) setProgress(event.payload)
    }, []),
  )
  const begin = useCallback((kind: string) => {
    const id = newJobId(kind)
    current.current = id
    setProgress(null)
    return id
  }, [])
  const cancel = useCallback(() => {
    if (current.current) void api.cancelJob(current.current)
  }, [api])
  return { progress, begin, cancel }
}
