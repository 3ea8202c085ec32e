// Time per pipeline stage of analyze(): inside analyze() and alone.
//   npx tsx tools/bench/profile.ts [--data ../shared/data] [--rounds 15] [--only conll|seed]
//
// For each corpus (the CoNLL-2003 dev documents one by one; the seed article ×50) and round: one pass of
// analyze() over the corpus untimed per stage (CPU time), one pass with AnalyzeOptions.stageTimes (wall
// time per stage inside analyze(), where caches and garbage collection are shared with the other
// stages: on a busy machine it also counts time spent waiting for the CPU), and each stage alone over
// the corpus on the inputs analyze() gives it (CPU time). Medians; for the stages alone also the fastest
// round, the least disturbed by other processes and by garbage left by the stage before.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../../src/engine/analyze';
import { documentFacts } from '../../src/engine/facts';
import { tokenize, type Tokenized } from '../../src/engine/tokenize';
import { PerceptronRecognizer } from '../../src/engine/ner';
import { refineType } from '../../src/engine/refine';
import { findValues } from '../../src/engine/values';
import { buildAliasClusters as buildClusters } from '../../src/engine/clusters';
import { attachDescriptors } from '../../src/engine/descriptors';
import { findQuotes } from '../../src/engine/quotes';
import { EntityTokenIndex } from '../../src/engine/entityIndex';
import type { NameMention } from '../../src/engine/recognizer';
import type { Analysis, Entity } from '../../src/engine/types';
import { loadConll } from '../eval/datasets';
import { formatTable } from '../eval/score';

const ROOT = path.join(__dirname, '..', '..');
const { values: opts } = parseArgs({
  options: {
    data: { type: 'string', default: path.join(ROOT, '..', 'shared', 'data') },
    rounds: { type: 'string', default: '15' },
    only: { type: 'string' },
  },
});
const rounds = Number(opts.rounds);
const recognizer = new PerceptronRecognizer();

interface Prepared { text: string; doc: Tokenized; mentions: NameMention[]; result: Analysis; index: EntityTokenIndex }

const cpuMs = (f: () => void): number => { const a = process.cpuUsage(); f(); const b = process.cpuUsage(a); return (b.user + b.system) / 1000; };
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const bare = (es: Entity[]): Entity[] => es.map((e) => ({ start: e.start, end: e.end, text: e.text, type: e.type }));

function profile(label: string, texts: string[]): void {
  const docs: Prepared[] = texts.map((text) => {
    const doc = tokenize(text);
    const result = analyze(text);
    return { text, doc, mentions: recognizer.recognize(text, doc), result, index: new EntityTokenIndex(doc.tokens, result.entities) };
  });
  // Inputs that a stage mutates are copied outside the timed region.
  // Each stage alone, on the inputs analyze() gives it; inputs a stage mutates are copied outside the timing.
  const alone: [string, (ds: Prepared[]) => (() => void)][] = [
    ['tokenize', (ds) => () => { for (const d of ds) tokenize(d.text); }],
    ['name tagger', (ds) => () => { for (const d of ds) recognizer.recognize(d.text, d.doc); }],
    ['refineType', (ds) => () => { for (const d of ds) for (const m of d.mentions) refineType(m, d.text.slice(m.start, m.end), d.text); }],
    ['findValues', (ds) => () => { for (const d of ds) findValues(d.text); }],
    ['buildClusters', (ds) => { const es = ds.map((d) => bare(d.result.entities)); return () => { for (const e of es) buildClusters(e); }; }],
    ['EntityTokenIndex', (ds) => () => { for (const d of ds) new EntityTokenIndex(d.doc.tokens, d.result.entities); }],
    ['attachDescriptors', (ds) => {
      const cs = ds.map((d) => d.result.clusters.map((c) => ({ ...c, descriptors: [] })));
      return () => { ds.forEach((d, i) => attachDescriptors(d.text, d.doc.tokens, d.result.entities, cs[i], d.index)); };
    }],
    ['findQuotes', (ds) => () => { for (const d of ds) findQuotes(d.text, d.doc, d.result.entities, d.index, d.result.clusters); }],
    ['documentFacts', (ds) => () => { for (const d of ds) documentFacts(d.text, d.doc, d.result.entities, d.result.quotes.length); }],
  ];
  const aloneMs = new Map<string, number[]>(alone.map(([n]) => [n, []]));
  const inContext = new Map<string, number[]>();
  const wholeMs: number[] = [];
  for (let r = -2; r < rounds; r++) { // two warm-up rounds
    const t = cpuMs(() => { for (const d of docs) analyze(d.text); });
    const stageTimes = new Map<string, number>();
    for (const d of docs) analyze(d.text, { stageTimes });
    for (const [name, make] of alone) { const f = make(docs); const ms = cpuMs(f); if (r >= 0) aloneMs.get(name)!.push(ms); }
    if (r < 0) continue;
    wholeMs.push(t);
    for (const [n, ms] of stageTimes) inContext.set(n, [...(inContext.get(n) ?? []), ms]);
  }
  const whole = median(wholeMs);
  const sumInContext = [...inContext.values()].reduce((a, ts) => a + median(ts), 0);
  const chars = texts.reduce((a, t) => a + t.length, 0);
  const pct = (ms: number, of: number) => `${((100 * ms) / of).toFixed(1)}%`;
  const rows = [['stage', 'in analyze(): ms/pass', '%', 'min–max', 'alone: ms/pass (fastest)']];
  for (const [n, ts] of inContext) {
    const a = aloneMs.get(n);
    rows.push([n, median(ts).toFixed(2), pct(median(ts), sumInContext), `${Math.min(...ts).toFixed(1)}–${Math.max(...ts).toFixed(1)}`, a ? `${median(a).toFixed(2)} (${Math.min(...a).toFixed(2)})` : '']);
  }
  rows.push(['sum of stages', sumInContext.toFixed(2), '100%', '', '']);
  rows.push(['whole analyze(), no stage timing', whole.toFixed(2), '', `${Math.min(...wholeMs).toFixed(1)}–${Math.max(...wholeMs).toFixed(1)}`, '']);
  const notOurs = median(inContext.get('name tagger')!) + median(inContext.get('findQuotes')!) + median(inContext.get('refineType')!);
  console.log(`\n${label}: ${texts.length} texts, ${chars.toLocaleString('en-US')} chars, median of ${rounds} rounds (CPU time). ` +
    `whole analyze() ${(chars / whole / 1000).toFixed(2)} M chars/s; stages other than the tagger, refineType and quotes: ` +
    `${(sumInContext - notOurs).toFixed(1)} ms/pass (${pct(sumInContext - notOurs, sumInContext)})`);
  console.log(formatTable(rows, { align: ['left', 'right', 'right', 'right', 'right'] }));
}

const seed = fs.readFileSync(path.join(ROOT, 'seeds', 'trump-xi-tiktok-call.txt'), 'utf8');
if (opts.only !== 'seed') profile('CoNLL-2003 dev documents', loadConll(opts.data!).map((d) => d.text));
if (opts.only !== 'conll') profile('seed article ×50', Array(50).fill(seed));
