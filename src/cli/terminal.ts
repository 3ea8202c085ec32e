// Text from articles and sidecars on its way to a terminal. An article can hold ANSI/OSC escape
// sequences (ESC [ 2 J clears the screen, OSC 52 writes the clipboard, OSC 8 makes links) and other
// control characters; the readable output shows them escaped instead of letting the terminal run them.
// JSON output needs no help for C0 controls (JSON.stringify writes \u001b), but it leaves DEL and the
// C1 controls (U+0080–U+009F, which some terminals take as CSI/OSC) raw: jsonForTerminal escapes them.

/**
 * C0 controls except tab and line feed, DEL, C1 controls, and the bidirectional overrides and
 * isolates (which reorder what the terminal shows, "Trojan source"), escaped as `\x1b` / `\u202e`.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(ch: string): string {
  const c = ch.charCodeAt(0);
  return c < 0x100 ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
}

/** `s` with every control character a terminal would act on shown as an escape (`\x1b[2J`). Line
 *  feeds and tabs stay. A backslash stays as it is (the output is for reading, not for parsing). */
export function forTerminal(s: string): string {
  return s.replace(UNSAFE, escapeChar);
}

const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON text with DEL, the C1 controls, the line/paragraph separators and the bidi controls written
 *  as \u escapes: the same value for any JSON parser, nothing a terminal acts on. */
export function jsonForTerminal(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
