// Learning an adapted name model from a workspace's corrected articles (issue 15 item 4, in the editor):
// the articles beside the sidecars, each one's corrected analysis as a training example (the same
// example as `news-lens learn`, src/learning/examples.ts), learned into an overlay of the shipped model.
// No `vscode` import: it runs in a worker thread (learnWorker.ts) and in unit tests.
import { learnModelBytes } from '../engine/ner/learn';
import type { TrainingExample } from '../engine/ner/learn';
import type { CorrectedExample } from './examples';
import { SIDECAR_SUFFIX } from '../store/sidecar';
import { learnOptionsOf, type LearnScope } from './scope';

/** The article each sidecar is beside (`a.txt.annotations.yaml` -> `a.txt`), each once, sorted. */
export function articlesOfSidecars(sidecars: readonly string[]): string[] {
  const out = new Set<string>();
  for (const s of sidecars) if (s.endsWith(SIDECAR_SUFFIX) && s.length > SIDECAR_SUFFIX.length) out.add(s.slice(0, -SIDECAR_SUFFIX.length));
  return [...out].sort();
}

/** What one learning run found and made. */
export interface LearnResult {
  /** The adapted model's bytes; undefined when no correction applies anywhere (the shipped model stays). */
  bytes?: Uint8Array;
  /** Articles whose corrections taught the model (at least one applied). */
  articles: number;
  /** Corrections applied in those articles. */
  corrections: number;
  /** Articles looked at. */
  scanned: number;
  /** Articles left out, and why (an unreadable or invalid sidecar); the others are still learned. */
  problems: { file: string; message: string }[];
  /** Milliseconds: reading and analysing the articles, and learning. */
  examplesMs: number;
  learnMs: number;
}

export interface LearnDeps {
  /** The corrected example of an article (correctedExampleOf). */
  exampleOf: (file: string) => Promise<CorrectedExample>;
  /** The shipped model's bytes (models/ner.bin). */
  baseBytes: () => Uint8Array;
  /** What the run may change (scope.ts; default 'all'). */
  scope?: LearnScope;
  now?: () => number;
}

/** Learns from the corrected ones among `articles`. An article that has gone (its sidecar left behind) is
 *  skipped without a word; one that cannot be read is reported in `problems` and left out. */
export async function learnFromArticles(articles: readonly string[], deps: LearnDeps): Promise<LearnResult> {
  const now = deps.now ?? (() => performance.now());
  const t0 = now();
  const examples: TrainingExample[] = [];
  const problems: LearnResult['problems'] = [];
  let corrections = 0;
  for (const file of articles) {
    try {
      const { example, applied } = await deps.exampleOf(file);
      if (applied === 0) continue;
      examples.push(example);
      corrections += applied;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      problems.push({ file, message: e instanceof Error ? e.message : String(e) });
    }
  }
  const t1 = now();
  const result: LearnResult = { articles: examples.length, corrections, scanned: articles.length, problems, examplesMs: t1 - t0, learnMs: 0 };
  if (examples.length === 0) return result;
  result.bytes = learnModelBytes(deps.baseBytes(), examples, learnOptionsOf(deps.scope ?? 'all'));
  result.learnMs = now() - t1;
  return result;
}
