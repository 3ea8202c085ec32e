// The workspace index in a real VS Code (issue 17 items 2-3): three small articles are written next to the
// seed; the index (SQLite in WebAssembly, in the extension's workspace storage) takes them in, and then
// Ctrl+T finds a name across articles, Find All References lists its mentions in the other articles,
// the Sources and Review views show who is quoted and every note (with a filter), the Explorer badges
// count open notes, and a changed article is re-indexed on its own.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { NewsLensApi } from '../../../src/extension';
import type { SourceNode } from '../../../src/editor/sourcesView';
import type { ReviewNode } from '../../../src/editor/reviewView';
import { activateExtension, workspaceRoot } from '../helpers';

const ARTICLES: Record<string, string> = {
  'a.txt': 'Scott Kennedy, a trade analyst, said: "Tariffs hurt farmers." A U.S. official said the talks would continue.\n',
  'b.txt': 'Kennedy told reporters that "the deal is close." Ana Silva of Helios Energy disagreed.\n',
  'c.txt': 'Ana Silva said on Monday that "prices will fall." The Helios Energy board met in Paris.\n',
};
const SIDECAR = `version: 1
annotations:
  - id: ws-note-1
    label: claim
    status: open
    author: Integration Test
    note: Which deal?
    target:
      exact: the deal is close
  - id: ws-note-2
    label: style
    status: resolved
    author: Another Reviewer
    target:
      exact: Ana Silva
`;

async function waitFor<T>(what: string, f: () => T | undefined | Promise<T | undefined>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

suite('workspace index', () => {
  let api: NewsLensApi;
  let desk: vscode.Uri;
  const uri = (name: string) => vscode.Uri.joinPath(desk, name);
  const write = (target: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));

  suiteSetup(async function () {
    this.timeout(120_000);
    api = (await activateExtension()) as NewsLensApi;
    desk = vscode.Uri.joinPath(workspaceRoot(), 'seeds', 'desk');
    await vscode.workspace.fs.createDirectory(desk);
    for (const [name, text] of Object.entries(ARTICLES)) await write(uri(name), text);
    await write(uri('b.txt.annotations.yaml'), SIDECAR);
    await api.workspaceIndex.indexer.refresh();
    await api.workspaceIndex.indexer.whenIdle();
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(desk, { recursive: true });
  });

  test('Ctrl+T: a name finds its people in every article', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'Kennedy');
    const ours = symbols.filter((s) => s.name.includes('Kennedy') && s.kind === vscode.SymbolKind.Class);
    const files = new Set(ours.map((s) => s.location.uri.path.split('/').pop()));
    for (const f of ['a.txt', 'b.txt', 'trump-xi-tiktok-call.txt']) assert.ok(files.has(f), `${f} missing: ${[...files].join(', ')}`);
    for (const s of ours) {
      const doc = await vscode.workspace.openTextDocument(s.location.uri);
      assert.ok(doc.getText(s.location.range).includes('Kennedy'), `${s.location.uri.path}: "${doc.getText(s.location.range)}"`);
    }
  });

  test('Find All References: the mentions of a name in the other articles too', async () => {
    const doc = await vscode.workspace.openTextDocument(uri('a.txt'));
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, new vscode.Position(0, 3));
    const files = new Set(refs.map((l) => l.uri.path.split('/').pop()));
    for (const f of ['a.txt', 'b.txt', 'trump-xi-tiktok-call.txt']) assert.ok(files.has(f), `${f} missing: ${[...files].join(', ')}`);
    for (const l of refs) {
      const other = await vscode.workspace.openTextDocument(l.uri);
      assert.match(other.getText(l.range), /Kennedy/);
    }
    assert.equal(refs.filter((l) => l.uri.path.endsWith('/a.txt')).length, 1, 'the open article\'s mention is listed once');
  });

  test('Sources: who is quoted, how often, in which articles; anonymous quotations per article', () => {
    const tree = api.workspaceIndex.sources.tree;
    const roots = tree.getChildren();
    const kennedy = roots.find((n): n is Extract<SourceNode, { kind: 'speaker' }> => n.kind === 'speaker' && n.source.speaker === 'Scott Kennedy');
    assert.ok(kennedy, roots.map((n) => (n.kind === 'speaker' ? n.source.speaker : n.kind)).join(', '));
    const names = kennedy.source.files.map((f) => f.split(/[\\/]/).pop());
    for (const f of ['a.txt', 'b.txt']) assert.ok(names.includes(f), names.join(', '));
    assert.match(String(tree.getTreeItem(kennedy).description), /quotations in \d+ articles/);
    const quotes = tree.getChildren(kennedy);
    assert.ok(quotes.some((q) => q.kind === 'quote' && q.quote.text.includes('Tariffs hurt farmers')));
    const unattributed = roots.find((n) => n.kind === 'unattributed');
    assert.ok(unattributed);
    const perArticle = tree.getChildren(unattributed).find((n) => n.kind === 'article' && n.file.endsWith('a.txt'));
    assert.ok(perArticle && perArticle.kind === 'article' && perArticle.anonymous === 1);
  });

  test('Review: every note, filtered by label, status and author; Explorer badges on articles with open notes', async () => {
    const { tree } = api.workspaceIndex.review;
    const notesOf = (nodes: ReviewNode[]) => nodes.flatMap((n) => (n.kind === 'article' ? n.notes.map((x) => x.id) : []));
    assert.deepStrictEqual(notesOf(tree.getChildren()).filter((id) => id.startsWith('ws-')).sort(), ['ws-note-1', 'ws-note-2']);
    await vscode.commands.executeCommand('newsLens.review.filter', { label: 'claim' });
    assert.deepStrictEqual(notesOf(tree.getChildren()).filter((id) => id.startsWith('ws-')), ['ws-note-1']);
    await vscode.commands.executeCommand('newsLens.review.filter', { status: 'resolved', author: 'Another Reviewer' });
    assert.deepStrictEqual(notesOf(tree.getChildren()), ['ws-note-2']);
    await vscode.commands.executeCommand('newsLens.review.clearFilter');
    const badges = api.workspaceIndex.badges.badges;
    assert.strictEqual(badges.provideFileDecoration(uri('b.txt'))?.badge, '1');
    assert.strictEqual(badges.provideFileDecoration(uri('c.txt')), undefined);
  });

  test('a changed article is re-indexed on its own (file event), and the others are not', async function () {
    this.timeout(60_000);
    const indexer = api.workspaceIndex.indexer;
    const before = indexer.updates.length;
    await write(uri('c.txt'), `${ARTICLES['c.txt']}Caroline Adler, an economist, said: "Not yet."\n`);
    const symbols = await waitFor('the new name in Ctrl+T', async () => {
      const found = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'Adler');
      return found.some((s) => s.name === 'Caroline Adler') ? found : undefined;
    });
    assert.ok(symbols.every((s) => !s.name.includes('Adler') || s.location.uri.path.endsWith('/c.txt')));
    const update = indexer.updates.slice(before).find((u) => u.analysed > 0);
    assert.ok(update, JSON.stringify(indexer.updates.slice(before)));
    assert.strictEqual(update.kind, 'files');
    assert.strictEqual(update.analysed, 1);
  });
});
