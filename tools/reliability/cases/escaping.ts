// Reliability case for issue 18, item 8, through the bundled CLI: `news-lens export --format markdown`
// on a sidecar whose fields try to forge Markdown structure (a heading, a link, a tracking image, a
// broken code span, a list, a code block, HTML). The report is rendered by a CommonMark renderer
// (markdown-it, raw HTML on) and must hold only the report's own structure.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { CaseResult, ReliabilityCase } from '../types';

interface Renderer {
  render(src: string): string;
}

const ARTICLE = 'Officials said the deal would close soon. Critics were not convinced at all.\n';
const EXACT = 'the deal would close soon';

/** One note per forging attempt: the field it abuses, and what it tries to make. */
const ATTEMPTS: Array<{ what: string; fields: Record<string, unknown> }> = [
  { what: 'id breaking its code span into a link', fields: { id: 'x` [click me](http://evil.example/) `y' } },
  { what: 'id with backtick runs', fields: { id: 'a`b``c' } },
  { what: 'id with a new line and a heading', fields: { id: 'id\n\n# Approved by the editor' } },
  { what: 'created as a tracking image', fields: { created: '![](http://track.example/pixel.png)' } },
  { what: 'created as a link', fields: { created: '[Verified](http://evil.example/)' } },
  { what: 'created as raw HTML', fields: { created: '<img src=http://track.example/p.png>' } },
  { what: 'label with a heading', fields: { label: 'claim\n# Approved' } },
  { what: 'label with a setext heading', fields: { label: 'claim\nApproved\n---' } },
  { what: 'author with a setext heading', fields: { author: 'Ana\n\nApproved by legal\n===\nx' } },
  { what: 'author with a list', fields: { author: 'Ana\n\n1. forged item' } },
  { what: 'note with a setext heading', fields: { note: 'Looks fine.\n===' } },
  { what: 'note with a thematic break', fields: { note: 'Looks fine.\n\n---' } },
  { what: 'note with an indented code block', fields: { note: 'Looks fine.\n\n    rm -rf /' } },
  { what: 'note with a tilde fence', fields: { note: 'Looks fine.\n~~~\ncode\n~~~' } },
  { what: 'note with an ordered list', fields: { note: 'Looks fine.\n\n2) forged\n3. forged' } },
  { what: 'note with an HTML block', fields: { note: 'ok\n\n<div>\n<img src=x>\n</div>' } },
  { what: 'reply author and body', fields: { replies: [{ id: 'r1', author: 'Bo\n# Admin', created: '![](http://t.example/x.png)', body: 'fine\n\n    code\n===\n- item' }] } },
];

function exportMarkdown(cli: string, article: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'export', '--format', 'markdown', article], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** What the rendered report of one note holds beyond its own structure (empty: nothing forged). */
function forgeries(html: string, id: string, replies: number): string[] {
  const found: string[] = [];
  const count = (re: RegExp): number => (html.match(re) ?? []).length;
  if (count(/<h1>/g) !== 1 || count(/<h2>/g) !== 1 || count(/<h[3-6]>/g) > 0) found.push('heading');
  if (count(/<img\b/g) > 0) found.push('image');
  if (count(/<a\b/g) > 0) found.push('link');
  if (count(/<(pre|table|hr|ol|script|iframe|div|span)\b/g) > 0) found.push('block or HTML');
  if (count(/<li>/g) !== replies) found.push('list');
  const codes = [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) => m[1]);
  if (codes.length !== 1 || codes[0] !== escapeHtml(id.replace(/\r\n|[\r\n]/g, ' '))) found.push('code span');
  return found;
}

const markdownExport: ReliabilityCase = {
  item: 8,
  tried: '`export --format markdown` on sidecars whose id, created, label, author, note and replies try to forge Markdown',
  timeoutMs: 60_000,
  async run(ctx): Promise<CaseResult> {
    const md = new (createRequire(join(ctx.root, 'package.json'))('markdown-it') as new (o: object) => Renderer)({ html: true, linkify: false });
    const failed: string[] = [];
    let tried = 0;
    for (const [i, attempt] of ATTEMPTS.entries()) {
      tried++;
      const article = join(ctx.dir, `story-${i}.txt`);
      writeFileSync(article, ARTICLE);
      const start = ARTICLE.indexOf(EXACT);
      const note: Record<string, unknown> = { id: 'a-1', label: 'claim', note: 'Check it.', author: 'Ana', created: '2026-11-25T19:30:00Z', ...attempt.fields, target: { exact: EXACT, start, end: start + EXACT.length } };
      writeFileSync(`${article}.annotations.yaml`, JSON.stringify({ version: 1, annotations: [note] }, null, 1));
      const r = await exportMarkdown(ctx.cli, article);
      if (r.code !== 0) {
        failed.push(`${attempt.what}: exit ${r.code} ${r.stderr.trim().split('\n')[0]}`);
        continue;
      }
      const found = forgeries(md.render(r.stdout), String(note['id']), Array.isArray(note['replies']) ? note['replies'].length : 0);
      if (found.length) failed.push(`${attempt.what}: ${found.join(', ')}`);
    }
    return {
      ok: failed.length === 0,
      count: tried,
      result: `${tried - failed.length} of ${tried} forging attempts rendered as plain text${failed.length ? `; forged: ${failed.slice(0, 3).join('; ')}` : ''}`,
    };
  },
};

export const cases: ReliabilityCase[] = [markdownExport];
