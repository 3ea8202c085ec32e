// Live anchoring while an article is edited (src/editor/liveAnchors.ts, pure: no VS Code needed).
import { strict as assert } from 'assert';
import { createTarget, type Annotation, type TextEdit } from '../../src/store/index';
import { resolveLive, shiftResolved, type LiveAnchors } from '../../src/editor/liveAnchors';

/** Applies edits given in the coordinates of `text` (non-overlapping), like one VS Code change event. */
function apply(text: string, edits: TextEdit[], inserted: string[]): string {
  const order = edits.map((e, i) => ({ e, s: inserted[i]! })).sort((a, b) => b.e.start - a.e.start);
  let out = text;
  for (const { e, s } of order) out = out.slice(0, e.start) + s + out.slice(e.end);
  return out;
}

function note(id: string, text: string, words: string, occurrence = 0): Annotation {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(words, at + 1);
  assert.ok(at >= 0);
  return { id, label: 'claim', target: createTarget(text, at, at + words.length) };
}

function edit(live: LiveAnchors, text: string, e: TextEdit, insert: string): { live: LiveAnchors; text: string } {
  const next = apply(text, [e], [insert]);
  return { live: shiftResolved(live, [e], (s, t) => next.slice(s, t)), text: next };
}

const SENTENCE = 'The council approved the harbour plan on Monday.';
const TEXT = `Intro line.\n\n${SENTENCE} Critics objected loudly at the meeting.\n\nLater: the mayor spoke about the budget and ${SENTENCE} Nobody objected.\n`;

describe('liveAnchors (src/editor)', () => {
  it('shifts a note by an insertion above, without a re-check, and keeps it on the same words', () => {
    const a = note('n1', TEXT, 'mayor spoke about the budget');
    let live = resolveLive(TEXT, [a], undefined, true);
    assert.equal(live.resolved[0]!.anchor.state, 'anchored');
    const ins = 'A new paragraph mentioning the mayor spoke about the budget too.\n\n';
    const r = edit(live, TEXT, { start: 0, end: 0, newLength: ins.length }, ins);
    live = r.live;
    assert.equal(live.recheck.size, 0);
    const { start, end } = live.resolved[0]!.anchor;
    assert.equal(r.text.slice(start, end), 'mayor spoke about the budget');
    assert.equal(start, TEXT.indexOf('mayor spoke about the budget') + ins.length);
    live = resolveLive(r.text, [a], live, true);
    assert.equal(live.resolved[0]!.anchor.start, start, 'full resolve must keep the tracked place, not the new mention above');
  });

  it('flags an edit inside for a re-check and re-anchors it only on the full pass', () => {
    const a = note('n1', TEXT, 'Critics objected loudly at the meeting');
    let live = resolveLive(TEXT, [a], undefined, true);
    const at = TEXT.indexOf('loudly');
    const r = edit(live, TEXT, { start: at, end: at + 'loudly'.length, newLength: 'loud'.length }, 'loud');
    live = r.live;
    assert.ok(live.recheck.has('n1'));
    const provisional = resolveLive(r.text, [a], live, false);
    assert.ok(provisional.recheck.has('n1'), 'still flagged until the pause');
    assert.equal(provisional.resolved[0]!.anchor.state, 'anchored', 'keeps its state and shifted range while typing');
    const settled = resolveLive(r.text, [a], provisional, true);
    assert.equal(settled.recheck.size, 0);
    assert.equal(settled.resolved[0]!.anchor.state, 'fuzzy');
    assert.equal(r.text.slice(settled.resolved[0]!.anchor.start, settled.resolved[0]!.anchor.end), 'Critics objected loud at the meeting');
  });

  it('never moves a note onto the same words elsewhere when its own words are deleted; undo restores it', () => {
    // The first occurrence, with context: the store alone would find the remaining copy "once" and move it.
    const a = note('n1', TEXT, SENTENCE, 0);
    let live = resolveLive(TEXT, [a], undefined, true);
    const start = TEXT.indexOf(SENTENCE);
    const r = edit(live, TEXT, { start, end: start + SENTENCE.length, newLength: 0 }, '');
    live = resolveLive(r.text, [a], r.live, true);
    const anchor = live.resolved[0]!.anchor;
    assert.notEqual(anchor.state, 'anchored');
    assert.notEqual(anchor.state, 'moved');
    assert.notEqual(anchor.state, 'fuzzy');
    // Still flagged after further typing elsewhere.
    const r2 = edit(live, r.text, { start: 0, end: 0, newLength: 1 }, 'X');
    const again = resolveLive(r2.text, [a], r2.live, true).resolved[0]!.anchor;
    assert.ok(again.state === 'needs-review' || again.state === 'orphaned', again.state);
    // Undo both edits: the words are back where they were.
    const r3 = edit(resolveLive(r2.text, [a], r2.live, true), r2.text, { start: 0, end: 1, newLength: 0 }, '');
    const r4 = edit(resolveLive(r3.text, [a], r3.live, true), r3.text, { start, end: start, newLength: SENTENCE.length }, SENTENCE);
    assert.equal(r4.text, TEXT);
    const back = resolveLive(r4.text, [a], r4.live, true).resolved[0]!.anchor;
    assert.ok(back.state === 'anchored' || back.state === 'moved', back.state);
    assert.equal(back.start, start);
  });

  it('a changed target (re-attached) wins over the tracked position', () => {
    const a = note('n1', TEXT, SENTENCE, 0);
    const live = resolveLive(TEXT, [a], undefined, true);
    const moved = { ...a, target: createTarget(TEXT, TEXT.lastIndexOf(SENTENCE), TEXT.lastIndexOf(SENTENCE) + SENTENCE.length) };
    const after = resolveLive(TEXT, [moved], live, false).resolved[0]!.anchor;
    assert.equal(after.start, TEXT.lastIndexOf(SENTENCE));
  });

  it('applies the changes of one event in any order (multi-cursor)', () => {
    const a = note('n1', TEXT, 'mayor spoke about the budget');
    const live = resolveLive(TEXT, [a], undefined, true);
    const edits: TextEdit[] = [{ start: 0, end: 0, newLength: 2 }, { start: TEXT.length - 1, end: TEXT.length - 1, newLength: 2 }];
    const next = apply(TEXT, edits, ['>>', '<<']);
    const shifted = shiftResolved(live, edits, (s, e) => next.slice(s, e));
    const { start, end } = shifted.resolved[0]!.anchor;
    assert.equal(next.slice(start, end), 'mayor spoke about the budget');
  });
});
