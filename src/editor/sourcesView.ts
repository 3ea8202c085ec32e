// The Sources view (issue 17 item 3): who is quoted across the workspace, how often and in which
// articles, from the workspace index. Speakers that are names are one entry per entity (cross-article
// identity, src/workspace/identity.ts); sources named only by words ("a U.S. official") are grouped by
// those words. A last group lists, per article, the quotations with an anonymous source or none.
// Each quotation opens the article at its words.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { QuoteRow, SourceRow } from '../workspace';
import { Commands } from './commandIds';
import type { WorkspaceIndexer } from './workspaceIndexer';

export const SOURCES_VIEW = 'newsLens.sources';

export type SourceNode =
  | { kind: 'speaker'; source: SourceRow }
  | { kind: 'quote'; quote: QuoteRow }
  | { kind: 'unattributed' }
  | { kind: 'article'; file: string; anonymous: number; unattributed: number };

function oneLine(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export class SourcesTree implements vscode.TreeDataProvider<SourceNode> {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly indexer: WorkspaceIndexer) {}

  refresh(): void {
    this.emitter.fire();
  }

  getChildren(node?: SourceNode): SourceNode[] {
    if (!node) {
      const speakers = (this.indexer.query((ix) => ix.sources()) ?? []).map((source): SourceNode => ({ kind: 'speaker', source }));
      return speakers.length ? [...speakers, { kind: 'unattributed' }] : [];
    }
    switch (node.kind) {
      case 'speaker':
        return (this.indexer.query((ix) => ix.quotes({ speaker: node.source.speaker })) ?? []).map((quote): SourceNode => ({ kind: 'quote', quote }));
      case 'unattributed':
        return (this.indexer.query((ix) => ix.unattributed()) ?? []).map((u): SourceNode => ({ kind: 'article', ...u }));
      case 'article':
        return (this.indexer.query((ix) => ix.quotes({ file: node.file })) ?? [])
          .filter((q) => q.anonymous || q.speaker === null)
          .map((quote): SourceNode => ({ kind: 'quote', quote }));
      default:
        return [];
    }
  }

  getTreeItem(node: SourceNode): vscode.TreeItem {
    switch (node.kind) {
      case 'speaker': {
        const s = node.source;
        const item = new vscode.TreeItem(s.speaker, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = vscode.l10n.t('{0} quotations in {1} articles', s.quotes, s.files.length);
        item.iconPath = new vscode.ThemeIcon(s.type === 'PERSON' ? 'person' : s.type === 'ORG' ? 'organization' : s.type ? 'globe' : 'comment');
        item.tooltip = s.files.map((f) => path.basename(f)).join('\n');
        item.contextValue = 'newsLens.source';
        return item;
      }
      case 'unattributed': {
        const item = new vscode.TreeItem(vscode.l10n.t('Anonymous and unattributed quotations'), vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('question');
        return item;
      }
      case 'article': {
        const item = new vscode.TreeItem(path.basename(node.file), vscode.TreeItemCollapsibleState.Collapsed);
        item.description = vscode.l10n.t('{0} anonymous, {1} unattributed', node.anonymous, node.unattributed);
        item.resourceUri = vscode.Uri.file(node.file);
        return item;
      }
      case 'quote': {
        const q = node.quote;
        const item = new vscode.TreeItem(oneLine(q.text), vscode.TreeItemCollapsibleState.None);
        item.description = q.speaker === null ? path.basename(q.file) : `${q.anonymous ? vscode.l10n.t('{0} (anonymous)', q.speaker) : q.speaker} · ${path.basename(q.file)}`;
        item.tooltip = q.text;
        item.iconPath = new vscode.ThemeIcon('quote');
        item.command = { command: Commands.revealRange, title: vscode.l10n.t('Show the quotation'), arguments: [vscode.Uri.file(q.file).toString(), q.start, q.end] };
        return item;
      }
    }
  }
}

/** The view's disposable, with its tree (the integration tests read it). */
export type SourcesView = vscode.Disposable & { readonly tree: SourcesTree };

export function registerSourcesView(indexer: WorkspaceIndexer): SourcesView {
  const tree = new SourcesTree(indexer);
  return Object.assign(vscode.Disposable.from(
    vscode.window.createTreeView(SOURCES_VIEW, { treeDataProvider: tree, showCollapseAll: true }),
    indexer.onDidUpdate(() => tree.refresh()),
  ), { tree });
}
