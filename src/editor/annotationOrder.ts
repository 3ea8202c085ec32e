// Which annotation "Next / Previous Annotation" goes to — pure (no `vscode` import), unit-tested in
// test/unit/editor.annotationOrder.test.ts.
//
// Placed notes are ordered by (start, end, then their order in the input). The selection is a point in the
// same order: (selection start, selection end). "Next" is the first note after that point, "previous" the
// last one before it, wrapping around at the ends. Comparing the whole (start, end) pair, not the start
// alone, is what makes repeated presses walk through notes that share a start (a name inside a quotation
// annotated twice) and lets a note at the very cursor be the next one from an empty selection, while a
// note whose text is exactly selected (where the previous jump left it) is never chosen again. Notes on
// exactly the same words are one stop (selecting those words shows them all).

export interface PlacedSpan {
  start: number;
  end: number;
}

export interface Step<T> {
  /** The note to go to (the first given, of notes on the same words). */
  target: T;
  /** Every note on the same words as `target`, in input order. */
  here: T[];
  /** The stop's index in text order (0-based) and how many stops there are, for "2 of 5". */
  index: number;
  count: number;
  /** The search ran off the end (next) or the start (previous) and continued from the other end. */
  wrapped: boolean;
}

/**
 * The next (`direction` 1) or previous (-1) placed note from the selection `[from, to]` (offsets,
 * from <= to; an empty selection is the cursor). Notes without a position (`start`/`end` undefined:
 * orphaned) are skipped. Undefined when no note is placed.
 */
export function stepAnnotation<T extends { start?: number; end?: number }>(
  notes: readonly T[],
  from: number,
  to: number,
  direction: 1 | -1,
): Step<T> | undefined {
  const placed = notes
    .map((note, order) => ({ note, order, start: note.start, end: note.end }))
    .filter((n): n is { note: T; order: number; start: number; end: number } => n.start !== undefined && n.end !== undefined)
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  // One stop per distinct (start, end).
  const stops: Array<{ start: number; end: number; notes: T[] }> = [];
  for (const n of placed) {
    const last = stops[stops.length - 1];
    if (last && last.start === n.start && last.end === n.end) last.notes.push(n.note);
    else stops.push({ start: n.start, end: n.end, notes: [n.note] });
  }
  if (stops.length === 0) return undefined;
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  // Position of the selection in the order: -1 before, 0 equal, 1 after the note.
  const compare = (n: { start: number; end: number }) => Math.sign(lo - n.start) || Math.sign(hi - n.end);
  let index: number;
  let wrapped = false;
  if (direction === 1) {
    index = stops.findIndex((n) => compare(n) < 0);
    if (index < 0) {
      index = 0;
      wrapped = true;
    }
  } else {
    index = -1;
    for (let i = stops.length - 1; i >= 0; i--) {
      if (compare(stops[i]!) > 0) {
        index = i;
        break;
      }
    }
    if (index < 0) {
      index = stops.length - 1;
      wrapped = true;
    }
  }
  const stop = stops[index]!;
  return { target: stop.notes[0]!, here: stop.notes, index, count: stops.length, wrapped };
}
