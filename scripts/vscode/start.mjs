#!/usr/bin/env node
// `npm start`: opens seeds/ in VS Code with News Lens loaded from this checkout.
// Desktop `code --extensionDevelopmentPath` when `code` is on PATH; otherwise the provisioned code-server
// (see provision.mjs) on http://127.0.0.1:$PORT (default 8080), until Ctrl+C.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { provision } from './provision.mjs';

const repo = resolve(import.meta.dirname, '..', '..');
const seeds = join(repo, 'seeds');
const build = spawnSync('node', ['scripts/vscode/build-tests.mjs'], { cwd: repo, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const hasCode = spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;
if (hasCode && !process.env.NEWS_LENS_WEB) {
  const r = spawnSync('code', ['--new-window', `--extensionDevelopmentPath=${repo}`, seeds], { stdio: 'inherit' });
  process.exit(r.status ?? 0);
}

const tools = provision();
const port = Number(process.env.PORT ?? 8080);
const profile = join(tools.root, 'dev-profile');
mkdirSync(join(profile, 'User'), { recursive: true });
const settings = join(profile, 'User', 'settings.json');
if (!existsSync(settings)) writeFileSync(settings, JSON.stringify({ 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false }, null, 2));
writeFileSync(join(profile, 'config.yaml'), 'auth: none\ncert: false\n');
const server = spawn(tools.node, [
  tools.codeServerEntry,
  '--bind-addr', `127.0.0.1:${port}`,
  '--auth', 'none',
  '--config', join(profile, 'config.yaml'),
  '--user-data-dir', profile,
  '--extensions-dir', join(profile, 'extensions'),
  '--disable-telemetry',
  '--disable-update-check',
  '--disable-workspace-trust',
  // The workbench reads the `payload` URL parameter (extensionDevelopmentPath) only with this on.
  '--vscode-option', 'enable-smoke-test-driver',
], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, PATH: `${join(tools.node, '..')}:${process.env.PATH}` } });
const payload = [['extensionDevelopmentPath', `vscode-remote://remote${repo}`]];
const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(seeds)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
console.log(`\nNews Lens (development) in code-server — open:\n\n  ${url}\n\nCtrl+C stops it. (Reach it from another machine with: ssh -L ${port}:127.0.0.1:${port} …)\n`);
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));
