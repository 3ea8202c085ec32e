// Across articles (issue 17 item 3), from the workspace index: workspace symbols (Ctrl+T "Kennedy" lists
// the people, organisations and other names of every article, one entry per article at its first
// mention) and Find All References across articles (every mention of the entity in the other articles;
// the open article's own mentions come from the in-article provider, symbols.ts, on its current text).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { clusterAt } from './analysisQueries';
import type { Services } from './services';
import type { WorkspaceIndexer } from './workspaceIndexer';

/** The symbol kind of a name type: the same families as the Outline (symbols.ts). */
function symbolKind(type: string): vscode.SymbolKind {
  switch (type) {
    case 'PERSON': return vscode.SymbolKind.Class;
    case 'ORG': return vscode.SymbolKind.Function;
    case 'GPE': case 'LOC': case 'FAC': return vscode.SymbolKind.EnumMember;
    case 'NORP': return vscode.SymbolKind.Variable;
    case 'EVENT': return vscode.SymbolKind.Event;
    default: return vscode.SymbolKind.Property;
  }
}

export function registerWorkspaceSymbols(selector: vscode.DocumentSelector, services: Services, indexer: WorkspaceIndexer): vscode.Disposable {
  const symbols: vscode.WorkspaceSymbolProvider = {
    provideWorkspaceSymbols(query) {
      if (!query.trim()) return [];
      return (indexer.query((ix) => ix.symbols(query)) ?? []).map((s) => new vscode.SymbolInformation(
        s.name,
        symbolKind(s.type),
        path.basename(s.file),
        new vscode.Location(vscode.Uri.file(s.file), new vscode.Range(s.line, s.character, s.line, s.character + (s.end - s.start))),
      ));
    },
  };
  const references: vscode.ReferenceProvider = {
    async provideReferences(document, position, _context, token) {
      const { analysis } = await services.analyses.get(document);
      const cluster = !token.isCancellationRequested ? clusterAt(analysis, document.offsetAt(position)) : undefined;
      if (!cluster) return undefined;
      const here = document.uri.scheme === 'file' ? document.uri.fsPath : undefined;
      return (indexer.query((ix) => ix.mentions(cluster.name, cluster.type)) ?? [])
        .filter((m) => m.file !== here)
        .map((m) => new vscode.Location(vscode.Uri.file(m.file), new vscode.Range(m.line, m.character, m.line, m.character + (m.end - m.start))));
    },
  };
  return vscode.Disposable.from(
    vscode.languages.registerWorkspaceSymbolProvider(symbols),
    vscode.languages.registerReferenceProvider(selector, references),
  );
}
