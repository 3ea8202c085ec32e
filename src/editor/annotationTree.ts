// The "News Lens: Annotations" view in the Explorer: the annotations of the active article with their
// anchoring state as a codicon — orphaned and needs-review ones stay listed (with their original text and
// note) until a person re-attaches or deletes them. Each item's inline icons and context menu edit, resolve
// or reopen, re-attach and delete it: the commands receive the node and read it with `annotationNodeTarget`
// (util/annotationNode.ts).
// Item contextValue: `newsLens.annotation.<anchor state>.<open|resolved>` (menus match it with =~).
import * as vscode from 'vscode';
import type { AnchorState, ResolvedAnnotation, ResolvedCorrection } from '../store/index';
import { Commands } from './commandIds';
import type { Services } from './services';
import type { AnnotationNode } from './util/annotationNode';
import { anchorStateName, labelOf } from './util/displayNames';
import { shorten } from './util/text';

export const ANNOTATIONS_VIEW_ID = 'newsLens.annotations';
/** True while the view lists an article (its welcome text then says "no notes yet", else "no article open"). */
export const HAS_ARTICLE_CONTEXT = 'newsLens.annotations.hasArticle';

const STATE_ICONS: Record<AnchorState, { icon: string; color?: string }> = {
  anchored: { icon: 'comment' },
  moved: { icon: 'arrow-swap' },
  fuzzy: { icon: 'comment-draft' },
  'needs-review': { icon: 'warning', color: 'list.warningForeground' },
  orphaned: { icon: 'debug-disconnect', color: 'list.errorForeground' },
};

/** The view item's contextValue, which its menus' `viewItem =~ /…/` clauses match. */
export function annotationItemContextValue(state: AnchorState, status: 'open' | 'resolved' | undefined): string {
  return `newsLens.annotation.${state}.${status === 'resolved' ? 'resolved' : 'open'}`;
}

/** A correction of the analysis (issue 15), listed with the notes. contextValue `newsLens.correction.<state>`. */
interface CorrectionNode {
  uri: vscode.Uri;
  correction: ResolvedCorrection;
  line?: number;
}
type Node = AnnotationNode | CorrectionNode;

/** What a correction does, in a few words ("retype → ORG", "reject", "speaker → Scott Kennedy"). */
function correctionSummary(r: ResolvedCorrection): string {
  const c = r.correction;
  const what = c.kind === 'entity' ? vscode.l10n.t('entity') : vscode.l10n.t('quotation');
  if (c.type) return vscode.l10n.t('{0} {1} → {2}', what, c.action, c.type);
  if (c.speaker) return vscode.l10n.t('{0} {1} → {2}', what, c.action, shorten(c.speaker.exact, 30));
  return vscode.l10n.t('{0} {1}', what, c.action);
}

function correctionItem({ uri, correction: r, line }: CorrectionNode): vscode.TreeItem {
  const c = r.correction;
  const item = new vscode.TreeItem(vscode.l10n.t('Correction: {0}: {1}', correctionSummary(r), shorten(c.target.exact, 40)), vscode.TreeItemCollapsibleState.None);
  item.id = `${uri.toString()}#${c.id}`;
  item.description = [line !== undefined ? vscode.l10n.t('line {0}', line) : undefined, r.anchor.state !== 'anchored' ? anchorStateName(r.anchor.state) : undefined]
    .filter(Boolean)
    .join(' · ');
  const state = STATE_ICONS[r.anchor.state];
  item.iconPath = r.anchor.state === 'anchored' || r.anchor.state === 'moved' ? new vscode.ThemeIcon('wand') : new vscode.ThemeIcon(state.icon, state.color ? new vscode.ThemeColor(state.color) : undefined);
  const tip = new vscode.MarkdownString();
  tip.appendText(vscode.l10n.t('Correction {0} ({1}) — “{2}”', c.id, anchorStateName(r.anchor.state), c.target.exact));
  if (c.author) tip.appendText(`\n\n${c.author}`);
  item.tooltip = tip;
  item.contextValue = `newsLens.correction.${r.anchor.state}`;
  if (r.anchor.start !== undefined && r.anchor.end !== undefined) {
    item.command = { command: Commands.revealRange, title: vscode.l10n.t('Go to Correction'), arguments: [uri.toString(), r.anchor.start, r.anchor.end] };
  }
  return item;
}

export function registerAnnotationTree(isArticle: (doc: vscode.TextDocument) => boolean, services: Services): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  let current: vscode.TextDocument | undefined =
    vscode.window.activeTextEditor && isArticle(vscode.window.activeTextEditor.document) ? vscode.window.activeTextEditor.document : undefined;

  const provider: vscode.TreeDataProvider<Node> = {
    onDidChangeTreeData: changed.event,
    async getChildren(element) {
      if (element || !current || current.isClosed) return [];
      const doc = current;
      const all = await services.annotations.resolved(doc).catch(() => [] as ResolvedAnnotation[]);
      // Problems first, then in text order.
      const corrections = await services.annotations.corrections(doc).catch(() => [] as ResolvedCorrection[]);
      const rank = (r: { anchor: { state: AnchorState } }) => (r.anchor.state === 'orphaned' ? 0 : r.anchor.state === 'needs-review' ? 1 : 2);
      const line = (start: number | undefined) => (start !== undefined ? doc.positionAt(start).line + 1 : undefined);
      const nodes: Array<{ node: Node; anchor: { state: AnchorState; start?: number } }> = [
        ...all.map((r) => ({ node: { uri: doc.uri, resolved: r, line: line(r.anchor.start) }, anchor: r.anchor })),
        ...corrections.map((r) => ({ node: { uri: doc.uri, correction: r, line: line(r.anchor.start) }, anchor: r.anchor })),
      ];
      return nodes.sort((a, b) => rank(a) - rank(b) || (a.anchor.start ?? 0) - (b.anchor.start ?? 0)).map((n) => n.node);
    },
    getTreeItem(node) {
      if ('correction' in node) return correctionItem(node);
      const { uri, resolved: r, line } = node;
      const a = r.annotation;
      const state = STATE_ICONS[r.anchor.state];
      const stateText = anchorStateName(r.anchor.state);
      const item = new vscode.TreeItem(vscode.l10n.t('{0}: {1}', labelOf(a), shorten(a.target.exact, 50)), vscode.TreeItemCollapsibleState.None);
      item.id = `${uri.toString()}#${a.id}`;
      item.description = [
        line !== undefined ? vscode.l10n.t('line {0}', line) : undefined,
        r.anchor.state !== 'anchored' ? stateText : undefined,
        a.status === 'resolved' ? vscode.l10n.t('resolved') : undefined,
      ]
        .filter(Boolean)
        .join(' · ');
      item.iconPath = a.status === 'resolved' && r.anchor.start !== undefined
        ? new vscode.ThemeIcon('pass')
        : new vscode.ThemeIcon(state.icon, state.color ? new vscode.ThemeColor(state.color) : undefined);
      const tip = new vscode.MarkdownString();
      tip.appendText(vscode.l10n.t('{0} ({1}) — “{2}”', labelOf(a), stateText, a.target.exact));
      if (a.note) tip.appendText(`\n\n${a.note}`);
      item.tooltip = tip;
      item.contextValue = annotationItemContextValue(r.anchor.state, a.status);
      if (r.anchor.start !== undefined) {
        item.command = { command: Commands.goToAnnotation, title: vscode.l10n.t('Go to Annotation'), arguments: [uri.toString(), a.id] };
      }
      return item;
    },
  };

  const view = vscode.window.createTreeView(ANNOTATIONS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: false });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(() => changed.fire(), 100);
  };
  const setCurrent = (doc: vscode.TextDocument | undefined) => {
    current = doc;
    void vscode.commands.executeCommand('setContext', HAS_ARTICLE_CONTEXT, !!doc);
    refresh();
  };
  void vscode.commands.executeCommand('setContext', HAS_ARTICLE_CONTEXT, !!current);

  return vscode.Disposable.from(
    view,
    changed,
    vscode.window.onDidChangeActiveTextEditor((e) => {
      if (e && isArticle(e.document)) setCurrent(e.document);
    }),
    // A language change is close + open of the same document: list the active one once it is an article.
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (d === vscode.window.activeTextEditor?.document && isArticle(d)) setCurrent(d);
    }),
    services.annotations.onDidChange((uri) => {
      if (current && uri.toString() === current.uri.toString()) refresh();
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (d === current) setCurrent(undefined);
    }),
    vscode.commands.registerCommand(Commands.refreshAnnotations, () => changed.fire()),
    { dispose: () => clearTimeout(timer) },
  );
}
