// Messages between the analysis pool and its worker thread.

import type { AnalysisInput, ArticleAnalysis } from './types'

export interface AnalyseRequest {
  id: number
  input: AnalysisInput
}

export const READY = 'ready'

export type AnalyseReply = { id: number; type: 'analysis'; analysis: ArticleAnalysis } | { id: number; type: 'failure'; message: string }
