import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The real-VS-Code provisioning runs npm inside `npm test`. The outer npm exports npm_config_* (its user
// agent names the outer Node) and npm_* lifecycle variables; a nested install must not inherit them, or
// code-server's postinstall reads "node/v20" and refuses to install on a fresh machine.
type Provision = {
  nestedInstallEnv(env: NodeJS.ProcessEnv, extra?: Record<string, string>): Record<string, string>;
  npmInstallCommand(dir: string, spec: string, opts?: { node?: string; env?: NodeJS.ProcessEnv }):
    { cmd: string; args: string[]; options: { cwd: string; env: Record<string, string> } };
  npmCli(): string;
};
// @ts-expect-error: a plain ES module script without type declarations (its shape is declared above).
const load = () => import('../../scripts/vscode/provision.mjs') as Promise<Provision>;

const OUTER = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  npm_config_user_agent: 'npm/11.0.0 node/v20.0.0 linux x64 workspaces/false',
  npm_config_cache: '/nonexistent/outer-cache',
  NPM_CONFIG_GLOBALCONFIG: '/nonexistent/npmrc',
  npm_lifecycle_event: 'test',
  npm_package_name: 'news-lens',
  npm_execpath: '/outer/npm-cli.js',
  npm_node_execpath: '/outer/node',
  INIT_CWD: '/outer',
  NODE: '/outer/node',
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
};

describe('real-VS-Code provisioning', () => {
  it('gives nested npm installs none of the outer npm run\'s variables', async () => {
    const { nestedInstallEnv } = await load();
    const env = nestedInstallEnv(OUTER);
    const leaked = Object.keys(env).filter((k) => /^npm_/i.test(k) || k === 'INIT_CWD' || k === 'NODE');
    assert.deepEqual(leaked, []);
    assert.equal(env.PATH, OUTER.PATH);
    assert.equal(env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD, '1');
  });

  it('builds every install command with the cleaned environment', async () => {
    const { npmInstallCommand } = await load();
    const c = npmInstallCommand('/tmp/x', 'code-server@1.0.0', { node: '/node24/bin/node', env: OUTER });
    assert.equal(c.cmd, '/node24/bin/node');
    assert.ok(c.args.includes('code-server@1.0.0'));
    assert.equal(c.options.cwd, '/tmp/x');
    assert.equal(c.options.env.npm_config_user_agent, undefined);
    assert.equal(c.options.env.npm_config_cache, undefined);
  });

  it('an install script under a nested npm sees its own Node in the user agent, not the outer one', async function () {
    this.timeout(60000);
    const { npmInstallCommand, npmCli } = await load();
    const dir = mkdtempSync(join(tmpdir(), 'news-lens-provision-'));
    try {
      // What code-server's postinstall does: read the Node major from npm_config_user_agent.
      writeFileSync(join(dir, 'package.json'), JSON.stringify({
        name: 'probe', private: true,
        scripts: { probe: 'node -e "console.log(process.env.npm_config_user_agent)"' },
      }));
      const agentSeen = (env: Record<string, string>) => {
        const r = spawnSync(process.execPath, [npmCli(), 'run', '--silent', 'probe'], { cwd: dir, env, encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
        return r.stdout;
      };
      const { options } = npmInstallCommand(dir, 'unused', { env: { ...OUTER, npm_config_cache: join(dir, 'cache') } });
      const clean = agentSeen(options.env);
      assert.doesNotMatch(clean, /node\/v20\.0\.0/);
      assert.match(clean, new RegExp(`node/${process.version.replace(/\./g, '\\.')}`));
      // The same run with the outer variables left in shows what this guards against.
      assert.match(agentSeen({ ...OUTER, npm_config_cache: join(dir, 'cache') }), /node\/v20\.0\.0/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
