// Training data out (src/cli/trainingFormats.ts; news-lens export --format spacy|conll|brat): exact
// output on a small text with a multi-token name, a non-BMP character before names (spaCy and brat
// count code points) and a name across a line break (brat fragments).
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../src/cli/cli';
import { toBrat, toConll, toSpacy } from '../../src/cli/trainingFormats';

// "😀" is two UTF-16 code units and one code point: every offset after it differs by one.
const TEXT = 'Donald Trump met 😀 Xi Jinping in Beijing.\nThe New York\nTimes said so.';
const EX = {
  text: TEXT,
  entities: [
    { start: 34, end: 41, type: 'GPE' }, // Beijing (given out of order)
    { start: 0, end: 12, type: 'PERSON' },
    { start: 20, end: 30, type: 'PERSON' }, // Xi Jinping
    { start: 47, end: 61, type: 'ORG' }, // New York\nTimes
    { start: 51, end: 55, type: 'GPE' }, // York: nested in the ORG, left out
  ],
};

describe('training data formats (export --format spacy|conll|brat)', () => {
  it('the fixture is what it says', () => {
    assert.equal(TEXT.slice(20, 30), 'Xi Jinping');
    assert.equal(TEXT.slice(34, 41), 'Beijing');
    assert.equal(TEXT.slice(47, 61), 'New York\nTimes');
    assert.equal(TEXT.slice(51, 55), 'York');
  });

  it('spacy: one JSON line, ents in code points, sorted, nested ones dropped', () => {
    assert.equal(toSpacy(EX), JSON.stringify({
      text: TEXT,
      ents: [
        { start: 0, end: 12, label: 'PERSON' }, { start: 19, end: 29, label: 'PERSON' },
        { start: 33, end: 40, label: 'GPE' }, { start: 46, end: 60, label: 'ORG' },
      ],
    }) + '\n');
  });

  it('conll: a token per line with BIO tags, a blank line between sentences', () => {
    assert.equal(toConll(EX), [
      'Donald\tB-PERSON', 'Trump\tI-PERSON', 'met\tO', '😀\tO', 'Xi\tB-PERSON', 'Jinping\tI-PERSON', 'in\tO', 'Beijing\tB-GPE', '.\tO', '',
      'The\tO', 'New\tB-ORG', 'York\tI-ORG', 'Times\tI-ORG', 'said\tO', 'so\tO', '.\tO', '', '',
    ].join('\n'));
  });

  it('conll: two names side by side each start with B-', () => {
    const text = 'Paris Hilton Berlin';
    assert.equal(toConll({ text, entities: [{ start: 0, end: 12, type: 'PERSON' }, { start: 13, end: 19, type: 'GPE' }] }),
      'Paris\tB-PERSON\nHilton\tI-PERSON\nBerlin\tB-GPE\n\n');
  });

  it('brat: T lines with code-point offsets; a name across a line break is two fragments', () => {
    assert.equal(toBrat(EX), [
      'T1\tPERSON 0 12\tDonald Trump',
      'T2\tPERSON 19 29\tXi Jinping',
      'T3\tGPE 33 40\tBeijing',
      'T4\tORG 46 54;55 60\tNew York Times',
      '',
    ].join('\n'));
    assert.equal(toBrat({ text: 'Donald', entities: [{ start: 0, end: 6, type: 'PERSON' }] }), 'T1\tPERSON 0 6\tDonald\n');
    assert.equal(toBrat({ text: 'x', entities: [] }), '');
  });

  it('news-lens export --format conll|spacy|brat writes the analysis of the article; bad formats list them all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nl-export-'));
    const file = join(dir, 'a.txt');
    writeFileSync(file, 'Angela Merkel visited Paris.\n');
    const run = async (args: string[]) => {
      let stdout = '', stderr = '';
      const code = await main(args, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, stdin: Readable.from(['']) });
      return { code, stdout, stderr };
    };
    const conll = await run(['export', '--format', 'conll', file]);
    assert.equal(conll.code, 0, conll.stderr);
    assert.equal(conll.stdout, 'Angela\tB-PERSON\nMerkel\tI-PERSON\nvisited\tO\nParis\tB-GPE\n.\tO\n\n');
    const brat = await run(['export', '--format', 'brat', `${file}.annotations.yaml`]);
    assert.equal(brat.stdout, 'T1\tPERSON 0 13\tAngela Merkel\nT2\tGPE 22 27\tParis\n');
    const spacy = await run(['export', '--format', 'spacy', file]);
    assert.deepEqual(JSON.parse(spacy.stdout).ents, [{ start: 0, end: 13, label: 'PERSON' }, { start: 22, end: 27, label: 'GPE' }]);
    const bad = await run(['export', '--format', 'iob', file]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown format "iob" \(expected w3c, csv, markdown, spacy, conll, brat\)/);
    assert.equal((await run(['export', '--format', 'brat', '--bom', file])).code, 2);
    const missing = await run(['export', '--format', 'brat', join(dir, 'nope.txt')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^news-lens export: .*nope\.txt/);
  });
});
