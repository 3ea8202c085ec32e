// Saving without the whole yaml Document (sidecar/patch.ts) against the Document path: on random
// sidecars (as written, then hand-edited) and random changes — notes edited, added, deleted — the
// patched text must be byte for byte the text the Document path writes; and a store that saves one
// change to a sidecar it read builds no whole Document, keeping the comments and hand edits.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findEntry, insertEntry, newSidecarDocument, parseSidecarInternal, removeEntry, stringifySidecar, updateEntry } from '../../src/store/sidecar';
import { sidecarDocumentParses } from '../../src/store/sidecar/parse';
import { patchSidecar } from '../../src/store/sidecar/patch';
import type { EntryOp } from '../../src/store/sidecar/patch';
import type { StoredAnnotation } from '../../src/store/sidecar';
import { AnnotationStore } from '../../src/store';
import type { StoreFileSystem } from '../../src/store';
import { ARTICLE, mutate, mutationArb, storedArb, written } from './store.fastread.test';

/** What the store did before patch.ts (and still does when patchSidecar gives up). */
function documentPath(src: string, ops: ReadonlyMap<string, EntryOp>): string {
  const fresh = parseSidecarInternal(src, {}, false);
  const doc = fresh.doc!;
  for (const [id, op] of ops) {
    const node = fresh.nodes.get(id) ?? findEntry(doc, id);
    if (op.kind === 'remove') {
      if (node) {
        const seq = doc.get('annotations', true) as { items: unknown[] };
        const i = seq.items.indexOf(node);
        if (i >= 0) seq.items.splice(i, 1);
        else removeEntry(doc, id);
      }
    } else if (node) updateEntry(doc, node, op.stored);
    else insertEntry(doc, op.stored);
  }
  return stringifySidecar(doc, src);
}

describe('sidecar save without the whole Document (patch.ts)', () => {
  it('writes exactly what the Document path writes (random sidecars, hand edits and changes)', function () {
    this.timeout(120_000);
    let patched = 0;
    let tried = 0;
    fc.assert(
      fc.property(
        fc.array(storedArb, { minLength: 1, maxLength: 6 }),
        fc.array(mutationArb, { maxLength: 3 }),
        fc.boolean(),
        fc.array(fc.record({ kind: fc.constantFrom('edit', 'edit', 'remove', 'add'), pick: fc.nat(), stored: storedArb }), { minLength: 1, maxLength: 4 }),
        (entries, ms, crlf, opSpecs) => {
          const src = mutate(written(entries), ms, crlf);
          const parsed = parseSidecarInternal(src, {});
          if (!parsed.fast) return;
          const ids = [...parsed.locations.keys()];
          const ops = new Map<string, EntryOp>();
          opSpecs.forEach((o, n) => {
            if (o.kind === 'add' || ids.length === 0) {
              const id = `new-${n}-${o.pick % 3}`;
              ops.set(id, { kind: 'upsert', stored: { ...o.stored, annotation: { ...o.stored.annotation, id } } });
              return;
            }
            const id = ids[o.pick % ids.length]!;
            if (o.kind === 'remove') ops.set(id, { kind: 'remove' });
            else ops.set(id, { kind: 'upsert', stored: { ...o.stored, annotation: { ...o.stored.annotation, id } } });
          });
          tried++;
          const fast = patchSidecar(src, parsed, ops);
          if (fast === undefined) return;
          patched++;
          assert.equal(fast, documentPath(src, ops), src);
        },
      ),
      { numRuns: 500, seed: 18_12 },
    );
    assert.ok(patched > tried * 0.8, `${patched} of ${tried} patched`);
  });

  it('a new sidecar gets its notes in the order insertEntry one by one gives (by start, then id, stable)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ start: fc.option(fc.nat({ max: 5 }), { nil: undefined }), id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f') }), { minLength: 1, maxLength: 8 }), async (specs) => {
        const files = new Map<string, Uint8Array>();
        const text = 'The minister said we will act on Tuesday.';
        const store = await AnnotationStore.open(memoryFs(files), '/a.txt', { text, now: () => new Date('2026-12-07T12:00:00Z') });
        const doc = newSidecarDocument('a.txt');
        const seen = new Set<string>();
        for (const { start, id } of specs) {
          if (seen.has(id)) continue;
          seen.add(id);
          const s = start ?? 7;
          store.add(text, { start: s, end: s + 3 }, { id });
          const stored: StoredAnnotation = { annotation: store.get(id)! };
          stored.cpStart = s;
          stored.cpEnd = s + 3;
          insertEntry(doc, stored);
        }
        await store.save();
        assert.equal(new TextDecoder().decode(files.get('/a.txt.annotations.yaml')), stringifySidecar(doc));
      }),
      { numRuns: 100, seed: 18_13 },
    );
  });

  it('a store saving one change to a sidecar it read builds no whole Document and keeps comments and hand edits', async () => {
    const files = new Map<string, Uint8Array>();
    const fs = memoryFs(files);
    const src = [
      '# Reviewed by the desk',
      'version: 1',
      'file: a.txt',
      'annotations:',
      '  # first note, by hand',
      '  - id: a-1',
      "    label: 'claim'      # quoted on purpose",
      '    note: keep me',
      '    target:',
      '      exact: The minister',
      '      start: 4',
      '      end: 16',
      '',
      '  - id: a-2',
      '    note: "second"',
      '    target: {exact: Second line}',
      '  - id: a-3',
      '    note: third',
      '    target:',
      '      exact: Second line',
      '',
    ].join('\n');
    files.set('/a.txt', new TextEncoder().encode(ARTICLE));
    files.set('/a.txt.annotations.yaml', new TextEncoder().encode(src.replace('    target: {exact: Second line}\n', '    target:\n      exact: Second line\n')));
    const before = sidecarDocumentParses();
    const store = await AnnotationStore.open(fs, '/a.txt', { text: ARTICLE, now: () => new Date('2026-12-07T12:00:00Z') });
    assert.equal(store.annotations.length, 3);
    assert.equal(sidecarDocumentParses(), before, 'opening built the Document');
    store.update('a-3', { note: 'third, edited' });
    assert.equal(await store.save(), true);
    assert.equal(sidecarDocumentParses(), before, 'saving one change built the whole Document');
    const out = new TextDecoder().decode(files.get('/a.txt.annotations.yaml'));
    assert.ok(out.startsWith('# Reviewed by the desk\nversion: 1\nfile: a.txt\nannotations:\n  # first note, by hand\n  - id: a-1\n'), out);
    assert.ok(out.includes("    label: 'claim'      # quoted on purpose\n"), out);
    assert.ok(out.includes('    note: third, edited\n    updated: 2026-12-07T12:00:00Z\n'), out);
    assert.ok(out.includes('    note: "second"\n'), out);
    assert.equal(store.get('a-3')?.note, 'third, edited');
  });
});

function memoryFs(files: Map<string, Uint8Array>): StoreFileSystem {
  return {
    async readFile(p) {
      const b = files.get(p);
      if (!b) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return b;
    },
    async writeFile(p, data) {
      files.set(p, data);
    },
    async rename(a, b) {
      const d = files.get(a);
      if (!d) throw new Error(`ENOENT: ${a}`);
      files.set(b, d);
      files.delete(a);
    },
    async delete(p) {
      files.delete(p);
    },
    async stat(p) {
      const b = files.get(p);
      return b ? { size: b.byteLength, mtimeMs: 0 } : undefined;
    },
  };
}
