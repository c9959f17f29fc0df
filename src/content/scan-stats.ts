/** Scan timings kept by the record store, for the debug hook and benchmarks (ms, page clock). */
export interface ScanStats {
  slices: number;
  maxSliceMs: number;
  /** What the longest slice was: the first screen's pass, a scan slice, or a worker's answer. */
  maxSliceKind: 'top' | 'scan' | 'answer' | '';
  slicesOver16Ms: number;
  maxStepMs: number;
  maxRepaintMs: number;
  busyMs: number;
  /** Of busyMs, time spent in the detector. */
  detectMs: number;
  /** The detection worker's own time (not in busyMs: off the main thread), and the batches it answered. */
  workerMs: number;
  workerBatches: number;
  /** Of busyMs, the tasks that recorded the worker's answers (reading the message, matching, painting). */
  answerMs: number;
  /** Times the scan waited for the worker to catch up before reading on (scanner.backlogged). */
  backlogWaits: number;
  startedAt: number;
  /** When the highlight first held a number. */
  firstPaintAt: number;
  idleAt: number;
}

export function newScanStats(): ScanStats {
  return { slices: 0, maxSliceMs: 0, maxSliceKind: '', slicesOver16Ms: 0, maxStepMs: 0, maxRepaintMs: 0, busyMs: 0, detectMs: 0, workerMs: 0, workerBatches: 0, answerMs: 0, backlogWaits: 0, startedAt: 0, firstPaintAt: 0, idleAt: 0 };
}
