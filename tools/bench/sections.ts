// Benchmark sections behind `npm run bench`. A section is a named function that returns table rows;
// bench.ts runs the selected sections in order and prints one table. To add a benchmark (annotation-store
// anchoring, a comparison with another library...), write a BenchSection (types.ts) in a module of its
// own and add it to `sections` below; use measureThroughput() (measure.ts) for timing so every row is
// measured the same way.
import * as path from 'node:path';
import { mulberry32 } from '../util/prng';
import { loadConll } from '../eval/datasets';
import { findModelFile, loadRecognizer } from '../eval/recognizer';
import { compromiseSection } from './compromise';
import { measureThroughput } from './measure';
import { collectGarbage } from './memory';
import { storeSection } from './storeBench';
import { jobsSection } from './jobsBench';
import { learnSection } from './learnBench';
import { indexSection } from './indexBench';
import type { BenchSection } from './types';

// ---------------------------------------------------------------------------------------------------
// A large synthetic article

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
  const random = mulberry32(20251126);
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
export const sections: BenchSection[] = [modelLoadSection, seedSection, megabyteSection, conllSection, compromiseSection,
  jobsSection((seed) => syntheticArticle(seed, ONE_MB)), storeSection, learnSection, indexSection];
