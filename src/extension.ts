// News Lens: activation composes the editor features (one file each under src/editor/).
import * as vscode from 'vscode';
import { AnalysisCache, warmUpEngine } from './editor/analysisCache';
import { registerAnalysisProgress, type AnalysisProgressView } from './editor/analysisProgress';
import { registerArticles } from './editor/articles';
import { registerArticleStatus, type ArticleStatusView } from './editor/articleStatus';
import { AnnotationManager, workspaceFileSystem } from './editor/annotationManager';
import { registerAnnotationCommands } from './editor/annotationCommands';
import { registerAnnotationProblems } from './editor/annotationProblems';
import { registerAnnotationQuickFixes } from './editor/annotationQuickFixes';
import { registerAnnotationTree } from './editor/annotationTree';
import { registerAttributionHints } from './editor/attributionHints';
import { registerCorrectionCommands } from './editor/correctionCommands';
import { registerCorrectionDecorations } from './editor/correctionDecorations';
import { registerAnnotationDecorations } from './editor/decorations';
import { registerEntityDecorations, type HighlightsView } from './editor/entityDecorations';
import { registerEntityDetails } from './editor/entityDetails';
import { registerHover, type HoverTimingsView } from './editor/hover';
import { registerLearning, type LearningView } from './editor/learning';
import { registerNavigation } from './editor/navigation';
import { registerOpenSidecar } from './editor/openSidecar';
import { registerReattach } from './editor/reattach';
import { registerReportedSpeech } from './editor/reportedSpeech';
import { registerReviewThreads } from './editor/reviewThreads';
import { registerSemanticTokens } from './editor/semanticTokens';
import { registerSymbols } from './editor/symbols';
import { WorkspaceIndexer } from './editor/workspaceIndexer';
import { registerWorkspaceSymbols } from './editor/workspaceSymbols';
import { registerSourcesView, type SourcesView } from './editor/sourcesView';
import { registerReviewView, type ReviewView } from './editor/reviewView';
import { registerReviewBadges, type ReviewBadges } from './editor/reviewBadges';
import { LANGUAGE_ID, type Config, type Services } from './editor/services';

/** What activate() returns to other extensions and to the integration tests. */
export interface NewsLensApi {
  /** Milliseconds activate() took. */
  readonly activationMs: number;
  /** performance.now() when activate() was called (the extension host's clock, which its tests share). */
  readonly activationStartedAt: number;
  readonly services: Services;
  /** What the article status-bar item shows. */
  readonly statusItem: ArticleStatusView;
  /** How often the analysis progress indicator was shown. */
  readonly analysisProgress: AnalysisProgressView;
  /** When each article's highlight palette was last painted. */
  readonly highlights: HighlightsView;
  /** How long the hover provider takes. */
  readonly hover: HoverTimingsView;
  /** The workspace index (issue 17) and its views. */
  readonly workspaceIndex: { readonly indexer: WorkspaceIndexer; readonly sources: SourcesView; readonly review: ReviewView; readonly badges: ReviewBadges };
  /** The model learned from the workspace's corrections. */
  readonly learning: LearningView;
}

/** Files that say a workspace holds articles: sidecars, and the default `newsLens.articles.include`. */
const ARTICLE_HINTS = '{**/*.annotations.yaml,**/seeds/**/*.txt,**/articles/**/*.txt,**/*.article.txt}';
/** How long after activation the engine is warmed up (the window is busy starting before that). */
const WARM_UP_DELAY_MS = 3000;
/** How long after activation the workspace index starts its background update. */
const INDEX_DELAY_MS = 1500;

/** publisher.name in package.json. */
const EXTENSION_ID = 'news-lens.news-lens';

// Opening a News Article in a window where News Lens is not active yet: VS Code loads this module, then
// waits for the window (the extension's stored state) before it calls activate(): a second or more while
// the window opens the editor on a busy machine (docs/speed.md). Meanwhile, analyse the article once and
// drop the result, so the model is loaded and the engine compiled when activate() analyses it for real.
// Only when an article is open: plain text activates the extension too, in every window at startup.
const earlyArticle = vscode.workspace.textDocuments.find((d) => d.languageId === LANGUAGE_ID);
if (earlyArticle) {
  setImmediate(() => {
    if (vscode.extensions.getExtension(EXTENSION_ID)?.isActive || earlyArticle.isClosed) return; // too late: activate() analysed it
    performance.mark('news-lens:warm-up:start');
    try {
      warmUpEngine(earlyArticle.getText(), vscode.workspace.getConfiguration('newsLens').get<number>('analysis.workerThreshold'));
    } catch {
      // The real analysis reports what went wrong.
    }
    performance.measure('news-lens:warm-up', 'news-lens:warm-up:start'); // for the editor benchmark
  });
}

export function activate(context: vscode.ExtensionContext): NewsLensApi {
  const t0 = performance.now();
  const selector: vscode.DocumentSelector = { language: LANGUAGE_ID };
  const isArticle = (doc: vscode.TextDocument) => doc.languageId === LANGUAGE_ID;
  const log = vscode.window.createOutputChannel('News Lens', { log: true });
  const config: Config = {
    get: <T>(key: string, resource?: vscode.Uri) => vscode.workspace.getConfiguration('newsLens', resource).get<T>(key),
  };
  const analyses = new AnalysisCache({
    workerScript: vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath,
    workerThreshold: () => config.get<number>('analysis.workerThreshold'),
    isArticle,
    log,
    // The reviewers' corrections in the sidecar (the manager below): every feature shows the corrected analysis.
    correct: (doc, text, raw) => annotations.correct(doc, text, raw),
  });
  // Tracks annotations through edits of the articles itself (subscribed first, before any feature).
  const annotations = new AnnotationManager(workspaceFileSystem(), () => config.get<string>('author'), isArticle, log);
  const services: Services = { analyses, annotations, config, log };
  const status = registerArticleStatus(isArticle, services);
  const progress = registerAnalysisProgress(services);
  const highlights = registerEntityDecorations(isArticle, services);
  const hover = registerHover(selector, services);
  const indexer = new WorkspaceIndexer({
    storage: context.storageUri,
    workerScript: vscode.Uri.joinPath(context.extensionUri, 'dist', 'index-worker.js').fsPath,
    engineVersion: String((context.extension.packageJSON as { version?: unknown }).version),
    articleGlobs: () => config.get<string[]>('articles.include') ?? [],
    log,
  });
  const sources = registerSourcesView(indexer);
  const review = registerReviewView(indexer);
  const badges = registerReviewBadges(indexer);
  const learning = registerLearning(context, services);

  context.subscriptions.push(
    log,
    analyses,
    annotations,
    registerSemanticTokens(selector, services),
    highlights,
    hover,
    registerEntityDetails(services),
    registerAnnotationDecorations(isArticle, services),
    registerAnnotationCommands(services),
    registerReattach(services),
    registerReviewThreads(isArticle, services),
    registerAnnotationProblems(isArticle, services),
    registerAnnotationQuickFixes(selector),
    registerCorrectionCommands(selector, services),
    registerCorrectionDecorations(isArticle, services),
    registerAnnotationTree(isArticle, services),
    registerAttributionHints(selector, isArticle, services),
    registerReportedSpeech(isArticle, services),
    registerNavigation(isArticle, services),
    registerSymbols(selector, services),
    registerWorkspaceSymbols(selector, services, indexer),
    sources,
    review,
    badges,
    indexer,
    // Plain-text files that are articles (setting, sidecar, command); activation on onLanguage:plaintext.
    registerArticles(services),
    registerOpenSidecar(isArticle, services),
    status,
    progress,
    learning,
  );
  // The window's first article would meet a cold engine: its first analysis takes several times as long as
  // the next (model load, V8 compiling the engine). Once the window has settled, warm it up in workspaces
  // that hold articles (plain text activates News Lens in every window; the others are left alone). The
  // search starts now: on a busy machine it can take seconds, and the warm-up is worth most early.
  const holdsArticles = vscode.workspace.findFiles(ARTICLE_HINTS, undefined, 1).then((found) => found.length > 0, () => false);
  const warmUp = setTimeout(() => {
    void holdsArticles.then((yes) => {
      const w0 = performance.now();
      if (!yes || !analyses.warmUp()) return;
      log.info(`engine warmed up in ${(performance.now() - w0).toFixed(0)} ms`);
      performance.measure('news-lens:background-warm-up', { start: w0 }); // for the editor benchmark
    });
  }, WARM_UP_DELAY_MS);
  context.subscriptions.push({ dispose: () => clearTimeout(warmUp) });
  // The workspace index builds in the background (a worker thread reads and analyses, the window's progress
  // shows it), shortly after activation so the first article's colours come first; only in workspaces
  // that hold articles.
  const startIndex = setTimeout(() => void holdsArticles.then((yes) => yes && indexer.start()), INDEX_DELAY_MS);
  context.subscriptions.push({ dispose: () => clearTimeout(startIndex) });

  const activationMs = performance.now() - t0;
  log.info(`activated in ${activationMs.toFixed(1)} ms`);
  return {
    activationMs,
    activationStartedAt: t0,
    services,
    statusItem: status.view,
    analysisProgress: progress.view,
    highlights: highlights.view,
    hover: hover.view,
    workspaceIndex: { indexer, sources, review, badges },
    learning: learning.view,
  };
}

export function deactivate(): void {}
