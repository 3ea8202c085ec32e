// Writes through vscode.workspace.fs keep what they replace: the sidecar's permission bits, a
// symbolic link (written through, the link stays), and a dangling link is refused. Asserted on disk.
import * as assert from 'assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, seedUri } from '../helpers';

const SEED = 'trump-xi-tiktok-call.txt';
const sidecarOf = (article: vscode.Uri) => article.with({ path: `${article.path}.annotations.yaml` });

suite('sidecar writes keep what they replace', () => {
  const made: string[] = [];
  let text = '';

  /** A fresh article (copy of the seed) opened in an editor. */
  async function article(name: string): Promise<vscode.TextDocument> {
    const uri = seedUri(name);
    fs.writeFileSync(uri.fsPath, text);
    made.push(uri.fsPath, sidecarOf(uri).fsPath);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    return doc;
  }

  async function annotate(doc: vscode.TextDocument, words: string, note: string): Promise<{ id: string } | undefined> {
    const start = doc.getText().indexOf(words);
    assert.ok(start >= 0, words);
    const range = new vscode.Range(doc.positionAt(start), doc.positionAt(start + words.length));
    return vscode.commands.executeCommand<{ id: string } | undefined>('newsLens.annotate', { uri: doc.uri.toString(), label: 'claim', note, range });
  }

  suiteSetup(async () => {
    await activateExtension();
    text = fs.readFileSync(seedUri(SEED).fsPath, 'utf8');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const p of made) fs.rmSync(p, { force: true, recursive: true });
  });

  test('a 0600 sidecar stays 0600', async function () {
    if (process.platform === 'win32') this.skip();
    const doc = await article('write-mode.txt');
    assert.ok(await annotate(doc, 'Scott Kennedy', 'first'));
    const sidecar = sidecarOf(doc.uri).fsPath;
    fs.chmodSync(sidecar, 0o600);
    assert.ok(await annotate(doc, 'CCTV', 'second'));
    const written = fs.readFileSync(sidecar, 'utf8');
    assert.match(written, /second/);
    assert.strictEqual((fs.statSync(sidecar).mode & 0o777).toString(8), '600');
    assert.deepStrictEqual(fs.readdirSync(path.dirname(sidecar)).filter((n) => n.includes('.tmp-')), []);
  });

  test('a symlinked sidecar stays a link; its target gets the note', async function () {
    if (process.platform === 'win32') this.skip();
    const doc = await article('write-link.txt');
    const sidecar = sidecarOf(doc.uri).fsPath;
    const dir = path.join(path.dirname(sidecar), 'write-link-target');
    fs.mkdirSync(dir, { recursive: true });
    made.push(dir);
    const real = path.join(dir, 'notes.yaml');
    fs.writeFileSync(real, 'annotations: []\n');
    fs.symlinkSync(path.join('write-link-target', 'notes.yaml'), sidecar);
    assert.ok(await annotate(doc, 'Scott Kennedy', 'through the link'));
    assert.ok(fs.lstatSync(sidecar).isSymbolicLink(), 'the sidecar was replaced by a regular file');
    assert.match(fs.readFileSync(real, 'utf8'), /through the link/);
  });

  test('a dangling symlinked sidecar is refused and left alone', async function () {
    if (process.platform === 'win32') this.skip();
    const doc = await article('write-dangling.txt');
    const sidecar = sidecarOf(doc.uri).fsPath;
    fs.symlinkSync('write-dangling-nowhere/notes.yaml', sidecar);
    const created = await annotate(doc, 'Scott Kennedy', 'nowhere to go');
    assert.strictEqual(created, undefined, 'annotate reported success');
    assert.ok(fs.lstatSync(sidecar).isSymbolicLink());
    assert.strictEqual(fs.readlinkSync(sidecar), 'write-dangling-nowhere/notes.yaml');
    assert.deepStrictEqual(fs.readdirSync(path.dirname(sidecar)).filter((n) => n.includes('.tmp-')), []);
  });
});
