import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : name.endsWith('.ts') ? [p] : [];
  });
}

describe('localisation', () => {
  it('l10n/bundle.l10n.json holds exactly the strings the sources pass to vscode.l10n.t (run `npm run l10n`)', function () {
    this.timeout(60000);
    const out = mkdtempSync(join(tmpdir(), 'news-lens-l10n-'));
    try {
      const cli = join(ROOT, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
      const r = spawnSync(process.execPath, [cli, 'export', '--outDir', out, join(ROOT, 'src')], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const fresh = JSON.parse(readFileSync(join(out, 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
      const committed = JSON.parse(read('l10n/bundle.l10n.json')) as Record<string, string>;
      assert.ok(Object.keys(fresh).length > 20, 'the export found too few strings');
      assert.deepEqual(Object.keys(committed).sort(), Object.keys(fresh).sort());
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('every %key% in package.json is in package.nls.json, and every key there is used', () => {
    const manifest = read('package.json');
    const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;
    const used = new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!));
    assert.ok(used.size > 20);
    assert.deepEqual([...used].filter((k) => !(k in nls)), [], 'keys missing from package.nls.json');
    assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), [], 'keys in package.nls.json that nothing uses');
  });

  it('editor messages, prompts and titles are not raw string literals', () => {
    // A literal passed straight to a message box, as a prompt's title/placeHolder/prompt, as a quick pick
    // item's or tree item's words, as hover Markdown with words in it, or as an error message (commands
    // show their errors) skips l10n. Files without a `vscode` import show nothing themselves (their callers
    // translate: HintMessages, GlobMessages).
    const RAW = [
      /show(?:Information|Warning|Error)Message\(\s*['"`]/g,
      /\b(?:title|placeHolder|prompt|tooltip|label|description|detail|name|openLabel):\s*['"`][A-Za-z]/g,
      /\bnew Error\(\s*['"`]/g,
      /appendMarkdown\(\s*['"`][^'"`$\\]*[A-Za-z]{3}/g,
    ];
    const offenders: string[] = [];
    for (const file of [...sources(join(ROOT, 'src', 'editor')), join(ROOT, 'src', 'extension.ts')]) {
      const text = readFileSync(file, 'utf8');
      if (!/from 'vscode'/.test(text)) continue;
      for (const re of RAW) {
        for (const m of text.matchAll(re)) {
          const line = text.slice(0, m.index).split('\n').length;
          offenders.push(`${file.slice(ROOT.length + 1)}:${line}: ${m[0]}`);
        }
      }
    }
    assert.deepEqual(offenders, []);
  });
});
