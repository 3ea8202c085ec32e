// Training data out (`news-lens export FILE --format spacy|conll|brat`): an article's corrected analysis
// (its training example: text and entities, UTF-16 offsets) in formats other tools train on. Pure.
//
//   spacy  one JSON line {"text", "ents": [{"start", "end", "label"}]}, the shape of spaCy's
//          Doc.to_json() / Doc.from_json(); offsets are Python string indices, i.e. code points.
//   conll  CoNLL-style columns: one token per line, "token<TAB>BIO tag" (B-PERSON, I-PERSON, O), a blank
//          line between sentences (never inside a name); tokens are News Lens's own, a token any part of
//          which is in a name is tagged with it.
//   brat   brat standoff (.ann) for the article as the .txt: "T1<TAB>PERSON 0 5<TAB>Donald"; offsets are
//          code points; a span across a line break is written as fragments ("0 5;6 11").
import { tokenize } from '../engine';
import type { TrainingExample } from '../engine/ner/learn';
import { CodePointMapper } from '../store';

export const TRAINING_FORMATS = ['spacy', 'conll', 'brat'] as const;
export type TrainingFormat = (typeof TRAINING_FORMATS)[number];

export function isTrainingFormat(s: string): s is TrainingFormat {
  return (TRAINING_FORMATS as readonly string[]).includes(s);
}

/** The entities sorted by start (then longer first), overlapping later ones dropped (BIO cannot nest). */
function flat(ex: TrainingExample): TrainingExample['entities'] {
  const sorted = [...ex.entities].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: TrainingExample['entities'] = [];
  for (const e of sorted) if (e.end > e.start && (!out.length || e.start >= out[out.length - 1].end)) out.push(e);
  return out;
}

export function toSpacy(ex: TrainingExample): string {
  const cp = new CodePointMapper(ex.text);
  const ents = flat(ex).map((e) => ({ start: cp.toCodePoint(e.start), end: cp.toCodePoint(e.end), label: e.type }));
  return JSON.stringify({ text: ex.text, ents }) + '\n';
}

export function toConll(ex: TrainingExample): string {
  const doc = tokenize(ex.text);
  const ents = flat(ex);
  const lines: string[] = [];
  let k = 0, prevSentence = -1, open: TrainingExample['entities'][number] | undefined;
  for (const tok of doc.tokens) {
    while (k < ents.length && ents[k].end <= tok.start) k++;
    const e = k < ents.length && ents[k].start < tok.end ? ents[k] : undefined;
    // A blank line between sentences, but never inside a name (a name may run over a line break).
    if (prevSentence >= 0 && tok.sentence !== prevSentence && !(e && e === open)) { lines.push(''); open = undefined; }
    prevSentence = tok.sentence;
    const tag = e ? `${open === e ? 'I' : 'B'}-${e.type}` : 'O';
    open = e;
    lines.push(`${tok.text.replace(/\s/g, '_')}\t${tag}`);
  }
  return lines.length ? lines.join('\n') + '\n\n' : '';
}

export function toBrat(ex: TrainingExample): string {
  const cp = new CodePointMapper(ex.text);
  return flat(ex).map((e, i) => {
    // Fragments: the span's lines, each without the white space at its ends.
    const frags: [number, number][] = [];
    const re = /[^\r\n]+/g;
    const part = ex.text.slice(e.start, e.end);
    for (let m = re.exec(part); m; m = re.exec(part)) {
      const lead = m[0].length - m[0].trimStart().length, body = m[0].trim();
      if (body) frags.push([e.start + m.index + lead, e.start + m.index + lead + body.length]);
    }
    const where = frags.map(([s, t]) => `${cp.toCodePoint(s)} ${cp.toCodePoint(t)}`).join(';');
    return `T${i + 1}\t${e.type} ${where}\t${frags.map(([s, t]) => ex.text.slice(s, t)).join(' ')}\n`;
  }).join('');
}

export function toTrainingFormat(format: TrainingFormat, ex: TrainingExample): string {
  switch (format) {
    case 'spacy': return toSpacy(ex);
    case 'conll': return toConll(ex);
    case 'brat': return toBrat(ex);
  }
}
