// Public entry of the analysis engine (no `vscode` import: runs in the CLI, tests, a worker and the editor).
export * from './types';
export { tokenize } from './tokenize';
export type { Token, Tokenized, Sentence } from './tokenize';
export type { NameRecognizer, NameMention } from './recognizer';
export { analyze } from './analyze';
export type { AnalyzeOptions } from './analyze';
export { applyCorrections } from './corrections';
export type { AnalysisCorrection, AnalysisCorrectionAction, CorrectionOutcome, CorrectedAnalysis } from './corrections';
