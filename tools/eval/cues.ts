// npx tsx tools/eval/cues.ts --data ../shared/data [--split dev|train] [--min N] [--cue WORD] [--gold]
//
// Precision of each attribution cue on PolNeAR: for every cue (grouped by a crude stem, with "to" kept
// when it follows: "declined to" is not "declined"), the predicted segments it produced, how many match
// a gold segment (all kinds, one-to-one, IoU >= 0.5, as the eval's "all kinds" row), their precision,
// and their share of all gold segments (recall contribution). --cue WORD lists that cue's predictions
// with the words after it and whether each matched; --gold prints the gold cues the engine misses most.
// A cue decision is checked on both splits (train and dev) before it is made.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../../src/engine';
import { loadPolnear } from './datasets';
import { OVERLAP_IOU, trimQuoteMarks } from './evaluate';
import { formatTable, matchByOverlap, pct } from './score';

const { values } = parseArgs({
  options: {
    data: { type: 'string' }, split: { type: 'string', default: 'dev' }, min: { type: 'string', default: '5' },
    cue: { type: 'string' }, gold: { type: 'boolean', default: false },
  },
});
if (!values.data || (values.split !== 'dev' && values.split !== 'train')) {
  process.stderr.write('usage: npx tsx tools/eval/cues.ts --data DIR [--split dev|train] [--min N] [--cue WORD] [--gold]\n');
  process.exit(2);
}
const min = Number(values.min);

/** A crude stem: "declined", "declines", "declining", "decline" → "declin". */
export function stem(word: string): string {
  const w = word.toLowerCase();
  if (w.length <= 4) return w.replace(/s$/, '');
  return w.replace(/(?:ing|ed|es|s|e)$/, '').replace(/i$/, 'y');
}

interface Row { predicted: number; matched: number; touching: number; speakerOk: number; examples: Set<string> }
const byCue = new Map<string, Row>();
const goldByCue = new Map<string, { gold: number; found: number }>();
let goldTotal = 0;
const listing: string[] = [];

for (const doc of loadPolnear(path.resolve(values.data), values.split as 'dev' | 'train')) {
  const t = doc.text;
  const gold = doc.quotes.map((q) => ({ ...trimQuoteMarks(t, q.start, q.end), q }));
  goldTotal += gold.length;
  const a = analyze(t);
  const pred = a.quotes.map((q) => ({ ...trimQuoteMarks(t, q.content.start, q.content.end), q }));
  const pairs = matchByOverlap(gold, pred, OVERLAP_IOU);
  const goldOf = new Map(pairs.map(([g, p]) => [p, g]));
  const found = new Set(pairs.map(([g]) => g));
  pred.forEach((p, i) => {
    const cue = p.q.cue;
    const words = cue ? cue.text.split(/\s+/) : ['(none)'];
    const after = cue ? t.slice(cue.end, cue.end + 40).trim().split(/\s+/) : [];
    let key = words.map(stem).join(' ');
    if (cue && after[0]?.toLowerCase() === 'to' && words.length === 1) key += ' to';
    const row = byCue.get(key) ?? { predicted: 0, matched: 0, touching: 0, speakerOk: 0, examples: new Set() };
    row.predicted++;
    row.examples.add(cue ? cue.text.toLowerCase() : '(none)');
    const g = goldOf.get(i);
    if (gold.some((x) => x.start < p.end && p.start < x.end)) row.touching++;
    if (g !== undefined) {
      row.matched++;
      const gq = gold[g].q;
      const gs = typeof gq.speaker_start === 'number' ? { start: gq.speaker_start, end: gq.speaker_end as number } : undefined;
      const ps = p.q.speaker;
      if (gs ? ps !== undefined && ps.start < gs.end && gs.start < ps.end : !ps) row.speakerOk++;
    }
    byCue.set(key, row);
    if (values.cue && cue && words.some((w) => stem(w) === stem(values.cue!))) {
      listing.push(`${g !== undefined ? 'MATCH' : 'miss '} ${doc.id}  ${p.q.speaker?.text ?? '-'} | ${cue.text} ${after.slice(0, 6).join(' ')}`);
    }
  });
  gold.forEach((g, i) => {
    const key = g.q.cue_text ? g.q.cue_text.toLowerCase().split(/\s+/).map(stem).join(' ') : '(none)';
    const r = goldByCue.get(key) ?? { gold: 0, found: 0 };
    r.gold++;
    if (found.has(i)) r.found++;
    goldByCue.set(key, r);
  });
}

const rows = [...byCue].filter(([, r]) => r.predicted >= min).sort((x, y) => y[1].predicted - x[1].predicted);
console.log(`PolNeAR ${values.split}: ${goldTotal} gold segments; predicted segments by cue (>= ${min}); matched = IoU >= ${OVERLAP_IOU} to a gold segment of any kind`);
console.log('(any-overlap precision: the share of predictions that overlap some gold segment at all, i.e. are attributions with\n' +
  'wrong bounds at worst; the difference to precision is boundary errors, not invented attributions)');
console.log(formatTable([['cue', 'forms', 'pred', 'matched', 'precision', 'any-overlap P', 'speaker ok', 'recall share'],
  ...rows.map(([k, r]) => [k, [...r.examples].slice(0, 3).join('/'), String(r.predicted), String(r.matched), pct(r.matched / r.predicted), pct(r.touching / r.predicted),
    String(r.speakerOk), pct(r.matched / goldTotal)])], { align: ['left', 'left'] }));
if (values.gold) {
  const g = [...goldByCue].filter(([, r]) => r.gold >= min).sort((x, y) => (y[1].gold - y[1].found) - (x[1].gold - x[1].found)).slice(0, 60);
  console.log('\nGold cues by segments missed');
  console.log(formatTable([['gold cue', 'gold', 'found', 'missed'], ...g.map(([k, r]) => [k, String(r.gold), String(r.found), String(r.gold - r.found)])]));
}
if (listing.length) console.log(`\n${listing.join('\n')}`);
