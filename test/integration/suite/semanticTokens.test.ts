import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, eventually, openSeed, rangeOf } from '../helpers';

interface DecodedToken {
  line: number;
  character: number;
  length: number;
  type: string;
}

/** Decodes the relative (line, char, length, type, modifiers) quintuples of SemanticTokens.data. */
function decode(tokens: vscode.SemanticTokens, legend: vscode.SemanticTokensLegend): DecodedToken[] {
  const out: DecodedToken[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i + 4 < tokens.data.length; i += 5) {
    const dLine = tokens.data[i]!;
    const dChar = tokens.data[i + 1]!;
    line += dLine;
    character = dLine === 0 ? character + dChar : dChar;
    out.push({ line, character, length: tokens.data[i + 2]!, type: legend.tokenTypes[tokens.data[i + 3]!] ?? '?' });
  }
  return out;
}

async function tokensOf(doc: vscode.TextDocument): Promise<DecodedToken[]> {
  const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', doc.uri);
  assert.ok(legend, 'no semantic tokens legend for news-article');
  const tokens = await eventually(() =>
    vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', doc.uri),
  );
  return decode(tokens, legend);
}

function typeAt(tokens: DecodedToken[], range: vscode.Range): string | undefined {
  return tokens.find((t) => t.line === range.start.line && t.character === range.start.character && t.length === range.end.character - range.start.character)?.type;
}

suite('semantic tokens', () => {
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    await activateExtension();
    doc = await openSeed('trump-xi-tiktok-call.txt');
    await vscode.window.showTextDocument(doc);
  });

  test('the legend has one token type per entity kind', async () => {
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', doc.uri);
    for (const kind of ['person', 'organization', 'place', 'group', 'date', 'money']) {
      assert.ok(legend.tokenTypes.includes(kind), `legend lacks ${kind}: ${legend.tokenTypes.join(', ')}`);
    }
  });

  test('"Donald Trump" is a person and "CCTV" an organization', async () => {
    const tokens = await tokensOf(doc);
    assert.strictEqual(typeAt(tokens, rangeOf(doc, 'Donald Trump')), 'person', 'Donald Trump');
    assert.strictEqual(typeAt(tokens, rangeOf(doc, 'CCTV')), 'organization', 'CCTV');
  });

  test('newsLens.highlight.kinds turns a kind off', async () => {
    const config = vscode.workspace.getConfiguration('newsLens');
    try {
      await config.update('highlight.kinds', { person: false }, vscode.ConfigurationTarget.Global);
      const tokens = await tokensOf(doc);
      assert.strictEqual(tokens.filter((t) => t.type === 'person').length, 0, 'person tokens still present');
      assert.strictEqual(typeAt(tokens, rangeOf(doc, 'CCTV')), 'organization', 'other kinds stay on');
    } finally {
      await config.update('highlight.kinds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('after an edit, the highlights follow the text (debounced re-analysis)', async () => {
    const editor = await vscode.window.showTextDocument(doc);
    try {
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'BREAKING. '));
      const tokens = await tokensOf(doc);
      assert.strictEqual(typeAt(tokens, rangeOf(doc, 'Donald Trump')), 'person', 'Donald Trump after the edit');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    assert.ok(!doc.getText().startsWith('BREAKING'), 'edit not reverted');
  });
});
