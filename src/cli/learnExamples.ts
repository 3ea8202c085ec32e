// The training example of an article for `news-lens learn` and the training-data exports: its corrected
// analysis. One place, so that learning and export see the same names.
import { analyze, type AnalyzeOptions } from '../engine';
import type { TrainingExample } from '../engine/ner/learn';
import { readArticleFile, nodeFileSystem, sidecarPathFor } from '../store';
import { promises as fsp } from 'node:fs';
import { parse as parseYaml } from 'yaml';

export type { TrainingExample } from '../engine/ner/learn';

/** True when the sidecar text has a non-empty top-level `corrections:` list. Read minimally: the
 *  corrections themselves are applied by the corrections module. */
export function sidecarHasCorrections(sidecarText: string): boolean {
  let doc: unknown;
  try {
    doc = parseYaml(sidecarText);
  } catch {
    return false;
  }
  const list = (doc as { corrections?: unknown } | null)?.corrections;
  return Array.isArray(list) && list.length > 0;
}

/** Whether the article's sidecar holds corrections (false when there is no sidecar). */
export async function hasCorrections(file: string): Promise<boolean> {
  let text: string;
  try {
    text = await fsp.readFile(sidecarPathFor(file), 'utf8');
  } catch {
    return false;
  }
  return sidecarHasCorrections(text);
}

/** The corrected analysis of an article as a training example (every article has one). */
export async function correctedExample(file: string, options: AnalyzeOptions = {}): Promise<TrainingExample> {
  const { text } = await readArticleFile(nodeFileSystem, file);
  const analysis = analyze(text, options);
  // corrections are applied here once the corrections module lands
  return { text, entities: analysis.entities.map((e) => ({ start: e.start, end: e.end, type: e.type })) };
}

/** The training example of a corrected article, or undefined when the article has no corrections (an
 *  unreviewed article teaches nothing new: it is the model's own output). */
export async function exampleFor(file: string): Promise<TrainingExample | undefined> {
  if (!(await hasCorrections(file))) return undefined;
  return correctedExample(file);
}
