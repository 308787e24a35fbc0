// What a crash cut short, finished or undone before anything reads an archive's
// files: a restore first (it decides which folder is the archive), then a merge.

import { recoverInterruptedMerge } from './apply'
import { recoverInterruptedRestore } from './restore'

/** True when a merge was undone (the user is told); a completed restore leaves the archive as a restore that returned does. */
export async function recoverInterruptedWork(dir: string): Promise<boolean> {
  await recoverInterruptedRestore(dir)
  return recoverInterruptedMerge(dir)
}
