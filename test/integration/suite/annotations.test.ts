import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { hostname } from 'os';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { activateExtension, eventually, hoverAt, hoverMarkdownAt, openSeed, positionOf, rangeOf, seedUri } from '../helpers';

const SEED = 'trump-xi-tiktok-call.txt';
const HAND = 'hand-annotated.txt';

interface SidecarFile {
  annotations: Array<{ id: string; label?: string; note?: string; author?: string; target: { exact: string } }>;
}

async function readSidecar(article: vscode.Uri): Promise<SidecarFile | undefined> {
  try {
    const bytes = await vscode.workspace.fs.readFile(article.with({ path: `${article.path}.annotations.yaml` }));
    return parse(new TextDecoder().decode(bytes)) as SidecarFile;
  } catch {
    return undefined;
  }
}

const sidecarOf = (article: vscode.Uri) => article.with({ path: `${article.path}.annotations.yaml` });

suite('annotations', () => {
  let doc: vscode.TextDocument;
  const created: vscode.Uri[] = [];

  suiteSetup(async () => {
    await activateExtension();
    doc = await openSeed(SEED);
    await vscode.window.showTextDocument(doc);
    created.push(sidecarOf(doc.uri), seedUri(HAND), sidecarOf(seedUri(HAND)));
  });

  suiteTeardown(async () => {
    // The harness works on a temp copy of the seeds, but never leave files behind anyway.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created) await Promise.resolve(vscode.workspace.fs.delete(uri)).catch(() => undefined);
  });

  test('newsLens.annotate with arguments writes the sidecar, and the hover shows the note', async () => {
    const range = rangeOf(doc, 'Scott Kennedy');
    await vscode.commands.executeCommand('newsLens.annotate', { label: 'needs source', note: 'Check the CSIS affiliation', range });
    const file = await eventually(() => readSidecar(doc.uri));
    const entry = file.annotations.find((a) => a.target.exact === 'Scott Kennedy');
    assert.ok(entry, `no annotation on "Scott Kennedy" in ${JSON.stringify(file)}`);
    assert.strictEqual(entry.label, 'needs source');
    assert.strictEqual(entry.note, 'Check the CSIS affiliation');
    assert.strictEqual(entry.author, 'Integration Test');
    const text = await hoverAt(doc, positionOf(doc, 'Kennedy'));
    assert.match(text, /Check the CSIS affiliation/, text);
    assert.match(text, /needs source/, text);
  });

  test('newsLens.editAnnotation and newsLens.deleteAnnotation with arguments', async () => {
    const before = await eventually(() => readSidecar(doc.uri));
    const id = before.annotations.find((a) => a.target.exact === 'Scott Kennedy')?.id;
    assert.ok(id);
    await vscode.commands.executeCommand('newsLens.editAnnotation', doc.uri.toString(), id, { label: 'verified', note: 'Confirmed on csis.org' });
    const edited = await readSidecar(doc.uri);
    assert.strictEqual(edited?.annotations.find((a) => a.id === id)?.note, 'Confirmed on csis.org');
    assert.strictEqual(edited?.annotations.find((a) => a.id === id)?.label, 'verified');
    assert.match(await hoverAt(doc, positionOf(doc, 'Kennedy')), /Confirmed on csis\.org/);
    await vscode.commands.executeCommand('newsLens.deleteAnnotation', doc.uri.toString(), id, { confirm: false });
    const after = await readSidecar(doc.uri);
    assert.ok(!after?.annotations?.some((a) => a.id === id), 'annotation not deleted');
    assert.doesNotMatch(await hoverAt(doc, positionOf(doc, 'Kennedy')), /Confirmed on csis\.org/);
  });

  test('without a selection, newsLens.annotate takes the entity under the cursor; goToAnnotation selects it', async () => {
    const editor = await vscode.window.showTextDocument(doc);
    const at = positionOf(doc, 'CCTV', 0, 2);
    editor.selection = new vscode.Selection(at, at);
    const created = await vscode.commands.executeCommand<{ id: string }>('newsLens.annotate', { label: 'claim', note: 'State media' });
    assert.ok(created?.id, 'annotate returned no annotation');
    const file = await eventually(() => readSidecar(doc.uri));
    assert.strictEqual(file.annotations.find((a) => a.id === created.id)?.target.exact, 'CCTV');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('newsLens.goToAnnotation', doc.uri.toString(), created.id);
    assert.strictEqual(vscode.window.activeTextEditor?.document.getText(vscode.window.activeTextEditor.selection), 'CCTV');
    await vscode.commands.executeCommand('newsLens.deleteAnnotation', doc.uri.toString(), created.id, { confirm: false });
  });

  test('a hand-written sidecar with only `exact` lands on the right words', async () => {
    const article = seedUri(HAND);
    const text = doc.getText();
    await vscode.workspace.fs.writeFile(article, new TextEncoder().encode(text));
    const yaml = [
      '# written by hand: no id, no offsets, no context',
      'annotations:',
      '  - label: context',
      '    note: Released after months of an exit ban',
      '    target:',
      '      exact: Wells Fargo banker Chenyue Mao',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(sidecarOf(article), new TextEncoder().encode(yaml));
    const handDoc = await vscode.workspace.openTextDocument(article);
    assert.strictEqual(handDoc.languageId, 'news-article');
    const hover = await hoverAt(handDoc, positionOf(handDoc, 'Chenyue'));
    assert.match(hover, /Released after months of an exit ban/, hover);
    // Not on other words:
    const elsewhere = await hoverAt(handDoc, positionOf(handDoc, 'Beijing'));
    assert.doesNotMatch(elsewhere, /exit ban/);
  });

  test('saving takes the sidecar lock: a live lock makes it wait, a dead writer\'s lock is broken', async () => {
    assert.strictEqual(doc.uri.scheme, 'file', 'the lock is taken for file: URIs');
    const lock = doc.uri.with({ path: `${doc.uri.path}.annotations.yaml.lock` });
    const owner = (pid: number) => new TextEncoder().encode(JSON.stringify({ pid, hostname: hostname(), created: new Date().toISOString(), token: 'test' }));
    const labels = async () => ((await readSidecar(doc.uri))?.annotations ?? []).map((a) => a.label);
    // Held by a live process (this extension host): the save waits until it is released.
    await vscode.workspace.fs.writeFile(lock, owner(process.pid));
    const saving = vscode.commands.executeCommand('newsLens.annotate', { label: 'after the lock', range: rangeOf(doc, 'ByteDance') });
    await new Promise((r) => setTimeout(r, 400));
    assert.ok(!(await labels()).includes('after the lock'), 'written while another writer held the lock');
    await vscode.workspace.fs.delete(lock);
    await saving;
    assert.ok((await labels()).includes('after the lock'));
    // Left by a writer that died: broken at once, the note saved, no lock left behind.
    const dead = spawnSync(process.execPath, ['-e', '0'], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } }).pid;
    await vscode.workspace.fs.writeFile(lock, owner(dead));
    await vscode.commands.executeCommand('newsLens.annotate', { label: 'after a dead writer', range: rangeOf(doc, 'Beijing') });
    assert.ok((await labels()).includes('after a dead writer'));
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(lock)), 'the lock file was left behind');
  });

  test('notes are untrusted text: Markdown, HTML and command links in them are escaped', async () => {
    const article = seedUri(HAND);
    const yaml = [
      'annotations:',
      '  - label: "**bold** label"',
      '    note: "See [this](command:workbench.action.quit) <img src=x onerror=alert(1)> now"',
      '    target:',
      '      exact: Wells Fargo banker Chenyue Mao',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(sidecarOf(article), new TextEncoder().encode(yaml));
    const handDoc = await vscode.workspace.openTextDocument(article);
    const markdown = await eventually(async () => {
      const md = await hoverMarkdownAt(handDoc, positionOf(handDoc, 'Chenyue'));
      return md.includes('See') ? md : undefined;
    });
    assert.ok(!markdown.includes('[this](command:workbench.action.quit)'), markdown);
    assert.ok(!markdown.includes('<img'), markdown);
    assert.ok(!markdown.includes('**bold**'), markdown);
    assert.ok(markdown.includes('\\[this\\]'), markdown);
  });
});
