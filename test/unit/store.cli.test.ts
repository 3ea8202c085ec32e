// CLI subcommands: annotations --json, check, export (w3c, csv, markdown).
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runAnnotations, runCheck, runExport, csvField } from '../../src/cli/annotations';
import { AnnotationStore, nodeFileSystem, SIDECAR_VERSION } from '../../src/store';

const ROOT = path.join(__dirname, '..', '..');
const SEED = readFileSync(path.join(ROOT, 'seeds', 'trump-xi-tiktok-call.txt'), 'utf8');

function capture(): { io: { stdout: (s: string) => void; stderr: (s: string) => void }; out: () => string; err: () => string } {
  let o = '';
  let e = '';
  return { io: { stdout: (s) => (o += s), stderr: (s) => (e += s) }, out: () => o, err: () => e };
}

async function fixture(): Promise<{ dir: string; article: string; ids: string[] }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newslens-cli-'));
  const article = path.join(dir, 'story.txt');
  const text = '🔥 ' + SEED; // astral char first: JSON offsets are UTF-16, W3C positions code points
  writeFileSync(article, text);
  const store = await AnnotationStore.open(nodeFileSystem, article);
  const q1 = 'whether Congress will approve the arrangement';
  const q2 = 'Scott Kennedy';
  const i1 = text.indexOf(q1);
  const i2 = text.indexOf(q2);
  const a = store.add(text, { start: i1, end: i1 + q1.length }, { label: 'claim', note: 'Needs "a source", please', author: 'Ana' });
  const b = store.add(text, { start: i2, end: i2 + q2.length }, { label: 'person', note: 'Who is he?\nCheck title.', author: 'Bo' });
  store.addReply(b.id, { author: 'Ana', body: 'A China expert at CSIS.' });
  await store.save();
  return { dir, article, ids: [a.id, b.id] };
}

describe('store: CLI annotations / check / export', () => {
  it('annotations --json lists state, UTF-16 offsets and found text', async () => {
    const { article, ids } = await fixture();
    const text = readFileSync(article, 'utf8');
    const c = capture();
    assert.equal(await runAnnotations([article, '--json'], c.io), 0);
    const out = JSON.parse(c.out());
    assert.equal(out.sidecarState, 'ok');
    assert.deepEqual(out.annotations.map((a: { id: string }) => a.id).sort(), [...ids].sort());
    for (const a of out.annotations) {
      assert.equal(a.state, 'anchored');
      assert.equal(text.slice(a.start, a.end), a.text);
    }
    // after an edit above, offsets follow the current text
    writeFileSync(article, 'Update: new intro.\n' + text);
    const c2 = capture();
    await runAnnotations([article + '.annotations.yaml', '--json'], c2.io); // the sidecar path works too
    const out2 = JSON.parse(c2.out());
    const now = readFileSync(article, 'utf8');
    for (const a of out2.annotations) {
      assert.equal(a.state, 'moved');
      assert.equal(now.slice(a.start, a.end), a.text);
    }
  });

  it('annotations: usage errors exit 2, missing article exits 1', async () => {
    const c = capture();
    assert.equal(await runAnnotations([], c.io), 2);
    assert.equal(await runAnnotations(['a', '--bogus'], c.io), 2);
    assert.equal(await runAnnotations([path.join(os.tmpdir(), 'does-not-exist-news-lens.txt')], c.io), 1);
    assert.match(c.err(), /article not found/);
  });

  it('check passes on healthy notes and fails on orphaned ones and invalid sidecars', async () => {
    const { dir, article } = await fixture();
    let c = capture();
    assert.equal(await runCheck([dir], c.io), 0, c.out());
    assert.match(c.out(), /checked 1 annotation file\(s\), 2 note\(s\): 2 anchored/);
    // orphan one note
    writeFileSync(article, readFileSync(article, 'utf8').replace('whether Congress will approve the arrangement', 'what happens next'));
    c = capture();
    assert.equal(await runCheck([dir], c.io), 1);
    assert.match(c.out(), /story\.txt\.annotations\.yaml:\d+:5: orphaned: a-/);
    // an invalid sidecar elsewhere in the tree
    const sub = path.join(dir, 'sub');
    mkdirSync(sub);
    writeFileSync(path.join(sub, 'x.txt'), 'hello');
    writeFileSync(path.join(sub, 'x.txt.annotations.yaml'), 'version: 1\nannotations:\n  - id: a\n    target: {}\n');
    c = capture();
    assert.equal(await runCheck(['--json', dir], c.io), 1);
    const rep = JSON.parse(c.out());
    assert.equal(rep.ok, false);
    const bad = rep.files.find((f: { sidecar: string }) => f.sidecar.endsWith('x.txt.annotations.yaml'));
    assert.equal(bad.state, 'invalid');
    assert.equal(bad.errors[0].line, 4);
    // a sidecar without its article
    writeFileSync(path.join(sub, 'gone.txt.annotations.yaml'), 'version: 1\n');
    c = capture();
    assert.equal(await runCheck([sub], c.io), 1);
    assert.match(c.out(), /gone\.txt does not exist/);
  });

  it('export --format w3c: Web Annotation JSON-LD with quote and position (code points) selectors', async () => {
    const { article } = await fixture();
    const text = readFileSync(article, 'utf8');
    const c = capture();
    assert.equal(await runExport([article, '--format', 'w3c'], c.io), 0);
    const col = JSON.parse(c.out());
    assert.equal(col.type, 'AnnotationCollection');
    assert.equal(col['@context'][0], 'http://www.w3.org/ns/anno.jsonld');
    const items = col.first.items;
    assert.equal(items.length, 2);
    for (const it of items) {
      assert.equal(it.type, 'Annotation');
      const [quote, pos] = it.target.selector;
      assert.equal(quote.type, 'TextQuoteSelector');
      assert.equal(pos.type, 'TextPositionSelector');
      // code points: slicing the array of code points gives the quote
      assert.equal([...text].slice(pos.start, pos.end).join(''), quote.exact);
      assert.equal(it.target.source, 'story.txt');
    }
    const kennedy = items.find((i: { target: { selector: { exact: string }[] } }) => i.target.selector[0]!.exact === 'Scott Kennedy');
    assert.ok(kennedy.body.some((b: { purpose: string; value: string }) => b.purpose === 'replying' && b.value === 'A China expert at CSIS.'));
    assert.ok(kennedy.body.some((b: { purpose: string; value: string }) => b.purpose === 'tagging' && b.value === 'person'));
    assert.deepEqual(kennedy.creator, { type: 'Person', name: 'Bo' });
  });

  it('export --format csv quotes fields properly', async () => {
    const { article } = await fixture();
    const c = capture();
    assert.equal(await runExport([article, '--format=csv'], c.io), 0);
    const csv = c.out();
    assert.ok(csv.startsWith('id,label,state,start,end,exact,found,note,author,created,status,replies\r\n'));
    assert.ok(csv.includes('"Needs ""a source"", please"'));
    assert.ok(csv.includes('"Who is he?\nCheck title."'));
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField(' lead'), '" lead"');
    assert.equal(csvField(undefined), '');
  });

  it('export --format markdown writes a review report', async () => {
    const { article } = await fixture();
    const c = capture();
    assert.equal(await runExport([article, '--format', 'markdown'], c.io), 0);
    const md = c.out();
    assert.match(md, /^# Review report: story\.txt\n/);
    assert.match(md, /2 note\(s\): 2 anchored\./);
    assert.match(md, /> whether Congress will approve the arrangement/);
    assert.match(md, /- \*\*Ana\*\* \(\d{4}-.*\): A China expert at CSIS\./);
    const c2 = capture();
    assert.equal(await runExport([article, '--format', 'pdf'], c2.io), 2);
  });

  it('the JSON schema matches the format version and requires exact', () => {
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'annotations.schema.json'), 'utf8'));
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.properties.version.const, SIDECAR_VERSION);
    assert.deepEqual(schema.definitions.target.required, ['exact']);
    assert.deepEqual(schema.definitions.annotation.required, ['target']);
  });
});
