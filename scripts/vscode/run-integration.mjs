#!/usr/bin/env node
// Runs the integration suite inside a real VS Code without downloading VS Code desktop: the VS Code
// server + web workbench shipped by code-server, driven by Debian's headless chromium via playwright-core.
// The workbench reads the `payload` URL parameter (extensionDevelopmentPath / extensionTestsPath) because
// the server runs with the smoke-test driver enabled; the extension host then calls the tests module's
// run(), exactly as @vscode/test-electron does, and reports the exit code through codeAutomationExit.
//
// Usage: node scripts/vscode/run-integration.mjs [--tests <bundled tests module>] [--ui-check] [--timeout <s>]
//        [--screenshots DIR] (default out/screenshots)
//        [--keep] (keep the temp folder) [--open <path in the test workspace>] (the window starts with that
//        file open, as when VS Code restores an editor; the tests see it in NEWS_LENS_OPENED_AT_STARTUP)
//        Env: NEWS_LENS_VSCODE_CACHE, CHROMIUM_PATH.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { provision } from './provision.mjs';
import { prepareTestWorkspace } from './test-workspace.mjs';

const repo = resolve(import.meta.dirname, '..', '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const testsModule = resolve(repo, opt('--tests', 'out/test/integration/index.js'));
const uiCheck = args.includes('--ui-check');
const keep = args.includes('--keep');
const overallTimeoutMs = Number(opt('--timeout', '300')) * 1000;
const extraEnv = JSON.parse(opt('--env', '{}'));
const openAtStartup = opt('--open', undefined);
// Screenshots of the rendered checks: out/screenshots by default, so a test run leaves the checkout
// clean; `npm run screenshots` writes the README's images into docs/images.
const screenshotsDir = resolve(repo, opt('--screenshots', join('out', 'screenshots')));
const shotPath = (name) => {
  mkdirSync(screenshotsDir, { recursive: true });
  return join(screenshotsDir, name);
};

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const say = (m) => process.stderr.write(`[integration ${elapsed()}] ${m}\n`);

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function waitForHealthz(base, deadline, child) {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with ${child.exitCode}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) return;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error('code-server did not become healthy in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}

// Lines from the workbench itself, not from the tests (NEWS_LENS_VERBOSE=1 shows them).
const WORKBENCH_CHATTER = new RegExp([
  '127\\.0\\.0\\.1:9\\b', 'Creation of workbench contribution', '^Resolv(ing|ed) connection token', '^Creating a socket',
  '^\\[reconnection-grace-time\\]', '^Updating additional builtin', '^\\[Service Worker\\]', '^\\[AccountPolicyGate\\]',
  '^Timed out waiting for authentication provider', '^\\[AgentHost', '^Extension host \\(Remote\\) is (un)?responsive',
  '^Aborted onWillSaveTextDocument',
].join('|'));

const remoteUri = (p) => `vscode-remote://remote${p}`;

async function main() {
  const tools = provision();
  say('provisioned');
  // Build the extension and the test bundle with the project's Node (fast; esbuild).
  for (const cmd of [['node', ['scripts/vscode/build-tests.mjs']]]) {
    const r = spawnSync(cmd[0], cmd[1], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed`);
  }
  if (!existsSync(testsModule)) throw new Error(`tests module not found: ${testsModule}`);
  say('built');

  const tmp = mkdtempSync(join(tmpdir(), 'news-lens-it-'));
  const cleanups = [];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) {
      try { await c(); } catch { /* keep cleaning */ }
    }
    if (!keep) rmSync(tmp, { recursive: true, force: true });
    else say(`kept ${tmp}`);
  };
  let exitCode;
  const timer = setTimeout(async () => {
    say(`overall timeout (${overallTimeoutMs / 1000} s) — aborting`);
    await cleanup();
    process.exit(124);
  }, overallTimeoutMs);
  try {
    exitCode = await runOnce(tools, tmp, cleanups);
  } catch (err) {
    say(`error: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    exitCode = 1;
  } finally {
    clearTimeout(timer);
    await cleanup();
  }
  say(`exit ${exitCode}`);
  process.exit(exitCode);
}

async function runOnce(tools, tmp, cleanups) {
  // A temp workspace with a copy of the seeds, so tests never write sidecars into the checkout.
  const { workspace, userData } = prepareTestWorkspace(repo, tmp);
  for (const d of ['extensions', 'xdg-config', 'xdg-data', 'xdg-cache', 'tmp']) mkdirSync(join(tmp, d), { recursive: true });
  writeFileSync(join(tmp, 'config.yaml'), 'auth: none\ncert: false\n');
  const signalDir = join(tmp, 'signals');
  mkdirSync(signalDir);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    PATH: `${join(tools.node, '..')}:${process.env.PATH}`,
    XDG_CONFIG_HOME: join(tmp, 'xdg-config'),
    XDG_DATA_HOME: join(tmp, 'xdg-data'),
    XDG_CACHE_HOME: join(tmp, 'xdg-cache'),
    TMPDIR: join(tmp, 'tmp'),
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/' }),
  };
  delete env.NODE_OPTIONS;
  const server = spawn(tools.node, [
    tools.codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--config', join(tmp, 'config.yaml'),
    '--user-data-dir', userData,
    '--extensions-dir', join(tmp, 'extensions'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--vscode-option', 'enable-smoke-test-driver',
  ], { cwd: tmp, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const serverLog = [];
  server.stdout.on('data', (b) => serverLog.push(b.toString()));
  server.stderr.on('data', (b) => serverLog.push(b.toString()));
  cleanups.push(async () => {
    if (server.exitCode !== null) return;
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* gone */ }
    await new Promise((r) => setTimeout(r, 500));
    try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ }
  });
  await waitForHealthz(base, Date.now() + 60_000, server);
  await fetch(`${base}/`).then((r) => r.text());
  say(`code-server up on ${base}`);

  const require = createRequire(tools.playwrightCore);
  const { chromium } = require(tools.playwrightCore);
  const browser = await chromium.launch({
    executablePath: tools.chromium,
    headless: true,
    env: { ...env },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  cleanups.push(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });

  let result;
  let resolveExit;
  const exited = new Promise((r) => { resolveExit = r; });
  const uiReady = { resolve: () => {}, promise: null };
  uiReady.promise = new Promise((r) => { uiReady.resolve = r; });
  await page.exposeFunction('codeAutomationLog', (_level, logArgs) => {
    const line = Array.isArray(logArgs) ? format(...logArgs) : String(logArgs);
    if (line.includes('NEWS_LENS_UI_READY')) uiReady.resolve(line);
    const m = /NEWS_LENS_RESULT passed=(\d+) failed=(\d+)/.exec(line);
    if (m) result = { passed: Number(m[1]), failed: Number(m[2]) };
    // The workbench's own chatter (the gallery is pointed at a dead loopback port on purpose).
    if (WORKBENCH_CHATTER.test(line) && !process.env.NEWS_LENS_VERBOSE) return;
    process.stdout.write(`${line}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));

  const extensionEnvironment = { NEWS_LENS_SIGNAL_DIR: signalDir, ...extraEnv };
  if (uiCheck) extensionEnvironment.NEWS_LENS_UI_CHECK = '1';
  if (openAtStartup) extensionEnvironment.NEWS_LENS_OPENED_AT_STARTUP = openAtStartup;
  const payload = [
    ['extensionDevelopmentPath', remoteUri(repo)],
    ['extensionTestsPath', remoteUri(testsModule)],
    ['extensionEnvironment', JSON.stringify(extensionEnvironment)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
    ...(openAtStartup ? [['openFile', remoteUri(join(workspace, openAtStartup))]] : []),
  ];
  const url = `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  say('workbench loading; suite running in the extension host');

  let uiFailed = false;
  if (uiCheck) {
    const which = await Promise.race([uiReady.promise.then(() => 'ready'), exited.then(() => 'exited')]);
    if (which === 'ready') {
      try {
        await renderedHoverCheck(page);
        await renderedAnnotateCheck(page, workspace);
        await renderedGutterCheck(page, workspace);
        await renderedReadingChecks(page, signalDir);
      } catch (err) {
        uiFailed = true;
        say(`rendered workbench check FAILED: ${err instanceof Error ? err.message : String(err)}`);
        await page.screenshot({ path: join(tmp, 'failure.png') }).catch(() => {});
      }
      writeFileSync(join(signalDir, 'ui-done'), '');
    } else {
      uiFailed = true;
      say('suite ended before the rendered check became ready');
    }
  }
  const code = await exited;
  say(`suite exit code ${code}${uiCheck ? `, rendered check ${uiFailed ? 'failed' : 'passed'}` : ''}`);
  if (result) {
    // Plain closing line (the rendered-workbench check counts as one more test).
    const passed = result.passed + (uiCheck && !uiFailed ? 1 : 0);
    const failed = result.failed + (uiCheck && uiFailed ? 1 : 0);
    process.stdout.write(`\nintegration: ${passed} passed, ${failed} failed\n`);
  }
  if (code !== 0 && process.env.NEWS_LENS_SERVER_LOG) process.stderr.write(serverLog.join(''));
  return code !== 0 ? code : uiFailed ? 1 : 0;
}

// Hover a name with the mouse in the rendered editor, wait for the hover widget, assert on its text and
// save a screenshot for the README.
async function renderedHoverCheck(page, target = 'Mao', expected = ['Chenyue Mao', 'Wells Fargo', 'exit ban'], shots = ['hover.png'], occurrence = 0) {
  await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30_000 });
  const box = await wordBox(page, target, occurrence);
  if (!box) throw new Error(`"${target}" not visible in .view-lines`);
  await page.mouse.move(box.x - 40, box.y - 40);
  await page.mouse.move(box.x, box.y, { steps: 5 });
  const hover = page.locator('.monaco-hover:not(.hidden)').first();
  await hover.waitFor({ state: 'visible', timeout: 15_000 });
  // Wait for the card itself, not just the "Loading..." placeholder.
  await page.waitForFunction((words) => {
    const el = document.querySelector('.monaco-hover:not(.hidden)');
    const text = (el?.textContent ?? '').replace(/\u00a0/g, ' ');
    return words.every((w) => text.includes(w));
  }, expected, { timeout: 15_000 });
  const text = ((await hover.textContent()) ?? '').replace(/\u00a0/g, ' ');
  say(`rendered hover text: ${text.replace(/\s+/g, ' ').slice(0, 200)}`);
  // Crop to the editor's width, from a little above the card to a little below the hovered name.
  const card = await hover.boundingBox();
  const editorBox = await page.locator('.monaco-editor').first().boundingBox();
  let clip;
  if (card && editorBox) {
    const y0 = Math.max(editorBox.y, Math.min(card.y, box.y - 20) - 50);
    const y1 = Math.min(editorBox.y + editorBox.height, Math.max(card.y + card.height, box.y + 20) + 50);
    clip = { x: editorBox.x, y: y0, width: editorBox.width, height: y1 - y0 };
  }
  for (const shot of shots) {
    await page.screenshot({ path: shotPath(shot), clip });
    say(`saved ${shotPath(shot)}`);
  }
  await page.keyboard.press('Escape');
  return text;
}

// Annotate through the real UI: select a word with a double-click, run the command from the palette,
// pick a label in the quick pick, type a two-line note in the comment widget that opens, press its
// "Add Note" button, and check the sidecar written to disk.
async function renderedAnnotateCheck(page, workspace) {
  const word = 'goodwill';
  const box = await wordBox(page, word);
  if (!box) throw new Error(`"${word}" not visible`);
  await page.mouse.dblclick(box.x, box.y);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill('>News Lens: Annotate Selection');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Annotate Selection' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'disputed' }).first().waitFor({ timeout: 10_000 });
  // The label prompt names the words being annotated.
  await page.locator('.quick-input-widget .quick-input-title', { hasText: `Annotate “${word}”` }).waitFor({ timeout: 10_000 });
  await input.fill('disputed');
  await page.keyboard.press('Enter');
  // The note is typed in the comment widget that opens on the word (multi-line), then "Add Note".
  const widget = page.locator('.review-widget', { hasText: `“${word}”` }).last();
  await widget.waitFor({ state: 'visible', timeout: 10_000 });
  await new Promise((r) => setTimeout(r, 500));
  const focused = await page.evaluate(() => !!document.activeElement?.closest('.review-widget'));
  say(`comment widget opened; keyboard focus ${focused ? 'in it' : 'NOT in it'}`);
  if (process.env.NEWS_LENS_FOCUS_DEBUG) say(await page.evaluate(() => { const out = []; for (let e = document.activeElement; e; e = e.parentElement) out.push(`${e.tagName}.${e.className}`.slice(0, 60)); return out.slice(0, 8).join(' < '); }));
  if (!focused) throw new Error('the comment widget opened by Annotate Selection does not have the keyboard focus');
  await page.keyboard.type('Typed in the rendered workbench');
  await page.keyboard.press('Enter');
  await page.keyboard.type('on a second line');
  await widget.locator('.monaco-button', { hasText: 'Add Note' }).first().click();
  const sidecar = join(workspace, 'seeds', 'trump-xi-tiktok-call.txt.annotations.yaml');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const text = existsSync(sidecar) ? readFileSync(sidecar, 'utf8') : '';
    if (text.includes('exact: goodwill') && /Typed in the rendered workbench(\n\s+|\\n)on a second line/.test(text) && text.includes('label: disputed')) break;
    if (Date.now() > deadline) throw new Error(`sidecar lacks the annotation typed in the UI:\n${text}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  // The saved note's own thread replaces the draft: its header names the label and the words, and the
  // note's comment shows the author and label.
  const saved = page.locator('.review-widget', { hasText: `disputed · “${word}”` }).last();
  await saved.waitFor({ state: 'visible', timeout: 10_000 });
  const shown = ((await saved.textContent()) ?? '').replace(/\s+/g, ' ');
  if (!shown.includes('Integration Test') || !shown.includes('on a second line')) throw new Error(`the saved note's thread shows: ${shown.slice(0, 300)}`);
  say(`saved note's thread: ${shown.slice(0, 160)}`);
  // The pencil in the thread's title bar turns the note into an editing box; add a third line and Save.
  await saved.locator('[aria-label="Edit Note"]').first().click();
  const editBox = saved.locator('.edit-textarea .monaco-editor').first();
  await editBox.waitFor({ state: 'visible', timeout: 10_000 });
  await editBox.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('edited in place');
  await saved.locator('.monaco-button', { hasText: 'Save' }).first().click();
  for (const end = Date.now() + 10_000; ;) {
    // The store replaces the file by a rename: between two reads it can be briefly missing.
    const text = existsSync(sidecar) ? readFileSync(sidecar, 'utf8') : '';
    if (/on a second line(\n\s+|\\n)edited in place/.test(text)) break;
    if (Date.now() > end) throw new Error(`the note edited in its thread was not saved:\n${text}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  say('edited the note in its thread (pencil, third line, Save); sidecar updated');
  // Move the cursor off the word so the screenshot shows the annotation's decoration, not the selection.
  await page.keyboard.press('ArrowDown');
  await new Promise((r) => setTimeout(r, 500));
  await page.screenshot({ path: shotPath('annotate.png') });
  say('annotated "goodwill" through the command palette, quick pick and comment widget (two lines); sidecar written');
}

// Start a note from the "+" in the gutter: click it on a line without notes, type, "Add Note", choose the
// label in the quick pick that follows, and check the sidecar: the note is on that line's text.
async function renderedGutterCheck(page, workspace) {
  const start = 'Recent data indicate';
  const anchorWord = 'slowdown'; // on the same line; one word (the editor renders spaces as no-break spaces)
  await page.keyboard.press('Escape');
  const found = await wordBox(page, anchorWord);
  const line = found && { x: found.left, y: found.y };
  if (!line) throw new Error(`"${anchorWord}" not visible`);
  // Hovering the line shows its "+" in the gutter (a decoration in the margin, left of the text).
  await page.mouse.move(line.x + 20, line.y);
  const glyph = await page.waitForFunction((y) => {
    for (const el of document.querySelectorAll('.margin-view-overlays .comment-range-glyph')) {
      const r = el.getBoundingClientRect();
      if (r.height > 0 && r.top <= y && y <= r.bottom) return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }
    return null;
  }, line.y, { timeout: 10_000 }).then((h) => h.jsonValue());
  await page.mouse.move(glyph.x, glyph.y);
  await page.mouse.click(glyph.x, glyph.y);
  const widget = page.locator('.review-widget').filter({ has: page.locator('.monaco-button', { hasText: 'Add Note' }) }).last();
  await widget.waitFor({ state: 'visible', timeout: 10_000 });
  await widget.locator('.comment-form .monaco-editor').first().click();
  await page.keyboard.type('Started from the gutter');
  await widget.locator('.monaco-button', { hasText: 'Add Note' }).first().click();
  const input = page.locator('.quick-input-widget input');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Label for the note on “Recent data indicate' }).waitFor({ timeout: 10_000 });
  await input.fill('context');
  await page.keyboard.press('Enter');
  const sidecar = join(workspace, 'seeds', 'trump-xi-tiktok-call.txt.annotations.yaml');
  for (const end = Date.now() + 10_000; ;) {
    // The store replaces the file by a rename: between two reads it can be briefly missing.
    const text = existsSync(sidecar) ? readFileSync(sidecar, 'utf8') : '';
    const entry = text.split(/\n(?=  - )/).find((e) => e.includes('Started from the gutter')) ?? '';
    if (entry.includes('label: context') && entry.includes(`exact: ${start}`)) break;
    if (Date.now() > end) throw new Error(`the note started from the gutter was not saved on its line:\n${entry || text}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  say('started a note from the gutter "+": typed, Add Note, label picked; saved on the line\'s text');
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Asks the extension host (test/integration/uiHandshake.ts) to run a named step and waits for its answer.
async function hostStep(signalDir, name, timeoutMs = 30_000) {
  writeFileSync(join(signalDir, `step-${name}`), '');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (existsSync(join(signalDir, `step-${name}.ok`))) return;
    const err = join(signalDir, `step-${name}.err`);
    if (existsSync(err)) throw new Error(`host step ${name} failed: ${readFileSync(err, 'utf8')}`);
    if (Date.now() > deadline) throw new Error(`host step ${name} timed out`);
    await sleep(100);
  }
}

// The rendered rows of the visible editor, top to bottom.
async function editorRows(page) {
  return page.evaluate(() => [...document.querySelectorAll('.monaco-editor .view-lines .view-line')]
    .map((el) => ({ top: parseFloat(el.style.top || '0'), text: (el.textContent ?? '').replace(/\u00a0/g, ' ') }))
    .sort((a, b) => a.top - b.top)
    .map((r) => r.text));
}

// Computed colour and weight of the rendered text of `word` (its innermost span) in the editor.
async function renderedStyle(page, word) {
  return page.evaluate((w) => {
    const root = document.querySelector('.monaco-editor .view-lines');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!(n.textContent ?? '').replace(/\u00a0/g, ' ').includes(w)) continue;
      const cs = getComputedStyle(n.parentElement);
      return { color: cs.color, fontWeight: cs.fontWeight, fontStyle: cs.fontStyle, textDecoration: cs.textDecorationLine };
    }
    return null;
  }, word);
}

const rgb = (hex) => {
  const h = hex.replace('#', '');
  return `rgb(${parseInt(h.slice(0, 2), 16)}, ${parseInt(h.slice(2, 4), 16)}, ${parseInt(h.slice(4, 6), 16)})`;
};

// The palette really paints: each word has its kind's contributed colour for the theme (so the
// decorations win over the semantic tokens' theme colours), places and dates differ, persons are bold.
async function checkPalette(page, themeKind) {
  const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  const colour = (id) => manifest.contributes.colors.find((c) => c.id === id).defaults[themeKind];
  const want = [
    ['South Korea', 'newsLens.placeForeground'],
    ['Friday', 'newsLens.dateForeground'],
    ['Donald Trump', 'newsLens.personForeground'],
    ['CCTV', 'newsLens.organizationForeground'],
  ];
  const deadline = Date.now() + 15_000;
  for (;;) {
    const problems = [];
    for (const [word, id] of want) {
      const style = await renderedStyle(page, word);
      if (!style) problems.push(`"${word}" not rendered`);
      else if (style.color !== rgb(colour(id))) problems.push(`"${word}" is ${style.color}, want ${rgb(colour(id))} (${id})`);
      else if (id === 'newsLens.personForeground' && Number(style.fontWeight) < 600 && style.fontWeight !== 'bold') problems.push(`"${word}" not bold`);
    }
    if (problems.length === 0) break;
    if (Date.now() > deadline) throw new Error(`palette (${themeKind}): ${problems.join('; ')}`);
    await sleep(300);
  }
  say(`palette (${themeKind}) rendered: places, dates, persons and organisations in their own colours`);
}

// The rendered box of `word` (a whole word; the `skip`-th occurrence after the first ones skipped) in the
// editor, with its centre: { x, y, left, top, width, height }, or null when it is not on screen.
async function wordBox(page, word, skip = 0) {
  return page.evaluate(([w, k]) => {
    const root = document.querySelector('.monaco-editor .view-lines');
    if (!root) return null;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const m = new RegExp(`\\b${w}\\b`).exec(n.textContent ?? '');
      if (!m || k-- > 0) continue;
      const range = document.createRange();
      range.setStart(n, m.index);
      range.setEnd(n, m.index + w.length);
      const r = range.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2, left: r.x, top: r.y, width: r.width, height: r.height };
    }
    return null;
  }, [word, skip]);
}

// Reading setup, palette, context menu and the README's screenshots.
async function renderedReadingChecks(page, signalDir) {

  // 1. "U.S." never wraps as "U." / "S." in an article (editor.wordWrapBreakAfterCharacters for [news-article]).
  await hostStep(signalDir, 'wrap');
  let rows;
  const wrapDeadline = Date.now() + 10_000;
  while (!(rows = await editorRows(page)).some((r) => r.includes('delegation')) && Date.now() < wrapDeadline) await sleep(200);
  say(`wrap probe rows: ${JSON.stringify(rows)}`);
  if (rows.length < 2) throw new Error(`the wrap probe did not wrap: ${JSON.stringify(rows)}`);
  if (rows.some((r) => r.trimEnd().endsWith('U.'))) throw new Error(`a row ends with "U.": ${JSON.stringify(rows)}`);
  if (!rows.some((r) => r.startsWith('U.S.'))) throw new Error(`no row starts with "U.S.": ${JSON.stringify(rows)}`);
  await hostStep(signalDir, 'unwrap');

  // 2. The palette in the dark theme of the test settings, and a whole-window screenshot.
  await hostStep(signalDir, 'overviewDark');
  await checkPalette(page, 'dark');
  // A person's card: the seed quotes Trump three times ("declined to enforce the ban" is not speech), all
  // on the card, the partial quotation with its words. (The "n more" link is checked by the reading suite
  // on a variant with a fourth quotation.)
  const card = await renderedHoverCheck(page, 'Trump', ['Donald Trump', 'Quoted 3 times', 'pretty close to a deal'], ['hover-card.png'], 1);
  if (/enforce the ban/.test(card) || /\d+ more/.test(card)) throw new Error('the card lists "declined to enforce the ban" as a quotation, or more than three');
  await page.mouse.move(5, 790);
  await page.screenshot({ path: shotPath('article-dark.png') });
  say(`saved ${shotPath('article-dark.png')}`);

  // 3. The editor context menu of an article starts with News Lens's items.
  const word = await wordBox(page, 'phone');
  if (!word) throw new Error('"phone" not visible');
  await page.mouse.click(word.x, word.y, { button: 'right' });
  const items = page.locator('.monaco-menu .action-item:not(.disabled) .action-label');
  await items.first().waitFor({ state: 'visible', timeout: 10_000 });
  const labels = (await items.allTextContents()).map((t) => t.trim()).filter(Boolean);
  say(`context menu: ${labels.join(' | ')}`);
  if (labels[0] !== 'Annotate Selection' || labels[1] !== 'Go to Annotation') {
    throw new Error(`News Lens items are not first in the context menu: ${labels.join(' | ')}`);
  }
  await page.screenshot({ path: shotPath('context-menu.png') });
  say(`saved ${shotPath('context-menu.png')}`);
  await page.keyboard.press('Escape');

  // 3b. Selecting a word ("that") marks no other occurrences (occurrencesHighlight / selectionHighlight off).
  const that = await wordBox(page, 'that');
  if (!that) throw new Error('"that" not visible');
  await page.mouse.dblclick(that.x, that.y);
  await sleep(1000);
  const marks = await page.evaluate(() => document.querySelectorAll('.monaco-editor .selectionHighlight, .monaco-editor .wordHighlight, .monaco-editor .wordHighlightStrong, .monaco-editor .wordHighlightText').length);
  const selected = await page.evaluate(() => document.querySelectorAll('.monaco-editor .selected-text').length);
  if (selected === 0) throw new Error('double-clicking "that" selected nothing');
  if (marks > 0) throw new Error(`double-clicking "that" marked ${marks} other occurrences`);
  await page.keyboard.press('ArrowRight');

  // 4. Light Modern: the palette again, and the window.
  await hostStep(signalDir, 'overviewLight');
  await checkPalette(page, 'light');
  await page.mouse.move(5, 790);
  await page.screenshot({ path: shotPath('article-light.png') });
  say(`saved ${shotPath('article-light.png')}`);
  // newsLens.highlight.style: "theme" takes the palette off (the theme's token colour shows instead).
  await hostStep(signalDir, 'themeStyle');
  const placeColour = rgb(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).contributes.colors
    .find((c) => c.id === 'newsLens.placeForeground').defaults.light);
  const themed = Date.now() + 10_000;
  let style;
  while ((style = await renderedStyle(page, 'South Korea'))?.color === placeColour && Date.now() < themed) await sleep(200);
  if (!style || style.color === placeColour) throw new Error('with newsLens.highlight.style "theme", places keep the palette colour');
  await hostStep(signalDir, 'paletteStyle');
  await checkPalette(page, 'light');

  // 5. Notes: the Problems panel and the Annotations view in the Explorer.
  await hostStep(signalDir, 'notes');
  await page.locator('.markers-panel .monaco-list-row').first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.locator('.pane-body .monaco-list-row', { hasText: 'context: Chenyue Mao' }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.mouse.move(5, 790);
  await page.screenshot({ path: shotPath('notes.png') });
  say(`saved ${shotPath('notes.png')}`);
}

main();
