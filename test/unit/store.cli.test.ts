// CLI subcommands: annotations --json, check, export (w3c, csv, markdown).
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runAnnotations, runCheck, runExport, runMergeDriver } from '../../src/cli/annotations';
import { csvField, exportAnnotations, toCsv } from '../../src/store/export';
import type { ResolvedAnnotation } from '../../src/store';
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

  describe('CSV for spreadsheets', () => {
    /** RFC 4180 reader: rows of cells (quoted cells may hold commas, quotes, line breaks). */
    function parseCsv(csv: string): string[][] {
      const rows: string[][] = [];
      let row: string[] = [];
      let i = 0;
      while (i < csv.length) {
        let cell = '';
        if (csv[i] === '"') {
          i++;
          for (;;) {
            const q = csv.indexOf('"', i);
            assert.ok(q >= 0, 'unterminated quoted cell');
            cell += csv.slice(i, q);
            i = q + 1;
            if (csv[i] === '"') { cell += '"'; i++; } else break;
          }
        } else {
          const m = /[,\r]/.exec(csv.slice(i));
          const end = m ? i + m.index : csv.length;
          cell = csv.slice(i, end);
          i = end;
        }
        row.push(cell);
        if (csv[i] === ',') i++;
        else if (csv.startsWith('\r\n', i)) { rows.push(row); row = []; i += 2; }
        else assert.equal(i, csv.length, `unexpected character at ${i}`);
      }
      if (row.length) rows.push(row);
      return rows;
    }

    it('defuses cells a spreadsheet would run as formulas (=, +, -, @, tab, carriage return) with a leading quote', () => {
      assert.equal(csvField('=1+2'), `"'=1+2"`);
      assert.equal(csvField('+41 22 000'), `"'+41 22 000"`);
      assert.equal(csvField('-2+3'), `"'-2+3"`);
      assert.equal(csvField('@SUM(A1:A9)'), `"'@SUM(A1:A9)"`);
      assert.equal(csvField('\t=1'), `"'\t=1"`);
      assert.equal(csvField('\r=1'), `"'\r=1"`);
      assert.equal(csvField('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
      // only the first character matters; numbers are numbers
      assert.equal(csvField('a=b'), 'a=b');
      assert.equal(csvField('1-2'), '1-2');
      assert.equal(csvField(-3), '-3');
      assert.equal(csvField(0), '0');
    });

    it('export --format csv: no cell of a hostile sidecar starts a formula, and the text survives after the quote', async () => {
      const { article, ids } = await fixture();
      const text = readFileSync(article, 'utf8');
      const store = await AnnotationStore.open(nodeFileSystem, article);
      const hostile = ['=cmd|\' /C calc\'!A0', '+1+1', '-1+1', '@SUM(1+1)', '\t=1+1', '\r=1+1'];
      store.update(ids[0]!, { label: '=HYPERLINK("http://evil.example","click")', note: hostile[0], author: '@eve' });
      store.addReply(ids[1]!, { author: '=evil()', body: 'fine' });
      const i = text.indexOf('Scott Kennedy');
      for (const h of hostile.slice(1)) store.add(text, { start: i, end: i + 5 }, { label: h, note: h, author: h });
      await store.save();
      const c = capture();
      assert.equal(await runExport(['--format', 'csv', article], c.io), 0, c.err());
      const rows = parseCsv(c.out());
      assert.equal(rows.length, 1 + 2 + hostile.length - 1);
      for (const row of rows) {
        assert.equal(row.length, 12);
        for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `cell starts a formula: ${JSON.stringify(cell)}`);
      }
      const cells = rows.flat();
      for (const h of hostile) assert.ok(cells.includes(`'${h}`), `defused ${JSON.stringify(h)} kept its text`);
      assert.ok(cells.includes(`'=HYPERLINK("http://evil.example","click")`));
      assert.ok(cells.includes(`'@eve`));
      assert.ok(cells.includes('Ana: A China expert at CSIS.\n=evil(): fine'), 'a formula after a line break inside a cell is not at its start');
    });

    it('export --format csv --bom starts with a UTF-8 byte order mark; without --bom there is none', async () => {
      const { article } = await fixture();
      const withBom = capture();
      assert.equal(await runExport([article, '--format=csv', '--bom'], withBom.io), 0, withBom.err());
      assert.ok(withBom.out().startsWith('\ufeffid,label,state,'), JSON.stringify(withBom.out().slice(0, 12)));
      assert.equal(Buffer.from(withBom.out(), 'utf8').subarray(0, 3).toString('hex'), 'efbbbf');
      const without = capture();
      assert.equal(await runExport([article, '--format=csv'], without.io), 0);
      assert.equal(withBom.out(), '\ufeff' + without.out());
      assert.ok(without.out().startsWith('id,label,'));
      const bad = capture();
      assert.equal(await runExport([article, '--format', 'w3c', '--bom'], bad.io), 2);
      assert.match(bad.err(), /^news-lens export: --bom goes with --format csv only\n/);
    });
  });

  describe('the export module', () => {
    it('is pure: imports nothing but the store\'s own types and offsets (no fs, path or process)', () => {
      const src = readFileSync(path.join(ROOT, 'src', 'store', 'export.ts'), 'utf8');
      const imports = [...src.matchAll(/^import\b[^;]*?from '([^']+)'/gm)].map((m) => m[1]);
      assert.deepEqual(imports.sort(), ['./offsets', './types']);
      assert.doesNotMatch(src, /\bprocess\.|\brequire\(/);
    });

    it('gives what the CLI writes, from notes held in memory', async () => {
      const { article } = await fixture();
      const text = readFileSync(article, 'utf8');
      const store = await AnnotationStore.open(nodeFileSystem, article);
      const input = { source: 'story.txt', text, resolved: store.resolve(text), sidecarPath: store.sidecarPath, errors: store.errors };
      for (const format of ['w3c', 'csv', 'markdown'] as const) {
        const c = capture();
        assert.equal(await runExport([article, '--format', format], c.io), 0);
        assert.equal(exportAnnotations(format, input), c.out(), format);
      }
      const empty: ResolvedAnnotation[] = [];
      assert.equal(toCsv({ resolved: empty }, { bom: true }), '\ufeffid,label,state,start,end,exact,found,note,author,created,status,replies\r\n');
    });
  });

  describe('file arguments', () => {
    it('annotations and export refuse - (standard input) and explain; a folder is a clear error', async () => {
      for (const run of [runAnnotations, runExport]) {
        const c = capture();
        assert.equal(await run(['-'], c.io), 2);
        assert.match(c.err(), /standard input \(-\) is not supported: \w+ reads the notes from the sidecar beside the article/);
        const dir = mkdtempSync(path.join(os.tmpdir(), 'newslens-cli-'));
        const d = capture();
        assert.equal(await run([dir], d.io), 1);
        assert.match(d.err(), new RegExp(`${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is a folder; name one article`));
      }
    });

    it('check and merge-driver refuse - as well', async () => {
      const c = capture();
      assert.equal(await runCheck(['-'], c.io), 2);
      assert.match(c.err(), /^news-lens check: standard input \(-\) is not supported/);
      const m = capture();
      assert.equal(await runMergeDriver(['-', 'b', 'c'], m.io), 2);
      assert.match(m.err(), /^news-lens merge-driver: standard input \(-\) is not supported/);
      const n = capture();
      assert.equal(await runMergeDriver(['a', 'b'], n.io), 2);
      assert.match(n.err(), /expected BASE OURS THEIRS \(got 2 argument\(s\)\)/);
    });
  });
});
