// analyze() before and after the pipeline speed work, and compromise, timed side by side in one process.
//   npx tsx scripts/pipeline-speed.ts [--data ../shared/data] [--rounds 9] [--old DIR | --rev GITREV] [--no-compromise] [--stages]
//
// The old analyze() has the old tokenize/values/clusters/descriptors/entityIndex stages and the current
// tagger, refine and quotes (scripts/pipeline-old.ts), so the difference is the speed work alone. All
// sides make one pass over the CoNLL-2003 dev documents per round (src/eval/bench.ts timePaired: warm-up,
// collected heap, rotated order). Reported: median chars/s in CPU time and wall time with their range,
// and the median of the per-round ratios compromise time / our time (the "N× faster" of issue 5).
// --stages: each optimised stage alone, old against new, on the inputs analyze() gives it, the same way.
// Run it pinned to one core for the least noise: taskset -c 1 npx tsx scripts/pipeline-speed.ts
// All sides share one heap here and a major GC is forced before each pass; that alone makes our next pass
// about 1.9x slower (see src/eval/isolated.ts), so the compromise ratio printed here is a pessimistic
// lower bound. `npm run bench` times compromise against the bundled engine in separate worker threads.
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../src/engine/analyze';
import { compromiseEntities } from '../src/eval/compromise';
import { loadConll } from '../src/eval/datasets';
import { median, timePaired } from '../src/eval/bench';
import { BASELINE_REV, currentStages, loadOldStages, type OldSource, type Stages } from './pipeline-old';

const ROOT = path.join(__dirname, '..');
const { values: opts } = parseArgs({
  options: {
    data: { type: 'string', default: path.join(ROOT, '..', 'shared', 'data') },
    rounds: { type: 'string', default: '9' },
    old: { type: 'string' },
    rev: { type: 'string' },
    'no-compromise': { type: 'boolean', default: false },
    stages: { type: 'boolean', default: false },
  },
});
const source: OldSource = opts.old ? { dir: opts.old } : { rev: opts.rev ?? BASELINE_REV };
const old = loadOldStages(source);
const texts = loadConll(opts.data!).map((d) => d.text);
const chars = texts.reduce((a, t) => a + t.length, 0);

if (opts.stages) {
  // Inputs per text, made once by the current pipeline; the stages that mutate them get copies.
  const inputs = new Map(texts.map((t) => {
    const doc = analyze(t);
    const tokens = currentStages.tokenize(t).tokens;
    const entities = doc.entities.map((e) => ({ start: e.start, end: e.end, text: e.text, type: e.type }));
    return [t, { tokens, doc, entities, index: new currentStages.EntityTokenIndex(tokens, doc.entities) }];
  }));
  const stage = (name: string, run: (s: Stages, t: string) => unknown) => {
    const [o, n] = timePaired(texts, [{ label: 'old', run: (t) => run(old.stages, t) }, { label: 'new', run: (t) => run(currentStages, t) }], Number(opts.rounds));
    const ms = (xs: number[]) => `${median(xs).toFixed(2)} ms (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;
    const ratios = o.cpuMs.map((x, i) => x / n.cpuMs[i]);
    console.log(`  ${name.padEnd(18)} old ${ms(o.cpuMs)}  new ${ms(n.cpuMs)}  old/new ${median(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`);
  };
  console.log(`stages alone, CPU ms per pass over ${texts.length} CoNLL dev documents (${chars.toLocaleString('en-US')} chars), median of ${opts.rounds} rounds (range), load average ${os.loadavg()[0].toFixed(2)}:`);
  stage('tokenize', (s, t) => s.tokenize(t));
  stage('findValues', (s, t) => s.findValues(t));
  stage('buildClusters', (s, t) => s.buildClusters(inputs.get(t)!.entities.map((e) => ({ ...e }))));
  stage('EntityTokenIndex', (s, t) => { const x = inputs.get(t)!; return new s.EntityTokenIndex(x.tokens, x.doc.entities); });
  stage('attachDescriptors', (s, t) => {
    const x = inputs.get(t)!;
    s.attachDescriptors(t, x.tokens, x.doc.entities, x.doc.clusters.map((c) => ({ ...c, descriptors: [] })), x.index);
    return true;
  });
  old.dispose();
  process.exit(0);
}

const sides = [
  { label: `analyze() before (${'rev' in source ? `git ${source.rev}` : source.dir} stages)`, run: (t: string) => old.stages.analyze(t) },
  { label: 'analyze() now', run: (t: string) => analyze(t) },
  ...(opts['no-compromise'] ? [] : [{ label: 'compromise people/orgs/places', run: compromiseEntities }]),
];
const results = timePaired(texts, sides, Number(opts.rounds));
old.dispose();

const mcs = (ms: number) => (chars / ms / 1000).toFixed(2);
const range = (xs: number[]) => `${mcs(Math.max(...xs))}–${mcs(Math.min(...xs))}`;
console.log(`${texts.length} CoNLL dev documents, ${chars.toLocaleString('en-US')} chars, ${opts.rounds} rounds; node ${process.version}, ` +
  `${os.availableParallelism()} of ${os.cpus().length} CPUs available to this process, load average ${os.loadavg()[0].toFixed(2)} at the end`);
for (const r of results) {
  console.log(`  ${r.label.padEnd(44)} CPU ${mcs(median(r.cpuMs))} M chars/s (${range(r.cpuMs)})   wall ${mcs(median(r.wallMs))} M chars/s (${range(r.wallMs)})`);
}
if (!opts['no-compromise']) {
  const theirs = results[results.length - 1];
  for (const ours of results.slice(0, 2)) {
    const ratios = (key: 'cpuMs' | 'wallMs') => ours[key].map((ms, i) => theirs[key][i] / ms);
    const fmt = (xs: number[]) => `${median(xs).toFixed(1)}× (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
    console.log(`  compromise time / ${ours.label}: CPU ${fmt(ratios('cpuMs'))}, wall ${fmt(ratios('wallMs'))}`);
  }
}
