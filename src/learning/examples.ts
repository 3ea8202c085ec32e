// The training example of an article for `news-lens learn` and the training-data exports: its corrected
// analysis (the sidecar's corrections applied, as `news-lens analyze` shows it). One place, so that
// learning and export see the same names.
import { analyze, type AnalyzeOptions } from '../engine';
import type { TrainingExample } from '../engine/ner/learn';
import { correctAnalysis, readSidecarCorrections, sidecarErrorText } from '../corrections';
import { readArticleFile, nodeFileSystem } from '../store';

export type { TrainingExample } from '../engine/ner/learn';

export interface CorrectedExample {
  example: TrainingExample;
  /** Corrections applied to this article (0: the example is the model's own output). */
  applied: number;
}

/** The corrected analysis of an article as a training example. A sidecar that cannot be read is an
 *  error naming it and the first problem (the article is not silently taken as uncorrected). */
export async function correctedExampleOf(file: string, options: AnalyzeOptions = {}): Promise<CorrectedExample> {
  const { text } = await readArticleFile(nodeFileSystem, file);
  let analysis = analyze(text, options);
  const sidecar = await readSidecarCorrections(nodeFileSystem, file, text);
  if (sidecar.state === 'invalid' || sidecar.state === 'conflicted') {
    const e = sidecar.errors[0];
    throw new Error(`${e ? sidecarErrorText(sidecar.sidecarPath, e) : `${sidecar.sidecarPath}: cannot be read`}; its corrections cannot be used`);
  }
  let applied = 0;
  if (sidecar.resolved.length > 0) {
    const corrected = correctAnalysis(text, analysis, sidecar.resolved);
    analysis = corrected.analysis;
    applied = corrected.reports.filter((r) => r.applied).length;
  }
  return { example: { text, entities: analysis.entities.map((e) => ({ start: e.start, end: e.end, type: e.type })) }, applied };
}

/** The corrected analysis of an article as a training example (every article has one). */
export async function correctedExample(file: string, options: AnalyzeOptions = {}): Promise<TrainingExample> {
  return (await correctedExampleOf(file, options)).example;
}

/** The training example of a corrected article, or undefined when none of its corrections applies (an
 *  unreviewed article teaches nothing new: it is the model's own output). */
export async function exampleFor(file: string): Promise<TrainingExample | undefined> {
  const { example, applied } = await correctedExampleOf(file);
  return applied > 0 ? example : undefined;
}
