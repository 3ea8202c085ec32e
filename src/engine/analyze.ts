// The engine's entry point: analyze() runs the pipeline (pipeline.ts) over one text.
import type { Analysis } from './types';
import type { NameRecognizer } from './recognizer';
import { PerceptronRecognizer } from './ner';
import { AnalysisContext, STAGES, runStages } from './pipeline';

export interface AnalyzeOptions {
  /** Replaces the default name recognizer. */
  recognizer?: NameRecognizer;
  /** When given, each stage's wall time (ms) is added to it under the stage's name (pipeline.ts STAGES),
   *  for profiling (scripts/pipeline-profile.ts). */
  stageTimes?: Map<string, number>;
}

// The trained recognizer (models/ner.bin, loaded lazily on first use). The rule recognizer in
// rules/names.ts can be passed as `options.recognizer`.
let defaultRecognizer: NameRecognizer | undefined;
function getDefaultRecognizer(): NameRecognizer {
  return (defaultRecognizer ??= new PerceptronRecognizer());
}

/**
 * A short article whose analysis (with its internal objects: tokens, entity index) is kept for the life
 * of the process. V8 holds the hidden classes of objects only weakly: once the last object of a class is
 * garbage, a full collection frees the class and throws away the optimised code of every function that
 * used it. Each analysis builds its objects afresh, so between analyses none are left, and every full
 * collection (V8 runs one whenever a worker falls idle) would make the next analyses run in slower, not
 * yet re-optimised code: over the CoNLL-2003 dev documents up to 1.9x slower per pass. Objects built by the
 * same code get the same classes, so one small kept analysis keeps them all alive.
 */
const SHAPE_SAMPLE = '“We will appeal,” said Jane Smith, a lawyer for Acme Corp. in Paris, on Monday. Smith added that 3 million people ' +
  'and the U.N. agreed, according to Reuters. The company’s shares fell 5% to $12.50.\n\nSHE SAID: “No.”';
/** The SHAPE_SAMPLE analysis with its whole context: every intermediate object stays reachable. */
let shapeKeeper: { context: AnalysisContext; analysis: Analysis } | null | undefined;

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  if (shapeKeeper === undefined) {
    shapeKeeper = null; // before the call below, which comes back here
    const context = analyzeContext(SHAPE_SAMPLE, { recognizer: options.recognizer }); // the caller's recognizer: no model load for the rules
    shapeKeeper = { context, analysis: analysisOf(context) };
  }
  return analysisOf(analyzeContext(text, options));
}

/** Runs every stage over `text`; returns the filled context. */
function analyzeContext(text: string, options: AnalyzeOptions): AnalysisContext {
  const c = new AnalysisContext(text, options.recognizer ?? getDefaultRecognizer());
  runStages(c, STAGES, options.stageTimes);
  return c;
}

/** The analysis of a context the stages filled (also the tail's in split.ts). */
export function analysisOf(c: AnalysisContext): Analysis {
  return { entities: c.entities, clusters: c.clusters, quotes: c.quotes, references: c.references, facts: c.facts };
}
