// Reference for test/unit/values.equivalence.test.ts: findValues() (src/engine/values.ts)
// as it was before the trigger gating and the merge, kept verbatim: each of the engine's patterns scans the
// whole text globally, then all matches are sorted. It uses the engine's PATTERNS, so a changed pattern is
// compared with its own ungated scan. Never bundled.
import type { ValueType } from '../../src/engine/types';
import { PATTERNS } from '../../src/engine/values';

export interface ValueMention {
  start: number;
  end: number;
  type: ValueType;
}

const PRIORITY: Record<ValueType, number> = { MONEY: 0, PERCENT: 1, TIME: 2, DATE: 3, QUANTITY: 4, ORDINAL: 5, CARDINAL: 6 };
const LEADING_PREP = /^(?:since|in|by|until|from|of|the year|before|after|on|every)\s+/i;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** /[\p{L}-]/u.test(text[i]) for c = text.charCodeAt(i), the regex only outside ASCII. */
function isLetterOrHyphen(c: number, text: string, i: number): boolean {
  if (c < 128) return c === 45 || ((c | 32) >= 97 && (c | 32) <= 122);
  return /[\p{L}-]/u.test(text[i]);
}

/** Finds value mentions, longest-first with type priority, without overlaps. */
export function findValuesReference(text: string): ValueMention[] {
  const found: ValueMention[] = [];
  for (const [type, pattern] of PATTERNS) {
    const re = new RegExp(pattern.source, pattern.flags); // its own lastIndex
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) { re.lastIndex++; continue; }
      let start = m.index;
      const end = m.index + m[0].length;
      let s = m[0];
      if (type === 'DATE') {
        const lp = LEADING_PREP.exec(s);
        if (lp && !/^(?:early|mid|late|fiscal|last|next|this)/i.test(s)) { start += lp[0].length; s = s.slice(lp[0].length); }
        if (/^May$/.test(s) && !/(?:in|since|until|by|from|of|early|late|mid|last|next|this)\s+$/i.test(text.slice(Math.max(0, start - 8), start))) continue;
        if (/^(?:a|an)[ -]/i.test(s) && !/(?:ago|earlier|later)$/.test(s)) {
          // "a year" alone is vague; keep "a year ago", drop "a week" inside other phrases like "a week-long".
          if (!/\b(?:ago|earlier|later)\b/.test(s)) continue;
        }
        if (/^(?:recently)$/i.test(s)) continue;
      }
      // Most matches are CARDINAL digits: the word checks below cannot apply to a match starting with one.
      if (type === 'CARDINAL' && !isDigit(s.charCodeAt(0))) {
        if (/^(?:a|an|many|several|a few|a couple of)$/i.test(s)) continue;
        if (/^one$/i.test(s) && /^\s+(?:of|another)\b/.test(text.slice(end, end + 9)) === false && /\b(?:no|any|every|each|some)\s+$/i.test(text.slice(Math.max(0, start - 6), start))) continue;
      }
      if (type === 'TIME' && /^a second$/i.test(s)) continue; // "a second round", not a duration
      if (type === 'ORDINAL' && /^second$/i.test(s) && /^s?\b/.test(text.slice(end)) && /\b(?:a|per|every)\s+$/.test(text.slice(Math.max(0, start - 6), start))) continue;
      if (end <= start) continue;
      found.push({ start, end, type });
    }
  }
  found.sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start) || PRIORITY[a.type] - PRIORITY[b.type]);
  const out: ValueMention[] = [];
  for (const v of found) {
    const prev = out[out.length - 1];
    if (prev && v.start < prev.end) continue;
    // Digits glued to letters are codes or names ("F-16", "G20", "COVID-19"), not values.
    if (isDigit(text.charCodeAt(v.start)) && v.start > 0 && isLetterOrHyphen(text.charCodeAt(v.start - 1), text, v.start - 1)) continue;
    out.push(v);
  }
  return out;
}
