import * as assert from 'assert';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { activateExtension, eventually, hoverAt, hoverMarkdownAt, positionOf, rangeOf, seedUri } from '../helpers';

// Issue 15 item 2: corrections of the analysis made in the editor — retype from the hover card, reject,
// add from a selection, change a quotation's speaker — each stored in the sidecar, shown in the
// highlights (semantic tokens) and the hover cards, and still in place after an edit above it.

const TEXT = 'Donald Trump met Xi Jinping in Beijing on Friday. Trump said the talks went well. "We are close," Kennedy said. Harlow Whitfield rose. Later, okafor fell.\n';
const NAME = 'corrections-test.txt';

interface StoredCorrection {
  id: string;
  kind: string;
  action: string;
  type?: string;
  speaker?: { exact: string };
  target: { exact: string; start?: number };
}

const sidecarOf = (article: vscode.Uri) => article.with({ path: `${article.path}.annotations.yaml` });

async function corrections(article: vscode.Uri): Promise<StoredCorrection[]> {
  try {
    const bytes = await vscode.workspace.fs.readFile(sidecarOf(article));
    return ((parse(new TextDecoder().decode(bytes)) as { corrections?: StoredCorrection[] }).corrections ?? []);
  } catch {
    return [];
  }
}

/** The arguments of the hover card's `command` link at `pos`. */
async function linkArgs(doc: vscode.TextDocument, pos: vscode.Position, command: string): Promise<unknown[]> {
  const markdown = await hoverMarkdownAt(doc, pos);
  const m = new RegExp(`\\]\\(command:${command.replace('.', '\\.')}\\?([^)\\s]*)`).exec(markdown);
  assert.ok(m, `${command} link missing:\n${markdown}`);
  return JSON.parse(decodeURIComponent(m[1]!)) as unknown[];
}

/** The semantic token type at exactly `range`, if any. */
async function tokenTypeAt(doc: vscode.TextDocument, range: vscode.Range): Promise<string | undefined> {
  const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', doc.uri);
  const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', doc.uri);
  let line = 0;
  let character = 0;
  for (let i = 0; i + 4 < tokens.data.length; i += 5) {
    line += tokens.data[i]!;
    character = tokens.data[i]! === 0 ? character + tokens.data[i + 1]! : tokens.data[i + 1]!;
    if (line === range.start.line && character === range.start.character && tokens.data[i + 2] === range.end.character - range.start.character) {
      return legend.tokenTypes[tokens.data[i + 3]!];
    }
  }
  return undefined;
}

suite('corrections: fixing the analysis from the editor (issue 15)', () => {
  let doc: vscode.TextDocument;
  let uri: vscode.Uri;

  suiteSetup(async () => {
    await activateExtension();
    uri = seedUri(NAME);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(TEXT));
    doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await eventually(async () => doc.languageId === 'news-article' && /PERSON/.test(await hoverAt(doc, positionOf(doc, 'Harlow Whitfield', 0, 2))));
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const u of [sidecarOf(uri), uri]) await Promise.resolve(vscode.workspace.fs.delete(u)).catch(() => undefined);
  });

  test('retype from the hover card: stored in the sidecar, shown in the card and the highlights', async () => {
    const at = positionOf(doc, 'Harlow Whitfield', 0, 2);
    assert.strictEqual(await tokenTypeAt(doc, rangeOf(doc, 'Harlow Whitfield')), 'person');
    const args = await linkArgs(doc, at, 'newsLens.retypeEntity');
    const start = TEXT.indexOf('Harlow Whitfield');
    assert.deepStrictEqual(args, [uri.toString(), start, start + 'Harlow Whitfield'.length]);
    // The link opens a type picker; the type given as the next argument skips it.
    await vscode.commands.executeCommand('newsLens.retypeEntity', ...args, 'ORG');
    const stored = (await corrections(uri)).find((c) => c.target.exact === 'Harlow Whitfield');
    assert.ok(stored, JSON.stringify(await corrections(uri)));
    assert.deepStrictEqual([stored.kind, stored.action, stored.type, stored.target.start], ['entity', 'retype', 'ORG', start]);
    const card = await eventually(async () => {
      const text = await hoverAt(doc, at);
      return /`ORG`/.test(text) ? text : undefined;
    });
    assert.match(card, /Corrected by a reviewer/);
    assert.match(card, /Undo correction/);
    assert.strictEqual(await eventually(async () => ((await tokenTypeAt(doc, rangeOf(doc, 'Harlow Whitfield'))) === 'organization' ? 'organization' : undefined)), 'organization');
  });

  test('reject from the hover card: the name is gone from the card and the highlights', async () => {
    const at = positionOf(doc, 'Beijing', 0, 2);
    assert.match(await hoverAt(doc, at), /`GPE`/);
    await vscode.commands.executeCommand('newsLens.rejectEntity', ...(await linkArgs(doc, at, 'newsLens.rejectEntity')));
    const stored = (await corrections(uri)).find((c) => c.target.exact === 'Beijing');
    assert.deepStrictEqual([stored?.kind, stored?.action], ['entity', 'reject']);
    await eventually(async () => !/`GPE`/.test(await hoverAt(doc, at)));
    assert.strictEqual(await tokenTypeAt(doc, rangeOf(doc, 'Beijing')), undefined);
  });

  test('add from a selection (Mark as Entity…): a new name with its own card', async () => {
    const editor = await vscode.window.showTextDocument(doc);
    const range = rangeOf(doc, 'okafor', 0);
    editor.selection = new vscode.Selection(range.start, range.end);
    // The quick fixes offer it for the selection too.
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range);
    assert.ok(fixes.some((f) => f.command?.command === 'newsLens.markEntity'), JSON.stringify(fixes.map((f) => f.title)));
    await vscode.commands.executeCommand('newsLens.markEntity', undefined, undefined, undefined, 'PERSON');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const stored = (await corrections(uri)).find((c) => c.target.exact === 'okafor');
    assert.deepStrictEqual([stored?.kind, stored?.action, stored?.type], ['entity', 'add', 'PERSON']);
    const card = await eventually(async () => {
      const text = await hoverAt(doc, positionOf(doc, 'okafor', 0, 2));
      return /\*\*okafor\*\* · person/.test(text) ? text : undefined;
    });
    assert.doesNotMatch(card, /Harlow Whitfield/);
    assert.strictEqual(await tokenTypeAt(doc, range), 'person');
  });

  test('change a quotation\'s speaker from the hover card', async () => {
    const at = positionOf(doc, 'We are close', 0, 3);
    assert.match(await hoverAt(doc, at), /Speaker:\*\* Kennedy/);
    const args = await linkArgs(doc, at, 'newsLens.changeSpeaker');
    const xi = TEXT.indexOf('Xi Jinping');
    await vscode.commands.executeCommand('newsLens.changeSpeaker', ...args, xi, xi + 'Xi Jinping'.length);
    const stored = (await corrections(uri)).find((c) => c.action === 'speaker');
    assert.deepStrictEqual([stored?.kind, stored?.speaker?.exact], ['quote', 'Xi Jinping']);
    await eventually(async () => /Speaker:\*\* Xi Jinping/.test(await hoverAt(doc, at)));
  });

  test('after an edit above them, every correction is still in place', async () => {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), 'BREAKING: a new first paragraph.\n\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await eventually(async () => /`ORG`/.test(await hoverAt(doc, positionOf(doc, 'Harlow Whitfield', 0, 2))));
    assert.doesNotMatch(await hoverAt(doc, positionOf(doc, 'Beijing', 0, 2)), /`GPE`/);
    assert.match(await hoverAt(doc, positionOf(doc, 'okafor', 0, 2)), /\*\*okafor\*\* · person/);
    assert.match(await hoverAt(doc, positionOf(doc, 'We are close', 0, 3)), /Speaker:\*\* Xi Jinping/);
    assert.strictEqual(await tokenTypeAt(doc, rangeOf(doc, 'Harlow Whitfield')), 'organization');
    assert.strictEqual((await corrections(uri)).length, 4, 'all four kept in the sidecar');
    // Saving the article writes the moved corrections' new offsets, as for notes.
    assert.ok(await doc.save());
    const moved = doc.getText().indexOf('Harlow Whitfield');
    await eventually(async () => (await corrections(uri)).find((c) => c.target.exact === 'Harlow Whitfield')?.target.start === moved);
  });

  test('undo takes the latest correction back; the others stay', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('newsLens.undoCorrection', uri.toString()), true);
    await eventually(async () => /Speaker:\*\* Kennedy/.test(await hoverAt(doc, positionOf(doc, 'We are close', 0, 3))));
    const left = await corrections(uri);
    assert.deepStrictEqual(left.map((c) => c.action).sort(), ['add', 'reject', 'retype']);
    assert.match(await hoverAt(doc, positionOf(doc, 'Harlow Whitfield', 0, 2)), /`ORG`/);
  });

  test('a hand-written sidecar: its corrections applied; an orphaned one kept, reported in Problems, never applied', async () => {
    const other = seedUri('corrections-hand.txt');
    const sidecar = `version: 1
corrections:
  # written by hand
  - id: c-hand-1
    kind: entity
    action: retype
    type: ORG
    target: { exact: Harlow Whitfield }
  - id: c-hand-orphan
    kind: entity
    action: reject
    target: { exact: Scott Kennedy }
`;
    try {
      await vscode.workspace.fs.writeFile(other, new TextEncoder().encode(TEXT));
      await vscode.workspace.fs.writeFile(sidecarOf(other), new TextEncoder().encode(sidecar));
      const hand = await vscode.workspace.openTextDocument(other);
      await vscode.window.showTextDocument(hand);
      await eventually(async () => /`ORG`/.test(await hoverAt(hand, positionOf(hand, 'Harlow Whitfield', 0, 2))));
      const problem = await eventually(() => vscode.languages.getDiagnostics(other).find((d) => typeof d.code === 'object' && d.code.value === 'c-hand-orphan'));
      assert.match(problem.message, /c-hand-orphan .*is not applied: its text 'Scott Kennedy' was not found/);
      assert.strictEqual((problem.code as { target: vscode.Uri }).target.toString(), sidecarOf(other).toString());
      assert.match(await hoverAt(hand, positionOf(hand, 'Kennedy', 0, 2)), /`PERSON`/);
      assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(sidecarOf(other))), sidecar, 'reading never rewrites the file');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      for (const u of [sidecarOf(other), other]) await Promise.resolve(vscode.workspace.fs.delete(u)).catch(() => undefined);
    }
  });
});
