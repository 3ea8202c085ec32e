// Markdown export of hostile sidecar fields (issue 18, item 8): every field is text in the report,
// never structure. Each forging attempt is rendered by a CommonMark renderer (markdown-it, with raw
// HTML enabled: the most permissive setting) and the HTML is checked for what the field tried to make.
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { toMarkdown, mdCode, mdInline, mdLines } from '../../src/store/export';
import type { Annotation, ResolvedAnnotation } from '../../src/store';

interface Renderer {
  render(src: string): string;
}
const MarkdownIt = createRequire(__filename)('markdown-it') as new (options: object) => Renderer;
const md = new MarkdownIt({ html: true, linkify: false });

const TEXT = 'Officials said the deal would close soon. Critics were not convinced at all.';
const EXACT = 'the deal would close soon';

function report(fields: Partial<Annotation> & { exact?: string; replies?: Annotation['replies'] }): { markdown: string; html: string } {
  const exact = fields.exact ?? EXACT;
  const start = TEXT.indexOf(exact);
  const a: Annotation = { id: 'a-1', label: 'claim', note: 'Check it.', author: 'Ana', created: '2026-11-25T19:30:00Z', ...fields, target: { exact } };
  const resolved: ResolvedAnnotation[] = [
    {
      annotation: a,
      anchor: start >= 0 ? { state: 'anchored', start, end: start + exact.length, text: exact, score: 1, reason: 'stored position holds the quote' } : { state: 'orphaned', score: 0, reason: 'quote not found' },
    },
  ];
  const markdown = toMarkdown({ source: 'story.txt', text: TEXT, resolved });
  return { markdown, html: md.render(markdown) };
}

function count(html: string, re: RegExp): number {
  return (html.match(re) ?? []).length;
}

/** The structure every one-note report has, whatever its fields hold. */
function assertOnlyOurStructure(html: string, id = 'a-1'): void {
  assert.equal(count(html, /<h1>/g), 1, `one title\n${html}`);
  assert.equal(count(html, /<h2>/g), 1, `one heading per note\n${html}`);
  assert.equal(count(html, /<h[3-6]>/g), 0, html);
  assert.equal(count(html, /<img\b/g), 0, `no image\n${html}`);
  assert.equal(count(html, /<a\b/g), 0, `no link\n${html}`);
  assert.equal(count(html, /<(pre|table|hr|ol|script|iframe|style|div|span)\b/g), 0, `no block or raw HTML\n${html}`);
  const codes = [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) => m[1]);
  assert.deepEqual(codes, [escapeHtml(id)], `the id's code span holds the id\n${html}`);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

describe('store: Markdown export escapes every sidecar field', () => {
  it('a plain note renders as the report it always was', () => {
    const { markdown, html } = report({});
    assert.match(markdown, /^# Review report: story\.txt\n/);
    assert.match(markdown, /\n## 1\. claim\n/);
    assert.match(markdown, /\n> the deal would close soon\n/);
    assert.match(markdown, /\*by Ana · 2026-11-25T19:30:00Z · id ` a-1 `\*/);
    assertOnlyOurStructure(html);
  });

  const attempts: Array<[string, Partial<Annotation> & { exact?: string }, string?]> = [
    ['an id that closes its code span and adds a link', { id: 'x` [click me](http://evil.example/) `y' }, 'x` [click me](http://evil.example/) `y'],
    ['an id with one backtick', { id: 'a`b' }, 'a`b'],
    ['an id with backtick runs longer than one', { id: 'a``b```c' }, 'a``b```c'],
    ['an id with a new line and a heading', { id: 'a\n\n# Approved by the editor' }, 'a  # Approved by the editor'],
    ['a created date that is a tracking image', { created: '![](http://track.example/pixel.png)' }],
    ['a created date that is a link', { created: '[Verified](http://evil.example/)' }],
    ['a created date with raw HTML', { created: '<img src=http://track.example/p.png>' }],
    ['a label with a new line and a heading', { label: 'claim\n# Approved' }],
    ['a label with a setext heading', { label: 'claim\nApproved\n---' }],
    ['an author with a setext heading', { author: 'Ana\n\nApproved by legal\n---\nx' }],
    ['an author with a list', { author: 'Ana\n\n1. forged item' }],
    ['a note with a setext heading', { note: 'Looks fine.\n===' }],
    ['a note with a thematic break', { note: 'Looks fine.\n\n---' }],
    ['a note with an indented code block', { note: 'Looks fine.\n\n    rm -rf /' }],
    ['a note with a fenced code block', { note: 'Looks fine.\n```\ncode\n```' }],
    ['a note with a tilde fence', { note: 'Looks fine.\n~~~\ncode\n~~~' }],
    ['a note with an ordered list', { note: 'Looks fine.\n\n2) forged\n3. forged' }],
    ['a note with a table', { note: '| a | b |\n|---|---|\n| 1 | 2 |' }],
    ['a note with an HTML block', { note: 'ok\n\n<div>\n<img src=x>\n</div>' }],
    ['a note with a link reference definition', { note: '[x]\n\n[x]: http://evil.example/' }],
    ['a quote with a setext heading', { exact: 'Approved\n===' }],
  ];
  for (const [what, fields, id] of attempts) {
    it(`${what}: no forged structure`, () => {
      const { html } = report(fields);
      assertOnlyOurStructure(html, id ?? fields.id ?? 'a-1');
    });
  }

  it('replies: an author or body cannot forge a heading, list, image or code block, and stays in its list item', () => {
    const { markdown, html } = report({
      replies: [
        { id: '1', author: 'Bo\n# Admin', created: '![](http://t.example/x.png)', body: 'first line\n\n    indented\n===\n- item' },
        { id: '2', author: 'Cy', body: 'fine' },
      ],
    });
    assertOnlyOurStructure(html);
    assert.equal(count(html, /<li>/g), 2, html);
    assert.equal(count(html, /<ul>/g), 1, html);
    assert.ok(markdown.includes('Bo # Admin'.replace('#', '\\#')), markdown);
  });

  it('keeps every character of the fields (escaped, not dropped)', () => {
    const note = 'Line *one* with [a](b) and `code` & <b>bold</b> | ~x~ $y$ \\ end\n  second line';
    const { html } = report({ note });
    const text = html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    assert.ok(text.includes('Line *one* with [a](b) and `code` & <b>bold</b> | ~x~ $y$ \\ end'), text);
    assert.ok(text.includes('\u00a0\u00a0second line'), text);
  });

  it('helpers: code spans outrun every backtick run; inline fields lose their line breaks; lines keep hard breaks', () => {
    assert.equal(mdCode('a``b'), '``` a``b ```');
    assert.equal(mdCode('plain'), '` plain `');
    assert.equal(mdInline('a\nb\r\nc'), 'a b c');
    assert.deepEqual(mdLines('a\nb\n\nc'), ['a\\', 'b', '', 'c']);
    assert.deepEqual(mdLines('- x\n1. y\n=\n    z'), ['\\- x\\', '1\\. y\\', '\\=\\', '&nbsp;&nbsp;&nbsp;&nbsp;z']);
  });
});
