// npm run eval -- --data ../shared/data [--recognizer rules|model] [--model FILE] [--json out.json] [--only conll,polnear,gum,gumall,uner] [--limit N] [--polnear-split dev|train]
//
// Scores analyze() against the development data (see evaluate.ts for how each span is scored).
// The data folder is only ever read from the path given; nothing from it is written into the repo.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../../src/engine';
import {
  DATA_FILES, loadConll, loadGumAllNames, loadGumNames, loadGumTimes, loadPolnear, loadUner, missingFiles, type DataFileKey,
} from './datasets';
import {
  CONLL_TYPES, OVERLAP_IOU, QUOTE_KINDS, evaluateConll, evaluateGumNames, evaluateGumTimes, evaluatePolnear, evaluateUner,
  type AnalyzeFn, type DocError, type EntitySuiteResult, type QuoteSuiteResult, type TimeSuiteResult,
} from './evaluate';
import { RECOGNIZER_CHOICES, isRecognizerChoice, loadRecognizer } from './recognizer';
import { PRF_HEADER, formatTable, pct, prf, prfRow, type Accuracy } from './score';

const SUITES = ['conll', 'polnear', 'gum', 'gumall', 'uner'] as const;
type Suite = (typeof SUITES)[number];
const SUITE_FILES: Record<Suite, DataFileKey[]> = {
  conll: ['conll'], polnear: ['polnear'], gum: ['gumNames', 'gumTimes'], gumall: ['gumAll'], uner: ['unerDev', 'unerTest'],
};

const USAGE = `usage: npm run eval -- --data DIR [--recognizer ${RECOGNIZER_CHOICES.join('|')}] [--model FILE] [--json FILE] [--only ${SUITES.join(',')}] [--limit N]
  --data DIR        the development data folder (e.g. ../shared/data); required
  --recognizer R    model (PerceptronRecognizer, the default, as in analyze()) or rules (the v0 RuleRecognizer)
  --model FILE      model file for --recognizer model (default: models/ner.bin)
  --json FILE       also write every number to FILE
  --only LIST       run only these suites (comma-separated)
  --limit N         only the first N documents of each file (quick checks; not comparable numbers)
  --polnear-split S dev (the default) or train: which PolNeAR split the polnear suite scores (train checks
                    that a rule written from dev errors holds on other documents)`;

function fail(message: string, code = 2): never {
  process.stderr.write(`eval: ${message}\n${USAGE}\n`);
  process.exit(code);
}

function parse(): { dataDir: string; recognizer: string; model?: string; json?: string; suites: Suite[]; limit?: number; polnearSplit: 'dev' | 'train' } {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' },
        recognizer: { type: 'string', default: 'model' },
        model: { type: 'string' },
        json: { type: 'string' },
        only: { type: 'string' },
        limit: { type: 'string' },
        'polnear-split': { type: 'string', default: 'dev' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (!values.data) fail('--data DIR is required (the development data is never read from a built-in path)');
  const suites = values.only ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : [...SUITES];
  for (const s of suites) if (!(SUITES as readonly string[]).includes(s)) fail(`unknown suite in --only: ${s}`);
  let limit: number | undefined;
  if (values.limit !== undefined) {
    limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit <= 0) fail(`--limit must be a positive integer, got ${values.limit}`);
  }
  const polnearSplit = values['polnear-split'] ?? 'dev';
  if (polnearSplit !== 'dev' && polnearSplit !== 'train') fail(`--polnear-split must be dev or train, got ${polnearSplit}`);
  return { dataDir: values.data, recognizer: values.recognizer ?? 'model', model: values.model, json: values.json, suites: suites as Suite[], limit, polnearSplit };
}

const displayPath = (file: string): string => {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
};
const acc = (a: Accuracy): string => `${pct(a.accuracy)}% (${a.correct}/${a.total})`;

function printEntities(title: string, r: EntitySuiteResult): void {
  console.log(`\n${title}: ${r.docs} docs, ${r.gold} gold, ${r.predicted} predicted — exact span + type`);
  const rows = [[...PRF_HEADER], prfRow('micro', r.micro)];
  for (const t of CONLL_TYPES) rows.push(prfRow(t, r.byType[t]!));
  // PER/ORG/LOC only (MISC gold and predictions left out), the figure GUM targets are stated in.
  const three = (['PER', 'ORG', 'LOC'] as const).reduce((c, t) => ({ tp: c.tp + r.byType[t]!.tp, fp: c.fp + r.byType[t]!.fp, fn: c.fn + r.byType[t]!.fn }), { tp: 0, fp: 0, fn: 0 });
  rows.push(prfRow('PER+ORG+LOC', prf(three)));
  console.log(formatTable(rows));
}

function printTimes(title: string, r: TimeSuiteResult): void {
  console.log(`\n${title}: ${r.docs} docs, ${r.gold} gold (outermost of ${r.goldAll} GUM time mentions), ${r.predicted} predicted DATE/TIME`);
  console.log(formatTable([[...PRF_HEADER], prfRow('exact', r.exact), prfRow('overlap', r.overlap)]));
}

function printQuotes(title: string, r: QuoteSuiteResult): void {
  const all = r.byKind.all;
  console.log(`\n${title}: ${r.docs} docs, ${all.gold} gold segments (${all.goldAttributions} attributions), ${all.predicted} predicted — ` +
    `quote contents (marks and edge punctuation trimmed); overlap = one-to-one, IoU >= ${OVERLAP_IOU}`);
  const header = ['kind', 'gold', 'pred', 'exact P', 'exact R', 'exact F1', 'overlap P', 'overlap R', 'overlap F1', 'speaker acc (matched)', 'quote+speaker F1', 'attribution recall'];
  const rows = [header];
  for (const k of [...QUOTE_KINDS, 'all'] as const) {
    const s = r.byKind[k];
    rows.push([k === 'all' ? 'all kinds' : k, String(s.gold), String(s.predicted), pct(s.exact.precision), pct(s.exact.recall), pct(s.exact.f1),
      pct(s.overlap.precision), pct(s.overlap.recall), pct(s.overlap.f1), acc(s.speaker), pct(s.quoteSpeaker.f1), acc(s.groupRecall)]);
  }
  console.log(formatTable(rows));
  console.log(`unmatched predicted direct quotes on mixed/indirect gold: ${r.fpOverlappingOtherKinds}`);
}

/** True when the model's README records a training command that included the GUM documents. */
function trainedOnGum(modelFile: string): boolean {
  try {
    return /--gum\b/.test(fs.readFileSync(path.join(path.dirname(modelFile), 'README.md'), 'utf8'));
  } catch {
    return false;
  }
}

function main(): void {
  const args = parse();
  const dataDir = path.resolve(args.dataDir);
  if (!fs.existsSync(dataDir) || !fs.statSync(dataDir).isDirectory()) fail(`data folder not found: ${args.dataDir}`);
  const needed = args.suites.flatMap((s) => (s === 'polnear' && args.polnearSplit === 'train' ? ['polnearTrain' as const] : SUITE_FILES[s]));
  const missing = missingFiles(dataDir, needed);
  if (missing.length) fail(`the data folder ${args.dataDir} lacks: ${missing.join(', ')}`);
  if (!isRecognizerChoice(args.recognizer)) fail(`--recognizer must be one of ${RECOGNIZER_CHOICES.join('|')}, got ${args.recognizer}`);

  let loaded;
  try {
    loaded = loadRecognizer(args.recognizer, args.model);
  } catch (e) {
    fail((e as Error).message);
  }
  const recognizer = loaded.recognizer;
  const run: AnalyzeFn = (text) => analyze(text, { recognizer });
  const take = <T>(docs: T[]): T[] => (args.limit ? docs.slice(0, args.limit) : docs);

  console.log(`News Lens evaluation — recognizer: ${args.recognizer} (${recognizer.id}${loaded.modelFile ? `, ${displayPath(loaded.modelFile)}` : ''})` +
    `${args.limit ? ` — first ${args.limit} docs per file` : ''}`);
  const errors: DocError[] = [];
  const timingMs: Record<string, number> = {};
  const timed = <T>(name: string, f: () => T): T => {
    const t0 = performance.now();
    const r = f();
    timingMs[name] = Math.round(performance.now() - t0);
    return r;
  };
  const results: Record<string, unknown> = {};

  if (args.suites.includes('conll')) {
    const r = timed('conll', () => evaluateConll(take(loadConll(dataDir)), run, errors));
    results.conll = r;
    printEntities(`CoNLL-2003 dev (${DATA_FILES.conll})`, r);
  }
  if (args.suites.includes('polnear')) {
    const split = args.polnearSplit;
    const docs = take(loadPolnear(dataDir, split));
    const r = timed('polnear', () => evaluatePolnear(docs, run, errors));
    results.polnear = r;
    printQuotes(`PolNeAR ${split} (${DATA_FILES[split === 'train' ? 'polnearTrain' : 'polnear']})`, r);
    // The same, against PolNeAR's kinds exactly as filed (its ''…'' segments stay indirect).
    const own = evaluatePolnear(docs, run, [], { ownKinds: true });
    results.polnearOwnKinds = own;
    printQuotes(`PolNeAR ${split}, PolNeAR's own kinds (no ''…'' correction)`, own);
  }
  if (args.suites.includes('gum')) {
    const names = timed('gumNames', () => evaluateGumNames(take(loadGumNames(dataDir)), run, errors));
    const times = timed('gumTimes', () => evaluateGumTimes(take(loadGumTimes(dataDir)), run, errors));
    results.gum = { names, times };
    printEntities(`GUM news names (${DATA_FILES.gumNames})`, names);
    if (loaded.modelFile && trainedOnGum(loaded.modelFile)) {
      console.log('note: this model was trained on these GUM documents too (see models/README.md), so the table above is a\n' +
        'training-set score; the fair GUM figure is the cross-validated one: npm run cv:gum -- --data DIR --folds 5 ...');
    }
    printTimes(`GUM news time expressions (${DATA_FILES.gumTimes})`, times);
  }

  if (args.suites.includes('gumall')) {
    const all = take(loadGumAllNames(dataDir));
    const names = timed('gumAll', () => evaluateGumNames(all, run, errors));
    results.gumAll = names;
    printEntities(`GUM all genres, names (${DATA_FILES.gumAll})`, names);
    // The 20 news documents are the ones earlier models trained on: the others, alone.
    const notNews = all.filter((d) => !d.id.startsWith('GUM_news_'));
    const other = evaluateGumNames(notNews, run, errors);
    results.gumAllNotNews = other;
    printEntities(`GUM all genres except news (${notNews.length} docs)`, other);
    if (loaded.modelFile && trainedOnGum(loaded.modelFile)) {
      console.log('note: check models/README.md for which GUM documents this model was trained on: figures on those are\n' +
        'training-set scores; the fair figure is the cross-validated one (npm run cv -- --data DIR ...)');
    }
  }
  if (args.suites.includes('uner')) {
    for (const split of ['dev', 'test'] as const) {
      const r = timed(`uner-${split}`, () => evaluateUner(take(loadUner(dataDir, split)), run, errors));
      results[`uner${split === 'dev' ? 'Dev' : 'Test'}`] = r;
      printEntities(`UNER English EWT ${split} (${split === 'dev' ? DATA_FILES.unerDev : DATA_FILES.unerTest}; gold PER/ORG/LOC only: the PER+ORG+LOC row is the figure)`, r);
    }
  }

  console.log(`\nanalyze wall time: ${Object.entries(timingMs).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}`);

  if (args.json) {
    const out = {
      recognizer: args.recognizer,
      limit: args.limit ?? null,
      files: Object.fromEntries(needed.map((k) => [k, DATA_FILES[k]])),
      ...results,
      errors: errors.map(({ suite, id, message }) => ({ suite, id, message: message.split('\n')[0] })),
      timingMs,
      recognizerId: recognizer.id,
      modelLoadMs: loaded.choice === 'model' ? Math.round(loaded.loadMs) : null,
    };
    fs.writeFileSync(args.json, `${JSON.stringify(out, null, 2)}\n`);
    console.log(`wrote ${args.json}`);
  }

  if (errors.length) {
    const first = errors[0]!;
    process.stderr.write(`\neval: analyze() threw on ${errors.length} document(s) (scored as empty predictions). First: ${first.suite} ${first.id}\n${first.message}\n`);
    process.exit(1);
  }
}

main();
