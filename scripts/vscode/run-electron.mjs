#!/usr/bin/env node
// The same integration suite under desktop VS Code, via @vscode/test-electron (downloads VS Code into
// .vscode-test/: needs a machine that can reach Microsoft's download servers; this one cannot — use
// `npm run test:integration` here). No test logic lives in this file.
import { mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { prepareTestWorkspace } from './test-workspace.mjs';

const repo = resolve(import.meta.dirname, '..', '..');
const build = spawnSync('node', ['scripts/vscode/build-tests.mjs'], { cwd: repo, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const tmp = mkdtempSync(join(tmpdir(), 'news-lens-electron-'));
let code;
try {
  const { workspace, userData } = prepareTestWorkspace(repo, tmp);
  code = await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: repo,
    extensionTestsPath: join(repo, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', userData],
  });
} catch (err) {
  console.error(err);
  code = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
