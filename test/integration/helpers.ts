import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'news-lens.news-lens';

export async function activateExtension(): Promise<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext.activate();
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder (a temp copy of the seeds)');
  return folder.uri;
}

export function seedUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), 'seeds', name);
}

export async function openSeed(name: string): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(seedUri(name));
}

/** Position inside the n-th (0-based) occurrence of `needle`, `into` characters after its start. */
export function positionOf(doc: vscode.TextDocument, needle: string, occurrence = 0, into = 1): vscode.Position {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (occurrence ${occurrence}) not found`);
  }
  return doc.positionAt(at + into);
}

export function rangeOf(doc: vscode.TextDocument, needle: string, occurrence = 0): vscode.Range {
  const start = positionOf(doc, needle, occurrence, 0);
  return new vscode.Range(start, doc.positionAt(doc.offsetAt(start) + needle.length));
}

/** The hover's Markdown source, as the provider produced it. */
export function hoverMarkdown(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

export async function hoverMarkdownAt(doc: vscode.TextDocument, pos: vscode.Position): Promise<string> {
  return hoverMarkdown(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos));
}

/** The hover's text, roughly as rendered. */
export function hoverText(hovers: vscode.Hover[] | undefined): string {
  return hoverMarkdown(hovers)
    // Undo MarkdownString.appendText's escaping, so assertions read like the rendered card.
    .replace(/&nbsp;/g, ' ')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1');
}

export async function hoverAt(doc: vscode.TextDocument, pos: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
  return hoverText(hovers);
}

/** Polls `fn` until it returns a truthy value or the time is up. */
export async function eventually<T>(fn: () => PromiseLike<T | undefined> | T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw last instanceof Error ? last : new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
