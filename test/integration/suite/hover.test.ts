import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, eventually, hoverAt, hoverMarkdownAt, openSeed, positionOf, seedUri } from '../helpers';

suite('hover', () => {
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    await activateExtension();
    doc = await openSeed('trump-xi-tiktok-call.txt');
  });

  test('over "Mao": the Wells Fargo banker', async () => {
    const text = await hoverAt(doc, positionOf(doc, 'Mao'));
    assert.match(text, /Wells Fargo/, text);
    assert.match(text, /banker/, text);
  });

  test('over a Trump quotation: the speaker is Donald Trump', async () => {
    const text = await hoverAt(doc, positionOf(doc, 'I like TikTok', 0, 3));
    assert.match(text, /Donald Trump/, text);
    assert.match(text, /Quotation|Speaker/, text);
  });

  test('over a person: canonical name, type and mentions', async () => {
    const text = await hoverAt(doc, positionOf(doc, 'Trump', 2));
    assert.match(text, /Donald Trump/, text);
    assert.match(text, /person/, text);
    assert.match(text, /Mentions:\*\* \[\d+\]\(command:newsLens\.showMentions\?/, text);
  });

  test('plain words have no card', async () => {
    const text = await hoverAt(doc, positionOf(doc, 'obstacle'));
    assert.strictEqual(text, '');
  });

  test('a note\'s label cannot show a theme icon, and an id with ")" keeps the Edit/Delete links whole', async () => {
    const article = seedUri('hover-hostile.txt');
    const sidecar = article.with({ path: `${article.path}.annotations.yaml` });
    const id = 'a-1) [x](command:workbench.action.quit) (';
    const yaml = [
      'version: 1',
      'annotations:',
      `  - id: ${JSON.stringify(id)}`,
      '    label: "$(pass-filled) verified"',
      '    note: "Checked $(check) twice"',
      '    target:',
      '      exact: Wells Fargo banker Chenyue Mao',
      '',
    ].join('\n');
    try {
      await vscode.workspace.fs.writeFile(article, new TextEncoder().encode(doc.getText()));
      await vscode.workspace.fs.writeFile(sidecar, new TextEncoder().encode(yaml));
      const hostile = await vscode.workspace.openTextDocument(article);
      const markdown = await eventually(async () => {
        const md = await hoverMarkdownAt(hostile, positionOf(hostile, 'Chenyue'));
        return md.includes('verified') ? md : undefined;
      });
      // As VS Code renders it: Markdown escapes are undone first, then `$(name)` becomes an icon unless
      // it is preceded by a backslash. Our own icons ($(comment), $(edit)) stay icons.
      const rendered = markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
      for (const icon of ['pass-filled', 'check']) {
        assert.ok(rendered.includes(`$(${icon})`), `the text of ${icon} is kept:\n${markdown}`);
        assert.doesNotMatch(rendered, new RegExp(`(^|[^\\\\])\\$\\(${icon}\\)`), `$(${icon}) from the sidecar would render as an icon:\n${markdown}`);
      }
      assert.match(rendered, /(^|[^\\])\$\(comment\)/, markdown);
      // The command links: the argument runs to the link's own ")" and decodes to the note's id.
      for (const command of ['newsLens.editAnnotation', 'newsLens.deleteAnnotation']) {
        const m = new RegExp(`\\]\\(command:${command.replace('.', '\\.')}\\?([^)\\s]*)\\)`).exec(markdown);
        assert.ok(m, `${command} link missing:\n${markdown}`);
        const args = JSON.parse(decodeURIComponent(m[1]!)) as unknown[];
        assert.deepStrictEqual(args, [article.toString(), id]);
      }
      assert.ok(!markdown.includes('](command:workbench.action.quit)'), markdown);
    } finally {
      for (const uri of [sidecar, article]) await Promise.resolve(vscode.workspace.fs.delete(uri)).catch(() => undefined);
    }
  });
});
