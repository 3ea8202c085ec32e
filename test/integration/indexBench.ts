// Workspace-index benchmark inside a real VS Code (`npm run bench:index`; same harness as the integration
// tests): the generated 2,000-article corpus (tools/bench/corpus.ts) is written into the test workspace,
// the extension indexes it in the background (its worker thread, its workspace storage) while the
// extension host's heap is sampled, then Ctrl+T and Find All References across the corpus are timed
// through VS Code's own commands, and one changed article is timed from its file event to the index.
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { generateCorpus } from '../../tools/bench/corpus';
import type { NewsLensApi } from '../../src/extension';
import { EXTENSION_ID, seedUri, workspaceRoot } from './helpers';

const now = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<NewsLensApi>(EXTENSION_ID);
  if (!ext) throw new Error('extension not loaded');
  const api = await ext.activate();
  const indexer = api.workspaceIndex.indexer;
  await indexer.refresh();
  const dir = vscode.Uri.joinPath(workspaceRoot(), 'articles', 'bench');
  const corpus = generateCorpus(readFileSync(seedUri('trump-xi-tiktok-call.txt').fsPath, 'utf8'), dir.fsPath, 2000, 4300);
  const rows: [string, number, string][] = [];

  global.gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let maxLag = 0;
  let last = now();
  const timer = setInterval(() => {
    const t = now();
    maxLag = Math.max(maxLag, t - last - 20);
    last = t;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 20);
  const first = indexer.updates.length;
  const t0 = now();
  await indexer.refresh();
  await indexer.whenIdle();
  const fullMs = now() - t0;
  clearInterval(timer);
  // The file watcher sees the files as they are written and may index them before the refresh does.
  const analysed = indexer.updates.slice(first).reduce((n, u) => n + u.analysed, 0);
  rows.push(['full index of the corpus in the extension host (1 worker thread)', fullMs,
    `${analysed} analysed in ${indexer.updates.length - first} updates; ${(corpus.bytes / 1e6 / (fullMs / 1000)).toFixed(2)} MB/s; heapUsed ${(base / 1048576).toFixed(0)} MB before, ` +
    `peak ${(peak / 1048576).toFixed(0)} MB; longest event-loop stall ${maxLag.toFixed(0)} ms`]);

  const symbolTimes: number[] = [];
  let symbols: vscode.SymbolInformation[] = [];
  for (let i = 0; i < 9; i++) {
    const t = now();
    symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'Kennedy');
    symbolTimes.push(now() - t);
  }
  rows.push(['Ctrl+T "Kennedy" (vscode.executeWorkspaceSymbolProvider), median of 9', median(symbolTimes), `${symbols.length} symbols`]);

  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(corpus.files[0]!));
  const { analysis } = await api.services.analyses.get(doc);
  const cluster = analysis.clusters.filter((c) => c.type === 'PERSON' && c.name.includes(' ')).sort((a, b) => b.mentions.length - a.mentions.length)[0]!;
  const person = analysis.entities[cluster.mentions[0]!]!.start;
  const refTimes: number[] = [];
  let refs: vscode.Location[] = [];
  for (let i = 0; i < 9; i++) {
    const t = now();
    refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, doc.positionAt(person + 1));
    refTimes.push(now() - t);
  }
  rows.push(['Find All References across articles (executeReferenceProvider), median of 9', median(refTimes),
    `${refs.length} locations in ${new Set(refs.map((r) => r.uri.toString())).size} files; "${doc.getText().slice(person, person + 20)}…"`]);

  const before = indexer.updates.length;
  const t1 = now();
  await vscode.workspace.fs.writeFile(vscode.Uri.file(corpus.files[5]!), new TextEncoder().encode(`${readFileSync(corpus.files[5]!, 'utf8')}Caroline Adler said "yes."\n`));
  while (indexer.updates.length === before) await new Promise((resolve) => setTimeout(resolve, 5));
  const one = indexer.updates[before]!;
  rows.push(['one changed article: write → file event (200 ms debounce) → re-indexed', now() - t1, `${one.analysed} analysed; the update itself ${one.ms.toFixed(0)} ms`]);

  console.log('\nNews Lens workspace-index benchmark (real VS Code, extension host)');
  console.log(`  corpus: ${corpus.articles} articles, ${(corpus.bytes / 1e6).toFixed(1)} MB, ${corpus.sidecars} sidecars`);
  for (const [what, ms, note] of rows) console.log(`  ${what.padEnd(76)} ${ms.toFixed(1).padStart(9)} ms   (${note})`);
  console.log('');
  await vscode.workspace.fs.delete(dir, { recursive: true });
}
