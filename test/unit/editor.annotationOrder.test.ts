// Next / Previous Annotation: which note comes next (src/editor/annotationOrder.ts, pure: no VS Code needed).
import { strict as assert } from 'assert';
import { stepAnnotation } from '../../src/editor/annotationOrder';

interface N {
  id: string;
  start?: number;
  end?: number;
}

// Deliberately not in text order, with an orphan in the middle.
const notes: N[] = [
  { id: 'c', start: 50, end: 60 },
  { id: 'a', start: 10, end: 20 },
  { id: 'orphan' },
  { id: 'b', start: 30, end: 35 },
];

const next = (from: number, to = from, list = notes) => stepAnnotation(list, from, to, 1);
const prev = (from: number, to = from, list = notes) => stepAnnotation(list, from, to, -1);

describe('stepAnnotation (Next / Previous Annotation)', () => {
  it('next: the first note starting after the cursor, in text order whatever the input order', () => {
    assert.deepEqual([next(0), next(25), next(40)].map((s) => s?.target.id), ['a', 'b', 'c']);
    assert.equal(next(0)?.wrapped, false);
    assert.deepEqual([next(0)?.index, next(0)?.count], [0, 3]);
    assert.deepEqual([next(40)?.index, next(40)?.count], [2, 3]);
  });

  it('a note at the cursor (empty selection) is the next one; the cursor inside a note goes past it', () => {
    assert.equal(next(10)?.target.id, 'a');
    assert.equal(next(15)?.target.id, 'b');
  });

  it('from a note selected by the previous jump, next and previous move on', () => {
    assert.equal(next(10, 20)?.target.id, 'b');
    assert.equal(next(30, 35)?.target.id, 'c');
    assert.equal(prev(50, 60)?.target.id, 'b');
    assert.equal(prev(30, 35)?.target.id, 'a');
  });

  it('next wraps from the last note to the first, previous from the first to the last, and says so', () => {
    const n = next(50, 60);
    assert.equal(n?.target.id, 'a');
    assert.equal(n?.wrapped, true);
    assert.equal(next(99)?.wrapped, true);
    const p = prev(10, 20);
    assert.equal(p?.target.id, 'c');
    assert.equal(p?.wrapped, true);
    assert.equal(prev(0)?.target.id, 'c');
    assert.equal(prev(0)?.wrapped, true);
  });

  it('previous: the last note starting before the cursor', () => {
    assert.equal(prev(45)?.target.id, 'b');
    assert.equal(prev(99)?.target.id, 'c');
    assert.equal(prev(99)?.wrapped, false);
  });

  it('the selection is ordered whichever way it was made', () => {
    assert.equal(next(20, 10)?.target.id, 'b');
  });

  it('orphans are skipped; no placed note gives undefined', () => {
    for (let at = 0; at < 70; at += 5) {
      assert.notEqual(next(at)?.target.id, 'orphan');
      assert.notEqual(prev(at)?.target.id, 'orphan');
    }
    assert.equal(next(0, 0, [{ id: 'x' }]), undefined);
    assert.equal(prev(0, 0, []), undefined);
  });

  it('notes sharing a start are visited shortest first; notes on the same words are one stop', () => {
    const nested: N[] = [
      { id: 'quote', start: 10, end: 40 },
      { id: 'name', start: 10, end: 15 },
      { id: 'name-again', start: 10, end: 15 },
      { id: 'later', start: 50, end: 55 },
    ];
    const first = next(0, 0, nested);
    assert.equal(first?.target.id, 'name');
    assert.deepEqual(first?.here.map((n) => n.id), ['name', 'name-again']);
    assert.equal(first?.count, 3);
    assert.equal(next(10, 15, nested)?.target.id, 'quote');
    assert.equal(next(10, 40, nested)?.target.id, 'later');
    assert.equal(prev(10, 40, nested)?.target.id, 'name');
    assert.equal(prev(50, 55, nested)?.target.id, 'quote');
  });

  it('a single note: next from it wraps to itself', () => {
    const one: N[] = [{ id: 'only', start: 5, end: 9 }];
    const s = next(5, 9, one);
    assert.equal(s?.target.id, 'only');
    assert.equal(s?.wrapped, true);
    assert.equal(next(0, 0, one)?.wrapped, false);
  });
});
