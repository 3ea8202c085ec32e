// Types shared by the benchmark sections (sections.ts, compromise.ts, storeBench.ts), the runner (bench.ts)
// and the isolated-worker timing (isolated.ts, speedWorker.ts). Types only: no module imports this one
// for values, so it closes no import cycle.
import type { AnalyzeFn } from '../eval/evaluate';
import type { LoadedRecognizer, RecognizerChoice } from '../eval/recognizer';
import type { MemorySampler } from './memory';

export interface BenchContext {
  /** The development data folder, when `--data` was given. */
  dataDir?: string;
  /** analyze() bound to the chosen recognizer. */
  analyze: AnalyzeFn;
  recognizer: LoadedRecognizer;
  /** `--model FILE`, when given. */
  modelFile?: string;
  /** The seed article's text. */
  seedText: string;
  seedName: string;
  memory: MemorySampler;
  /** Scales every minimum measuring time and run count (1 normally, 0.2 with --quick). */
  timeScale: number;
}

export interface BenchRow {
  section: string;
  case: string;
  /** Characters processed per run. */
  chars?: number;
  /** Measured runs (warm-up excluded). */
  runs?: number;
  /** Median wall time of one run, in milliseconds. */
  msPerRun?: number;
  /** Fastest and slowest measured run, in milliseconds (how noisy the median is). */
  msRange?: [number, number];
  /** chars / median run time. */
  charsPerSec?: number;
  /** Highest heapUsed sampled while this row was measured, in bytes. */
  peakHeapBytes?: number;
  note?: string;
}

export interface BenchSection {
  id: string;
  title: string;
  /** True when the section needs `--data`; it is skipped (with a note) otherwise. */
  needsData?: boolean;
  run(ctx: BenchContext): BenchRow[] | Promise<BenchRow[]>;
}

export interface PairedTiming {
  label: string;
  /** Per round: milliseconds of CPU time of this process for one pass over all texts. */
  cpuMs: number[];
  /** Per round: wall milliseconds for the same pass. */
  wallMs: number[];
}

/** What isolated.ts hands a speed worker (speedWorker.ts). */
export interface SpeedWorkerData {
  side: 'analyze' | 'compromise';
  texts: string[];
  recognizer?: RecognizerChoice;
  modelFile?: string;
}
/** One timed pass of a speed worker over its texts. */
export interface SpeedPass { cpuMs: number; wallMs: number; results: number }
