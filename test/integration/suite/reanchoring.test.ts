// Annotations that never get lost, in a real VS Code: orphans listed in Problems and re-attached
// deliberately, review threads (reply, resolve) stored in the sidecar, sidecars changed on disk picked up,
// invalid sidecars reported and never overwritten, and positions tracked live while the article is edited.
import * as assert from 'assert';
import { readFileSync, writeFileSync } from 'fs';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { activateExtension, eventually, hoverAt, hoverMarkdownAt, openSeed, positionOf, seedUri, sleep } from '../helpers';

const SEED = 'trump-xi-tiktok-call.txt';

interface SidecarEntry {
  id: string;
  label?: string;
  note?: string;
  status?: string;
  replies?: Array<{ id: string; body: string; author?: string }>;
  target: { exact: string; start?: number; end?: number; prefix?: string; suffix?: string };
}

const sidecarOf = (article: vscode.Uri) => article.with({ path: `${article.path}.annotations.yaml` });
const encode = (s: string) => new TextEncoder().encode(s);

async function readSidecar(article: vscode.Uri): Promise<SidecarEntry[] | undefined> {
  try {
    const bytes = await vscode.workspace.fs.readFile(sidecarOf(article));
    return (parse(new TextDecoder().decode(bytes)) as { annotations: SidecarEntry[] }).annotations;
  } catch {
    return undefined;
  }
}

/** The other mention of the same person may list the note under "Annotations on other mentions", but
 *  must not carry the note's own card. */
async function assertNoNoteCardAt(doc: vscode.TextDocument, pos: vscode.Position): Promise<void> {
  const md = await hoverMarkdownAt(doc, pos);
  assert.ok(!md.includes('$(comment)'), `a note card on the wrong words:\n${md}`);
}

const newsLensDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'News Lens');

suite('re-anchoring: annotations are never lost (orphans, review threads, sidecars changed on disk, live tracking)', () => {
  let seedText: string;
  const created: vscode.Uri[] = [];

  /** A fresh article (a copy of the seed) with an optional sidecar, opened in an editor. */
  async function article(name: string, sidecar?: string): Promise<vscode.TextDocument> {
    const uri = seedUri(name);
    created.push(uri, sidecarOf(uri));
    await vscode.workspace.fs.writeFile(uri, encode(seedText));
    if (sidecar !== undefined) await vscode.workspace.fs.writeFile(sidecarOf(uri), encode(sidecar));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    return doc;
  }

  suiteSetup(async () => {
    await activateExtension();
    seedText = (await openSeed(SEED)).getText();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created) await Promise.resolve(vscode.workspace.fs.delete(uri)).catch(() => undefined);
  });

  test('an orphan is listed in Problems, keeps its note, and is re-attached with newsLens.reattachAnnotation', async () => {
    const doc = await article('reanchoring-orphan.txt', [
      'version: 1',
      'annotations:',
      '  - id: orphan-1',
      '    label: claim',
      '    note: Kept while its text is gone',
      '    target:',
      '      exact: a sentence that was edited out of the article long ago',
      '',
    ].join('\n'));
    const diagnostic = await eventually(() => newsLensDiagnostics(doc.uri).find((d) => d.code === 'orphan-1'));
    assert.match(diagnostic.message, /Annotation 'claim' \(id orphan-1\) is orphaned: its text 'a sentence that was edited out of the article long ago' was not found/);
    // Not shown in the text: no hover at the top of the article carries the note.
    assert.doesNotMatch(await hoverAt(doc, positionOf(doc, 'Chenyue')), /Kept while its text is gone/);

    const start = doc.getText().indexOf('Chenyue Mao');
    await vscode.commands.executeCommand('newsLens.reattachAnnotation', { id: 'orphan-1', range: { start, end: start + 'Chenyue Mao'.length } });
    const entry = (await readSidecar(doc.uri))?.find((a) => a.id === 'orphan-1');
    assert.ok(entry, 'annotation lost');
    assert.strictEqual(entry.target.exact, 'Chenyue Mao');
    assert.strictEqual(entry.target.start, [...doc.getText().slice(0, start)].length);
    assert.strictEqual(entry.target.end, entry.target.start + 'Chenyue Mao'.length);
    assert.ok(entry.target.prefix && entry.target.suffix, 'context not written');
    assert.strictEqual(entry.note, 'Kept while its text is gone');
    await eventually(() => newsLensDiagnostics(doc.uri).length === 0);
    assert.match(await hoverAt(doc, positionOf(doc, 'Chenyue')), /Kept while its text is gone/);
  });

  test('a reply and resolve in a review thread are stored in the sidecar', async () => {
    const doc = await article('reanchoring-thread.txt');
    const start = doc.getText().indexOf('Wells Fargo');
    const created = await vscode.commands.executeCommand<{ id: string }>('newsLens.annotate', {
      label: 'needs source',
      note: 'Which bank statement?',
      range: { start, end: start + 'Wells Fargo'.length },
    });
    assert.ok(created?.id);
    await vscode.commands.executeCommand('newsLens.replyToAnnotation', { id: created.id, body: 'The one from Tuesday, linked in the wire copy.' });
    await vscode.commands.executeCommand('newsLens.resolveAnnotation', { id: created.id });
    let entry = (await readSidecar(doc.uri))?.find((a) => a.id === created.id);
    assert.ok(entry);
    assert.strictEqual(entry.status, 'resolved');
    assert.strictEqual(entry.replies?.length, 1);
    assert.strictEqual(entry.replies[0]!.body, 'The one from Tuesday, linked in the wire copy.');
    assert.strictEqual(entry.replies[0]!.author, 'Integration Test');
    assert.strictEqual(entry.note, 'Which bank statement?');
    assert.match(await hoverAt(doc, positionOf(doc, 'Fargo')), /resolved/);
    await vscode.commands.executeCommand('newsLens.reopenAnnotation', { id: created.id });
    entry = (await readSidecar(doc.uri))?.find((a) => a.id === created.id);
    assert.strictEqual(entry?.status, 'open');
    assert.strictEqual(entry?.replies?.length, 1);
  });

  test('a sidecar changed on disk (outside VS Code) is picked up', async () => {
    const yaml = (note: string) => [
      'version: 1',
      'annotations:',
      '  - id: ext-1',
      '    label: context',
      `    note: ${note}`,
      '    target:',
      '      exact: Chenyue Mao',
      '',
    ].join('\n');
    const doc = await article('reanchoring-external.txt', yaml('Written before opening'));
    assert.match(await hoverAt(doc, positionOf(doc, 'Chenyue')), /Written before opening/);
    // As a `git pull` or another editor would: plain node fs, not VS Code's file service.
    writeFileSync(sidecarOf(doc.uri).fsPath, yaml('Changed on disk by someone else'));
    const hover = await eventually(async () => {
      const text = await hoverAt(doc, positionOf(doc, 'Chenyue'));
      return /Changed on disk by someone else/.test(text) ? text : undefined;
    }, 15_000);
    assert.doesNotMatch(hover, /Written before opening/);
  });

  test('an invalid sidecar is reported at its line and never overwritten; fixing it clears the report', async () => {
    const bad = [
      'version: 1',
      'annotations:',
      '  - id: bad-1',
      '    label: claim',
      '    note: 42',
      '    target:',
      '      exact: Chenyue Mao',
      '',
    ].join('\n');
    const doc = await article('reanchoring-invalid.txt', bad);
    const sidecar = sidecarOf(doc.uri);
    const diagnostic = await eventually(() => newsLensDiagnostics(sidecar)[0]);
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(diagnostic.range.start.line, 4, `reported at ${JSON.stringify(diagnostic.range)}: ${diagnostic.message}`);
    assert.strictEqual(diagnostic.range.start.character, 10);
    assert.match(diagnostic.message, /note must be a string/);

    const before = readFileSync(sidecar.fsPath);
    const start = doc.getText().indexOf('Beijing');
    const result = await vscode.commands.executeCommand('newsLens.annotate', { label: 'claim', note: 'must not be written', range: { start, end: start + 7 } });
    assert.strictEqual(result, undefined, 'annotate should refuse on a read-only sidecar');
    await vscode.commands.executeCommand('newsLens.replyToAnnotation', { id: 'bad-1', body: 'must not be written', uri: doc.uri.toString() });
    await sleep(300);
    assert.ok(readFileSync(sidecar.fsPath).equals(before), 'the invalid sidecar was modified');

    writeFileSync(sidecar.fsPath, bad.replace('note: 42', 'note: "42"'));
    await eventually(() => newsLensDiagnostics(sidecar).length === 0, 15_000);
    assert.match(await hoverAt(doc, positionOf(doc, 'Chenyue')), /42/);
  });

  test('a sidecar the merge driver left with a field conflict is reported at the marker line, read-only; keeping one side clears it', async () => {
    // What `news-lens merge-driver` writes when both branches changed the same note differently.
    const conflicted = [
      'version: 1',
      'annotations:',
      '  - id: merged-1',
      '    label: person',
      '<<<<<<< ours',
      '    note: Ours, check the spelling.',
      '=======',
      '    note: Theirs, spelling confirmed.',
      '>>>>>>> theirs',
      '    target:',
      '      exact: Chenyue Mao',
      '',
    ].join('\n');
    const doc = await article('reanchoring-merge-conflict.txt', conflicted);
    const sidecar = sidecarOf(doc.uri);
    const diagnostic = await eventually(() => newsLensDiagnostics(sidecar)[0]);
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(diagnostic.range.start.line, 4, `reported at ${JSON.stringify(diagnostic.range)}: ${diagnostic.message}`);
    assert.match(diagnostic.message, /merge-conflict markers/);
    const start = doc.getText().indexOf('Beijing');
    const result = await vscode.commands.executeCommand('newsLens.annotate', { label: 'claim', note: 'must not be written', range: { start, end: start + 7 } });
    assert.strictEqual(result, undefined, 'annotate should refuse on a conflicted sidecar');
    await sleep(300);
    assert.strictEqual(readFileSync(sidecar.fsPath, 'utf8'), conflicted, 'the conflicted sidecar was modified');

    writeFileSync(sidecar.fsPath, conflicted.replace(/<<<<<<< ours\n.*\n=======\n(.*\n)>>>>>>> theirs\n/, '$1'));
    await eventually(() => newsLensDiagnostics(sidecar).length === 0, 15_000);
    assert.match(await hoverAt(doc, positionOf(doc, 'Chenyue')), /spelling confirmed/);
  });

  test('needs-review: shown where it probably is, listed in Problems, confirmed with the quick fix', async () => {
    const uri = seedUri('reanchoring-review.txt');
    created.push(uri, sidecarOf(uri));
    const sentence = 'The council approved the harbour plan on Monday.';
    await vscode.workspace.fs.writeFile(uri, encode(`${sentence} Critics objected.\n\nLater that week: ${sentence} Nobody objected.\n`));
    // Written by hand without context or offsets: the quote occurs twice and nothing says which.
    await vscode.workspace.fs.writeFile(sidecarOf(uri), encode([
      'version: 1',
      'annotations:',
      '  - id: review-1',
      '    label: claim',
      '    note: Which meeting?',
      '    target:',
      `      exact: ${sentence}`,
      '',
    ].join('\n')));
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const diagnostic = await eventually(() => newsLensDiagnostics(doc.uri).find((d) => d.code === 'review-1'));
    assert.match(diagnostic.message, /Annotation 'claim' \(id review-1\) needs review/);
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Information);
    // Shown (flagged) where it probably belongs.
    assert.match(await hoverAt(doc, diagnostic.range.start.translate(0, 5)), /Which meeting\?[\s\S]*please check/);

    const second = doc.getText().lastIndexOf(sentence);
    editor.selection = new vscode.Selection(doc.positionAt(second), doc.positionAt(second + sentence.length));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value,
    );
    const reattach = actions.find((a) => a.title.startsWith('Re-attach annotation review-1'));
    assert.ok(reattach?.command, `no re-attach quick fix in ${JSON.stringify(actions.map((a) => a.title))}`);
    await vscode.commands.executeCommand(reattach.command.command, ...(reattach.command.arguments ?? []));
    const entry = (await readSidecar(doc.uri))?.find((a) => a.id === 'review-1');
    assert.strictEqual(entry?.target.start, second);
    assert.strictEqual(entry?.note, 'Which meeting?');
    await eventually(() => newsLensDiagnostics(doc.uri).length === 0);
    assert.match(await hoverAt(doc, doc.positionAt(second + 5)), /Which meeting\?/);
    assert.doesNotMatch(await hoverAt(doc, doc.positionAt(5)), /Which meeting\?/);
  });

  test('the article changed on disk: notes re-anchor on their words', async () => {
    const doc = await article('reanchoring-article-changed.txt');
    const start = doc.getText().indexOf('Scott Kennedy');
    const made = await vscode.commands.executeCommand<{ id: string }>('newsLens.annotate', {
      label: 'needs source', note: 'Follows the text', range: { start, end: start + 'Scott Kennedy'.length },
    });
    assert.ok(made?.id);
    writeFileSync(doc.uri.fsPath, `Editor's note: this story was updated.\n\n${seedText}`);
    await eventually(() => doc.getText().startsWith("Editor's note"), 15_000);
    const hover = await eventually(async () => {
      const text = await hoverAt(doc, positionOf(doc, 'Kennedy'));
      return /Follows the text/.test(text) ? text : undefined;
    });
    assert.match(hover, /needs source/);
  });

  test('live tracking: deleting the annotated words orphans the note (never moved onto another mention); undo brings it back', async () => {
    const doc = await article('reanchoring-delete.txt');
    const words = 'state broadcaster CCTV';
    const start = doc.getText().indexOf(words);
    const made = await vscode.commands.executeCommand<{ id: string }>('newsLens.annotate', {
      label: 'claim', note: 'Only on these words', range: { start, end: start + words.length },
    });
    assert.ok(made?.id);
    const editor = await vscode.window.showTextDocument(doc);
    assert.ok(await editor.edit((b) => b.delete(new vscode.Range(doc.positionAt(start), doc.positionAt(start + words.length)))));
    const diagnostic = await eventually(() => newsLensDiagnostics(doc.uri).find((d) => d.code === made.id));
    assert.match(diagnostic.message, /is orphaned/);
    const other = doc.getText().indexOf('CCTV');
    if (other >= 0) await assertNoNoteCardAt(doc, doc.positionAt(other + 1));
    await vscode.commands.executeCommand('undo');
    await eventually(() => doc.getText().includes(words) && newsLensDiagnostics(doc.uri).length === 0);
    assert.match(await hoverAt(doc, doc.positionAt(start + words.length - 2)), /Only on these words/);
    // Nothing was written while the note was lost: the sidecar still has it, unchanged.
    const entry = (await readSidecar(doc.uri))?.find((a) => a.id === made.id);
    assert.strictEqual(entry?.target.exact, words);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('live tracking: a paragraph inserted above moves the note with its words, and saving updates the sidecar', async () => {
    const doc = await article('reanchoring-live.txt');
    const start = doc.getText().indexOf('Chenyue Mao');
    const made = await vscode.commands.executeCommand<{ id: string }>('newsLens.annotate', {
      label: 'context',
      note: 'Tracked while typing',
      range: { start, end: start + 'Chenyue Mao'.length },
    });
    assert.ok(made?.id);
    const before = (await readSidecar(doc.uri))?.find((a) => a.id === made.id);
    assert.ok(before?.target.start !== undefined);

    const editor = await vscode.window.showTextDocument(doc);
    const paragraph = 'An editor’s note inserted above, mentioning Chenyue Mao once more.\n\n';
    const firstLineEnd = doc.lineAt(0).range.end;
    assert.ok(await editor.edit((b) => b.insert(firstLineEnd, `\n\n${paragraph.trimEnd()}`)));
    const inserted = `\n\n${paragraph.trimEnd()}`.length;
    // Before saving, the note already follows its words (and is not on the new mention above).
    const moved = doc.getText().indexOf('Chenyue Mao', start);
    assert.strictEqual(moved, start + inserted);
    assert.match(await hoverAt(doc, doc.positionAt(moved + 3)), /Tracked while typing/);
    await assertNoNoteCardAt(doc, positionOf(doc, 'Chenyue Mao once', 0, 3));

    assert.ok(await doc.save(), 'save failed');
    const after = await eventually(async () => {
      const e = (await readSidecar(doc.uri))?.find((a) => a.id === made.id);
      return e && e.target.start !== before.target.start ? e : undefined;
    });
    assert.strictEqual(after.target.start, before.target.start! + [...`\n\n${paragraph.trimEnd()}`].length);
    assert.strictEqual(after.target.end, after.target.start + 'Chenyue Mao'.length);
    assert.strictEqual(after.target.exact, 'Chenyue Mao');
    assert.strictEqual(after.note, 'Tracked while typing');
    assert.match(await hoverAt(doc, doc.positionAt(moved + 3)), /Tracked while typing/);
    await assertNoNoteCardAt(doc, positionOf(doc, 'Chenyue Mao once', 0, 3));
  });
});
