// Reading setup for articles (configurationDefaults for [news-article]) and short hover cards, checked in
// a real VS Code through public API. The rendered effects (wrapping, palette colours, context menu order)
// are checked by the rendered-workbench check (scripts/vscode/run-integration.mjs --ui-check).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { NewsLensApi } from '../../../src/extension';
import { entityDetails } from '../../../src/editor/entityCard';
import { activateExtension, hoverMarkdownAt, openSeed, positionOf, rangeOf, seedUri, sleep } from '../helpers';

/** The seed with one more attribution of Trump (the seed itself quotes him three times since "declined to
 *  enforce the ban" is no longer taken for speech): four, so that his card has a "more" row. */
const FOUR_QUOTES = 'reading-four-quotes.txt';

suite('reading setup for articles', () => {
  let doc: vscode.TextDocument;
  let four: vscode.TextDocument;

  suiteSetup(async () => {
    await activateExtension();
    doc = await openSeed('trump-xi-tiktok-call.txt');
    const seed = doc.getText();
    const cut = seed.indexOf('\n') + 1;
    const text = `${seed.slice(0, cut)}Trump told reporters on Friday that the call had gone very well.\n${seed.slice(cut)}`;
    await vscode.workspace.fs.writeFile(seedUri(FOUR_QUOTES), new TextEncoder().encode(text));
    four = await openSeed(FOUR_QUOTES);
  });

  suiteTeardown(async () => {
    // Close the variant's editors before deleting it: the suites after this one (and the rendered check)
    // expect the workbench as the seed left it.
    const uri = seedUri(FOUR_QUOTES).toString();
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri);
    await vscode.window.tabGroups.close(tabs);
    await vscode.workspace.fs.delete(seedUri(FOUR_QUOTES)).then(undefined, () => undefined);
  });

  test('articles get prose settings; plain text keeps the editor defaults', () => {
    const article = vscode.workspace.getConfiguration('editor', { languageId: 'news-article' });
    const plain = vscode.workspace.getConfiguration('editor', { languageId: 'plaintext' });
    assert.strictEqual(article.get('occurrencesHighlight'), 'off');
    assert.notStrictEqual(plain.get('occurrencesHighlight'), 'off');
    assert.strictEqual(article.get('selectionHighlight'), false);
    assert.strictEqual(plain.get('selectionHighlight'), true);
    assert.strictEqual(article.get('wordBasedSuggestions'), 'off');
    assert.strictEqual(article.get('bracketPairColorization.enabled'), false);
    const separators = article.get<string>('wordSeparators')!;
    for (const c of ['.', '-', "'"]) assert.ok(!separators.includes(c), `"${c}" must not separate words in prose`);
    for (const c of [',', '“', '”', '—', '?']) assert.ok(separators.includes(c), `"${c}" must separate words in prose`);
    assert.ok(plain.get<string>('wordSeparators')!.includes('.'));
    assert.ok(!article.get<string>('wordWrapBreakAfterCharacters')!.includes('.'));
    assert.ok(article.get<string>('wordWrapBreakAfterCharacters')!.includes(' '));
  });

  test('word navigation treats "U.S." and "Asia-Pacific" as one word (editor.wordSeparators)', async () => {
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    for (const word of ['U.S.', 'Asia-Pacific']) {
      const start = rangeOf(doc, word).start;
      editor.selection = new vscode.Selection(start, start);
      await vscode.commands.executeCommand('cursorWordEndRightSelect');
      assert.strictEqual(doc.getText(editor.selection), word);
    }
  });

  test('the Donald Trump card stays short and links to the rest', async () => {
    const doc = four;
    const md = (await hoverMarkdownAt(doc, positionOf(doc, 'Donald Trump', 0, 8))).replace(/&nbsp;/g, ' ');
    assert.match(md, /Donald Trump/);
    const card = md.split(/\n(?=\$\(symbol-field\))/)[0]!;
    const lines = card.split('\n').filter((l) => l.trim() !== '');
    assert.ok(lines.length <= 12, `the card has ${lines.length} lines:\n${card}`);
    assert.match(card, /Quoted 4 times/);
    assert.strictEqual((card.match(/^- /gm) ?? []).length, 4, card); // three quotations and the "more" row
    assert.match(card, /\[1 more\]\(command:newsLens\.showEntityDetails\?/);
    const link = /\(command:newsLens\.showEntityDetails\?([^)]+)\)/.exec(card)!;
    const args = JSON.parse(decodeURIComponent(link[1]!));
    assert.strictEqual(args[0], doc.uri.toString());
    assert.strictEqual(doc.getText().slice(args[1], args[1] + 'Donald Trump'.length), 'Donald Trump');
  });

  test('the "more" link lists everything: picking the fourth quotation (left off the card) selects it', async () => {
    const doc = four;
    const api = (await activateExtension()) as NewsLensApi;
    const { analysis } = await api.services.analyses.get(doc);
    const offset = doc.getText().indexOf('Donald Trump');
    const all = entityDetails(analysis, analysis.entities.find((e) => e.start === offset)!, []);
    assert.strictEqual(all.quotes.length, 4);
    const shown = vscode.commands.executeCommand('newsLens.showEntityDetails', doc.uri.toString(), offset);
    await sleep(800);
    // Items: aliases, descriptions, quotations, mentions (separators are skipped); the first is active.
    for (let i = 0; i < all.aliases.length + all.descriptors.length + 3; i++) {
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    }
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await shown;
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.document.uri.toString(), doc.uri.toString());
    const fourth = all.quotes[3]![0]!;
    assert.strictEqual(doc.offsetAt(editor.selection.start), fourth.start);
    assert.match(doc.getText(editor.selection), /pretty close to a deal/);
  });
});
