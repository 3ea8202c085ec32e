// Side-by-side timing of News Lens analyze() and compromise with each side in its own worker thread: its
// own V8 heap, so neither is charged for the other's garbage collection, and both run as they ship (our
// engine bundled by esbuild as in dist/, compromise from its published CommonJS build). The main thread
// gives the sides turns (rotated order per round, after a warm-up per side): whole passes over the same
// texts until the turn has lasted a second and made three passes. A side's figure for the round is the
// median pass of its turn — its sustained speed; the turn's first pass is also kept: it follows seconds
// of waiting, after which V8 has usually run a memory-reducing collection that throws away optimised
// code (docs/speed.md; measured by scripts/gc-penalty.ts, now in git history). CPU time is the process's, which while one worker runs and the other
// waits is that worker's (plus GC and compiler helper threads).
//
// Why not one heap: timing the two in one heap alternately, a major collection left behind by
// compromise's pass (or forced between passes to avoid exactly that) slowed our next pass down by
// itself — before the fix in analyze.ts (SHAPE_SAMPLE), a forced full GC before each pass made analyze()
// over the CoNLL dev documents 1.9x slower with compromise not running at all. That is an artefact of
// sharing the heap, not the speed of either library. The one-heap figure is still printed for comparison.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { median } from '../util/median';
import type { RecognizerChoice } from '../eval/recognizer';
import type { PairedTiming, SpeedPass, SpeedWorkerData } from './types';
import { bundleForBench } from './engineBundle';

const ROOT = path.resolve(__dirname, '..', '..');
/** In out/, so that the bundle finds models/ner.bin exactly as dist/*.js do (../models). */
const BUNDLE = path.join(ROOT, 'out', 'speed-worker.js');
const WARM_UP_MS = 2000;
/** Each side's turn per round lasts at least this long (our passes are short: several per turn). */
const TURN_MS = 1000;
const MIN_PASSES = 3;

function buildWorker(): string {
  return bundleForBench('tools/bench/speedWorker.ts', BUNDLE, ['compromise', 'esbuild']);
}

export interface IsolatedSide {
  label: string;
  side: SpeedWorkerData['side'];
  recognizer?: RecognizerChoice;
  modelFile?: string;
}

/** Per round: cpuMs / wallMs the median pass of the side's turn (sustained speed), firstCpuMs the turn's
 *  first pass (right after the worker waited for the other side's turn). */
export interface IsolatedTiming extends PairedTiming {
  firstCpuMs: number[];
}

export async function timeIsolated(texts: string[], sides: IsolatedSide[], rounds: number,
  warmUpMs = WARM_UP_MS, turnMs = TURN_MS, minPasses = MIN_PASSES): Promise<IsolatedTiming[]> {
  const file = buildWorker();
  const workers = sides.map((s) => new Worker(file, {
    workerData: { side: s.side, texts, recognizer: s.recognizer, modelFile: s.modelFile && path.resolve(s.modelFile) } satisfies SpeedWorkerData,
  }));
  // A worker that fails (also while starting, before it is asked for a pass) fails the next pass asked of it.
  const failed: (Error | undefined)[] = workers.map(() => undefined);
  const waiting: (((e: Error) => void) | undefined)[] = workers.map(() => undefined);
  workers.forEach((w, i) => {
    w.on('error', (e: Error) => { failed[i] = e; waiting[i]?.(e); });
    w.on('exit', (code) => { failed[i] ??= new Error(`${sides[i].label}: worker exited (code ${code})`); waiting[i]?.(failed[i]!); });
  });
  const pass = (i: number) => new Promise<SpeedPass>((resolve, reject) => {
    if (failed[i]) { reject(failed[i]); return; }
    waiting[i] = reject;
    workers[i].once('message', (p: SpeedPass) => { waiting[i] = undefined; resolve(p); });
    workers[i].postMessage('pass');
  });
  try {
    // Warm-up: at least two passes and two seconds per side (the JIT keeps improving our short passes
    // for several of them; compromise's passes are long enough after two).
    for (let i = 0; i < workers.length; i++) {
      const t0 = performance.now();
      for (let k = 0; k < 2 || performance.now() - t0 < warmUpMs; k++) await pass(i);
    }
    const out: IsolatedTiming[] = sides.map((s) => ({ label: s.label, cpuMs: [], wallMs: [], firstCpuMs: [] }));
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < sides.length; k++) {
        const i = (r + k) % sides.length;
        // One turn: passes until it has lasted turnMs, and at least minPasses; the sustained figure is
        // their median (the same rule for both sides: compromise's first pass after waiting is slower too).
        const cpu: number[] = [], wall: number[] = [];
        const t0 = performance.now();
        do {
          const p = await pass(i);
          if (p.results !== texts.length) throw new Error(`${sides[i].label}: ${p.results} results for ${texts.length} texts`);
          cpu.push(p.cpuMs);
          wall.push(p.wallMs);
        } while (cpu.length < minPasses || performance.now() - t0 < turnMs);
        out[i].cpuMs.push(median(cpu));
        out[i].wallMs.push(median(wall));
        out[i].firstCpuMs.push(cpu[0]);
      }
    }
    return out;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
