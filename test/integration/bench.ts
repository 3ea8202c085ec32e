// Editor benchmark, run inside a real VS Code by `npm run bench:editor` (same harness as the integration
// tests): time from opening an article to its first colours (the highlight palette painted), in a window
// where the extension is not active yet and with it active, on the seed article and on a 1 MB article;
// hover latency (the round trip and the provider's own time); re-highlight after an edit; and how long the
// extension host's event loop stalls meanwhile.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { analyze } from '../../src/engine/index';
import type { NewsLensApi } from '../../src/extension';
import { EXTENSION_ID, seedUri, workspaceRoot } from './helpers';

interface Row {
  what: string;
  ms: number;
  note?: string;
}

const now = () => performance.now();

function analysisMs(api: NewsLensApi, uri: vscode.Uri, openedAt?: number): string {
  const a = api.services.analyses.peek(uri);
  if (!a) return 'n/a';
  const started = openedAt === undefined ? '' : `, started ${(a.startedAt - openedAt).toFixed(0)} ms after the open`;
  return `${a.millis.toFixed(0)} ms${a.inWorker ? ' in the worker' : ' on the main thread'}${started}`;
}

/** Measures the longest event-loop stall of this (extension host) thread while `fn` runs. */
async function withLagProbe<T>(fn: () => Promise<T>): Promise<{ value: T; maxLagMs: number }> {
  let maxLag = 0;
  let last = now();
  const timer = setInterval(() => {
    const t = now();
    maxLag = Math.max(maxLag, t - last - 10);
    last = t;
  }, 10);
  try {
    const value = await fn();
    return { value, maxLagMs: Math.max(0, maxLag) };
  } finally {
    clearInterval(timer);
  }
}

async function tokens(uri: vscode.Uri): Promise<vscode.SemanticTokens | undefined> {
  return vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', uri);
}

async function hoverMs(api: NewsLensApi, doc: vscode.TextDocument, offsets: number[]): Promise<{ trip: number[]; provider: number[] }> {
  const trip: number[] = [];
  const provider: number[] = [];
  for (const o of offsets) {
    const before = api.hover.count;
    const t = now();
    await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, doc.positionAt(o));
    trip.push(now() - t);
    if (api.hover.count > before) provider.push(api.hover.lastMs);
  }
  return { trip: trip.sort((a, b) => a - b), provider: provider.sort((a, b) => a - b) };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls (every 2 ms) until `fn` returns a value. */
async function poll<T>(fn: () => T | undefined, what: string, ms = 60_000): Promise<T> {
  const deadline = now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (now() > deadline) throw new Error(`bench: ${what} did not happen in ${ms} ms`);
    await sleep(2);
  }
}

/**
 * With NEWS_LENS_BENCH_PROFILE=<folder>, records a CPU profile of the extension host while `fn` runs
 * (<folder>/<name>.cpuprofile, for Chrome DevTools or tools that read that format).
 */
async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.NEWS_LENS_BENCH_PROFILE;
  if (!dir) return fn();
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

/**
 * Opens and shows `uri`; returns when the highlight palette of that document was painted after the open.
 * `visible`: when this listener heard of the editor; News Lens's listeners, subscribed earlier, ran before it
 * (VS Code calls listeners in the order they subscribed), so this includes what they did synchronously.
 */
async function openUntilPainted(api: () => NewsLensApi | undefined, uri: vscode.Uri): Promise<{ painted: number; shown: number; visible: number; doc: vscode.TextDocument; t0: number }> {
  const t0 = now();
  let visible = NaN;
  const seen = vscode.window.onDidChangeVisibleTextEditors((editors) => {
    if (Number.isNaN(visible) && editors.some((e) => e.document.uri.toString() === uri.toString())) visible = now() - t0;
  });
  try {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const shown = now() - t0;
    if (Number.isNaN(visible)) visible = shown;
    const at = await poll(() => {
      const p = api()?.highlights.paintedAt(uri);
      return p && p.at > t0 && p.version === doc.version ? p.at : undefined;
    }, `painting ${uri.path}`);
    return { painted: at - t0, shown, visible, doc, t0 };
  } finally {
    seen.dispose();
  }
}

/** Whether the engine was warmed up in the background (3 s after activation) before `openedAt`. */
function backgroundWarmUp(openedAt: number): string {
  const w = performance.getEntriesByName('news-lens:background-warm-up')[0];
  if (!w) return 'no background warm-up; ';
  return `background warm-up ${w.duration.toFixed(0)} ms, ${w.startTime < openedAt ? `${(openedAt - w.startTime).toFixed(0)} ms before the open` : 'after the open'}; `;
}

const hoverNote = (h: { trip: number[]; provider: number[] }) =>
  `round trip p95 ${pct(h.trip, 0.95).toFixed(1)} ms, max ${pct(h.trip, 1).toFixed(1)} ms; provider's own time median ${pct(h.provider, 0.5).toFixed(2)} ms, p95 ${pct(h.provider, 0.95).toFixed(2)} ms, max ${pct(h.provider, 1).toFixed(2)} ms`;

export async function run(): Promise<void> {
  const rows: Row[] = [];
  const ext = vscode.extensions.getExtension<NewsLensApi>(EXTENSION_ID);
  if (!ext) throw new Error('extension not loaded');
  const exportsOf = () => (ext.isActive ? ext.exports : undefined);

  // `npm run bench:editor -- --open seeds/<file>`: the window started with that article open, as when VS Code
  // restores an editor; News Lens activated during the window's startup. performance.now() counts from the
  // extension host's start, so this is the time from the extension host's start to the article's colours.
  const startupFile = process.env.NEWS_LENS_OPENED_AT_STARTUP;
  if (startupFile) {
    const uri = vscode.Uri.joinPath(workspaceRoot(), startupFile);
    const painted = await poll(() => exportsOf()?.highlights.paintedAt(uri), `painting ${startupFile} opened at startup`);
    const started = ext.exports;
    const warmUp = performance.getEntriesByName('news-lens:warm-up')[0];
    rows.push({
      what: 'window opened with an article: its first colours after the ext. host started',
      ms: painted.at,
      note: `activate() called at ${started.activationStartedAt.toFixed(0)} ms, took ${started.activationMs.toFixed(1)} ms; analysis ${analysisMs(started, uri)}; ${warmUp ? `engine warmed up before activate() (${warmUp.duration.toFixed(0)} ms, from ${warmUp.startTime.toFixed(0)} ms)` : 'no warm-up before activate()'}`,
    });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }

  // Let the window finish starting (built-in extensions activate now and compete for the 2 cores), so the
  // numbers below measure News Lens rather than the workbench's startup. NEWS_LENS_BENCH_SETTLE_MS=0 skips it.
  await sleep(Number(process.env.NEWS_LENS_BENCH_SETTLE_MS ?? 5000));

  // The window's first article. News Lens is usually active already (onLanguage:plaintext fires at every
  // window start); when it is not, opening the article activates it. Open → palette painted.
  const seed = seedUri('trump-xi-tiktok-call.txt');
  const activeBeforeOpen = ext.isActive;
  const fresh = await profiled('fresh-seed', () => openUntilPainted(exportsOf, seed));
  const api = ext.exports;
  const doc = fresh.doc;
  rows.push({
    what: `first colours, seed (${doc.getText().length} chars), ${startupFile ? 'after the startup article' : activeBeforeOpen ? 'first article, extension active' : 'extension not active'}`,
    ms: fresh.painted,
    note: `${activeBeforeOpen ? 'News Lens was active before the open (onLanguage:plaintext at startup); ' : ''}${backgroundWarmUp(fresh.t0)}activate() called ${(api.activationStartedAt - fresh.t0).toFixed(0)} ms after the open and took ${api.activationMs.toFixed(1)} ms; analysis ${analysisMs(api, seed, fresh.t0)}; editor-visible event done after ${fresh.visible.toFixed(0)} ms`,
  });

  // Loading the bundle: a fresh copy of dist/extension.js, required (its top-level code only).
  const bundle = vscode.Uri.joinPath(ext.extensionUri, 'dist', 'extension.js');
  const bundleCopy = vscode.Uri.joinPath(ext.extensionUri, 'dist', `bench-load-${process.pid}.js`);
  await vscode.workspace.fs.copy(bundle, bundleCopy, { overwrite: true });
  let t: number;
  try {
    const size = (await vscode.workspace.fs.stat(bundle)).size;
    t = now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(bundleCopy.fsPath);
    rows.push({ what: 'load dist/extension.js (require of a copy, warm disk)', ms: now() - t, note: `${(size / 1024).toFixed(0)} KB` });
  } finally {
    await Promise.resolve(vscode.workspace.fs.delete(bundleCopy)).catch(() => undefined);
  }

  t = now();
  const first = await tokens(seed);
  rows.push({
    what: 'semantic tokens request after that',
    ms: now() - t,
    note: `${(first?.data.length ?? 0) / 5} tokens`,
  });

  t = now();
  await tokens(seed);
  rows.push({ what: 'highlight request again, seed (analysis cached)', ms: now() - t });

  // Another article of that size, the extension active (its analysis cold, the window's machinery warm).
  const copyUri = vscode.Uri.joinPath(workspaceRoot(), 'seeds', 'bench-copy.txt');
  await vscode.workspace.fs.writeFile(copyUri, new TextEncoder().encode(`${doc.getText()}\n`));
  const other = await profiled('other-article', () => openUntilPainted(exportsOf, copyUri));
  rows.push({
    what: 'first colours, another article of that size, extension active',
    ms: other.painted,
    note: `analysis ${analysisMs(api, copyUri, other.t0)}; editor-visible event done after ${other.visible.toFixed(0)} ms`,
  });
  t = now();
  await tokens(copyUri);
  rows.push({ what: 'semantic tokens request after that', ms: now() - t });
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await Promise.resolve(vscode.workspace.fs.delete(copyUri)).catch(() => undefined);

  // For comparison, VS Code alone: the same text as plain text (not an article), open → its editor visible.
  const plainUri = vscode.Uri.joinPath(workspaceRoot(), 'bench-plain.txt');
  await vscode.workspace.fs.writeFile(plainUri, new TextEncoder().encode(`${doc.getText()}\n\n`));
  t = now();
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(plainUri));
  rows.push({ what: 'for comparison: open a plain-text file of that size → editor visible', ms: now() - t, note: 'VS Code alone; News Lens only checks that it is not an article' });
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await Promise.resolve(vscode.workspace.fs.delete(plainUri)).catch(() => undefined);

  // Reopen the seed (its editor was closed; the document may still be loaded).
  const reopened = await openUntilPainted(exportsOf, seed);
  rows.push({
    what: 'first colours, reopening the seed, extension active',
    ms: reopened.painted,
    note: `editor-visible event done after ${reopened.visible.toFixed(0)} ms`,
  });

  // Hover latency on the seed (analysis cached): every 97th character.
  const offsets = Array.from({ length: Math.floor(doc.getText().length / 97) }, (_, i) => i * 97 + 5);
  const hs = await hoverMs(api, reopened.doc, offsets);
  rows.push({ what: `hover, seed article (${hs.trip.length} positions), round trip median`, ms: pct(hs.trip, 0.5), note: hoverNote(hs) });

  // Edit → re-highlight (includes the 300 ms debounce).
  const edit = new vscode.WorkspaceEdit();
  edit.insert(seed, doc.positionAt(0), 'Breaking: ');
  await vscode.workspace.applyEdit(edit);
  t = now();
  const again = await tokens(seed);
  rows.push({ what: 're-highlight after an edit (incl. 300 ms debounce)', ms: now() - t, note: `${(again?.data.length ?? 0) / 5} tokens` });
  await vscode.commands.executeCommand('workbench.action.files.revert');

  // 1 MB article, built from the seed's paragraphs.
  const paragraph = doc.getText();
  let big = '';
  while (big.length < 1_000_000) big += `${paragraph}\n`;
  const bigUri = vscode.Uri.joinPath(workspaceRoot(), 'seeds', 'bench-1mb.txt');
  await vscode.workspace.fs.writeFile(bigUri, new TextEncoder().encode(big));
  try {
    const { value: bigOpen, maxLagMs } = await withLagProbe(() => openUntilPainted(exportsOf, bigUri));
    const bigDoc = bigOpen.doc;
    rows.push({
      what: `first colours, 1 MB article (${bigDoc.getText().length} chars)`,
      ms: bigOpen.painted,
      note: `analysis ${analysisMs(api, bigUri, bigOpen.t0)} incl. worker start; longest extension-host stall ${maxLagMs.toFixed(0)} ms; editor-visible event done after ${bigOpen.visible.toFixed(0)} ms`,
    });
    t = now();
    const bigTokens = await tokens(bigUri);
    rows.push({ what: 'semantic tokens request after that', ms: now() - t, note: `${(bigTokens?.data.length ?? 0) / 5} tokens` });
    const bigEdit = new vscode.WorkspaceEdit();
    bigEdit.insert(bigUri, bigDoc.positionAt(0), 'Breaking: ');
    await vscode.workspace.applyEdit(bigEdit);
    t = now();
    const { value: reTokens, maxLagMs: reLag } = await withLagProbe(() => tokens(bigUri));
    rows.push({
      what: 're-highlight after an edit, 1 MB (warm worker, incl. debounce)',
      ms: now() - t,
      note: `${(reTokens?.data.length ?? 0) / 5} tokens; analysis ${analysisMs(api, bigUri)}; longest stall ${reLag.toFixed(0)} ms`,
    });
    const bigOffsets = Array.from({ length: 40 }, (_, i) => Math.floor((i + 0.5) * (bigDoc.getText().length / 40)));
    const bh = await hoverMs(api, bigDoc, bigOffsets);
    rows.push({ what: 'hover, 1 MB article (40 positions), round trip median', ms: pct(bh.trip, 0.5), note: hoverNote(bh) });
    // For comparison: the same analysis on the extension host's own thread (what the worker avoids).
    t = now();
    analyze(big);
    rows.push({ what: 'analyze(1 MB) on the main thread, for comparison', ms: now() - t, note: 'the editor would freeze this long without the worker' });
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await Promise.resolve(vscode.workspace.fs.delete(bigUri)).catch(() => undefined);
  }

  console.log('\nNews Lens editor benchmark (real VS Code, extension host)');
  for (const r of rows) console.log(`  ${r.what.padEnd(66)} ${r.ms.toFixed(1).padStart(9)} ms${r.note ? `   (${r.note})` : ''}`);
  console.log('');
}
