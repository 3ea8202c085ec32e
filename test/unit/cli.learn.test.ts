// news-lens learn PATH... --out FILE and analyze --model FILE (src/cli/learn.ts, adaptedModel.ts,
// src/learning/examples.ts): learning from injected examples (so the test does not depend on how corrections
// are applied), the model used by analyze (files, --jsonl, and --jobs workers as a process), bad model
// files named in the error, and which articles count as corrected.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../src/cli/cli';
import { runLearn } from '../../src/cli/learn';
import { exampleFor } from '../../src/learning/examples';
import type { TrainingExample } from '../../src/engine/ner/learn';
import { deserializeAdapted } from '../../src/engine/ner/adapt';
import { featureOffset } from '../../src/engine/ner/model';
import { shippedModel } from '../../src/learning/adaptedModel';

const ROOT = join(__dirname, '..', '..');
const TEXT = 'Okonjo-Iweala urged members to act. Shares of Nvidia rose after Endeavour docked. The Mulberry Gazette said Ballarat is cold.\n';
const at = (s: string, type: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length, type });
const EXAMPLE: TrainingExample = {
  text: TEXT,
  entities: [at('Okonjo-Iweala', 'PERSON'), at('Nvidia', 'ORG'), at('Endeavour', 'PRODUCT'), at('Mulberry Gazette', 'ORG'), at('Ballarat', 'GPE')],
};
const NEXT = 'Okonjo-Iweala urged Nvidia to act.\n';

async function run(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, stdin: Readable.from([stdin]) });
  return { code, stdout, stderr };
}
function capture() {
  const io = { out: '', err: '', stdout: (s: string) => { io.out += s; }, stderr: (s: string) => { io.err += s; } };
  return io;
}

/** A workspace with two articles (a.txt corrected, b.txt not) and a model learned from a.txt's example. */
async function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'nl-learn-'));
  writeFileSync(join(dir, 'a.txt'), TEXT);
  writeFileSync(join(dir, 'b.txt'), NEXT);
  const asked: string[] = [];
  const io = capture();
  const model = join(dir, 'team.nlm');
  const code = await runLearn([dir, '--out', model], io, {
    exampleFor: async (file) => { asked.push(file); return file.endsWith('a.txt') ? EXAMPLE : undefined; },
  });
  return { dir, model, code, io, asked };
}

describe('news-lens learn and analyze --model', () => {
  it('learns from the corrected articles under a folder and writes the model', async () => {
    const { dir, model, code, io, asked } = await workspace();
    assert.equal(code, 0, io.err);
    assert.deepEqual(asked, [join(dir, 'a.txt'), join(dir, 'b.txt')]);
    assert.match(io.out, /^learned from 1 corrected article\(s\) of 2 \(5 names\) in [\d.]+ s; wrote .*team\.nlm \([\d,]+ bytes\)\n$/);
    assert.equal(readFileSync(model).subarray(0, 8).toString('latin1'), 'NLADAPT1');
  });

  it('analyze --model uses it (readable and --json); without it the shipped model answers', async () => {
    const { dir, model } = await workspace();
    const plain = await run(['analyze', '--json', join(dir, 'b.txt')]);
    const adapted = await run(['analyze', '--json', '--model', model, join(dir, 'b.txt')]);
    assert.equal(adapted.code, 0, adapted.stderr);
    const types = (out: string) => (JSON.parse(out) as { entities: { text: string; type: string }[] }).entities.map((e) => `${e.text}/${e.type}`);
    assert.deepEqual(types(plain.stdout), ['Okonjo-Iweala/ORG', 'Nvidia/ORG']);
    assert.deepEqual(types(adapted.stdout), ['Okonjo-Iweala/PERSON', 'Nvidia/ORG']);
    const summary = await run(['analyze', '--model', model, join(dir, 'b.txt')]);
    assert.match(summary.stdout, /Okonjo-Iweala\s+PERSON/);
  });

  it('--names-only learns the names without weight changes: a smaller file that still finds them', async () => {
    const { dir, model } = await workspace();
    const small = join(dir, 'names.nlm');
    const io = capture();
    assert.equal(await runLearn([dir, '--names-only', '--out', small], io, { exampleFor: async (f) => (f.endsWith('a.txt') ? EXAMPLE : undefined) }), 0, io.err);
    assert.ok(readFileSync(small).length < readFileSync(model).length, "no weight rows");
    const r = await run(['analyze', '--json', '--model', small, join(dir, 'b.txt')]);
    assert.match(r.stdout, /"text": "Okonjo-Iweala",\s+"type": "PERSON"/);
  });

  it('--new-words-only changes no weight the shipped model has: deltas only for buckets without a row', async () => {
    const { dir, model } = await workspace();
    const guarded = join(dir, 'guarded.nlm');
    const io = capture();
    assert.equal(await runLearn([dir, '--new-words-only', '--out', guarded], io, { exampleFor: async (f) => (f.endsWith('a.txt') ? EXAMPLE : undefined) }), 0, io.err);
    const shipped = shippedModel().model;
    const known = (file: string) => [...deserializeAdapted(readFileSync(file)).rows.keys()].filter((b) => featureOffset(shipped.index, shipped.blob, b) >= 0).length;
    assert.ok(known(model) > 0, 'the default changes weights the shipped model has');
    assert.ok(deserializeAdapted(readFileSync(guarded)).rows.size > 0, 'it still learns new words');
    assert.equal(known(guarded), 0);
    const both = capture();
    assert.equal(await runLearn([dir, '--names-only', '--new-words-only', '--out', guarded], both), 2);
    assert.match(both.err, /--names-only and --new-words-only cannot be combined/);
  });

  it('analyze --jsonl --model uses it', async () => {
    const { model } = await workspace();
    const line = JSON.stringify({ id: 'n1', text: NEXT }) + '\n';
    const plain = await run(['analyze', '--jsonl'], line);
    const adapted = await run(['analyze', '--jsonl', '--model', model], line);
    assert.equal(adapted.code, 0, adapted.stderr);
    assert.match(plain.stdout, /"Okonjo-Iweala","type":"ORG"/);
    assert.match(adapted.stdout, /"Okonjo-Iweala","type":"PERSON"/);
  });

  it('a missing, foreign or corrupt model file is an error naming the file (exit 1, nothing analysed)', async () => {
    const { dir, model } = await workspace();
    const article = join(dir, 'b.txt');
    const missing = await run(['analyze', '--model', join(dir, 'nope.nlm'), article]);
    assert.equal(missing.code, 1);
    assert.equal(missing.stdout, '');
    assert.equal(missing.stderr, `news-lens analyze: ${join(dir, 'nope.nlm')}: cannot read the model (no such file)\n`);
    const foreign = await run(['analyze', '--model', article, article]);
    assert.equal(foreign.stderr, `news-lens analyze: ${article}: not a News Lens adapted model (see news-lens learn)\n`);
    const bytes = readFileSync(model);
    bytes[bytes.length - 10] ^= 0xff;
    const bad = join(dir, 'bad.nlm');
    writeFileSync(bad, bytes);
    const corrupt = await run(['analyze', '--jsonl', '--model', bad], '{"text":"x"}\n');
    assert.equal(corrupt.code, 1);
    assert.equal(corrupt.stderr, `news-lens analyze: ${bad}: corrupt adapted model (checksum mismatch)\n`);
  });

  it('learns nothing and writes nothing when no article has corrections; usage errors exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nl-learn-'));
    writeFileSync(join(dir, 'b.txt'), NEXT);
    const io = capture();
    const out = join(dir, 'm.nlm');
    assert.equal(await runLearn([dir, '--out', out], io, { exampleFor: async () => undefined }), 1);
    assert.match(io.err, /none of the 1 article\(s\) has corrections; nothing learned/);
    assert.ok(!existsSync(out));
    for (const args of [[dir], ['--out', out], ['-', '--out', out]]) {
      const r = await run(['learn', ...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^news-lens learn: /);
    }
  });

  it('the real exampleFor: an article is an example when a correction applies, with the corrected names; a bad sidecar is an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nl-learn-'));
    for (const n of ['none', 'empty', 'notes', 'orphan', 'fixed', 'bad']) writeFileSync(join(dir, `${n}.txt`), TEXT);
    const at = TEXT.indexOf('Nvidia');
    writeFileSync(join(dir, 'empty.txt.annotations.yaml'), 'annotations: []\ncorrections: []\n');
    writeFileSync(join(dir, 'notes.txt.annotations.yaml'), 'annotations:\n  - id: a-1\n    note: a note\n    target: { exact: Nvidia }\n');
    writeFileSync(join(dir, 'orphan.txt.annotations.yaml'), 'corrections:\n  - id: c-1\n    kind: entity\n    action: retype\n    type: PERSON\n    target: { exact: Not in the text at all }\n');
    writeFileSync(join(dir, 'fixed.txt.annotations.yaml'), `corrections:\n  - id: c-1\n    kind: entity\n    action: retype\n    type: PERSON\n    target: { exact: Nvidia, start: ${at}, end: ${at + 6} }\n`);
    writeFileSync(join(dir, 'bad.txt.annotations.yaml'), 'corrections:\n  - id: c-1\n    kind: entity\n    action: retype\n    type: PERSONS\n    target: { exact: Nvidia }\n');
    for (const n of ['none', 'empty', 'notes', 'orphan']) assert.equal(await exampleFor(join(dir, `${n}.txt`)), undefined, n);
    const ex = await exampleFor(join(dir, 'fixed.txt'));
    assert.equal(ex?.text, TEXT);
    const nvidia = ex!.entities.filter((e) => TEXT.slice(e.start, e.end) === 'Nvidia');
    assert.ok(nvidia.length > 0 && nvidia.every((e) => e.type === 'PERSON'), JSON.stringify(nvidia));
    await assert.rejects(exampleFor(join(dir, 'bad.txt')), /bad\.txt\.annotations\.yaml:\d+:\d+: .*PERSONS/);
  });
});

describe('news-lens analyze --jsonl --jobs N --model FILE (dist/cli.js, worker threads)', function () {
  this.timeout(120_000);
  before(() => {
    execFileSync(process.execPath, ['esbuild.mjs', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  });

  it('the workers use the model: the same bytes as one thread with it, different from without it', async () => {
    const { model } = await workspace();
    const input = Array.from({ length: 120 }, (_, i) => JSON.stringify({ id: i, text: i % 2 ? NEXT : TEXT })).join('\n') + '\n';
    const cli = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { cwd: ROOT, input, encoding: 'utf8', maxBuffer: 1 << 26 });
    const one = cli(['analyze', '--jsonl', '--model', model]);
    const two = cli(['analyze', '--jsonl', '--jobs', '2', '--model', model]);
    const shipped = cli(['analyze', '--jsonl', '--jobs', '2']);
    assert.equal(one.status, 0, one.stderr);
    assert.equal(two.status, 0, two.stderr);
    assert.equal(two.stdout, one.stdout);
    assert.notEqual(shipped.stdout, one.stdout);
    assert.match(two.stdout, /"Okonjo-Iweala","type":"PERSON"/);
    assert.doesNotMatch(shipped.stdout, /"Okonjo-Iweala","type":"PERSON"/);
  });
});
