// Tokens as two typed arrays, and back: how the head of a split pipeline (split.ts) hands its tokens
// to the tail in another thread — a structured clone of typed arrays is a copy of their bytes, where
// one of the token objects would be a copy of every object, and tokenizing again would run (and make
// V8 compile) the tokenizer in the tail's thread too. A token's text is its slice of the text.
import type { Token, TokenKind, Tokenized } from './tokenize';

const KINDS: readonly TokenKind[] = ['word', 'number', 'punct'];
const LINE_START = 4;

export interface PackedTokens {
  /** Per token: start, end, sentence, KINDS index | LINE_START. */
  tokens: Int32Array;
  /** Per sentence: start, end, first, last. */
  sentences: Int32Array;
}

export function packTokens(doc: Tokenized): PackedTokens {
  const tokens = new Int32Array(doc.tokens.length * 4);
  doc.tokens.forEach((t, i) => {
    const kind = KINDS.indexOf(t.kind);
    if (kind < 0) throw new Error(`unknown token kind ${t.kind}`);
    tokens[4 * i] = t.start; tokens[4 * i + 1] = t.end; tokens[4 * i + 2] = t.sentence;
    tokens[4 * i + 3] = kind | (t.lineStart ? LINE_START : 0);
  });
  const sentences = new Int32Array(doc.sentences.length * 4);
  doc.sentences.forEach((s, i) => {
    sentences[4 * i] = s.start; sentences[4 * i + 1] = s.end; sentences[4 * i + 2] = s.first; sentences[4 * i + 3] = s.last;
  });
  return { tokens, sentences };
}

/** The tokens packTokens packed, of `text`. */
export function unpackTokens(text: string, packed: PackedTokens): Tokenized {
  const p = packed.tokens, q = packed.sentences;
  const tokens: Token[] = new Array(p.length / 4);
  for (let i = 0, o = 0; o < p.length; i++, o += 4) {
    const start = p[o], end = p[o + 1];
    tokens[i] = { start, end, text: text.slice(start, end), kind: KINDS[p[o + 3] & 3], sentence: p[o + 2], lineStart: (p[o + 3] & LINE_START) !== 0 };
  }
  const sentences = new Array(q.length / 4);
  for (let i = 0, o = 0; o < q.length; i++, o += 4) sentences[i] = { start: q[o], end: q[o + 1], first: q[o + 2], last: q[o + 3] };
  return { tokens, sentences };
}
