// Readers for the development data described in <data>/README.md. The data is never copied into the
// repository: every reader takes the data folder as an argument (`--data DIR` on the command line).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConllType } from '../../src/engine/types';

export interface ConllDoc {
  id: string;
  text: string;
  entities: Array<{ start: number; end: number; type: ConllType }>;
}

export interface PolnearQuote {
  start: number;
  end: number;
  attribution_id: string;
  kind: 'direct' | 'mixed' | 'indirect';
  speaker_text?: string | null;
  speaker_start?: number | null;
  speaker_end?: number | null;
  cue_text?: string | null;
  cue_start?: number | null;
  cue_end?: number | null;
}

export interface PolnearDoc {
  id: string;
  text: string;
  quotes: PolnearQuote[];
}

export interface GumNamesDoc {
  id: string;
  text: string;
  entities: Array<{ start: number; end: number; type: ConllType; gum_type?: string }>;
}

/** Universal NER English Web Treebank: gold PER/ORG/LOC only (no MISC); LOC covers GPEs and facilities. */
export interface UnerDoc {
  id: string;
  genre: string;
  text: string;
  entities: Array<{ start: number; end: number; type: 'PER' | 'ORG' | 'LOC' }>;
}

export interface GumTimesDoc {
  id: string;
  text: string;
  /** Every GUM `time` mention (dates, times of day, durations, frequencies); may nest. */
  entities: Array<{ start: number; end: number; type: string; cluster?: string }>;
}

/** Files the evaluation reads, relative to the data folder. */
export const DATA_FILES = {
  conll: 'conll2003/dev.jsonl',
  polnear: 'polnear/dev.jsonl',
  polnearTrain: 'polnear/train.jsonl',
  gumNames: 'gum/news_names_train.jsonl',
  gumTimes: 'gum/news_times_train.jsonl',
  gumAll: 'gum/all_names_train.jsonl',
  unerDev: 'uner/en_ewt_dev.jsonl',
  unerTest: 'uner/en_ewt_test.jsonl',
} as const;
export type DataFileKey = keyof typeof DATA_FILES;

/** Relative paths of the required files missing from `dataDir`. */
export function missingFiles(dataDir: string, keys: readonly DataFileKey[]): string[] {
  return keys.map((k) => DATA_FILES[k]).filter((rel) => !fs.existsSync(path.join(dataDir, rel)));
}

/** Reads a JSON Lines file: one object per non-blank line, with `id` and `text` strings checked. */
export function readJsonl<T extends { id: string; text: string }>(file: string): T[] {
  const out: T[] = [];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new Error(`${file}:${i + 1}: invalid JSON (${(e as Error).message})`, { cause: e });
    }
    const v = value as Partial<T> | null;
    if (!v || typeof v !== 'object' || typeof v.text !== 'string' || typeof v.id !== 'string') {
      throw new Error(`${file}:${i + 1}: expected an object with string "id" and "text"`);
    }
    out.push(v as T);
  });
  return out;
}

export const loadConll = (dataDir: string): ConllDoc[] => readJsonl(path.join(dataDir, DATA_FILES.conll));
export const loadPolnear = (dataDir: string, split: 'dev' | 'train' = 'dev'): PolnearDoc[] =>
  readJsonl(path.join(dataDir, DATA_FILES[split === 'train' ? 'polnearTrain' : 'polnear']));
export const loadGumNames = (dataDir: string): GumNamesDoc[] => readJsonl(path.join(dataDir, DATA_FILES.gumNames));
export const loadGumTimes = (dataDir: string): GumTimesDoc[] => readJsonl(path.join(dataDir, DATA_FILES.gumTimes));
export const loadGumAllNames = (dataDir: string): GumNamesDoc[] => readJsonl(path.join(dataDir, DATA_FILES.gumAll));
export const loadUner = (dataDir: string, split: 'dev' | 'test'): UnerDoc[] =>
  readJsonl(path.join(dataDir, split === 'dev' ? DATA_FILES.unerDev : DATA_FILES.unerTest));
