// Benchmark sections behind `npm run bench`. A section is a named function that returns table rows;
// tools/bench/bench.ts runs the selected sections in order and prints one table. To add a benchmark
// (annotation-store anchoring, a comparison with another library...), write a BenchSection and add it
// to `sections` below (or push onto it from another module before tools/bench/bench.ts runs them); use
// measureThroughput() for timing so every row is measured the same way.
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { median } from '../util/median';
import { mulberry32 } from '../util/prng';
import { loadConll } from '../eval/datasets';
import type { AnalyzeFn } from '../eval/evaluate';
import { findModelFile, loadRecognizer, type LoadedRecognizer } from '../eval/recognizer';

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

// ---------------------------------------------------------------------------------------------------
// Memory

/** Tracks the highest rss and heapUsed seen. analyze() is synchronous, so the interval timer cannot
 *  fire during a call: measureThroughput() also samples after every run, when the call's garbage is
 *  still on the heap. The OS high-water mark (resourceUsage().maxRSS) is reported as well and is exact. */
export class MemorySampler {
  maxRss = 0;
  maxHeapUsed = 0;
  private windowHeap = 0;
  private timer: NodeJS.Timeout | undefined;

  start(intervalMs = 10): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
  }

  sample(): void {
    const m = process.memoryUsage();
    if (m.rss > this.maxRss) this.maxRss = m.rss;
    if (m.heapUsed > this.maxHeapUsed) this.maxHeapUsed = m.heapUsed;
    if (m.heapUsed > this.windowHeap) this.windowHeap = m.heapUsed;
  }

  /** Starts a window for a per-row peak. */
  mark(): void {
    this.windowHeap = process.memoryUsage().heapUsed;
  }

  /** Peak heapUsed since the last mark(). */
  windowPeakHeap(): number {
    this.sample();
    return this.windowHeap;
  }

  /** Peak resident set size of the process so far, from the OS, in bytes. */
  static osPeakRss(): number {
    return process.resourceUsage().maxRSS * 1024;
  }
}

let gcFn: (() => void) | undefined | null = null;
/** Runs a full garbage collection when possible, so rows start from a comparable heap. */
export function collectGarbage(): void {
  if (gcFn === null) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gcFn = vm.runInNewContext('gc') as () => void;
    } catch {
      gcFn = undefined;
    }
  }
  gcFn?.();
}

// ---------------------------------------------------------------------------------------------------
// Timing

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

export interface PairedTiming {
  label: string;
  /** Per round: milliseconds of CPU time of this process for one pass over all texts. */
  cpuMs: number[];
  /** Per round: wall milliseconds for the same pass. */
  wallMs: number[];
}

/**
 * Side-by-side timing of several functions over the same texts, fair to each: one untimed warm-up pass
 * each, then `rounds` rounds in which every function makes one pass over all texts, starting from a
 * collected heap (no one pays for another's garbage), in an order rotated round by round (no one is
 * always first or always after the same neighbour). Round r of each side are close in time, so the
 * ratio of round r is paired against load changes on a shared machine; report the median ratio.
 */
export function timePaired(texts: readonly string[], sides: ReadonlyArray<{ label: string; run: (text: string) => unknown }>, rounds: number): PairedTiming[] {
  const out: PairedTiming[] = sides.map((s) => ({ label: s.label, cpuMs: [], wallMs: [] }));
  let sink = 0;
  for (const side of sides) for (const t of texts) sink ^= side.run(t) ? 1 : 0;
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < sides.length; k++) {
      const i = (r + k) % sides.length;
      collectGarbage();
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      for (const t of texts) sink ^= sides[i].run(t) ? 1 : 0;
      const w1 = performance.now();
      const c = process.cpuUsage(c0);
      out[i].wallMs.push(w1 - w0);
      out[i].cpuMs.push((c.user + c.system) / 1000);
    }
  }
  if (sink === 2) console.log(''); // keeps the results observable
  return out;
}

/** Median of a list of numbers. */
export { median };

// ---------------------------------------------------------------------------------------------------
// A large synthetic article

/** Small deterministic PRNG (mulberry32). */
export const prng = mulberry32;

const NAME_VARIANTS: ReadonlyArray<readonly [RegExp, readonly string[]]> = [
  [/\bDonald Trump\b/g, ['Donald Trump', 'Joe Biden', 'Emmanuel Macron', 'Narendra Modi', 'Olaf Scholz']],
  [/\bTrump\b/g, ['Trump', 'Biden', 'Macron', 'Modi', 'Scholz']],
  [/\bXi Jinping\b/g, ['Xi Jinping', 'Li Qiang', 'Lula da Silva', 'Fumio Kishida', 'Yoon Suk Yeol']],
  [/\bXi\b/g, ['Xi', 'Li', 'Lula', 'Kishida', 'Yoon']],
  [/\bTikTok\b/g, ['TikTok', 'WeChat', 'Temu', 'Shein', 'CapCut']],
  [/\bByteDance\b/g, ['ByteDance', 'Tencent', 'PDD Holdings', 'Alibaba', 'Huawei']],
];

/** An article of at least `targetChars` characters (cut at a paragraph end) made of the seed's
 *  paragraphs, shuffled per block with a fixed PRNG and with the main names varied per block, so the
 *  text is not one paragraph sequence repeated verbatim. Deterministic. */
export function syntheticArticle(seed: string, targetChars: number): string {
  const paragraphs = seed.split(/\n+/).map((p) => p.trim()).filter(Boolean);
  if (paragraphs.length === 0) throw new Error('syntheticArticle: empty seed');
  const random = prng(20251126);
  const out: string[] = [];
  let length = 0;
  for (let block = 0; length < targetChars; block++) {
    const order = paragraphs.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) {
      let p = paragraphs[i]!;
      for (const [re, names] of NAME_VARIANTS) p = p.replace(re, names[block % names.length]!);
      out.push(p);
      length += p.length + 1;
      if (length >= targetChars) break;
    }
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------
// The sections

export const ONE_MB = 1024 * 1024;

export const seedSection: BenchSection = {
  id: 'seed',
  title: 'analyze() on the seed article',
  run: (ctx) => [measureThroughput(ctx, 'analyze', `seed article (${ctx.seedName})`, ctx.seedText, ctx.analyze,
    { warmupRuns: 20, minRuns: 20, minTimeMs: 2000, maxRuns: 200_000 })],
};

export const megabyteSection: BenchSection = {
  id: '1mb',
  title: 'analyze() on a synthetic 1 MB article',
  run: (ctx) => {
    const text = syntheticArticle(ctx.seedText, ONE_MB);
    return [measureThroughput(ctx, 'analyze', 'synthetic ~1 MB article (seed varied)', text, ctx.analyze,
      { warmupRuns: 1, minRuns: 3, minTimeMs: 3000, maxRuns: 2_000 })];
  },
};

export const conllSection: BenchSection = {
  id: 'conll',
  title: 'analyze() on the CoNLL-2003 dev text concatenated',
  needsData: true,
  run: (ctx) => {
    const text = loadConll(ctx.dataDir!).map((d) => d.text).join('\n\n');
    return [measureThroughput(ctx, 'analyze', 'CoNLL-2003 dev, all docs concatenated', text, ctx.analyze,
      { warmupRuns: 1, minRuns: 3, minTimeMs: 3000, maxRuns: 2_000 })];
  },
};

export const modelLoadSection: BenchSection = {
  id: 'model',
  title: 'trained recognizer load time',
  run: (ctx) => {
    const label = 'load PerceptronRecognizer model (read + deserialise)';
    if (ctx.recognizer.choice === 'model') {
      return [{ section: 'model', case: label, runs: 1, msPerRun: ctx.recognizer.loadMs, note: path.basename(ctx.recognizer.modelFile ?? '') }];
    }
    const file = findModelFile(ctx.modelFile);
    if (!file) return [{ section: 'model', case: label, note: 'no model file (models/ner.bin) yet' }];
    collectGarbage();
    ctx.memory.mark();
    try {
      const loaded = loadRecognizer('model', file);
      return [{ section: 'model', case: label, runs: 1, msPerRun: loaded.loadMs, peakHeapBytes: ctx.memory.windowPeakHeap(), note: path.basename(file) }];
    } catch (e) {
      return [{ section: 'model', case: label, note: `failed: ${(e as Error).message}` }];
    }
  },
};

/** Sections in run order. Add new ones here. */
export const sections: BenchSection[] = [modelLoadSection, seedSection, megabyteSection, conllSection];

// Registered here so `--only compromise` works; the module imports this one only for types.
import { compromiseSection } from './compromise';
import { storeSection } from './storeBench';
sections.push(compromiseSection, storeSection);
