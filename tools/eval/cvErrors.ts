// Errors of the cross-validated names model on UNER (and GUM), for error analysis without in-sample bias:
// each held-out document is analysed with the fold model that never saw it (the fold models of
// `npm run cv -- --work DIR`), and every false positive / false negative is listed with its context.
//
//   npx tsx tools/eval/cvErrors.ts --data ../shared/data --work DIR [--set uner-dev|uner-test|gum] [--folds 5]
import { parseArgs } from 'node:util';
import * as path from 'node:path';
import { analyze } from '../../src/engine';
import { PerceptronRecognizer } from '../../src/engine/ner';
import { foldOfIds } from '../train/trainer';
import { loadGumAllNames, loadUner } from './datasets';
import { conllEntities } from './evaluate';

const { values } = parseArgs({ options: { data: { type: 'string' }, work: { type: 'string' }, set: { type: 'string', default: 'uner-dev' }, folds: { type: 'string', default: '5' } } });
if (!values.data || !values.work) { console.error('usage: npx tsx tools/eval/cvErrors.ts --data DIR --work DIR [--set uner-dev|uner-test|gum]'); process.exit(2); }
const dataDir = path.resolve(values.data);
const folds = Number(values.folds);
const gum = loadGumAllNames(dataDir);
const unerDev = loadUner(dataDir, 'dev');
const unerTest = loadUner(dataDir, 'test');
const gumFold = foldOfIds(gum.map((d) => d.id), folds);
const unerFold = foldOfIds([...unerDev, ...unerTest].map((d) => d.id), folds);
const docs = values.set === 'gum' ? gum.map((d) => ({ ...d, fold: gumFold.get(d.id)! }))
  : (values.set === 'uner-test' ? unerTest : unerDev).map((d) => ({ ...d, fold: unerFold.get(d.id)! }));
const recognizers = Array.from({ length: folds }, (_, k) => new PerceptronRecognizer(path.join(values.work!, `fold-${k}`, 'ner.bin')));
const key = (e: { start: number; end: number; type: string }) => `${e.start}:${e.end}:${e.type}`;
for (const d of docs) {
  const pred = conllEntities(analyze(d.text, { recognizer: recognizers[d.fold] })).filter((e) => e.type !== 'MISC' || values.set === 'gum');
  const gold = d.entities.map((e) => ({ start: e.start, end: e.end, type: e.type as string }));
  const g = new Set(gold.map(key)), p = new Set(pred.map(key));
  const ctx = (s: number, e: number) => `${d.text.slice(Math.max(0, s - 40), s).replace(/\s+/g, ' ')}[${d.text.slice(s, e)}]${d.text.slice(e, e + 40).replace(/\s+/g, ' ')}`;
  for (const e of pred) if (!g.has(key(e))) console.log(['FP', e.type, JSON.stringify(d.text.slice(e.start, e.end)), gold.find((x) => x.start < e.end && e.start < x.end)?.type ?? '-', d.id, ctx(e.start, e.end)].join('\t'));
  for (const e of gold) if (!p.has(key(e))) console.log(['FN', e.type, JSON.stringify(d.text.slice(e.start, e.end)), pred.find((x) => x.start < e.end && e.start < x.end)?.type ?? '-', d.id, ctx(e.start, e.end)].join('\t'));
}
