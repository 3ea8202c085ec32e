// The optimised inference path (src/engine/ner/infer.ts: cached per-word-type emissions) must tag exactly
// like the plain path built on the training-time features (test/support/nerReference.ts). The full CoNLL-dev check was the one-off `scripts/ner-speed.ts equiv` (in git history).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { tokenize } from '../../src/engine/tokenize';
import { loadModel } from '../../src/engine/ner';
import { Gazetteer, hashString, SMI, tokenLowerNorm } from '../../src/engine/ner/features';
import { tagTokenized } from '../../src/engine/ner/infer';
import { Scratch, type NerModel } from '../../src/engine/ner/model';
import { tagTokenizedReference } from '../support/nerReference';

const SEED = path.resolve(__dirname, '..', '..', 'seeds', 'trump-xi-tiktok-call.txt');

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function assertSameTags(model: NerModel, text: string, scratch: Scratch, what: string): number {
  const doc = tokenize(text);
  const a = tagTokenized(model, doc, scratch);
  const b = tagTokenizedReference(model, doc);
  assert.equal(a.tags.length, doc.tokens.length);
  for (let i = 0; i < doc.tokens.length; i++) {
    if (a.tags1[i] !== b.tags1[i] || a.tags[i] !== b.tags[i]) {
      assert.fail(`${what}: token ${i} "${doc.tokens[i].text}": pass 1 ${a.tags1[i]} vs ${b.tags1[i]}, final ${a.tags[i]} vs ${b.tags[i]}`);
    }
  }
  return doc.tokens.length;
}

function variedTexts(seedText: string): string[] {
  const r = rng(42);
  const words = tokenize(seedText).tokens.map((t) => t.text);
  const pick = () => words[Math.floor(r() * words.length)];
  const texts: string[] = [];
  // Shuffled seed vocabulary in sentences of varying length, some lines in ALL CAPS.
  for (let d = 0; d < 6; d++) {
    const lines: string[] = [];
    for (let l = 0; l < 12; l++) {
      const len = 1 + Math.floor(r() * 25);
      let line = Array.from({ length: len }, pick).join(' ') + (r() < 0.7 ? '.' : '');
      if (r() < 0.15) line = line.toUpperCase();
      lines.push(line);
    }
    texts.push(lines.join(r() < 0.5 ? '\n' : ' '));
  }
  texts.push(
    'WASHINGTON (Reuters) - President Donald Trump spoke with Chinese President Xi Jinping on Friday.\n' +
      'Trump said Xi agreed. Xi said nothing. The White House, the U.S. Department of State and the ' +
      'Center for Strategic and International Studies declined to comment. Trump, Trump and trump.',
    'CRICKET - LEICESTERSHIRE TAKE OVER AT TOP AFTER INNINGS VICTORY.\nLONDON 1996-08-30\n' +
      'West Indian all-rounder Phil Simmons took four for 38 on Friday as Leicestershire beat Somerset.',
    '\u201cWe\u2019re here,\u201d said Jean-Claude Van Damme of the Banque de France \u2014 in S\u00e3o Paulo, \u00c9cole Normale, ' +
      'Z\u00fcrich and M\u00fcnchen. 1,234 people; 5.6% of 78/90 on 12:30. O\u2019Brien\u2019s AT&T deal with IBM Corp. Ltd.',
    'A', '.', 'Hello', 'New York', 'the of and for', 'X Y Z. A B C. 1 2 3.',
    'Apple Inc. said on Monday that Apple would buy Apple Records from Apple Corps, Apple said.',
  );
  return texts;
}

describe('NER fast inference is identical to the reference path', () => {
  const model = loadModel();
  const seedText = readFileSync(SEED, 'utf8');

  it('tags the seed article and varied texts identically (cold and warm word-type cache)', () => {
    const scratch = new Scratch();
    const texts = [seedText, ...variedTexts(seedText)];
    let n = 0;
    for (let round = 0; round < 2; round++) texts.forEach((t, i) => { n += assertSameTags(model, t, scratch, `round ${round} text ${i}`); });
    assert.ok(n > 2000);
  });

  it('stays identical across a word-type cache reset and a document with very many distinct words', () => {
    const scratch = new Scratch();
    const r = rng(7);
    const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const word = () => {
      let w = '';
      const len = 2 + Math.floor(r() * 9);
      for (let k = 0; k < len; k++) w += letters[Math.floor(r() * (k === 0 ? 52 : 26))];
      return w;
    };
    const parts: string[] = [];
    for (let s = 0; s < 1500; s++) parts.push(Array.from({ length: 12 }, word).join(' ') + '.');
    assertSameTags(model, parts.join(' '), scratch, 'many distinct words');
    assertSameTags(model, seedText, scratch, 'seed after many words');
    assertSameTags(model, parts.slice(0, 200).join(' '), scratch, 'after reset');
  });

  it('is identical with word clusters and without a gazetteer (other feature paths)', () => {
    const scratch = new Scratch();
    // The shipped model has no clusters: give a copy random cluster paths for the seed's words.
    const r = rng(3);
    const gaz = new Gazetteer();
    for (const [k, v] of model.gaz.map) gaz.map.set(k, v);
    for (const t of tokenize(seedText).tokens) {
      if (r() < 0.6) gaz.clusters.set(hashString(tokenLowerNorm(t.text)) & SMI, Math.floor(r() * 4096));
    }
    const withClusters: NerModel = { ...model, gaz };
    const noGaz: NerModel = { ...model, gaz: new Gazetteer() };
    for (const m of [withClusters, noGaz]) {
      for (const t of [seedText, ...variedTexts(seedText).slice(0, 8)]) assertSameTags(m, t, scratch, 'variant model');
    }
  });
});
