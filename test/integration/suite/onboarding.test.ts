// A newcomer's first hour: articles outside seeds/ (command, sidecar, setting), the article status-bar item,
// window progress for long analyses, the walkthrough and the Annotations view's welcome content.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { NewsLensApi } from '../../../src/extension';
import { EXTENSION_ID, activateExtension, eventually, openSeed, rangeOf, sleep, workspaceRoot } from '../helpers';

const ARTICLE = 'news-article';
const WALKTHROUGH = 'newsLens.gettingStarted';

interface DecodedToken {
  line: number;
  character: number;
  length: number;
  type: string;
}

async function semanticTokens(doc: vscode.TextDocument): Promise<DecodedToken[]> {
  const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', doc.uri);
  assert.ok(legend, `no semantic tokens legend for ${doc.uri.toString(true)} (language ${doc.languageId})`);
  const tokens = await eventually(() => vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', doc.uri));
  const out: DecodedToken[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i + 4 < tokens.data.length; i += 5) {
    const dLine = tokens.data[i]!;
    line += dLine;
    character = dLine === 0 ? character + tokens.data[i + 1]! : tokens.data[i + 1]!;
    out.push({ line, character, length: tokens.data[i + 2]!, type: legend.tokenTypes[tokens.data[i + 3]!] ?? '?' });
  }
  return out;
}

function tokenAt(tokens: DecodedToken[], range: vscode.Range): string | undefined {
  return tokens.find((t) => t.line === range.start.line && t.character === range.start.character && t.length === range.end.character - range.start.character)?.type;
}

/** What the status bar must show for this article: counts of its current analysis and its notes. */
async function expectedStatus(api: NewsLensApi, doc: vscode.TextDocument): Promise<string> {
  const { analysis } = await api.services.analyses.get(doc);
  const notes = await api.services.annotations.resolved(doc);
  return `$(symbol-class) ${analysis.entities.length} $(quote) ${analysis.quotes.length} $(comment) ${notes.length}`;
}

suite('onboarding: articles anywhere, status bar, walkthrough', () => {
  let api: NewsLensApi;
  let seedText: string;
  const created: vscode.Uri[] = [];

  const write = async (relative: string, text: string): Promise<vscode.Uri> => {
    const uri = vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    created.push(uri);
    return uri;
  };

  suiteSetup(async () => {
    api = (await activateExtension()) as NewsLensApi;
    seedText = (await openSeed('trump-xi-tiktok-call.txt')).getText();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created.reverse()) await Promise.resolve(vscode.workspace.fs.delete(uri, { recursive: true })).catch(() => undefined);
  });

  test('a .txt outside seeds/ stays plain text (not analysed); Open as News Article makes it an article with highlights', async () => {
    const uri = await write('notes/outside-seeds.txt', seedText);
    const plain = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(plain);
    await sleep(700);
    assert.strictEqual(plain.languageId, 'plaintext', 'a .txt outside the article folders, without a sidecar, became an article by itself');
    assert.strictEqual(api.services.analyses.peek(uri), undefined, 'a plain-text file was analysed');
    assert.strictEqual(api.statusItem.visible, false, `status item shown for a plain-text file: ${api.statusItem.text}`);

    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('newsLens.openAsArticle', uri);
    assert.ok(doc, 'newsLens.openAsArticle returned no document');
    assert.strictEqual(doc.uri.toString(), uri.toString());
    assert.strictEqual(doc.languageId, ARTICLE);
    const tokens = await semanticTokens(doc);
    assert.strictEqual(tokenAt(tokens, rangeOf(doc, 'Donald Trump')), 'person', 'Donald Trump');
    assert.strictEqual(tokenAt(tokens, rangeOf(doc, 'CCTV')), 'organization', 'CCTV');
    assert.strictEqual(vscode.window.activeTextEditor?.document, doc, 'the article is not the active editor');
  });

  test('Open as News Article without arguments works on the active editor', async () => {
    const uri = await write('notes/active-editor.txt', seedText);
    const plain = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(plain);
    await sleep(300);
    assert.strictEqual(plain.languageId, 'plaintext');
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('newsLens.openAsArticle');
    assert.strictEqual(doc?.uri.toString(), uri.toString());
    assert.strictEqual(plain.languageId, ARTICLE);
  });

  test('a .txt with a sidecar beside it opens as a News Article', async () => {
    const uri = await write('elsewhere/with-notes.txt', seedText);
    await write(
      'elsewhere/with-notes.txt.annotations.yaml',
      'version: 1\nannotations:\n  - id: n1\n    label: claim\n    note: Check this\n    target:\n      exact: Donald Trump\n',
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    await eventually(() => doc.languageId === ARTICLE, 5000).catch(() => assert.fail(`still ${doc.languageId}: the sidecar was not noticed`));
    await vscode.window.showTextDocument(doc);
    const notes = await api.services.annotations.resolved(doc);
    assert.strictEqual(notes.length, 1, 'the sidecar note was not read');
  });

  test('the status bar item shows the counts of the active article and is hidden for a plain-text file', async () => {
    const article = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), 'elsewhere', 'with-notes.txt'));
    assert.strictEqual(article.languageId, ARTICLE);
    await vscode.window.showTextDocument(article);
    const expected = await expectedStatus(api, article);
    assert.match(expected, /\$\(comment\) 1$/, 'one note expected in the sidecar');
    await eventually(() => api.statusItem.visible && api.statusItem.text === expected, 5000).catch(() =>
      assert.fail(`status item: visible=${api.statusItem.visible} "${api.statusItem.text}", expected "${expected}"`),
    );
    assert.strictEqual(api.statusItem.uri?.toString(), article.uri.toString());
    assert.match(api.statusItem.tooltip, /1 notes/);
    assert.doesNotMatch(api.statusItem.text, /loading~spin/);

    const plainUri = await write('notes/todo.txt', 'Buy milk. Call Maria about the harbour story.\n');
    const plain = await vscode.workspace.openTextDocument(plainUri);
    await vscode.window.showTextDocument(plain);
    await eventually(() => !api.statusItem.visible, 5000).catch(() => assert.fail(`status item still shown for a plain-text file: "${api.statusItem.text}"`));
    assert.strictEqual(plain.languageId, 'plaintext');

    // Back to the article: shown again, and a new note is counted.
    await vscode.window.showTextDocument(article);
    await eventually(() => api.statusItem.visible && api.statusItem.text === expected, 5000);
    await vscode.commands.executeCommand('newsLens.annotate', { label: 'context', note: 'second note', range: rangeOf(article, 'CCTV') });
    await eventually(() => api.statusItem.text.endsWith('$(comment) 2'), 5000).catch(() => assert.fail(`notes not recounted: "${api.statusItem.text}"`));
  });

  test('Open Annotations File opens the sidecar of the article', async () => {
    const article = vscode.Uri.joinPath(workspaceRoot(), 'elsewhere', 'with-notes.txt');
    const sidecar = await vscode.commands.executeCommand<vscode.Uri>('newsLens.openSidecar', article);
    assert.strictEqual(sidecar?.toString(), `${article.toString()}.annotations.yaml`);
    assert.ok(
      vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === sidecar.toString()),
      'the sidecar is not shown',
    );
  });

  test('files matching newsLens.articles.include open as articles; a changed setting applies', async () => {
    const byDefault = await vscode.workspace.openTextDocument(await write('articles/2026/harbour.txt', seedText));
    await eventually(() => byDefault.languageId === ARTICLE, 5000).catch(() => assert.fail('articles/**/*.txt (a default pattern) did not apply'));
    const named = await vscode.workspace.openTextDocument(await write('inbox/wire.article.txt', seedText));
    await eventually(() => named.languageId === ARTICLE, 5000).catch(() => assert.fail('**/*.article.txt (a default pattern) did not apply'));

    const config = vscode.workspace.getConfiguration('newsLens');
    try {
      await config.update('articles.include', ['custom/*.txt'], vscode.ConfigurationTarget.Global);
      const custom = await vscode.workspace.openTextDocument(await write('custom/story.txt', seedText));
      await eventually(() => custom.languageId === ARTICLE, 5000).catch(() => assert.fail('the configured pattern custom/*.txt did not apply'));
      const notAnyMore = await vscode.workspace.openTextDocument(await write('articles/other.txt', seedText));
      await sleep(700);
      assert.strictEqual(notAnyMore.languageId, 'plaintext', 'articles/ still matched after the setting replaced the defaults');
    } finally {
      await config.update('articles.include', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('a short analysis shows no progress; one still running after 500 ms shows window progress and a spinner', async () => {
    const before = api.analysisProgress.shown;
    const short = await vscode.workspace.openTextDocument(await write('articles/short.txt', seedText));
    await eventually(() => short.languageId === ARTICLE, 5000);
    await vscode.window.showTextDocument(short);
    const expected = await expectedStatus(api, short);
    await eventually(() => api.statusItem.text === expected, 5000);
    await sleep(700);
    assert.strictEqual(api.analysisProgress.shown, before, `progress shown for a ${seedText.length}-character article`);

    // About 1 M characters: analysed in the worker, well over half a second (1.4 M took 6.6 s in this harness).
    const long = Array.from({ length: 300 }, () => seedText).join('\n\n');
    const uri = await write('articles/long.txt', long);
    const doc = await vscode.workspace.openTextDocument(uri);
    await eventually(() => doc.languageId === ARTICLE, 5000);
    await vscode.window.showTextDocument(doc);
    const spinner = await eventually(() => (api.statusItem.uri?.toString() === uri.toString() && api.statusItem.text.includes('$(loading~spin)') ? api.statusItem.text : undefined), 10_000)
      .catch(() => assert.fail(`no spinner while the long article was analysed: "${api.statusItem.text}"`));
    assert.ok(api.statusItem.busy, spinner);
    await eventually(() => api.analysisProgress.shown > before, 20_000).catch(() => assert.fail('no progress for the long analysis'));
    assert.match(api.analysisProgress.lastTitle ?? '', /long\.txt/);
    const result = await api.services.analyses.get(doc);
    assert.ok(result.inWorker, 'the long article was not analysed in the worker');
    assert.ok(result.millis > 500, `the long analysis took only ${result.millis.toFixed(0)} ms`);
    const done = await expectedStatus(api, doc);
    await eventually(() => api.statusItem.text === done, 20_000).catch(() => assert.fail(`status after the analysis: "${api.statusItem.text}", expected "${done}"`));
    await eventually(() => api.analysisProgress.active === 0, 5000).catch(() => assert.fail('the progress indicator did not end'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('the walkthrough is contributed, its media ship with the extension, and it opens', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    type Step = { id: string; title: string; description: string; media: { markdown?: string; image?: unknown } };
    const walkthroughs = ext.packageJSON.contributes?.walkthroughs as Array<{ id: string; steps: Step[] }> | undefined;
    const walkthrough = walkthroughs?.find((w) => w.id === WALKTHROUGH);
    assert.ok(walkthrough, `no walkthrough ${WALKTHROUGH} in ${JSON.stringify(walkthroughs)}`);
    assert.deepStrictEqual(walkthrough.steps.map((s) => s.id), ['openArticle', 'hoverName', 'annotateSelection', 'findSidecar']);
    const nls = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'package.nls.json')))) as Record<string, string>;
    const text = (s: string) => (/^%.+%$/.test(s) ? nls[s.slice(1, -1)] : s);
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const step of walkthrough.steps) {
      assert.ok(step.media.markdown, `step ${step.id} has no markdown media`);
      const media = vscode.Uri.joinPath(ext.extensionUri, step.media.markdown);
      const stat = await Promise.resolve(vscode.workspace.fs.stat(media)).catch(() => undefined);
      assert.ok(stat && stat.size > 0, `media of step ${step.id} missing: ${media.toString(true)}`);
      const description = text(step.description);
      assert.ok(description, `step ${step.id}: no text for ${step.description}`);
      assert.ok(text(step.title), `step ${step.id}: no text for ${step.title}`);
      for (const [, command] of description.matchAll(/\(command:([\w.]+)/g)) {
        assert.ok(commands.has(command!), `step ${step.id} links to ${command}, which is not a command`);
      }
    }
    const welcomeTab = () => vscode.window.tabGroups.activeTabGroup.activeTab;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.strictEqual(welcomeTab(), undefined);
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${WALKTHROUGH}`, false);
    // The tab is the Welcome page (VS Code does not expose which walkthrough it shows): check that it opened.
    await eventually(() => welcomeTab(), 5000).catch(() => assert.fail('openWalkthrough opened no editor'));
    assert.strictEqual(welcomeTab()!.input, undefined, `not the Welcome page: ${welcomeTab()!.label}`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('the Annotations view has welcome content for "no article" and "no notes yet", linking to real commands', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const welcome = (ext.packageJSON.contributes?.viewsWelcome ?? []) as Array<{ view: string; contents: string; when?: string }>;
    const mine = welcome.filter((w) => w.view === 'newsLens.annotations');
    assert.deepStrictEqual(mine.map((w) => w.when).sort(), ['!newsLens.annotations.hasArticle', 'newsLens.annotations.hasArticle']);
    const nls = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'package.nls.json')))) as Record<string, string>;
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const w of mine) {
      const contents = nls[w.contents.slice(1, -1)] ?? w.contents;
      const links = [...contents.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]!);
      assert.ok(links.length > 0, `no command link in "${contents}"`);
      for (const c of links) assert.ok(commands.has(c), `${c} is not a command`);
    }
  });
});
