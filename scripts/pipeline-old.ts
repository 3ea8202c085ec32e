// An older version of the pipeline stages next to the current one, and a stage-by-stage comparison of
// the two on one text. Used by scripts/pipeline-equiv.ts (all dev texts) and
// test/unit/pipeline.equivalence.test.ts (seed-derived and synthetic texts).
//
// The old stage files (tokenize, values, clusters, descriptors, entityIndex, analyze) come from a folder
// (a copy of src/engine's files) or from a git revision; every other engine module (tagger, refine,
// quotes, lexicon, types) is linked to the current one, so a difference can only come from the stages
// compared. The old analyze() gets a findQuotes(...) call with the current arguments, which the quotes stage owns.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../src/engine/analyze';
import { tokenize } from '../src/engine/tokenize';
import { findValues } from '../src/engine/values';
import { buildAliasClusters as buildClusters } from '../src/engine/clusters';
import { attachDescriptors } from '../src/engine/descriptors';
import { EntityTokenIndex } from '../src/engine/entityIndex';
import type { Cluster, Entity } from '../src/engine/types';

const ROOT = path.join(__dirname, '..');
const ENGINE = path.join(ROOT, 'src', 'engine');
/** The files whose old and new versions are compared. */
export const STAGE_FILES = ['tokenize.ts', 'values.ts', 'clusters.ts', 'descriptors.ts', 'entityIndex.ts', 'analyze.ts'];
/** The last commit before the speed work on these stages (issue 5). A change meant to alter what these
 *  stages output fails test/unit/pipeline.equivalence.test.ts: once it is committed, move this to it. */
export const BASELINE_REV = 'f428cee';

export const currentStages = { tokenize, findValues, buildClusters, attachDescriptors, EntityTokenIndex, analyze };
export type Stages = typeof currentStages;

export type OldSource = { dir: string } | { rev: string };

/** Loads the old stages into a temporary engine folder; call dispose() when done. Throws when the
 *  files cannot be had (no such folder, no git, or a shallow clone without the revision). */
export function loadOldStages(source: OldSource): { stages: Stages; dispose(): void } {
  const texts = STAGE_FILES.map((f) => 'rev' in source
    ? execFileSync('git', ['show', `${source.rev}:src/engine/${f}`], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    : fs.readFileSync(path.join(source.dir, f), 'utf8'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipeline-old-'));
  const engine = path.join(dir, 'engine');
  fs.mkdirSync(engine);
  STAGE_FILES.forEach((f, i) => fs.writeFileSync(path.join(engine, f), f === 'analyze.ts' ? withCurrentQuotesCall(texts[i]) : texts[i]));
  for (const f of fs.readdirSync(ENGINE)) {
    if (!STAGE_FILES.includes(f)) fs.symlinkSync(path.join(ENGINE, f), path.join(engine, f));
  }
  // The old stage files import the word lists by their former file name.
  if (!fs.existsSync(path.join(engine, 'lexicon.ts'))) fs.symlinkSync(path.join(ENGINE, 'wordLists.ts'), path.join(engine, 'lexicon.ts'));
  /* eslint-disable @typescript-eslint/no-require-imports */
  const load = (f: string) => require(path.join(engine, f));
  const stages: Stages = {
    tokenize: load('tokenize.ts').tokenize,
    findValues: load('values.ts').findValues,
    buildClusters: load('clusters.ts').buildClusters,
    attachDescriptors: load('descriptors.ts').attachDescriptors,
    EntityTokenIndex: load('entityIndex.ts').EntityTokenIndex,
    analyze: load('analyze.ts').analyze,
  };
  return { stages, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function withCurrentQuotesCall(oldAnalyze: string): string {
  const callLine = /^.*\bfindQuotes\(.*$/m;
  if (!callLine.test(oldAnalyze)) throw new Error('no findQuotes(...) line in analyze.ts');
  return oldAnalyze.replace(callLine, '  const quotes = findQuotes(text, doc, entities, entityIndex, clusters);');
}

export interface Difference { stage: string; detail: string }

/** Runs each stage of `old` and `cur` on the same inputs (for the later stages: the entities the current
 *  analyze() finds) and returns where their JSON differs. */
export function compareStages(old: Stages, cur: Stages, text: string): Difference[] {
  const out: Difference[] = [];
  const compare = (stage: string, a: unknown, b: unknown) => {
    const x = JSON.stringify(a), y = JSON.stringify(b);
    if (x === y) return;
    let i = 0;
    while (i < x.length && x[i] === y[i]) i++;
    out.push({ stage, detail: `at JSON char ${i}:\n  old ${x.slice(Math.max(0, i - 80), i + 80)}\n  new ${y.slice(Math.max(0, i - 80), i + 80)}` });
  };
  const doc = cur.tokenize(text);
  compare('tokenize', old.tokenize(text), doc);
  compare('findValues', old.findValues(text), cur.findValues(text));

  const ref = cur.analyze(text);
  const bare = (): Entity[] => ref.entities.map((e) => ({ start: e.start, end: e.end, text: e.text, type: e.type }));
  const e1 = bare(), e2 = bare();
  const c1 = old.buildClusters(e1), c2 = cur.buildClusters(e2);
  compare('buildClusters', [c1, e1], [c2, e2]);

  const i1 = new old.EntityTokenIndex(doc.tokens, e2), i2 = new cur.EntityTokenIndex(doc.tokens, e2);
  const at = (ix: InstanceType<Stages['EntityTokenIndex']>) => {
    const r: number[] = [];
    for (let k = -1; k <= doc.tokens.length; k++) { const e = ix.get(k); r.push(e ? e2.indexOf(e) : -1); }
    return r;
  };
  compare('EntityTokenIndex.get', at(i1), at(i2));
  compare('EntityTokenIndex.tokenRange', e2.map((e) => i1.tokenRange(e) ?? null), e2.map((e) => i2.tokenRange(e) ?? null));

  const fresh = (): Cluster[] => c2.map((c) => ({ ...c, aliases: [...c.aliases], mentions: [...c.mentions], descriptors: [] }));
  const d1 = fresh(), d2 = fresh();
  old.attachDescriptors(text, doc.tokens, e2, d1, i2);
  cur.attachDescriptors(text, doc.tokens, e2, d2, i2);
  compare('attachDescriptors', d1, d2);

  compare('analyze', old.analyze(text), ref);
  return out;
}
