// npx tsx tools/eval/dump.ts --data ../shared/data --out FILE
//
// Writes analyze() of every development text (CoNLL-2003 train and dev, PolNeAR train and dev, all GUM
// training documents, UNER English dev, the seeds) as JSON Lines, and prints the count and a sha256 of the
// whole. A refactor that must not change the output is checked by dumping before and after and comparing
// (`cmp`, or the two printed hashes). The data folder is only read.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../../src/engine';

const FILES = ['conll2003/dev.jsonl', 'conll2003/train.jsonl', 'polnear/dev.jsonl', 'polnear/train.jsonl',
  'gum/all_names_train.jsonl', 'uner/en_ewt_dev.jsonl'];

const { values: opts } = parseArgs({ options: { data: { type: 'string' }, out: { type: 'string' } } });
if (!opts.data || !opts.out) {
  process.stderr.write('usage: npx tsx tools/eval/dump.ts --data DIR --out FILE\n');
  process.exit(2);
}
const root = join(__dirname, '..', '..');
const hash = createHash('sha256');
const lines: string[] = [];
const add = (line: string) => {
  lines.push(line);
  hash.update(line);
};
for (const file of FILES) {
  for (const line of readFileSync(join(opts.data, file), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const doc = JSON.parse(line) as { id: string; text: string };
    add(JSON.stringify({ file, id: doc.id, analysis: analyze(doc.text) }));
  }
}
for (const seed of readdirSync(join(root, 'seeds')).filter((f) => f.endsWith('.txt')).sort()) {
  add(JSON.stringify({ file: `seeds/${seed}`, analysis: analyze(readFileSync(join(root, 'seeds', seed), 'utf8')) }));
}
writeFileSync(opts.out, lines.join('\n') + '\n');
console.log(`${lines.length} texts, sha256 ${hash.digest('hex')}`);
