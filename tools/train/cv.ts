// Cross-validation of the perceptron name recogniser on GUM (all 16 genres) and UNER English EWT at once.
//
//   npm run cv -- --data ../shared/data [--folds 5] [--jobs 1] [--work DIR] [--json FILE]
//                 [--train-args="--gum --gum-all --gum-weight 1 --uner --uner-weight 2 ..."]  (note the =)
//                 [--only-folds 1,2] (train and score only these folds: quick comparisons) [--reuse] (score fold
//                 models already in --work instead of training them again)
//
// Folds: the 191 GUM all-genre documents by their index in the id-sorted list, mod N (ids start with the
// genre, so each fold holds about 1/N of every genre); the 634 UNER documents (dev + test together) the
// same way. Fold model k is `tools/train/train.ts <train-args> --exclude-gum-ids <GUM fold k>
// --uner-folds N --uner-fold k --no-report`: CoNLL-2003 train plus whatever the train args add, minus
// both held-out parts (epochs still selected on CoNLL-2003 dev). Every held-out document is scored
// through the whole pipeline, analyze(text, { recognizer }), with `npm run eval`'s scorer; counts are
// summed over folds. Reported: GUM all genres, its 20 news documents, every other genre, UNER dev
// documents and UNER test documents (PER+ORG+LOC strict), and CoNLL-2003 dev of each fold model.
// Nothing from the data folder is written into the repository: fold models go to --work.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { trainInChild } from './trainProcess';
import { analyze } from '../../src/engine';
import { PerceptronRecognizer } from '../../src/engine/ner';
import { foldOfIds } from './trainer';
import { loadConll, loadGumAllNames, loadUner } from '../eval/datasets';
import { CONLL_TYPES, evaluateConll, evaluateGumNames, evaluateUner, type DocError, type EntitySuiteResult } from '../eval/evaluate';
import { PRF_HEADER, formatTable, prf, prfRow, type Counts } from '../eval/score';

const USAGE = 'usage: npm run cv -- --data DIR [--folds 5] [--jobs 1] [--work DIR] [--json FILE] [--train-args="--gum --gum-all ..."]';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    folds: { type: 'string', default: '5' },
    jobs: { type: 'string', default: '1' },
    work: { type: 'string' },
    json: { type: 'string' },
    'train-args': { type: 'string', default: '' },
    'only-folds': { type: 'string' },
    reuse: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
  allowPositionals: false,
});
if (values.help) { console.log(USAGE); process.exit(0); }
if (!values.data) { console.error(USAGE); process.exit(2); }
const dataDir = path.resolve(values.data);
const folds = Number(values.folds);
const jobs = Math.max(1, Number(values.jobs));
const trainArgs = values['train-args']!.split(/\s+/).filter(Boolean);
if (!Number.isInteger(folds) || folds < 2) { console.error('--folds must be an integer >= 2'); process.exit(2); }
// --only-folds 1,3: train and score only these folds (1-based; quick comparisons, not the full CV).
const onlyFolds = values['only-folds'] ? values['only-folds'].split(',').map((x) => Number(x) - 1) : Array.from({ length: folds }, (_, k) => k);
if (onlyFolds.some((k) => !Number.isInteger(k) || k < 0 || k >= folds)) { console.error('--only-folds: fold numbers 1..N'); process.exit(2); }
const tag = trainArgs.join('').replace(/[^A-Za-z0-9]+/g, '') || 'conll';
const workDir = path.resolve(values.work ?? path.join(os.tmpdir(), `news-lens-cv-${tag}-f${folds}`));
const root = path.resolve(__dirname, '..', '..');
const t0 = performance.now();
const log = (msg: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${msg}`);

const gum = loadGumAllNames(dataDir);
const unerDev = loadUner(dataDir, 'dev');
const unerTest = loadUner(dataDir, 'test');
const gumFold = foldOfIds(gum.map((d) => d.id), folds);
const unerFold = foldOfIds([...unerDev, ...unerTest].map((d) => d.id), folds);

function trainFold(k: number): Promise<string> {
  const out = path.join(workDir, `fold-${k}`);
  mkdirSync(out, { recursive: true });
  // --reuse: a fold model already in the work folder (from an earlier run with the same arguments) is scored again.
  if (values.reuse && existsSync(path.join(out, 'ner.bin'))) { log(`fold ${k + 1}/${folds}: reusing ${out}/ner.bin`); return Promise.resolve(path.join(out, 'ner.bin')); }
  const held = gum.filter((d) => gumFold.get(d.id) === k).map((d) => d.id);
  const args = [
    '--data', dataDir, '--out', out, '--no-report', ...trainArgs,
    '--exclude-gum-ids', held.join(','), '--uner-folds', String(folds), '--uner-fold', String(k),
  ];
  return trainInChild(root, args, out, `fold ${k + 1}/${folds}`, log);
}

async function trainAll(): Promise<string[]> {
  const models: string[] = new Array(folds);
  let next = 0;
  const worker = async () => { while (next < onlyFolds.length) { const k = onlyFolds[next++]; models[k] = await trainFold(k); } };
  await Promise.all(Array.from({ length: Math.min(jobs, onlyFolds.length) }, worker));
  return models;
}

type Sums = Record<string, Counts>;
const zero = (): Sums => Object.fromEntries(CONLL_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
function addTo(sum: Sums, r: EntitySuiteResult): void {
  for (const t of CONLL_TYPES) {
    const c = r.byType[t];
    if (c) { sum[t].tp += c.tp; sum[t].fp += c.fp; sum[t].fn += c.fn; }
  }
}
const total = (sum: Sums, ts: readonly string[]): Counts =>
  ts.reduce((c, t) => ({ tp: c.tp + sum[t].tp, fp: c.fp + sum[t].fp, fn: c.fn + sum[t].fn }), { tp: 0, fp: 0, fn: 0 });

async function main(): Promise<void> {
  log(`GUM all-genre: ${gum.length} docs; UNER dev + test: ${unerDev.length + unerTest.length} docs; ${folds} folds; train args: ${trainArgs.join(' ') || '(none)'}`);
  const models = await trainAll();
  const sets = { gumAll: zero(), gumNews: zero(), gumOther: zero(), unerDev: zero(), unerTest: zero() };
  const conllF1: number[] = [];
  const errors: DocError[] = [];
  const conll = loadConll(dataDir);
  for (const k of onlyFolds) {
    const recognizer = new PerceptronRecognizer(models[k]);
    const run = (text: string) => analyze(text, { recognizer });
    const heldGum = gum.filter((d) => gumFold.get(d.id) === k);
    addTo(sets.gumAll, evaluateGumNames(heldGum, run, errors));
    addTo(sets.gumNews, evaluateGumNames(heldGum.filter((d) => d.id.startsWith('GUM_news_')), run, errors));
    addTo(sets.gumOther, evaluateGumNames(heldGum.filter((d) => !d.id.startsWith('GUM_news_')), run, errors));
    addTo(sets.unerDev, evaluateUner(unerDev.filter((d) => unerFold.get(d.id) === k), run, errors));
    addTo(sets.unerTest, evaluateUner(unerTest.filter((d) => unerFold.get(d.id) === k), run, errors));
    const c = evaluateConll(conll, run, errors);
    conllF1.push(c.micro.f1);
    log(`fold ${k + 1}: CoNLL-2003 dev F1 ${(100 * c.micro.f1).toFixed(2)}`);
  }
  if (errors.length) { console.error(`analyze() threw on ${errors.length} document(s): ${errors[0].message}`); process.exit(1); }
  const out: Record<string, unknown> = { folds, onlyFolds: onlyFolds.map((k) => k + 1), trainArgs, conllDevF1: conllF1 };
  const summary = [['set', ...PRF_HEADER.slice(1)]];
  for (const [name, sum] of Object.entries(sets)) {
    const three = prf(total(sum, ['PER', 'ORG', 'LOC']));
    out[name] = { perOrgLoc: three, byType: Object.fromEntries(CONLL_TYPES.map((t) => [t, prf(sum[t])])) };
    summary.push(prfRow(name, three));
  }
  if (onlyFolds.length < folds) console.log(`\nONLY folds ${onlyFolds.map((k) => k + 1).join(',')} of ${folds} (not the full cross-validation)`);
  console.log(`\n${folds}-fold cross-validation, train args: ${trainArgs.join(' ') || '(none)'} — PER+ORG+LOC, exact span + type through analyze(), counts summed over folds`);
  console.log(formatTable(summary));
  for (const name of ['gumAll', 'unerDev', 'unerTest'] as const) {
    const rows = [[...PRF_HEADER]];
    for (const t of CONLL_TYPES) if (name === 'gumAll' || t !== 'MISC') rows.push(prfRow(t, prf(sets[name][t])));
    console.log(`\n${name} by type:\n${formatTable(rows)}`);
  }
  console.log(`\nCoNLL-2003 dev F1 of the fold models: ${conllF1.map((f) => (100 * f).toFixed(2)).join(', ')}; mean ${(100 * conllF1.reduce((a, b) => a + b, 0) / conllF1.length).toFixed(2)}`);
  log('done');
  if (values.json) { writeFileSync(values.json, `${JSON.stringify(out, null, 2)}\n`); console.log(`wrote ${values.json}`); }
}

main().catch((e) => { console.error(e); process.exit(1); });
