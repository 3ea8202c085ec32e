// Exports of reviewers' notes: W3C Web Annotation (JSON-LD), CSV for spreadsheets, Markdown review
// report. Pure: no file system, no process, no `vscode` — callers (the CLI, later the editor) load the
// article and its store, and write the result where they like.
//
//   const input: ExportInput = { source: 'story.txt', text, resolved: store.resolve(text),
//                                sidecarPath: store.sidecarPath, errors: store.errors };
//   const csv = exportAnnotations('csv', input, { bom: true });
//
// Offsets in the input are JavaScript string indices (UTF-16); the W3C TextPositionSelector counts
// Unicode code points (converted here), the CSV `start`/`end` columns stay UTF-16 like the rest of
// the CLI's JSON.

import { CodePointMapper } from './offsets';
import type { AnchorState, ResolvedAnnotation, SidecarError } from './types';

export interface ExportInput {
  /** The article's file name as it should appear in the export (W3C `target.source`, Markdown title). */
  source: string;
  /** The article's current text. */
  text: string;
  /** The notes and where each resolves in `text` (`AnnotationStore.resolve(text)`). */
  resolved: readonly ResolvedAnnotation[];
  /** The sidecar's path or name, shown with `errors` in the Markdown report. */
  sidecarPath?: string;
  /** Problems found in the sidecar (listed as warnings in the Markdown report). */
  errors?: readonly SidecarError[];
}

export const EXPORT_FORMATS = ['w3c', 'csv', 'markdown'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  /** CSV only: start with a UTF-8 byte order mark (U+FEFF), so Excel reads the file as UTF-8. */
  bom?: boolean;
}

/** The export as text, ready to write to a file or standard output. */
export function exportAnnotations(format: ExportFormat, input: ExportInput, options: ExportOptions = {}): string {
  switch (format) {
    case 'w3c':
      return JSON.stringify(toW3C(input), null, 2) + '\n';
    case 'csv':
      return toCsv(input, options);
    case 'markdown':
      return toMarkdown(input);
  }
}

const STATES: AnchorState[] = ['anchored', 'moved', 'fuzzy', 'needs-review', 'orphaned'];

/** Text flattened to one line and cut to `max` characters with an ellipsis (reports, titles, labels). */
export function oneLine(s: string, max = 60): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

// ---------------------------------------------------------------------------------------------

/** W3C Web Annotation Data Model (JSON-LD): an AnnotationCollection with one page. */
export function toW3C({ source, text, resolved }: ExportInput): Record<string, unknown> {
  const mapper = new CodePointMapper(text);
  const items = resolved.map(({ annotation: a, anchor }) => {
    const selectors: Record<string, unknown>[] = [];
    const quote: Record<string, unknown> = { type: 'TextQuoteSelector', exact: anchor.text ?? a.target.exact };
    if (anchor.start === undefined || anchor.state === 'anchored') {
      if (a.target.prefix !== undefined) quote.prefix = a.target.prefix;
      if (a.target.suffix !== undefined) quote.suffix = a.target.suffix;
    } else {
      const pre = text.slice(Math.max(0, anchor.start - 32), anchor.start);
      const suf = text.slice(anchor.end!, anchor.end! + 32);
      if (pre) quote.prefix = pre;
      if (suf) quote.suffix = suf;
    }
    selectors.push(quote);
    if (anchor.start !== undefined && anchor.end !== undefined) {
      // TextPositionSelector counts code points.
      selectors.push({ type: 'TextPositionSelector', start: mapper.toCodePoint(anchor.start), end: mapper.toCodePoint(anchor.end) });
    }
    const body: Record<string, unknown>[] = [];
    if (a.note !== undefined) body.push({ type: 'TextualBody', value: a.note, format: 'text/plain', purpose: 'commenting' });
    if (a.label !== undefined) body.push({ type: 'TextualBody', value: a.label, purpose: 'tagging' });
    for (const r of a.replies ?? []) {
      const rb: Record<string, unknown> = { type: 'TextualBody', value: r.body, format: 'text/plain', purpose: 'replying' };
      if (r.author !== undefined) rb.creator = { type: 'Person', name: r.author };
      if (r.created !== undefined) rb.created = r.created;
      body.push(rb);
    }
    const item: Record<string, unknown> = {
      id: `urn:news-lens:annotation:${encodeURIComponent(a.id)}`,
      type: 'Annotation',
      motivation: a.note !== undefined ? 'commenting' : 'tagging',
    };
    if (a.created !== undefined) item.created = a.created;
    if (a.updated !== undefined) item.modified = a.updated;
    if (a.author !== undefined) item.creator = { type: 'Person', name: a.author };
    if (body.length) item.body = body.length === 1 ? body[0] : body;
    item.target = { source, selector: selectors.length === 1 ? selectors[0] : selectors };
    item['newsLens:state'] = anchor.state;
    if (a.status !== undefined) item['newsLens:status'] = a.status;
    return item;
  });
  return {
    '@context': ['http://www.w3.org/ns/anno.jsonld', { newsLens: 'urn:news-lens:vocab#' }],
    id: `urn:news-lens:collection:${encodeURIComponent(source)}`,
    type: 'AnnotationCollection',
    label: `News Lens annotations for ${source}`,
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}

// ---------------------------------------------------------------------------------------------

/**
 * Characters that make a spreadsheet (Excel, LibreOffice, Google Sheets) read a cell as a formula
 * when they start it: `=`, `+`, `-`, `@`, tab and carriage return (OWASP, "CSV Injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: a text cell starting with a formula character gets a leading `'` (shown as text,
 * never evaluated; OWASP's advice), then RFC 4180 quoting (double quotes doubled, the cell quoted
 * when it holds a quote, comma, line break, leading or trailing white space, or was defused).
 * Numbers are written as they are; `undefined` and `null` are empty cells.
 */
export function csvField(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  let s = String(v);
  const defused = FORMULA_START.test(s);
  if (defused) s = `'${s}`;
  return defused || /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_HEADER = ['id', 'label', 'state', 'start', 'end', 'exact', 'found', 'note', 'author', 'created', 'status', 'replies'] as const;

/** One row per note, CRLF line ends (RFC 4180); with `bom`, a UTF-8 byte order mark first. */
export function toCsv({ resolved }: Pick<ExportInput, 'resolved'>, options: ExportOptions = {}): string {
  const rows = resolved.map(({ annotation: a, anchor }) => [
    a.id,
    a.label,
    anchor.state,
    anchor.start,
    anchor.end,
    a.target.exact,
    anchor.text,
    a.note,
    a.author,
    a.created,
    a.status ?? 'open',
    (a.replies ?? []).map((r) => `${r.author ?? 'anonymous'}: ${r.body}`).join('\n'),
  ]);
  const csv = [[...CSV_HEADER], ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
  return options.bom ? `\ufeff${csv}` : csv;
}

// ---------------------------------------------------------------------------------------------

// Every field of a note comes from a sidecar anyone can edit: in the report it must read as text,
// never as Markdown structure (a heading, a link, a tracking image, HTML, a list, a code block).

/** Line breaks as Markdown sees them (CommonMark: LF, CRLF, CR), plus the Unicode ones. */
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029\u0085\v\f]/g;

/** Inline text with the Markdown punctuation that can make structure backslash-escaped: emphasis,
 *  links and images, code spans, HTML and entities, tables, strikethrough, headings, math. */
export function mdEscape(s: string): string {
  return s.replace(/[\\`*_[\]()<>#!|~&$]/g, '\\$&');
}

/** A single-line field (label, author, date, path): line breaks become spaces, then escaped. */
export function mdInline(s: string): string {
  return mdEscape(s.replace(LINE_BREAKS, ' '));
}

/** One line of a multi-line field: leading white space kept as no-break spaces (never an indented
 *  code block or a list continuation), the rest escaped (so it cannot start a heading, list, quote,
 *  fence, table, HTML block or a setext underline). */
function mdLine(line: string): string {
  const lead = /^[ \t]*/.exec(line)![0];
  const rest = mdEscape(line.slice(lead.length))
    .replace(/^[-+=]/, '\\$&') // list item, setext underline, thematic break
    .replace(/^(\d+)\./, '$1\\.'); // ordered list ("1." — "1)" has its parenthesis escaped)
  return '&nbsp;'.repeat(lead.replace(/\t/g, '    ').length) + rest;
}

/** A multi-line field as Markdown lines: each line escaped, kept apart by hard line breaks (a
 *  trailing backslash), blank lines kept as paragraph breaks. */
export function mdLines(s: string): string[] {
  const lines = s.split(/\r\n|\r|\n/);
  return lines.map((l, i) => {
    const md = l.trim() === '' ? '' : mdLine(l.replace(LINE_BREAKS, ' '));
    const nextBlank = i + 1 >= lines.length || lines[i + 1]!.trim() === '';
    return md !== '' && !nextBlank ? `${md}\\` : md;
  });
}

/** A code span holding `s` literally: a backtick fence longer than any backtick run in it, spaces
 *  inside the fence (CommonMark strips one each side), line breaks as spaces. */
export function mdCode(s: string): string {
  const flat = s.replace(LINE_BREAKS, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${flat} ${fence}`;
}

/** A review report: counts per state, sidecar warnings, then each note with its quote and replies. */
export function toMarkdown({ source, resolved, sidecarPath, errors }: ExportInput): string {
  const counts: Record<AnchorState, number> = { anchored: 0, moved: 0, fuzzy: 0, 'needs-review': 0, orphaned: 0 };
  for (const r of resolved) counts[r.anchor.state]++;
  const lines: string[] = [`# Review report: ${mdInline(source)}`, ''];
  lines.push(`${resolved.length} note(s): ${STATES.filter((k) => counts[k]).map((k) => `${counts[k]} ${k}`).join(', ') || 'none'}.`, '');
  for (const e of errors ?? []) {
    lines.push(`> **Warning:** ${mdInline(sidecarPath ?? `${source}.annotations.yaml`)} line ${e.line}, column ${e.column}: ${mdInline(e.message)}`, '');
  }
  resolved.forEach(({ annotation: a, anchor }, i) => {
    const flag = anchor.state === 'anchored' || anchor.state === 'moved' ? '' : ` — **${anchor.state}**`;
    lines.push(`## ${i + 1}. ${mdInline(a.label ?? 'note')}${flag}`, '');
    for (const l of mdLines(anchor.text ?? a.target.exact)) lines.push(`> ${l}`);
    lines.push('');
    if (anchor.state === 'fuzzy' || anchor.state === 'needs-review' || anchor.state === 'orphaned') {
      if ((anchor.text ?? '') !== a.target.exact) lines.push(`Originally: “${mdInline(oneLine(a.target.exact, 200))}” (${mdInline(anchor.reason)})`, '');
    }
    if (a.note) lines.push(...mdLines(a.note), '');
    const meta = [a.author && `by ${mdInline(a.author)}`, a.created && mdInline(a.created), a.status === 'resolved' ? 'resolved' : undefined, `id ${mdCode(a.id)}`].filter(Boolean);
    lines.push(`*${meta.join(' · ')}*`, '');
    for (const r of a.replies ?? []) {
      const [first = '', ...rest] = mdLines(r.body);
      lines.push(`- **${mdInline(r.author ?? 'anonymous')}**${r.created ? ` (${mdInline(r.created)})` : ''}: ${first}`);
      // Continuation lines indented into the list item; a blank line stays inside it too.
      for (const l of rest) lines.push(l === '' ? '' : `  ${l}`);
    }
    if (a.replies?.length) lines.push('');
  });
  return lines.join('\n');
}
