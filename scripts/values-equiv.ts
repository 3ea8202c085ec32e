// Proves the gated findValues() (src/engine/values.ts) gives the same output as the plain global scans it
// replaced (test/support/valuesReference.ts), and times both.
//   npx tsx scripts/values-equiv.ts [--data ../shared/data] [--rounds 9]
// Compared: every `text` of every *.jsonl under the data directory (recursively) and the seeds. Timed: one
// pass over the CoNLL-2003 dev documents per side and round, interleaved with the order rotated
// (src/eval/bench.ts timePaired); reported is the median CPU time with its range and the median of the
// per-round ratios. Pin it to one core for the least noise: taskset -c 0 npx tsx scripts/values-equiv.ts
// Exit status 1 on any difference.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import { median, timePaired } from '../src/eval/bench';
import { findValues } from '../src/engine/values';
import { findValuesReference } from '../test/support/valuesReference';

const ROOT = path.join(__dirname, '..');
const { values: opts } = parseArgs({
  options: { data: { type: 'string', default: path.join(ROOT, '..', 'shared', 'data') }, rounds: { type: 'string', default: '9' } },
});
const dataDir = path.resolve(opts.data!);

function jsonlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? jsonlFiles(p) : e.name.endsWith('.jsonl') ? [p] : [];
  }).sort();
}

function textsOf(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).flatMap((l) => {
    const o = JSON.parse(l) as { text?: unknown };
    return typeof o.text === 'string' ? [o.text] : [];
  });
}

const sources: { name: string; texts: string[] }[] = jsonlFiles(dataDir).map((f) => ({ name: path.relative(dataDir, f), texts: textsOf(f) }));
const seedDir = path.join(ROOT, 'seeds');
sources.push({ name: 'seeds', texts: fs.readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort().map((f) => fs.readFileSync(path.join(seedDir, f), 'utf8')) });

let texts = 0, chars = 0, values = 0, differences = 0;
for (const { name, texts: ts } of sources) {
  let diff = 0;
  ts.forEach((text, i) => {
    const got = findValues(text), want = findValuesReference(text);
    values += want.length;
    if (!isDeepStrictEqual(got, want)) {
      if (differences + diff < 5) console.log(`DIFF ${name} #${i}: ${got.length} values, reference ${want.length}`);
      diff++;
    }
  });
  texts += ts.length;
  chars += ts.reduce((a, t) => a + t.length, 0);
  differences += diff;
  console.log(`  ${name.padEnd(36)} ${String(ts.length).padStart(6)} texts  ${diff} differences`);
}
console.log(`findValues equivalence: ${texts} texts, ${chars.toLocaleString('en-US')} chars, ${values.toLocaleString('en-US')} values; ${differences} differences`);

const dev = path.join(dataDir, 'conll2003', 'dev.jsonl');
if (fs.existsSync(dev)) {
  const devTexts = textsOf(dev);
  const rounds = Number(opts.rounds);
  const [o, n] = timePaired(devTexts, [{ label: 'old', run: findValuesReference }, { label: 'new', run: findValues }], rounds);
  const ms = (xs: number[]) => `${median(xs).toFixed(2)} ms (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;
  const ratios = o!.cpuMs.map((x, i) => x / n!.cpuMs[i]!);
  console.log(`CPU time per pass over ${devTexts.length} CoNLL-2003 dev documents (${devTexts.reduce((a, t) => a + t.length, 0).toLocaleString('en-US')} chars), ` +
    `median of ${rounds} rounds (range), node ${process.version}, load average ${os.loadavg()[0]!.toFixed(2)}:`);
  console.log(`  old ${ms(o!.cpuMs)}  new ${ms(n!.cpuMs)}  old/new ${median(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`);
} else {
  console.log(`no ${dev}: timing skipped`);
}
process.exit(differences ? 1 : 0);
