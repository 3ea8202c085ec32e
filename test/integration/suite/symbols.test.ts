// Navigation inside an article through VS Code's own commands: the Outline's symbols, Find All References,
// the highlights of all mentions and Go to Definition. The expected mentions come from the extension's
// own analysis of the article (its API), so the tests check the providers' plumbing, not the engine.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Analysis, Cluster } from '../../../src/engine/types';
import type { NewsLensApi } from '../../../src/extension';
import { activateExtension, openSeed, positionOf, rangeOf } from '../helpers';

suite('symbols', () => {
  let doc: vscode.TextDocument;
  let analysis: Analysis;
  let trump: Cluster;
  /** Offsets of every mention of Donald Trump's cluster: names and resolved pronouns/descriptions. */
  let expected: number[];

  suiteSetup(async () => {
    const api = (await activateExtension()) as NewsLensApi;
    doc = await openSeed('trump-xi-tiktok-call.txt');
    analysis = (await api.services.analyses.get(doc)).analysis;
    trump = analysis.clusters.find((c) => c.name === 'Donald Trump')!;
    assert.ok(trump, 'the seed names Donald Trump');
    const pronouns = (analysis.references ?? []).filter((r) => r.cluster === trump.id);
    assert.ok(pronouns.some((r) => r.text === 'He'), 'the seed resolves a "He" to Donald Trump');
    expected = [...trump.mentions.map((i) => analysis.entities[i]!.start), ...pronouns.map((r) => r.start)].sort((a, b) => a - b);
  });

  const startsOf = (ranges: vscode.Range[]) => ranges.map((r) => doc.offsetAt(r.start)).sort((a, b) => a - b);

  test('the Outline: people, organisations, places and other names by kind, quotations by speaker', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.ok(symbols && symbols.length > 0, 'no symbols');
    const names = symbols.map((s) => s.name);
    for (const group of ['People', 'Organisations', 'Places', 'Quotations']) assert.ok(names.includes(group), names.join(', '));
    // VS Code orders the groups by where they start in the text (the Outline's "Sort By: Position").
    const starts = symbols.map((s) => doc.offsetAt(s.range.start));
    assert.deepStrictEqual(starts, [...starts].sort((a, b) => a - b), names.join(', '));
    const people = symbols.find((s) => s.name === 'People')!;
    const dt = people.children.find((c) => c.name === 'Donald Trump');
    assert.ok(dt, people.children.map((c) => c.name).join(', '));
    assert.strictEqual(dt.kind, vscode.SymbolKind.Class);
    assert.ok(dt.selectionRange.isEqual(rangeOf(doc, 'Donald Trump')), 'Donald Trump sits at his first full mention');
    assert.match(dt.detail, new RegExp(`^${trump.mentions.length} mentions`), dt.detail);
    assert.ok(people.children.some((c) => c.name === 'Xi Jinping'));
    assert.ok(symbols.find((s) => s.name === 'Organisations')!.children.some((c) => c.name === 'TikTok'));
    const quotations = symbols.find((s) => s.name === 'Quotations')!;
    const byTrump = quotations.children.find((c) => c.name === 'Donald Trump');
    assert.ok(byTrump, quotations.children.map((c) => c.name).join(', '));
    const attributions = new Set(analysis.quotes.filter((q) => q.speakerCluster === trump.id).map((q) => q.attribution));
    assert.strictEqual(byTrump.children.length, attributions.size);
    assert.ok(byTrump.children.some((q) => q.name.startsWith('“I like TikTok') && q.kind === vscode.SymbolKind.String), byTrump.children.map((q) => q.name).join(' | '));
    assert.ok(quotations.children.some((c) => c.name === 'Anonymous sources'));
  });

  test('Find All References on "Trump": every mention of his cluster, "He" included', async () => {
    const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, positionOf(doc, 'Trump', 2));
    assert.ok(locations.every((l) => l.uri.toString() === doc.uri.toString()));
    assert.deepStrictEqual(startsOf(locations.map((l) => l.range)), expected);
    const he = analysis.references!.find((r) => r.cluster === trump.id && r.text === 'He')!;
    const fromHe = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, doc.positionAt(he.start + 1));
    assert.deepStrictEqual(startsOf(fromHe.map((l) => l.range)), expected, 'the same list from the pronoun');
    const none = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, positionOf(doc, 'obstacle'));
    assert.strictEqual(none.length, 0, 'a plain word has no references');
  });

  test('highlights: every mention, the first full mention as the definition', async () => {
    const highlights = await vscode.commands.executeCommand<vscode.DocumentHighlight[]>('vscode.executeDocumentHighlights', doc.uri, positionOf(doc, 'Trump', 3));
    assert.deepStrictEqual(startsOf(highlights.map((h) => h.range)), expected);
    const writes = highlights.filter((h) => h.kind === vscode.DocumentHighlightKind.Write);
    assert.strictEqual(writes.length, 1);
    assert.ok(writes[0]!.range.isEqual(rangeOf(doc, 'Donald Trump')));
  });

  test('Go to Definition on "Trump" and on "He": the first "Donald Trump"', async () => {
    const he = analysis.references!.find((r) => r.cluster === trump.id && r.text === 'He')!;
    for (const at of [positionOf(doc, 'Trump', 4), doc.positionAt(he.start)]) {
      const found = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', doc.uri, at);
      assert.strictEqual(found.length, 1, `one definition from line ${at.line + 1}`);
      const target = found[0]!;
      const range = 'targetRange' in target ? target.targetRange : target.range;
      assert.ok(range.isEqual(rangeOf(doc, 'Donald Trump')), `${range.start.line}:${range.start.character}`);
    }
  });

  test('the hover card\'s mention count links to every mention (newsLens.showMentions, a references peek)', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'Trump', 2));
    const md = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value)).join('\n');
    const link = /\[(\d+)\]\(command:newsLens\.showMentions\?([^ )]+)/.exec(md);
    assert.ok(link, md);
    assert.strictEqual(Number(link[1]), trump.mentions.length, 'the count is the names');
    const args = JSON.parse(decodeURIComponent(link[2]!)) as [string, number];
    assert.strictEqual(args[0], doc.uri.toString());
    const shown = await vscode.commands.executeCommand<number>('newsLens.showMentions', ...args);
    assert.strictEqual(shown, expected.length, 'the peek lists every mention, pronouns included');
    await vscode.commands.executeCommand('closeReferenceSearch');
  });
});
