// Explorer badges (issue 17 item 3): an article with open reviewer notes shows their number beside its
// name in the Explorer (and wherever VS Code decorates files), from the workspace index.
import * as vscode from 'vscode';
import type { WorkspaceIndexer } from './workspaceIndexer';

export class OpenNoteBadges implements vscode.FileDecorationProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.emitter.event;
  private counts = new Map<string, number>();

  constructor(private readonly indexer: WorkspaceIndexer) {}

  /** Re-reads the counts and tells VS Code which files changed. */
  refresh(): void {
    const next = this.indexer.query((ix) => ix.openNoteCounts()) ?? new Map<string, number>();
    const changed = [...new Set([...this.counts.keys(), ...next.keys()])].filter((f) => this.counts.get(f) !== next.get(f));
    this.counts = next;
    if (changed.length) this.emitter.fire(changed.map((f) => vscode.Uri.file(f)));
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== 'file') return undefined;
    const n = this.counts.get(uri.fsPath);
    if (!n) return undefined;
    return new vscode.FileDecoration(n > 99 ? '99' : String(n), vscode.l10n.t('{0} open notes', n), new vscode.ThemeColor('list.warningForeground'));
  }
}

/** The provider's disposable, with the provider (the integration tests read it). */
export type ReviewBadges = vscode.Disposable & { readonly badges: OpenNoteBadges };

export function registerReviewBadges(indexer: WorkspaceIndexer): ReviewBadges {
  const badges = new OpenNoteBadges(indexer);
  return Object.assign(vscode.Disposable.from(
    vscode.window.registerFileDecorationProvider(badges),
    indexer.onDidUpdate(() => badges.refresh()),
  ), { badges });
}
