// The small set of shared objects every editor feature receives (no module-level state anywhere).
import type * as vscode from 'vscode';
import type { AnalysisCache } from './analysisCache';
import type { AnnotationManager } from './annotationManager';

export interface Config {
  /** Reads `newsLens.<key>`, scoped to a resource when given. */
  get<T>(key: string, resource?: vscode.Uri): T | undefined;
}

export interface Services {
  readonly analyses: AnalysisCache;
  readonly annotations: AnnotationManager;
  readonly config: Config;
  readonly log: vscode.LogOutputChannel;
}

export const LANGUAGE_ID = 'news-article';
