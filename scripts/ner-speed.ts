// Speed / equivalence harness for the perceptron name tagger's optimised inference.
//   npx tsx scripts/ner-speed.ts equiv [--data ../shared/data]   all tags identical to the frozen reference
//   npx tsx scripts/ner-speed.ts ab [--rounds 5]                  analyze() chars/s (CPU time), new vs reference, interleaved
//   npx tsx scripts/ner-speed.ts new|ref [--rounds N]             one side only (for --cpu-prof)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../src/engine';
import { tokenize } from '../src/engine/tokenize';
import type { Tokenized } from '../src/engine/tokenize';
import type { NameMention, NameRecognizer } from '../src/engine/recognizer';
import { loadModel } from '../src/engine/ner';
import { TYPES } from '../src/engine/ner/features';
import { tagTokenized, tagsToSpans, Scratch } from '../src/engine/ner/model';
import { tagTokenizedReference } from '../test/support/nerReference';

const args = process.argv.slice(2);
const mode = args[0] ?? 'ab';
const opt = (name: string, def: string): string => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
const dataDir = path.resolve(opt('--data', path.join(__dirname, '..', '..', 'shared', 'data')));
const rounds = Number(opt('--rounds', '5'));
const docs: string[] = fs.readFileSync(path.join(dataDir, 'conll2003', 'dev.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text as string);
const totalChars = docs.reduce((a, d) => a + d.length, 0);

const t0 = process.hrtime.bigint();
const model = loadModel();
const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;

class RefRecognizer implements NameRecognizer {
  readonly id = 'perceptron-ner-reference';
  recognize(text: string, doc: Tokenized = tokenize(text)): NameMention[] {
    if (doc.tokens.length === 0) return [];
    const { tags } = tagTokenizedReference(model, doc);
    const toks = doc.tokens;
    return tagsToSpans(tags).map((s) => ({ start: toks[s.first].start, end: toks[s.last - 1].end, label: TYPES[s.type] }));
  }
}
const ref = new RefRecognizer();

function cpuMs(f: () => void): number {
  const a = process.cpuUsage();
  f();
  const b = process.cpuUsage(a);
  return (b.user + b.system) / 1000;
}
const runNew = () => { for (const d of docs) analyze(d); };
const runRef = () => { for (const d of docs) analyze(d, { recognizer: ref }); };

if (mode === 'equiv') {
  const scratch = new Scratch();
  let toks = 0, bad = 0;
  const seed = fs.readFileSync(path.join(__dirname, '..', 'seeds', 'trump-xi-tiktok-call.txt'), 'utf8');
  // Twice over so that the second round runs against a warm cross-document cache.
  for (const text of [...docs, seed, ...docs, seed, docs.join('\n\n')]) {
    const doc = tokenize(text);
    const a = tagTokenized(model, doc, scratch), b = tagTokenizedReference(model, doc);
    toks += doc.tokens.length;
    if (a.tags.length !== b.tags.length || a.tags.some((t, i) => t !== b.tags[i]) || a.tags1.some((t, i) => t !== b.tags1[i])) bad++;
  }
  console.log(`equivalence: ${toks} tokens, ${bad} documents differ`);
  process.exit(bad ? 1 : 0);
} else if (mode === 'ab') {
  console.log(`model load ${loadMs.toFixed(1)} ms; ${docs.length} docs, ${totalChars} chars`);
  runNew(); runRef(); runNew(); runRef();
  const rn: number[] = [], rr: number[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2) { rr.push(cpuMs(runRef)); rn.push(cpuMs(runNew)); } else { rn.push(cpuMs(runNew)); rr.push(cpuMs(runRef)); }
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
  const fmt = (ms: number) => `${(totalChars / (ms / 1000) / 1e6).toFixed(3)} M chars/s (${ms.toFixed(0)} ms CPU)`;
  console.log(`reference analyze(): median ${fmt(med(rr))}  best ${fmt(Math.min(...rr))}`);
  console.log(`new       analyze(): median ${fmt(med(rn))}  best ${fmt(Math.min(...rn))}`);
} else if (mode === 'tag') {
  // tagTokenized only (pre-tokenized documents), new vs reference, interleaved.
  const toks = docs.map((d) => tokenize(d));
  const scratch = new Scratch();
  const tn = () => { for (const d of toks) tagTokenized(model, d, scratch); };
  const tr = () => { for (const d of toks) tagTokenizedReference(model, d); };
  tn(); tr(); tn(); tr();
  const rn: number[] = [], rr: number[] = [];
  for (let r = 0; r < rounds; r++) { rn.push(cpuMs(tn)); rr.push(cpuMs(tr)); }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
  console.log(`tagTokenized: reference median ${med(rr).toFixed(1)} ms (best ${Math.min(...rr).toFixed(1)}), new median ${med(rn).toFixed(1)} ms (best ${Math.min(...rn).toFixed(1)}) for ${totalChars} chars`);
} else {
  const f = mode === 'ref' ? runRef : runNew;
  f();
  const ms: number[] = [];
  for (let r = 0; r < rounds; r++) ms.push(cpuMs(f));
  console.log(mode, ms.map((m) => (totalChars / m / 1000).toFixed(3)).join(' '), 'M chars/s');
}
