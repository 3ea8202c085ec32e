// Cross-validation of the perceptron name recogniser on the GUM news names documents.
//
//   npm run cv:gum -- --data ../shared/data [--folds 5] [--gum-weight K] [--jobs 1] [--work DIR] [--json FILE]
//                     [--train-args="--epochs 12 ..."]   (note the =: the value starts with a dash)
//
// The 20 GUM documents are split into folds by their index in the id-sorted list (index mod N). For each
// fold k, `tools/train/train.ts --gum --gum-weight K --gum-folds N --gum-fold k --no-report` trains a model on
// CoNLL-2003 train plus the GUM documents of the other folds (epochs still selected on CoNLL-2003 dev),
// and the held-out fold is scored through the whole pipeline, analyze(text, { recognizer }), with the
// same scorer as `npm run eval` (exact span + type). Counts are summed over the folds. Reported: the
// PER+ORG+LOC micro row (the GUM target's figure), each type, and all four types.
// Nothing from the data folder is written into the repository: fold models go to --work (default: a
// folder under the OS temporary directory).
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { trainInChild } from './trainProcess';
import { analyze } from '../../src/engine';
import { PerceptronRecognizer } from '../../src/engine/ner';
import { foldOfIds } from './trainer';
import { loadGumNames } from '../eval/datasets';
import { CONLL_TYPES, evaluateGumNames, type DocError } from '../eval/evaluate';
import { PRF_HEADER, formatTable, prf, prfRow, type Counts, type Prf } from '../eval/score';

const USAGE = 'usage: npm run cv:gum -- --data DIR [--folds 5] [--gum-weight K] [--jobs 1] [--work DIR] [--json FILE] [--train-args="--opt ..."]';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    folds: { type: 'string', default: '5' },
    'gum-weight': { type: 'string', default: '1' },
    jobs: { type: 'string', default: '1' },
    work: { type: 'string' },
    json: { type: 'string' },
    'train-args': { type: 'string', default: '' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
  allowPositionals: false,
});
if (values.help) { console.log(USAGE); process.exit(0); }
if (!values.data) { console.error(USAGE); process.exit(2); }
const dataDir = path.resolve(values.data);
const folds = Number(values.folds);
const gumWeight = Number(values['gum-weight']);
const jobs = Math.max(1, Number(values.jobs));
const trainArgs = values['train-args']!.split(/\s+/).filter(Boolean);
if (!Number.isInteger(folds) || folds < 2) { console.error('--folds must be an integer >= 2'); process.exit(2); }
if (!Number.isInteger(gumWeight) || gumWeight < 1) { console.error('--gum-weight must be a positive integer'); process.exit(2); }
const tag = `w${gumWeight}${trainArgs.length ? '-' + trainArgs.join('').replace(/[^A-Za-z0-9]+/g, '') : ''}`;
const workDir = path.resolve(values.work ?? path.join(os.tmpdir(), `news-lens-cv-gum-${tag}`));
const root = path.resolve(__dirname, '..', '..');
const t0 = performance.now();
const log = (msg: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${msg}`);

/** Trains the model of fold k (a child process running tools/train/train.ts); resolves with its path. */
function trainFold(k: number): Promise<string> {
  const out = path.join(workDir, `fold-${k}`);
  mkdirSync(out, { recursive: true });
  const args = [
    '--data', dataDir, '--out', out, '--no-report',
    '--gum', '--gum-weight', String(gumWeight), '--gum-folds', String(folds), '--gum-fold', String(k),
    ...trainArgs,
  ];
  return trainInChild(root, args, out, `fold ${k + 1}/${folds}`, log);
}

async function trainAll(): Promise<string[]> {
  const models: string[] = new Array(folds);
  let next = 0;
  const worker = async () => {
    while (next < folds) { const k = next++; models[k] = await trainFold(k); }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, folds) }, worker));
  return models;
}

async function main(): Promise<void> {
  const docs = loadGumNames(dataDir);
  const foldOf = foldOfIds(docs.map((d) => d.id), folds);
  for (let k = 0; k < folds; k++) {
    log(`fold ${k + 1}/${folds} held out: ${docs.filter((d) => foldOf.get(d.id) === k).map((d) => d.id).sort().join(' ')}`);
  }
  const models = await trainAll();

  const sum: Record<string, Counts> = {};
  for (const t of CONLL_TYPES) sum[t] = { tp: 0, fp: 0, fn: 0 };
  const errors: DocError[] = [];
  const perFold: Array<{ fold: number; docs: string[]; perOrgLoc: Prf }> = [];
  for (let k = 0; k < folds; k++) {
    const held = docs.filter((d) => foldOf.get(d.id) === k);
    const recognizer = new PerceptronRecognizer(models[k]);
    const r = evaluateGumNames(held, (text) => analyze(text, { recognizer }), errors);
    const three: Counts = { tp: 0, fp: 0, fn: 0 };
    for (const t of CONLL_TYPES) {
      const c = r.byType[t] ?? { tp: 0, fp: 0, fn: 0 };
      sum[t].tp += c.tp; sum[t].fp += c.fp; sum[t].fn += c.fn;
      if (t !== 'MISC') { three.tp += c.tp; three.fp += c.fp; three.fn += c.fn; }
    }
    perFold.push({ fold: k, docs: held.map((d) => d.id), perOrgLoc: prf(three) });
  }
  if (errors.length) { console.error(`analyze() threw on ${errors.length} document(s): ${errors[0].message}`); process.exit(1); }

  const add = (ts: readonly string[]): Counts => ts.reduce((c, t) => ({ tp: c.tp + sum[t].tp, fp: c.fp + sum[t].fp, fn: c.fn + sum[t].fn }), { tp: 0, fp: 0, fn: 0 });
  const perOrgLoc = prf(add(['PER', 'ORG', 'LOC']));
  const all = prf(add(CONLL_TYPES));
  const byType = Object.fromEntries(CONLL_TYPES.map((t) => [t, prf(sum[t])]));

  console.log(`\nGUM news names, ${folds}-fold cross-validation (GUM weight ${gumWeight}${trainArgs.length ? `, train args: ${trainArgs.join(' ')}` : ''}), ` +
    `${docs.length} docs — exact span + type through analyze(), counts summed over folds`);
  const rows = [[...PRF_HEADER], prfRow('PER+ORG+LOC', perOrgLoc)];
  for (const t of CONLL_TYPES) rows.push(prfRow(t, byType[t]));
  rows.push(prfRow('all four', all));
  console.log(formatTable(rows));
  console.log('\nper fold (PER+ORG+LOC):');
  console.log(formatTable([[...PRF_HEADER], ...perFold.map((f) => prfRow(`fold ${f.fold + 1}`, f.perOrgLoc))]));
  log('done');

  if (values.json) {
    writeFileSync(values.json, `${JSON.stringify({ folds, gumWeight, trainArgs, docs: docs.length, perOrgLoc, byType, all, perFold }, null, 2)}\n`);
    console.log(`wrote ${values.json}`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
