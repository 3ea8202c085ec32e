// npx tsx tools/eval/references.ts --data ../shared/data [--file gum/all_mentions_train.jsonl] [--show N]
//
// Precision of the resolved references (Analysis.references: "He" → Donald Trump) against GUM's
// coreference. A reference is aligned with the GUM mention of the same span (for a description, the
// shortest mention starting where it starts and ending at or after its end); it is right when the
// cluster it names has a mention before it that is a mention of the same GUM entity (same end, starting
// at or before the name: "U.S. President Donald Trump" is a mention of "Donald Trump"). References with
// no aligned GUM mention are counted apart. Figures by source (an attribution's speaker, or any other
// pronoun or description) and kind.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../../src/engine';
import { readJsonl } from './datasets';
import { formatTable, pct } from './score';

interface GumMention { start: number; end: number; cluster: string; text: string; type: string }
interface GumDoc { id: string; text: string; entities: GumMention[] }

const { values } = parseArgs({ options: { data: { type: 'string' }, file: { type: 'string', default: 'gum/all_mentions_train.jsonl' }, show: { type: 'string', default: '0' } } });
if (!values.data) {
  process.stderr.write('usage: npx tsx tools/eval/references.ts --data DIR [--file gum/all_mentions_train.jsonl] [--show N]\n');
  process.exit(2);
}
const docs = readJsonl<GumDoc>(path.join(path.resolve(values.data), values.file!));
const rows = new Map<string, { n: number; aligned: number; right: number }>();
const wrong: string[] = [];
for (const doc of docs) {
  const a = analyze(doc.text);
  const speakers = new Set(a.quotes.map((q) => q.speaker?.start).filter((x) => x !== undefined));
  for (const r of a.references ?? []) {
    const key = `${speakers.has(r.start) ? 'speaker' : 'other'} ${r.kind}${r.kind === 'pronoun' ? ` (${r.text.toLowerCase()})` : ''}`;
    const keyAll = `${speakers.has(r.start) ? 'speaker' : 'other'} ${r.kind}`;
    const g = r.kind === 'pronoun'
      ? doc.entities.find((m) => m.start === r.start && m.end === r.end)
      : doc.entities.filter((m) => m.start === r.start && m.end >= r.end).sort((x, y) => x.end - y.end)[0];
    let right = false;
    if (g) {
      const gold = doc.entities.filter((m) => m.cluster === g.cluster && m !== g);
      right = a.clusters[r.cluster].mentions.some((i) => {
        const e = a.entities[i];
        return e.end <= r.start && gold.some((m) => m.end === e.end && m.start <= e.start);
      });
      if (!right && wrong.length < Number(values.show)) wrong.push(`${doc.id}: ${r.text} -> ${a.clusters[r.cluster].name} (gold: ${gold.map((m) => m.text).slice(0, 3).join(' / ') || 'singleton'})`);
    }
    for (const k of new Set([key, keyAll, 'all'])) {
      const row = rows.get(k) ?? { n: 0, aligned: 0, right: 0 };
      row.n++;
      if (g) row.aligned++;
      if (right) row.right++;
      rows.set(k, row);
    }
  }
}
console.log(`${values.file}: ${docs.length} documents; resolved references against GUM coreference`);
console.log(formatTable([['references', 'resolved', 'aligned to a GUM mention', 'right', 'precision (of aligned)'],
  ...[...rows].sort((x, y) => x[0].localeCompare(y[0])).map(([k, r]) => [k, String(r.n), String(r.aligned), String(r.right), pct(r.aligned ? r.right / r.aligned : 0)])]));
if (wrong.length) console.log(`\n${wrong.join('\n')}`);
