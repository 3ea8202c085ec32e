// Who said what, in a real VS Code: the quotation card says what kind of attribution it is,
// who the source is (named or anonymous) and the cue; a person's card lists what they are quoted as
// saying; attributions from anonymous or unidentified sources are Problems hints that go away once a
// reviewer annotates them.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, eventually, hoverAt, openSeed, positionOf, seedUri } from '../helpers';

const hints = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'News Lens attribution');

suite('attributions: who said what (quotation cards, a person’s quotes, hints)', () => {
  let doc: vscode.TextDocument;
  let copy: vscode.Uri;

  suiteSetup(async () => {
    await activateExtension();
    const seed = await openSeed('trump-xi-tiktok-call.txt');
    // A copy, so the annotation made below never touches the shared seed's sidecar.
    copy = seedUri('attributions-copy.txt');
    await vscode.workspace.fs.writeFile(copy, new TextEncoder().encode(seed.getText()));
    doc = await vscode.workspace.openTextDocument(copy);
    await vscode.window.showTextDocument(doc);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of [copy, copy.with({ path: `${copy.path}.annotations.yaml` })]) {
      await Promise.resolve(vscode.workspace.fs.delete(uri)).catch(() => undefined);
    }
  });

  test('a partial quotation: kind, named speaker with the mention, cue', async () => {
    const text = await hoverAt(doc, positionOf(doc, 'pretty close to a deal', 0, 3));
    assert.match(text, /Partial quotation/, text);
    assert.match(text, /Speaker:\*\* Donald Trump \(as “Trump”\) · _named source_/, text);
    assert.match(text, /Cue:\*\* said/, text);
  });

  test('reported speech from an anonymous source says so', async () => {
    const text = await hoverAt(doc, positionOf(doc, 'first known call', 0, 3));
    assert.match(text, /Reported speech/, text);
    assert.match(text, /“A U\.S\. official” · \$\(eye-closed\) _anonymous source_/, text);
  });

  test('a person’s card lists what they are quoted as saying', async () => {
    const text = await hoverAt(doc, positionOf(doc, 'Donald Trump', 0, 2));
    assert.match(text, /Quoted \d+ times:/, text);
    assert.match(text, /I like TikTok/, text);
  });

  test('the anonymous source is a Problems hint, and annotating it settles the hint', async () => {
    const offset = doc.getText().indexOf('this was the leaders’ first known call');
    const hint = await eventually(() => hints(doc.uri).find((d) => d.code === 'anonymous-source' && doc.offsetAt(d.range.start) <= offset && offset < doc.offsetAt(d.range.end)));
    assert.strictEqual(hint.severity, vscode.DiagnosticSeverity.Information);
    assert.match(hint.message, /anonymous source \(“A U\.S\. official”\)/);
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, hint.range, vscode.CodeActionKind.QuickFix.value);
    const annotate = fixes.find((f) => f.title === 'Annotate this attribution…');
    assert.ok(annotate?.command, `quick fixes: ${fixes.map((f) => f.title).join(', ')}`);
    // The quick fix's own arguments, plus a label and note so no prompt opens.
    const [args] = annotate.command.arguments as [Record<string, unknown>];
    await vscode.commands.executeCommand(annotate.command.command, { ...args, label: 'needs source', note: 'Who is the official?' });
    await eventually(() => !hints(doc.uri).some((d) => d.code === 'anonymous-source' && doc.offsetAt(d.range.start) <= offset && offset < doc.offsetAt(d.range.end)));
  });
});
