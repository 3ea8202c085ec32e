// The fast reading path of sidecars (scan.ts + plain.ts) against the yaml Document path: on random
// sidecars as News Lens writes them, then hand-edited (comments, blank lines, quoting, CRLF, lines
// deleted, duplicated or re-indented), whatever the fast path accepts it must read exactly as the
// Document path does; and reading alone must not build the Document.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isMap } from 'yaml';
import { insertEntry, newSidecarDocument, parseSidecarInternal, stringifySidecar } from '../../src/store/sidecar';
import { sidecarDocumentParses } from '../../src/store/sidecar/parse';
import type { ParsedSidecar, StoredAnnotation } from '../../src/store/sidecar';

export const ARTICLE = 'Aé😀 The minister said “we will act” on Tuesday.\nSecond line, with more words 🇨🇳 here.\n'.repeat(4);

const piece = fc.constantFrom(
  'a', 'note', ' ', '  ', 'x: y', 'a #b', '#', "'", '"', "it's", '\\', '\n', '\n\n', '\t', 'é', '😀', 'true', 'null', '~', '123', '0x1F',
  '1.5', '-', '- ', '? ', '[', '{', ']', ',', '&a', '*a', '!tag', '%', '@', '`', '|', '>', 'key: value', 'ü\u00a0', ':', 'yes', 'No', '2026-12-07T10:00:00Z',
);
/** What reviewers usually write: words, punctuation, quotes, inner line breaks. */
const mild = fc.array(fc.constantFrom('a', 'note', 'The', ' ', ', ', 'x: y', "it's", '"q"', 'é', '😀', 'C# ok', '#1', '50%', '\n'), { minLength: 1, maxLength: 5 })
  .map((a) => a.join('').replace(/\\n/g, '\n').trim().replace(/^\n+|\n+$/g, '') || 'a');
const str = fc.oneof(mild, fc.array(piece, { maxLength: 5 }).map((a) => a.join('')));
const nonEmpty = str.filter((s) => s.length > 0);

export const storedArb: fc.Arbitrary<StoredAnnotation> = fc.record({
  id: fc.option(fc.constantFrom('a-1', 'a-2', 'b 3', '42', 'h-x'), { nil: undefined }),
  label: fc.option(str, { nil: undefined }),
  note: fc.option(str, { nil: undefined }),
  author: fc.option(str, { nil: undefined }),
  status: fc.option(fc.constantFrom('open', 'resolved') as fc.Arbitrary<'open' | 'resolved'>, { nil: undefined }),
  replies: fc.option(fc.array(fc.record({ id: fc.constantFrom('r1', 'r2', '7'), body: str, author: fc.option(str, { nil: undefined }) }), { maxLength: 2 }), { nil: undefined }),
  exact: nonEmpty,
  prefix: fc.option(str, { nil: undefined }),
  start: fc.option(fc.nat({ max: 300 }), { nil: undefined }),
  len: fc.nat({ max: 20 }),
}).map((r) => {
  const annotation: StoredAnnotation['annotation'] = { id: r.id ?? '', target: { exact: r.exact } };
  if (r.label !== undefined) annotation.label = r.label;
  if (r.note !== undefined) annotation.note = r.note;
  if (r.author !== undefined) annotation.author = r.author;
  if (r.status !== undefined) annotation.status = r.status;
  if (r.replies) annotation.replies = r.replies.map((x) => (x.author === undefined ? { id: x.id, body: x.body } : { id: x.id, body: x.body, author: x.author }));
  if (r.prefix !== undefined) annotation.target.prefix = r.prefix;
  const s: StoredAnnotation = { annotation };
  if (r.start !== undefined) {
    s.cpStart = r.start;
    s.cpEnd = r.start + r.len;
  }
  return s;
});

const mildRe = /^(?=\S)(?:a|note|The| |, |x: y|it's|"q"|é|😀|C# ok|#1|50%|\n)+(?<=\S)$/u;

/** A sidecar as the store writes it. */
export function written(entries: StoredAnnotation[]): string {
  const doc = newSidecarDocument('a.txt');
  for (const e of entries) {
    const s = { ...e, annotation: { ...e.annotation } };
    if (!s.annotation.id) delete (s.annotation as { id?: string }).id;
    insertEntry(doc, s);
  }
  return stringifySidecar(doc);
}

export type Mutation = { kind: 'comment' | 'gap' | 'blank' | 'delete' | 'dup' | 'indent' | 'trailing' | 'quote'; at: number; text: string };
export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('comment', 'gap', 'gap', 'blank', 'delete', 'dup', 'indent', 'trailing', 'quote'),
  at: fc.nat({ max: 400 }),
  text: fc.constantFrom('# c', '  # c', '    # deeper', '#', '# ü "q"', '      # x: y'),
});

export function mutate(src: string, ms: Mutation[], crlf: boolean): string {
  const lines = src.split('\n');
  for (const m of ms) {
    const i = m.at % Math.max(1, lines.length);
    const l = lines[i] ?? '';
    switch (m.kind) {
      case 'comment': lines.splice(i, 0, m.text); break;
      case 'gap': { // comment lines (and a blank one) before an entry
        const dashes = lines.flatMap((x, k) => (/^ *- /.test(x) ? [k] : []));
        if (dashes.length) lines.splice(dashes[m.at % dashes.length]!, 0, ...(m.at % 3 ? [m.text] : [m.text, '', '  # more']));
        break;
      }
      case 'blank': lines.splice(i, 0, m.at % 3 === 0 ? '  ' : ''); break;
      case 'delete': lines.splice(i, 1); break;
      case 'dup': lines.splice(i, 0, l); break;
      case 'indent': lines[i] = (m.at % 2 ? ' ' : '') + l.replace(/^ {0,1}/, m.at % 2 ? '' : ''); break;
      case 'trailing': if (l.trim() && !l.includes('|')) lines[i] = `${l} ${m.text.trim()}`; break;
      case 'quote': lines[i] = l.replace(/: ([^"'|>].*)$/, (_x, v: string) => `: '${v.replace(/'/g, "''")}'`); break;
    }
  }
  const out = lines.join('\n');
  return crlf ? out.replace(/\n/g, '\r\n') : out;
}

/** What a reader sees of a parse. */
function seen(p: ParsedSidecar): unknown {
  return {
    state: p.state, annotations: p.annotations, errors: p.errors, version: p.version, file: p.file,
    derivedIds: [...p.derivedIds], locations: [...p.locations], cp: [...p.cp],
  };
}

describe('sidecar fast read path (scan.ts, plain.ts)', () => {
  it('reads whatever it accepts exactly as the yaml Document path does (random hand-edited sidecars)', function () {
    this.timeout(120_000);
    let fast = 0;
    let valid = 0;
    fc.assert(
      fc.property(fc.array(storedArb, { maxLength: 6 }), fc.array(mutationArb, { maxLength: 4 }), fc.boolean(), (entries, ms, crlf) => {
        const src = mutate(written(entries), ms, crlf);
        for (const articleText of [undefined, ARTICLE]) {
          const options = articleText === undefined ? {} : { articleText };
          const a = parseSidecarInternal(src, options);
          const b = parseSidecarInternal(src, options, false);
          if (b.state === 'ok' && b.annotations.length > 0) valid++;
          if (!a.fast) continue;
          fast++;
          assert.deepEqual(seen(a), seen(b), src);
        }
      }),
      { numRuns: 600, seed: 18_10 },
    );
    // Most valid ones with notes are read on the fast path (else the comparison would be empty).
    assert.ok(fast > valid / 2, `${fast} of ${valid} valid sidecars with notes on the fast path`);
  });

  it('reads every sidecar the store writes (no hand edits) on the fast path', () => {
    fc.assert(
      fc.property(fc.array(storedArb, { minLength: 1, maxLength: 6 }), (entries) => {
        const src = written(entries);
        if (!entries.every((e) => [e.annotation.note, e.annotation.label, e.annotation.author, e.annotation.target.exact].every((v) => v === undefined || mildRe.test(v)))) return;
        const p = parseSidecarInternal(src, { articleText: ARTICLE });
        if (p.state !== 'ok') return; // duplicate ids from the generator
        assert.ok(p.fast, src);
      }),
      { numRuns: 300, seed: 18_11 },
    );
  });

  it('builds no yaml Document for reading, and builds it on first use of doc/nodes', () => {
    const src = written([{ annotation: { id: 'a-1', label: 'claim', note: 'n', target: { exact: 'The minister' } }, cpStart: 4, cpEnd: 16 }]);
    const before = sidecarDocumentParses();
    const p = parseSidecarInternal(src, { articleText: ARTICLE });
    assert.equal(p.annotations.length, 1);
    assert.equal(sidecarDocumentParses(), before, 'a read-only load built the Document');
    assert.ok(isMap(p.nodes.get('a-1')));
    assert.equal(sidecarDocumentParses(), before + 1);
    assert.ok(p.doc);
    assert.equal(sidecarDocumentParses(), before + 1, 'the Document is built once');
  });

  it('still reports errors at their line and column (the Document path)', () => {
    const src = 'version: 1\nfile: a.txt\nannotations:\n  - id: a-1\n    target:\n      exact: hi\n  - id: a-1\n    target:\n      exact: ho\n';
    const p = parseSidecarInternal(src);
    assert.equal(p.state, 'invalid');
    assert.equal(p.fast, undefined);
    assert.deepEqual(p.errors.map((e) => [e.line, e.column]), [[7, 9]]);
  });
});
