// How much slower analyze() runs right after a memory-reducing full garbage collection — what gc() does,
// and what V8's memory reducer runs when a thread falls idle — against no collection, a minor one and an
// ordinary major one: passes over the CoNLL-2003 dev documents in rotated order, CPU time, median of
// rounds. A memory-reducing collection frees the hidden classes of objects no longer alive (an ordinary
// one keeps them for a few collections) and with them the optimised code that used them (see
// SHAPE_SAMPLE in src/engine/analyze.ts).
//   taskset -c 1 npx tsx scripts/gc-penalty.ts [--data ../shared/data] [--rounds 11]
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { parseArgs } from 'node:util';
import { analyze } from '../src/engine/analyze';
import { loadConll } from '../src/eval/datasets';
import { median } from '../src/util/median';

const { values: opts } = parseArgs({
  options: { data: { type: 'string', default: path.join(__dirname, '..', '..', 'shared', 'data') }, rounds: { type: 'string', default: '11' } },
});
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as (o?: { type: 'major' | 'minor' }) => void;
const collect = { none: () => undefined, minor: () => gc({ type: 'minor' }), major: () => gc({ type: 'major' }), full: () => gc() };
const texts = loadConll(opts.data!).map((d) => d.text);
const pass = (): number => { const c = process.cpuUsage(); for (const t of texts) analyze(t); const d = process.cpuUsage(c); return (d.user + d.system) / 1000; };
for (let w = 0; w < 3; w++) pass();
const kinds = ['none', 'minor', 'major', 'full'] as const;
const ms: Record<(typeof kinds)[number], number[]> = { none: [], minor: [], major: [], full: [] };
for (let r = 0; r < Number(opts.rounds); r++) {
  for (let k = 0; k < kinds.length; k++) {
    const kind = kinds[(r + k) % kinds.length];
    collect[kind]();
    ms[kind].push(pass());
  }
}
const none = median(ms.none);
for (const kind of kinds) {
  console.log(`GC before the pass: ${kind.padEnd(5)}  ${median(ms[kind]).toFixed(1)} ms per pass (${Math.min(...ms[kind]).toFixed(1)}–${Math.max(...ms[kind]).toFixed(1)})  ${(median(ms[kind]) / none).toFixed(2)}x`);
}
