// The fast reading path of a sidecar: a line scanner for the plain block YAML that News Lens writes
// (and that people usually write by hand) — block mappings and lists, plain, quoted and literal
// block scalars, comments, blank lines, LF or CRLF. It gives plain values (Map for a mapping, arrays
// for lists) and, for each entry of the `annotations` list, where it sits in the text. It is about
// ten times faster than building the yaml Document.
//
// It never guesses: on anything outside that subset (flow collections, anchors, aliases, tags,
// folded or multi-line quoted scalars, numbers other than plain non-negative integers, duplicate keys,
// tabs, control characters...) it returns undefined and the caller uses the full yaml parser, which
// also produces the errors with their line and column. A differential test checks that what it does
// accept reads exactly as the yaml parser reads it.

/** One entry of the `annotations` block list. */
export interface ScannedEntry {
  value: unknown;
  /** Offset of the entry's `-`, the start of its line, and its column. */
  dash: number;
  lineStart: number;
  col: number;
  /** Offset where the entry's node starts (its first key), and its 1-based line and column. */
  nodeStart: number;
  line: number;
  column: number;
  /** Offset just after the entry's last content line (after its line break). */
  contentEnd: number;
}

export interface SidecarScan {
  root: Map<string, unknown>;
  /** The entries when `annotations` is a block list (else undefined). */
  entries?: ScannedEntry[];
  /** Offset just after the `annotations` key. */
  keyEnd: number;
  /** Per entry: comment lines follow it before the next entry (or the end of the list). */
  commentsAfter: boolean[];
}

/** Characters that send the scanner to the full parser wherever they are. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const UNSUPPORTED_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff]|\r(?!\n)/;
const KEY = /^([A-Za-z_][A-Za-z0-9_.-]{0,200}):(?=[ ]|$)/;
const NOT_STRING_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const SAFE_INT = /^(?:0|[1-9][0-9]{0,14})$/;
/** Everything else the core schema would not read as a string (the yaml library's own tests). */
const NOT_STRING = [
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];
/** How a plain scalar may not start (indicators; `-`, `?` and `:` only before a space). */
const PLAIN_START = /^(?:[,[\]{}#&*!|>'"%@`]|[-?:](?: |$))/;
const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ',
  '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};
const HEX_LEN: Record<string, number> = { x: 2, u: 4, U: 8 };

class Unsupported extends Error {}
function bail(): never {
  throw new Unsupported();
}

interface Line {
  start: number;
  /** Text without its line break. */
  text: string;
  /** Column of the first non-space character (text.length for a blank line). */
  indent: number;
  kind: 'blank' | 'comment' | 'content';
}

/** Scan `text` (already decoded, no BOM); undefined when it is not in the supported subset. */
export function scanSidecar(text: string): SidecarScan | undefined {
  if (UNSUPPORTED_CHAR.test(text)) return undefined;
  try {
    return new Scanner(text).scan();
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

class Scanner {
  private readonly lines: Line[] = [];
  /** Index of the next line to read. */
  private at = 0;

  constructor(private readonly text: string) {
    let start = 0;
    while (start <= text.length) {
      let nl = text.indexOf('\n', start);
      if (nl < 0) nl = text.length;
      const raw = text.slice(start, nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
      let indent = 0;
      while (indent < raw.length && raw.charCodeAt(indent) === 32) indent++;
      const c = raw.charCodeAt(indent);
      const kind = indent === raw.length ? 'blank' : c === 35 ? 'comment' : 'content';
      if (c === 9) bail(); // a tab in the indentation
      this.lines.push({ start, text: raw, indent, kind });
      if (nl >= text.length) break;
      start = nl + 1;
    }
  }

  /** Index of the next content line from `i` (lines.length if none). */
  private nextContent(i: number): number {
    while (i < this.lines.length && this.lines[i]!.kind !== 'content') i++;
    return i;
  }

  scan(): SidecarScan {
    const first = this.nextContent(0);
    if (first >= this.lines.length || this.lines[first]!.indent !== 0) bail();
    const head = this.lines[first]!.text;
    if (head.startsWith('---') || head.startsWith('...') || head.startsWith('%')) bail();
    const out: SidecarScan = { root: new Map(), keyEnd: 0, commentsAfter: [] };
    this.at = first;
    out.root = this.map(first, 0, 0, (key, keyEnd, valueLine) => {
      if (key !== 'annotations') return undefined;
      out.keyEnd = keyEnd;
      const next = this.nextContent(valueLine + 1);
      const line = this.lines[next];
      // `annotations:` alone on its line, then a block list (indented, or at the key's column).
      const after = this.lines[valueLine]!.text.slice(keyEnd + 1 - this.lines[valueLine]!.start);
      if (!line || (after.trim() !== '' && !/^ +#/.test(after))) return undefined;
      if (!line.text.startsWith('- ', line.indent)) return undefined;
      const entries: ScannedEntry[] = [];
      const value = this.seq(next, line.indent, entries);
      out.entries = entries;
      return { value };
    });
    if (this.nextContent(this.at) < this.lines.length) bail();
    if (out.entries) out.commentsAfter = this.lastLines.map((last) => this.commentFollows(last + 1));
    return out;
  }

  /** Index of each entry's last content line. */
  private readonly lastLines: number[] = [];

  /** Whether comment lines come from line `i` before the next content line. */
  private commentFollows(i: number): boolean {
    for (; i < this.lines.length && this.lines[i]!.kind !== 'content'; i++) if (this.lines[i]!.kind === 'comment') return true;
    return false;
  }

  /**
   * A block mapping whose keys sit at column `col`; its first key is on line `i` at column `col`.
   * `special` may take over the value of a key (the annotations list); the scanner continues after
   * the lines it consumed. Leaves `this.at` at the line after the mapping.
   */
  private map(
    i: number,
    col: number,
    firstAt: number,
    special?: (key: string, keyEnd: number, line: number) => { value: unknown } | undefined,
  ): Map<string, unknown> {
    const out = new Map<string, unknown>();
    let pos = firstAt;
    for (;;) {
      const line = this.lines[i]!;
      const rest = line.text.slice(pos);
      const m = KEY.exec(rest);
      if (!m || NOT_STRING_KEY.test(m[1]!) || out.has(m[1]!)) bail();
      const key = m[1]!;
      const valuePos = pos + m[0].length;
      this.at = i + 1;
      const taken = special?.(key, line.start + pos + key.length, i);
      if (taken) out.set(key, taken.value);
      else out.set(key, this.valueAfter(i, valuePos, col));
      const next = this.nextContent(this.at);
      if (next >= this.lines.length || this.lines[next]!.indent < col) {
        this.at = next;
        return out;
      }
      if (this.lines[next]!.indent > col) bail();
      i = next;
      pos = col;
    }
  }

  /** A block list whose dashes sit at column `col`, the first on line `i`. */
  private seq(i: number, col: number, entries?: ScannedEntry[]): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      const line = this.lines[i]!;
      const t = line.text;
      if (t.charCodeAt(col) !== 45 || t.charCodeAt(col + 1) !== 32) bail(); // "- "
      let p = col + 2;
      while (t.charCodeAt(p) === 32) p++;
      if (p >= t.length || t.charCodeAt(p) === 35) bail(); // "-" alone: a nested block
      let value: unknown;
      this.at = i + 1;
      const isKey = KEY.test(t.slice(p));
      if (isKey) value = this.map(i, p, p);
      else {
        if (t.startsWith('- ', p) || t[p] === '|') bail();
        value = this.valueAfter(i, p, col);
      }
      const lastLine = this.lastContentBefore(this.at);
      if (entries) {
        entries.push({
          value,
          dash: line.start + col,
          lineStart: line.start,
          col,
          nodeStart: line.start + p,
          line: i + 1,
          column: p + 1,
          contentEnd: lastLine + 1 < this.lines.length ? this.lines[lastLine + 1]!.start : this.text.length,
        });
        this.lastLines.push(lastLine);
      }
      out.push(value);
      const next = this.nextContent(this.at);
      const nl = this.lines[next];
      if (!nl || nl.indent < col || (nl.indent === col && !nl.text.startsWith('-', col))) {
        this.at = next;
        return out;
      }
      if (nl.indent > col) bail();
      i = next;
    }
  }

  private lastContentBefore(i: number): number {
    let j = i - 1;
    while (j > 0 && this.lines[j]!.kind !== 'content') j--;
    return j;
  }

  /**
   * The value after `key:` or `- ` at column `pos` of line `i` (`parent` = column of that key or
   * dash). An empty rest means a nested block on the following lines, or null.
   */
  private valueAfter(i: number, pos: number, parent: number): unknown {
    const t = this.lines[i]!.text;
    while (t.charCodeAt(pos) === 32) pos++;
    if (pos >= t.length || t.charCodeAt(pos) === 35) {
      if (pos < t.length && t.charCodeAt(pos - 1) !== 32) bail();
      const next = this.nextContent(i + 1);
      const nl = this.lines[next];
      if (nl && nl.indent > parent) {
        if (nl.text.startsWith('- ', nl.indent)) return this.seq(next, nl.indent);
        if (KEY.test(nl.text.slice(nl.indent))) return this.map(next, nl.indent, nl.indent);
        bail(); // a multi-line plain scalar, or something else
      }
      if (nl && nl.indent === parent && nl.text.startsWith('- ', parent) && this.isMapKeyLine(i, parent)) return this.seq(next, parent);
      return null;
    }
    const c = t[pos]!;
    let value: unknown;
    let end: number;
    if (c === '"') [value, end] = this.doubleQuoted(t, pos);
    else if (c === "'") [value, end] = this.singleQuoted(t, pos);
    else if (c === '|') return this.literal(i, pos, parent);
    else if (PLAIN_START.test(t.slice(pos, pos + 2))) bail();
    else [value, end] = this.plain(t, pos);
    const rest = t.slice(end);
    if (rest.trim() !== '' && !/^ +#/.test(rest)) bail();
    return value;
  }

  /** Line `i` holds a mapping key whose value may be a list at the key's own column. */
  private isMapKeyLine(i: number, col: number): boolean {
    return KEY.test(this.lines[i]!.text.slice(col));
  }

  private plain(t: string, pos: number): [unknown, number] {
    let end = t.indexOf(' #', pos);
    if (end < 0) end = t.length;
    const raw = t.slice(pos, end).replace(/ +$/, '');
    if (raw.includes('\t') || raw.includes(': ') || raw.endsWith(':')) bail();
    if (NULL.test(raw)) return [null, end];
    if (SAFE_INT.test(raw)) return [Number(raw), end];
    if (NOT_STRING.some((re) => re.test(raw))) bail();
    return [raw, end];
  }

  private doubleQuoted(t: string, pos: number): [string, number] {
    let out = '';
    let k = pos + 1;
    for (;;) {
      const q = t.indexOf('"', k);
      const b = t.indexOf('\\', k);
      if (q < 0) bail(); // continues on the next line
      if (b < 0 || q < b) {
        out += t.slice(k, q);
        return [out, q + 1];
      }
      out += t.slice(k, b);
      const e = t[b + 1];
      if (e === undefined) bail();
      const len = HEX_LEN[e];
      if (len !== undefined) {
        const hex = t.slice(b + 2, b + 2 + len);
        if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) bail();
        const cp = parseInt(hex, 16);
        if (cp > 0x10ffff) bail();
        out += String.fromCodePoint(cp);
        k = b + 2 + len;
      } else {
        const s = ESCAPES[e];
        if (s === undefined) bail();
        out += s;
        k = b + 2;
      }
    }
  }

  private singleQuoted(t: string, pos: number): [string, number] {
    let out = '';
    let k = pos + 1;
    for (;;) {
      const q = t.indexOf("'", k);
      if (q < 0) bail();
      out += t.slice(k, q);
      if (t[q + 1] === "'") {
        out += "'";
        k = q + 2;
      } else return [out, q + 1];
    }
  }

  /** A literal block scalar (`|`, `|-`, with an indentation indicator or not; not `|+`) after a key
   *  at column `parent`. */
  private literal(i: number, pos: number, parent: number): string {
    const header = /^\|(?:([1-9])?(-)?|(-)([1-9]))$/.exec(this.lines[i]!.text.slice(pos).trimEnd()) ?? bail();
    const strip = header[2] === '-' || header[3] === '-';
    const indicator = header[1] ?? header[4];
    const lines: string[] = [];
    let indent = indicator ? parent + Number(indicator) : -1;
    let leading = 0;
    let j = i + 1;
    for (; j < this.lines.length; j++) {
      const l = this.lines[j]!;
      if (l.kind === 'blank') {
        if (indent >= 0 && l.text.length > indent) bail(); // spaces beyond the indentation are content
        leading = Math.max(leading, indent < 0 ? l.text.length : 0);
        lines.push('');
        continue;
      }
      if (l.kind === 'comment' && l.indent > parent) bail(); // "#" inside the scalar: keep it simple
      if (indent < 0) {
        if (l.indent <= parent) break;
        indent = l.indent;
        if (leading > indent) bail();
      }
      if (l.indent < indent) break;
      lines.push(l.text.slice(indent));
    }
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    if (indent < 0 || lines.length === 0) bail();
    this.at = Math.max(this.at, this.lastContentBefore(j) + 1);
    return lines.join('\n') + (strip ? '' : '\n');
  }
}
