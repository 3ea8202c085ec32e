// Status-bar item for the active News Article: "$(symbol-class) entities $(quote) quotations $(comment) notes",
// a spinner while its analysis runs, a tooltip with the details; hidden for other files. Clicking it shows
// the Annotations view. Also keeps the `newsLens.activeArticle` context key (the walkthrough's first step
// completes on it).
import * as vscode from 'vscode';
import type { Analysis } from '../engine/types';
import type { ResolvedAnnotation } from '../store/index';
import type { VersionedAnalysis } from './analysisCache';
import { Commands } from './commandIds';
import { ENTITY_KINDS, kindOf, type EntityKind } from './kinds';
import type { Services } from './services';

export const ARTICLE_STATUS_ID = 'newsLens.articleStatus';
export const ACTIVE_ARTICLE_CONTEXT = 'newsLens.activeArticle';

/** What the item shows right now (read-only; for the extension's API and the integration tests). */
export interface ArticleStatusView {
  readonly visible: boolean;
  readonly text: string;
  readonly tooltip: string;
  /** The article the item describes. */
  readonly uri: vscode.Uri | undefined;
  readonly busy: boolean;
}

export interface ArticleStatusRegistration extends vscode.Disposable {
  readonly view: ArticleStatusView;
}

export function registerArticleStatus(isArticle: (doc: vscode.TextDocument) => boolean, services: Services): ArticleStatusRegistration {
  const item = vscode.window.createStatusBarItem(ARTICLE_STATUS_ID, vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('News Lens: Article');
  item.command = { command: Commands.focusAnnotations, title: vscode.l10n.t('Show the Annotations view') };
  const state = { visible: false, text: '', tooltip: '', uri: undefined as vscode.Uri | undefined, busy: false };
  /** Analyses in flight, per document: "uri#version". */
  const running = new Set<string>();
  const notes = new Map<string, ResolvedAnnotation[]>();
  /** Document version whose analysis failed, per document (shown instead of a spinner that never stops). */
  const failed = new Map<string, number>();
  let current: vscode.TextDocument | undefined;
  let contextValue: boolean | undefined;

  const setContext = (value: boolean) => {
    if (value === contextValue) return;
    contextValue = value;
    void vscode.commands.executeCommand('setContext', ACTIVE_ARTICLE_CONTEXT, value);
  };

  const render = () => {
    const doc = current;
    if (!doc || doc.isClosed || !isArticle(doc)) {
      item.hide();
      Object.assign(state, { visible: false, text: '', tooltip: '', uri: undefined, busy: false });
      setContext(false);
      return;
    }
    setContext(true);
    const key = doc.uri.toString();
    const last = services.analyses.peek(doc.uri);
    const inFlight = [...running].some((r) => r.startsWith(`${key}#`));
    const broken = !inFlight && failed.get(key) === doc.version;
    const busy = !broken && (inFlight || !last || last.version !== doc.version);
    const annotations = notes.get(key);
    const counts = last ? countsFor(last.analysis, annotations) : undefined;
    const parts: string[] = [];
    if (busy) parts.push('$(loading~spin)');
    if (broken) parts.push('$(warning)');
    if (counts) parts.push(`$(symbol-class) ${counts.entities} $(quote) ${counts.quotes} $(comment) ${counts.notes ?? '…'}`);
    else parts.push(broken ? vscode.l10n.t('News Lens') : vscode.l10n.t('Analysing…'));
    item.text = parts.join(' ');
    const tooltip = tooltipFor(doc, last, counts, busy);
    if (broken) tooltip.appendMarkdown(`\n\n$(warning) ${vscode.l10n.t('The analysis of the current text failed; see the News Lens output channel.')}`);
    item.tooltip = tooltip;
    item.accessibilityInformation = {
      label: counts
        ? vscode.l10n.t('News Lens: {0} entities, {1} quotations, {2} notes', counts.entities, counts.quotes, counts.notes ?? '…')
        : vscode.l10n.t('News Lens: analysing the article'),
    };
    item.show();
    Object.assign(state, { visible: true, text: item.text, tooltip: tooltip.value, uri: doc.uri, busy });
  };

  // render() runs on every keystroke in the article (to show the spinner); the counts change only with a
  // new analysis or new notes, so they are counted once per pair, not per keystroke (a 1 MB article has
  // tens of thousands of entities).
  let counted: { analysis: Analysis; annotations: ResolvedAnnotation[] | undefined; counts: Counts } | undefined;
  const countsFor = (analysis: Analysis, annotations: ResolvedAnnotation[] | undefined): Counts => {
    if (counted?.analysis !== analysis || counted.annotations !== annotations) {
      counted = { analysis, annotations, counts: summary(analysis, annotations) };
    }
    return counted.counts;
  };

  const refreshNotes = async (doc: vscode.TextDocument) => {
    try {
      notes.set(doc.uri.toString(), await services.annotations.resolved(doc));
    } catch (err) {
      services.log.warn(`status bar: cannot read the notes of ${doc.uri.toString(true)}: ${String(err)}`);
      notes.set(doc.uri.toString(), []);
    }
    if (doc === current) render();
  };

  /** Makes `doc` (the active editor's document, or none) the one the item describes. */
  const follow = (doc: vscode.TextDocument | undefined) => {
    current = doc && isArticle(doc) ? doc : undefined;
    render();
    if (!current) return;
    const article = current;
    // Starts the analysis if no other feature has (it is cached per version, so this is usually free).
    services.analyses.get(article).then(render, (err: unknown) => services.log.warn(`status bar: ${String(err)}`));
    void refreshNotes(article);
  };

  follow(vscode.window.activeTextEditor?.document);
  const disposable = vscode.Disposable.from(
      item,
      { dispose: () => void vscode.commands.executeCommand('setContext', ACTIVE_ARTICLE_CONTEXT, false) },
      vscode.window.onDidChangeActiveTextEditor((e) => follow(e?.document)),
      // A language change is close + open of the same document: follow it when it becomes (or stops being)
      // an article while it is the active one.
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (d === vscode.window.activeTextEditor?.document) follow(d);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        notes.delete(d.uri.toString());
        failed.delete(d.uri.toString());
        if (d === current) follow(undefined);
      }),
      services.analyses.onDidStart((start) => {
        const key = `${start.uri.toString()}#${start.version}`;
        running.add(key);
        const finish = (ok: boolean) => {
          running.delete(key);
          if (ok) failed.delete(start.uri.toString());
          else failed.set(start.uri.toString(), start.version);
          if (current?.uri.toString() === start.uri.toString()) render();
        };
        start.done.then(() => finish(true), () => finish(false));
        if (current?.uri.toString() === start.uri.toString()) render();
      }),
      services.analyses.onDidUpdate((uri) => {
        if (current?.uri.toString() === uri.toString()) render();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // Counts of the previous text until the debounced re-analysis lands: show the spinner meanwhile.
        if (e.document === current && e.contentChanges.length > 0) render();
      }),
      services.annotations.onDidChange((uri) => {
        if (current?.uri.toString() === uri.toString()) void refreshNotes(current);
      }),
  );
  return { view: state, dispose: () => disposable.dispose() };
}

interface Counts {
  entities: number;
  quotes: number;
  notes: number | undefined;
  byKind: Map<EntityKind, number>;
  names: number;
  direct: number;
  reported: number;
  anonymous: number;
  needsReview: number;
  orphaned: number;
}

function summary(analysis: Analysis, annotations: ResolvedAnnotation[] | undefined): Counts {
  const byKind = new Map<EntityKind, number>();
  for (const e of analysis.entities) byKind.set(kindOf(e.type), (byKind.get(kindOf(e.type)) ?? 0) + 1);
  return {
    entities: analysis.entities.length,
    quotes: analysis.quotes.length,
    notes: annotations?.length,
    byKind,
    names: analysis.clusters.length,
    direct: analysis.quotes.filter((q) => q.kind === 'direct').length,
    reported: analysis.quotes.filter((q) => q.kind !== 'direct').length,
    anonymous: analysis.quotes.filter((q) => q.anonymous).length,
    needsReview: annotations?.filter((a) => a.anchor.state === 'needs-review').length ?? 0,
    orphaned: annotations?.filter((a) => a.anchor.state === 'orphaned').length ?? 0,
  };
}

function kindLabel(kind: EntityKind): string {
  switch (kind) {
    case 'person': return vscode.l10n.t('people');
    case 'organization': return vscode.l10n.t('organisations');
    case 'place': return vscode.l10n.t('places');
    case 'group': return vscode.l10n.t('groups');
    case 'namedEvent': return vscode.l10n.t('events');
    case 'work': return vscode.l10n.t('works, products and laws');
    case 'date': return vscode.l10n.t('dates and times');
    case 'money': return vscode.l10n.t('amounts of money');
    case 'percentage': return vscode.l10n.t('percentages');
    case 'quantity': return vscode.l10n.t('numbers and quantities');
  }
}

function tooltipFor(doc: vscode.TextDocument, last: VersionedAnalysis | undefined, counts: Counts | undefined, busy: boolean): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  const name = doc.uri.path.slice(doc.uri.path.lastIndexOf('/') + 1);
  md.appendMarkdown(`**${vscode.l10n.t('News Lens')}** · `);
  md.appendText(name);
  md.appendMarkdown('\n\n');
  if (counts && last) {
    const kinds = ENTITY_KINDS.filter((k) => counts.byKind.has(k)).map((k) => `${kindLabel(k)} ${counts.byKind.get(k)}`).join(', ');
    md.appendMarkdown(`$(symbol-class) ${vscode.l10n.t('{0} entities ({1} distinct names)', counts.entities, counts.names)}`);
    if (kinds) md.appendText(`: ${kinds}`);
    md.appendMarkdown('\n\n');
    md.appendMarkdown(`$(quote) ${vscode.l10n.t('{0} quotations: {1} direct, {2} reported, {3} from anonymous sources', counts.quotes, counts.direct, counts.reported, counts.anonymous)}\n\n`);
    const notes = counts.notes === undefined
      ? vscode.l10n.t('reading the notes…')
      : vscode.l10n.t('{0} notes ({1} need review, {2} orphaned)', counts.notes, counts.needsReview, counts.orphaned);
    md.appendMarkdown(`$(comment) ${notes}\n\n`);
    md.appendMarkdown(
      last.inWorker
        ? vscode.l10n.t('Analysed in {0} ms (background worker).', last.millis.toFixed(0))
        : vscode.l10n.t('Analysed in {0} ms.', last.millis.toFixed(0)),
    );
    md.appendMarkdown('\n\n');
  }
  if (busy) md.appendMarkdown(`$(loading~spin) ${vscode.l10n.t('Analysing the current text…')}\n\n`);
  md.appendMarkdown(vscode.l10n.t('Click to show the Annotations view.'));
  return md;
}
