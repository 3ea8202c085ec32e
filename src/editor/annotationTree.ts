// The "News Lens: Annotations" view in the Explorer: the annotations of the active article with their
// anchoring state as a codicon — orphaned and needs-review ones stay listed (with their original text and
// note) until a person re-attaches or deletes them. Each item's inline icons and context menu edit, resolve
// or reopen, re-attach and delete it: the commands receive the node and read it with `annotationNodeTarget`
// (util/annotationNode.ts).
// Item contextValue: `newsLens.annotation.<anchor state>.<open|resolved>` (menus match it with =~).
import * as vscode from 'vscode';
import type { AnchorState, ResolvedAnnotation } from '../store/index';
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

export function registerAnnotationTree(isArticle: (doc: vscode.TextDocument) => boolean, services: Services): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  let current: vscode.TextDocument | undefined =
    vscode.window.activeTextEditor && isArticle(vscode.window.activeTextEditor.document) ? vscode.window.activeTextEditor.document : undefined;

  const provider: vscode.TreeDataProvider<AnnotationNode> = {
    onDidChangeTreeData: changed.event,
    async getChildren(element) {
      if (element || !current || current.isClosed) return [];
      const doc = current;
      const all = await services.annotations.resolved(doc).catch(() => [] as ResolvedAnnotation[]);
      // Problems first, then in text order.
      const rank = (r: ResolvedAnnotation) => (r.anchor.state === 'orphaned' ? 0 : r.anchor.state === 'needs-review' ? 1 : 2);
      return [...all]
        .sort((a, b) => rank(a) - rank(b) || (a.anchor.start ?? 0) - (b.anchor.start ?? 0))
        .map((r) => ({ uri: doc.uri, resolved: r, line: r.anchor.start !== undefined ? doc.positionAt(r.anchor.start).line + 1 : undefined }));
    },
    getTreeItem({ uri, resolved: r, line }) {
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
