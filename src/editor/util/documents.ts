// The article and the span a command is about, from its arguments: what every command that takes
// `uri` / `range` arguments (for tests and automation) reads them with.
import * as vscode from 'vscode';

/** The document of `uri` (a Uri or its string), else the active editor's. */
export async function documentFor(uri: unknown): Promise<vscode.TextDocument> {
  if (uri instanceof vscode.Uri) return vscode.workspace.openTextDocument(uri);
  if (typeof uri === 'string' && uri) return vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new Error(vscode.l10n.t('open a news article first'));
  return editor.document;
}

/** Offsets of a range given as a Range, {start, end} offsets, or {start:{line,character}, end:{…}}. */
export function toOffsets(doc: vscode.TextDocument, range: unknown): { start: number; end: number } | undefined {
  if (range instanceof vscode.Range) return { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
  if (range && typeof range === 'object') {
    const { start, end } = range as { start?: unknown; end?: unknown };
    if (typeof start === 'number' && typeof end === 'number') return { start, end };
    const pos = (p: unknown) => {
      const { line, character } = (p ?? {}) as { line?: unknown; character?: unknown };
      return typeof line === 'number' && typeof character === 'number' ? doc.offsetAt(new vscode.Position(line, character)) : undefined;
    };
    const s = pos(start);
    const e = pos(end);
    if (s !== undefined && e !== undefined) return { start: s, end: e };
  }
  throw new Error(vscode.l10n.t('range must be a Range, {start, end} offsets or {start: {line, character}, end: {line, character}}'));
}
