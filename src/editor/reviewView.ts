// The Review view (issue 17 item 3): every reviewer's note in the workspace, from the workspace index,
// grouped by article and filterable by label, status and author (newsLens.review.filter, in the view's
// title bar; newsLens.review.clearFilter clears it). Each note opens its article at the noted words.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { NoteRow } from '../workspace';
import { Commands } from './commandIds';
import type { WorkspaceIndexer } from './workspaceIndexer';

export const REVIEW_VIEW = 'newsLens.review';
export const REVIEW_FILTER = 'newsLens.review.filter';
export const REVIEW_CLEAR_FILTER = 'newsLens.review.clearFilter';

export interface ReviewFilter {
  label?: string;
  status?: string;
  author?: string;
}

export type ReviewNode = { kind: 'article'; file: string; notes: NoteRow[] } | { kind: 'note'; note: NoteRow };

export class ReviewTree implements vscode.TreeDataProvider<ReviewNode> {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  filter: ReviewFilter = {};

  constructor(private readonly indexer: WorkspaceIndexer) {}

  refresh(): void {
    this.emitter.fire();
  }

  setFilter(filter: ReviewFilter): void {
    this.filter = filter;
    this.refresh();
  }

  getChildren(node?: ReviewNode): ReviewNode[] {
    if (node) return node.kind === 'article' ? node.notes.map((note): ReviewNode => ({ kind: 'note', note })) : [];
    const byFile = new Map<string, NoteRow[]>();
    for (const n of this.indexer.query((ix) => ix.notes(this.filter)) ?? []) {
      let list = byFile.get(n.file);
      if (!list) byFile.set(n.file, (list = []));
      list.push(n);
    }
    return [...byFile].map(([file, notes]): ReviewNode => ({ kind: 'article', file, notes }));
  }

  getTreeItem(node: ReviewNode): vscode.TreeItem {
    if (node.kind === 'article') {
      const item = new vscode.TreeItem(path.basename(node.file), vscode.TreeItemCollapsibleState.Expanded);
      item.resourceUri = vscode.Uri.file(node.file);
      item.description = vscode.l10n.t('{0} notes', node.notes.length);
      return item;
    }
    const n = node.note;
    const item = new vscode.TreeItem(n.label ?? vscode.l10n.t('(no label)'), vscode.TreeItemCollapsibleState.None);
    item.description = [n.note ?? n.exact, n.author ?? ''].filter(Boolean).join(' · ');
    item.tooltip = `${n.exact}\n\n${n.note ?? ''}`;
    item.iconPath = new vscode.ThemeIcon(n.status === 'resolved' ? 'pass' : 'comment-unresolved');
    item.contextValue = `newsLens.reviewNote.${n.status}`;
    if (n.start >= 0) {
      item.command = { command: Commands.revealRange, title: vscode.l10n.t('Show the note'), arguments: [vscode.Uri.file(n.file).toString(), n.start, n.end] };
    }
    return item;
  }
}

/** The view's disposable, with its tree (the integration tests read it). */
export type ReviewView = vscode.Disposable & { readonly tree: ReviewTree };

export function registerReviewView(indexer: WorkspaceIndexer): ReviewView {
  const tree = new ReviewTree(indexer);
  const view = vscode.window.createTreeView(REVIEW_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  const describe = (): void => {
    const f = tree.filter;
    const parts = [f.label && vscode.l10n.t('label: {0}', f.label), f.status && vscode.l10n.t('status: {0}', f.status), f.author && vscode.l10n.t('author: {0}', f.author)];
    view.description = parts.filter(Boolean).join(', ') || undefined;
  };
  /** Asks for one field of the filter among the values the workspace's notes have. */
  const pick = async (values: string[], placeHolder: string): Promise<string | null | undefined> => {
    const any = vscode.l10n.t('(any)');
    const chosen = await vscode.window.showQuickPick([any, ...values], { placeHolder });
    return chosen === undefined ? undefined : chosen === any ? null : chosen;
  };
  return Object.assign(vscode.Disposable.from(
    view,
    indexer.onDidUpdate(() => tree.refresh()),
    vscode.commands.registerCommand(REVIEW_FILTER, async (filter?: ReviewFilter) => {
      // With an argument (scripts, tests), that filter; without, ask for each field.
      if (filter && typeof filter === 'object') {
        tree.setFilter({ ...filter });
        describe();
        return;
      }
      const all = indexer.query((ix) => ix.notes()) ?? [];
      const distinct = (f: (n: NoteRow) => string | null): string[] => [...new Set(all.map(f).filter((v): v is string => !!v))].sort();
      const next: ReviewFilter = {};
      for (const [field, values, prompt] of [
        ['label', distinct((n) => n.label), vscode.l10n.t('Show notes with the label')],
        ['status', distinct((n) => n.status), vscode.l10n.t('Show notes with the status')],
        ['author', distinct((n) => n.author), vscode.l10n.t('Show notes by')],
      ] as const) {
        const v = await pick(values, prompt);
        if (v === undefined) return;
        if (v !== null) next[field] = v;
      }
      tree.setFilter(next);
      describe();
    }),
    vscode.commands.registerCommand(REVIEW_CLEAR_FILTER, () => {
      tree.setFilter({});
      describe();
    }),
  ), { tree });
}
