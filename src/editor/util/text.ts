// Text helpers for titles, labels and hover cards — pure (no `vscode` import), unit-tested in
// test/unit/editor.util.test.ts.

/** Text flattened to one line and cut to `max` characters with an ellipsis (for titles and labels). */
export function shorten(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
