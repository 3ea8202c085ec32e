// Timing of one benchmark row: every section measures through measureThroughput(), so every row is
// measured the same way.
import { median } from '../util/median';
import { collectGarbage } from './memory';
import type { BenchContext, BenchRow } from './types';

export interface ThroughputOptions {
  /** Unmeasured runs first (JIT warm-up). */
  warmupRuns: number;
  /** Keep measuring until at least this many runs and this much time (ms) have passed (both scaled
   *  by ctx.timeScale, at least one run)... */
  minRuns: number;
  minTimeMs: number;
  /** ...but stop after this many runs. */
  maxRuns: number;
}


/** Times `run(text)` and returns a row with the median run time and characters per second. */
export function measureThroughput(
  ctx: BenchContext,
  section: string,
  label: string,
  text: string,
  run: (text: string) => unknown,
  options: ThroughputOptions,
): BenchRow {
  collectGarbage();
  ctx.memory.mark();
  let sink = 0;
  for (let i = 0; i < options.warmupRuns; i++) {
    sink ^= run(text) ? 1 : 0;
    ctx.memory.sample();
  }
  const times: number[] = [];
  const minTime = options.minTimeMs * ctx.timeScale;
  const minRuns = Math.max(1, Math.round(options.minRuns * ctx.timeScale));
  const t0 = performance.now();
  while (times.length < options.maxRuns && (times.length < minRuns || performance.now() - t0 < minTime)) {
    const s = performance.now();
    sink ^= run(text) ? 1 : 0;
    times.push(performance.now() - s);
    ctx.memory.sample();
  }
  const ms = median(times);
  if (sink === 2) console.log(''); // keeps the result observable
  return {
    section, case: label, chars: text.length, runs: times.length, msPerRun: ms, msRange: [Math.min(...times), Math.max(...times)],
    charsPerSec: ms > 0 ? text.length / (ms / 1000) : Infinity,
    peakHeapBytes: ctx.memory.windowPeakHeap(),
  };
}
