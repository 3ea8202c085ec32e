// Proves the optimised pipeline stages give byte-identical output to an older version of them.
//   npx tsx scripts/pipeline-equiv.ts [--data ../shared/data] [--old DIR | --rev GITREV]
//
// Old stages from DIR (a copy of src/engine's stage files) or a git revision, by default the last commit
// before the speed work (scripts/pipeline-old.ts BASELINE_REV). Each stage is compared on the same inputs,
// then the whole analyze(), on CoNLL-2003 dev, PolNeAR dev, the seed, the CoNLL documents concatenated
// and the synthetic 1 MB article.
// Exit status 1 on any difference.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConll, loadPolnear } from '../src/eval/datasets';
import { ONE_MB, syntheticArticle } from '../src/eval/bench';
import { BASELINE_REV, compareStages, currentStages, loadOldStages, type OldSource } from './pipeline-old';

const ROOT = path.join(__dirname, '..');
const { values: opts } = parseArgs({
  options: { data: { type: 'string', default: path.join(ROOT, '..', 'shared', 'data') }, old: { type: 'string' }, rev: { type: 'string' } },
});
const source: OldSource = opts.old ? { dir: opts.old } : { rev: opts.rev ?? BASELINE_REV };
const old = loadOldStages(source);

const seed = fs.readFileSync(path.join(ROOT, 'seeds', 'trump-xi-tiktok-call.txt'), 'utf8');
const conll = loadConll(opts.data!);
const texts: { name: string; text: string }[] = [
  ...conll.map((d) => ({ name: `conll ${d.id}`, text: d.text })),
  ...loadPolnear(opts.data!).map((d) => ({ name: `polnear ${d.id}`, text: d.text })),
  { name: 'seed', text: seed },
  { name: 'conll concatenated', text: conll.map((d) => d.text).join('\n\n') },
  { name: 'synthetic 1 MB', text: syntheticArticle(seed, ONE_MB) },
];

const counts = new Map<string, number>();
let shown = 0, chars = 0;
for (const { name, text } of texts) {
  chars += text.length;
  for (const d of compareStages(old.stages, currentStages, text)) {
    counts.set(d.stage, (counts.get(d.stage) ?? 0) + 1);
    if (shown++ < 5) console.log(`DIFF ${d.stage} in ${name} ${d.detail}`);
  }
}
old.dispose();
const total = [...counts.values()].reduce((a, b) => a + b, 0);
console.log(`pipeline equivalence (old: ${'rev' in source ? `git ${source.rev}` : source.dir}): ${texts.length} texts, ${chars.toLocaleString('en-US')} chars; ` +
  `stages tokenize, findValues, buildClusters, EntityTokenIndex, attachDescriptors, whole analyze(): ` +
  (total ? `${total} differences (${[...counts].map(([s, n]) => `${s} ${n}`).join(', ')})` : '0 differences'));
process.exit(total ? 1 : 0);
