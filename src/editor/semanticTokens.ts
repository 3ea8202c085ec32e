// Semantic highlighting of recognised entities: one token type per entity kind (see kinds.ts).
import * as vscode from 'vscode';
import type { Services } from './services';
import { ENTITY_KINDS, enabledKinds, kindOf } from './kinds';

export const LEGEND = new vscode.SemanticTokensLegend([...ENTITY_KINDS], []);

export function registerSemanticTokens(selector: vscode.DocumentSelector, services: Services): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.DocumentSemanticTokensProvider = {
    onDidChangeSemanticTokens: changed.event,
    async provideDocumentSemanticTokens(document, token) {
      let result = await services.analyses.get(document);
      // Typed again while we waited: wait for the analysis of the text as it is now.
      while (result.version !== document.version && !token.isCancellationRequested) result = await services.analyses.get(document);
      if (token.isCancellationRequested) throw new vscode.CancellationError();
      const on = enabledKinds(services.config.get('highlight.kinds', document.uri));
      const builder = new vscode.SemanticTokensBuilder(LEGEND);
      for (const e of result.analysis.entities) {
        const kind = kindOf(e.type);
        if (!on.has(kind)) continue;
        const typeIndex = ENTITY_KINDS.indexOf(kind);
        // Tokens may not span lines: split an entity that wraps onto the next line.
        const start = document.positionAt(e.start);
        const end = document.positionAt(e.end);
        for (let line = start.line; line <= end.line; line++) {
          const from = line === start.line ? start.character : 0;
          const to = line === end.line ? end.character : document.lineAt(line).text.length;
          if (to > from) builder.push(line, from, to - from, typeIndex, 0);
        }
      }
      return builder.build();
    },
  };
  return vscode.Disposable.from(
    changed,
    vscode.languages.registerDocumentSemanticTokensProvider(selector, provider, LEGEND),
    // Re-request tokens when a debounced re-analysis lands or the kinds setting changes.
    services.analyses.onDidUpdate(() => changed.fire()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('newsLens.highlight.kinds')) changed.fire();
    }),
  );
}
