// Anchoring benchmark: many annotations on a large article (the store section of bench.ts, storeBench.ts).

import { AnchorIndex, createTarget } from '../../src/store/anchor';
import type { AnchorState, AnnotationTarget } from '../../src/store/types';
import { mulberry32 } from '../util/prng';


/** Word stream of the seed article (kept inline so the benchmark needs no file access). */
const WORDS = (
  'On Friday Presidents Donald Trump and Xi Jinping spoke by phone with a primary focus on reaching an agreement that would allow ' +
  'the video app TikTok to remain operational in the U.S. and ease tensions between the two economic superpowers A U.S. official ' +
  'confirmed that this was the leaders first known call in three months and that a potential deal on TikTok was at the top of the ' +
  'agenda along with trade issues While Chinese state broadcaster CCTV did not provide details of the conversation the call comes ' +
  'as both sides are in discussions about a possible in-person summit between the two leaders at the Asia-Pacific Economic ' +
  'Cooperation APEC summit in South Korea from October 30 to November 1 A key obstacle to a TikTok deal was Beijing’s final ' +
  'approval of a framework agreement reached earlier this week Although a law passed by Congress mandated that the app be shut ' +
  'down for U.S. users by January 2025 if its Chinese owner ByteDance did not sell its U.S. assets Trump has so far declined to ' +
  'enforce the ban He has expressed concerns that banning the app could anger its large user base and disrupt political ' +
  'communications Key questions about the potential deal remain including the precise ownership structure the level of control ' +
  'China would retain and whether Congress will approve the arrangement Reuters has reported that the deal would transfer ' +
  'semiconductors soybeans Boeing airplanes fentanyl-related chemicals Wells Fargo banker Chenyue Mao Scott Kennedy tariffs'
).split(' ');

const SYLLABLES = ['ka', 'lo', 'mi', 'ten', 'sar', 'vo', 'ru', 'dex', 'pa', 'ni', 'qua', 'ber', 'tos', 'lin', 'ga', 'fer', 'an', 'is', 'mor', 'ste', 'vel', 'ho', 'pri', 'dun', 'el', 'cor', 'bu', 'zen', 'tri', 'ol'];

/** Pseudo-news text of about `size` characters: half words of the seed article, half words of a
 *  5,000-word invented vocabulary drawn with a Zipf distribution (a real 1 MB news corpus has tens
 *  of thousands of distinct words), with numbers, sentences and paragraphs. */
export function benchText(size: number, seed = 1): string {
  const r = mulberry32(seed);
  const vocab: string[] = [];
  for (let i = 0; i < 5000; i++) {
    const n = 2 + Math.floor(r() * 3);
    let w = '';
    for (let k = 0; k < n; k++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
    vocab.push(w);
  }
  const zipf = (): string => vocab[Math.min(vocab.length - 1, Math.floor(Math.exp(r() * Math.log(vocab.length + 1))) - 1)]!;
  const parts: string[] = [];
  let len = 0;
  let sentence = 0;
  while (len < size) {
    const x = r();
    let w = x < 0.04 ? String(Math.floor(r() * 100000)) : x < 0.52 ? WORDS[Math.floor(r() * WORDS.length)]! : zipf();
    if (sentence === 0) w = w[0]!.toUpperCase() + w.slice(1);
    sentence++;
    let sep = ' ';
    if (sentence > 8 && r() < 0.12) {
      sep = r() < 0.2 ? '.\n' : '. ';
      sentence = 0;
    } else if (r() < 0.05) sep = ', ';
    parts.push(w, sep);
    len += w.length + sep.length;
  }
  return parts.join('');
}

export interface BenchScenario {
  ms: number;
  states: Record<AnchorState, number>;
}

export interface BenchResult {
  textLength: number;
  annotations: number;
  /** Unchanged text: every note still at its stored position. */
  unchanged: BenchScenario;
  /** A paragraph inserted at the top: every note moved. */
  shifted: BenchScenario;
  /** Shifted, and 1% of the annotated passages have one character changed (fuzzy path). */
  edited: BenchScenario;
  /** Shifted, and 1% of the annotated passages deleted (whole-text approximate search). */
  deleted: BenchScenario;
}

/**
 * Resolve `count` annotations (10,000 by default) on a ~1 MB article in four scenarios and time
 * each (`AnchorIndex.resolveAll`, including normalisation and index building).
 */
export function benchAnchoring(options: { size?: number; count?: number; seed?: number } = {}): BenchResult {
  const size = options.size ?? 1_000_000;
  const count = options.count ?? 10_000;
  const r = mulberry32(options.seed ?? 7);
  const text = benchText(size, options.seed ?? 1);
  const targets: AnnotationTarget[] = [];
  for (let i = 0; i < count; i++) {
    const len = 8 + Math.floor(r() * 120);
    const start = Math.floor(r() * (text.length - len - 1));
    targets.push(createTarget(text, start, start + len));
  }
  const run = (t: string): BenchScenario => {
    const states: Record<AnchorState, number> = { anchored: 0, moved: 0, fuzzy: 0, 'needs-review': 0, orphaned: 0 };
    const t0 = performance.now();
    const results = new AnchorIndex(t).resolveAll(targets);
    const ms = performance.now() - t0;
    for (const res of results) states[res.state]++;
    return { ms: Math.round(ms), states };
  };
  const unchanged = run(text);
  const intro = 'A new first paragraph was inserted here by the editor.\n';
  const shifted = run(intro + text);
  // Edit 1% of the annotated passages: change one character in the middle.
  const chars = text.split('');
  for (let i = 0; i < targets.length; i += 100) {
    const t = targets[i]!;
    const mid = Math.floor((t.start! + t.end!) / 2);
    chars[mid] = chars[mid] === 'x' ? 'y' : 'x';
  }
  const edited = run(intro + chars.join(''));
  // Delete 1% of the annotated passages (and a little around them).
  const del = text.split('');
  for (let i = 50; i < targets.length; i += 100) {
    const t = targets[i]!;
    for (let k = Math.max(0, t.start! - 5); k < Math.min(del.length, t.end! + 5); k++) del[k] = '';
  }
  const deleted = run(intro + del.join(''));
  return { textLength: text.length, annotations: count, unchanged, shifted, edited, deleted };
}

export interface HostileBenchResult {
  notes: number;
  quoteChars: number;
  ms: number;
  /** Approximate-search work done (AnchorIndex.searchWork, scan units). */
  work: number;
  states: Record<AnchorState, number>;
}

/**
 * The hostile sidecar of issue 18 (item 6): `count` notes (50) whose quotes are 90 KB each (4.4 MB in
 * all) on a ~1 MB article — passages of the article with a character changed every 500 (close to the
 * text, not in it) and invented text that is nowhere. Times `resolveAll`, index building included.
 */
export function benchHostileAnchoring(options: { size?: number; count?: number; quote?: number } = {}): HostileBenchResult {
  const size = options.size ?? 1_000_000;
  const count = options.count ?? 50;
  const quote = options.quote ?? 90_000;
  const text = benchText(size, 1);
  const targets: AnnotationTarget[] = [];
  for (let i = 0; i < count; i++) {
    const start = 64 + ((i * 17_011) % Math.max(1, text.length - quote - 128));
    let exact: string;
    if (i % 2 === 1) exact = benchText(quote, 100 + i);
    else {
      const c = text.slice(start, start + quote).split('');
      for (let k = 250; k < c.length; k += 500) c[k] = c[k] === 'x' ? 'y' : 'x';
      exact = c.join('');
    }
    targets.push({ exact, prefix: text.slice(start - 32, start), suffix: text.slice(start + quote, start + quote + 32), start: start + 500, end: start + quote + 500 });
  }
  const states: Record<AnchorState, number> = { anchored: 0, moved: 0, fuzzy: 0, 'needs-review': 0, orphaned: 0 };
  const t0 = performance.now();
  const index = new AnchorIndex(text);
  const results = index.resolveAll(targets);
  const ms = performance.now() - t0;
  for (const r of results) states[r.state]++;
  return { notes: count, quoteChars: count * quote, ms: Math.round(ms), work: index.searchWork, states };
}
