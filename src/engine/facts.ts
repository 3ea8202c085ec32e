// Document facts: counts of characters, words, sentences, paragraphs, entities per type and quotations.
import type { DocumentFacts, Entity, EntityType } from './types';
import { isSpace, type Tokenized } from './tokenize';

export function documentFacts(text: string, doc: Tokenized, entities: Entity[], quotes: number): DocumentFacts {
  let words = 0;
  for (const t of doc.tokens) if (t.kind !== 'punct') words++;
  // Counted in two small arrays (a type's index found by a scan over the few seen so far, comparing
  // interned strings) and copied over: the keys keep their first-seen order.
  const types: EntityType[] = [];
  const counts: number[] = [];
  let last = -1;
  for (const e of entities) {
    // Entities of one type often come in runs: the last index is tried first.
    if (last < 0 || types[last] !== e.type) {
      last = types.indexOf(e.type);
      if (last < 0) { last = types.length; types.push(e.type); counts.push(0); }
    }
    counts[last]++;
  }
  const entityCounts: Partial<Record<EntityType, number>> = {};
  for (let i = 0; i < types.length; i++) entityCounts[types[i]] = counts[i];
  return { characters: text.length, words, sentences: doc.sentences.length, paragraphs: countParagraphs(text), entityCounts, quotes };
}

/**
 * Paragraphs are separated by blank lines; in a text without any, every line is a paragraph: the number
 * of non-blank pieces of text.trim().split(/\r?\n[ \t]*\r?\n/) when the text has a blank line
 * (/\n[ \t]*\r?\n/), else of text.trim().split(/\r?\n/). One pass counts both ways, without the pieces.
 */
function countParagraphs(text: string): number {
  const body = text.trim();
  let byBlankLines = 0, byLines = 0;
  let blockStart = 0, lineStart = 0;
  let sawBlankLine = false;
  // From one line break to the next (nextLineBreak skips the characters between).
  for (let p = nextLineBreak(body, 0); p >= 0; p = nextLineBreak(body, p + 1)) {
    const lineBreak = lineBreakEnd(body, p);
    if (hasNonSpace(body, lineStart, p)) byLines++;
    lineStart = lineBreak;
    const blank = blankLineEnd(body, p);
    if (blank >= 0) {
      sawBlankLine = true;
      if (hasNonSpace(body, blockStart, p)) byBlankLines++;
      blockStart = blank;
      lineStart = blank; // the next search starts after this match, so lines resume there too
      p = blank - 1;
    } else p = lineBreak - 1;
  }
  if (hasNonSpace(body, lineStart, body.length)) byLines++;
  if (hasNonSpace(body, blockStart, body.length)) byBlankLines++;
  return sawBlankLine ? byBlankLines : byLines;
}

/** Start of the first /\r?\n/ match at or after `from`, or -1: the first "\n", or the "\r" before it
 *  when that lies at or after `from`. */
function nextLineBreak(s: string, from: number): number {
  const i = s.indexOf('\n', from);
  return i > from && s.charCodeAt(i - 1) === 13 ? i - 1 : i;
}

/** End of a /\r?\n/ match at p, or -1. */
function lineBreakEnd(s: string, p: number): number {
  const c = s.charCodeAt(p);
  if (c === 10) return p + 1;
  return c === 13 && s.charCodeAt(p + 1) === 10 ? p + 2 : -1;
}

/** End of a /\r?\n[ \t]*\r?\n/ match at p, or -1 (no backtracking can find another: the spaces and
 *  tabs cannot stand for a line break). */
function blankLineEnd(s: string, p: number): number {
  let q = lineBreakEnd(s, p);
  if (q < 0) return -1;
  while (s.charCodeAt(q) === 32 || s.charCodeAt(q) === 9) q++;
  return lineBreakEnd(s, q);
}

function hasNonSpace(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(s.charCodeAt(i))) return true;
  return false;
}

