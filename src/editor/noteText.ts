// Notes in single-line prompts — pure (no `vscode` import), unit-tested in test/unit/editor.noteText.test.ts.
//
// New notes are typed in the comment widget, which is multi-line. The one place a note still goes through a
// single-line InputBox is "Edit Annotation": there a line break is written `\n` (and a backslash `\\`), so
// editing a multi-line note shows all of it and gives back exactly the same text when nothing is changed.

/** The note as one line: line breaks as `\n`, backslashes as `\\`. */
export function noteToLine(note: string): string {
  return note.replace(/\\/g, '\\\\').replace(/\r\n|\r|\n/g, '\\n');
}

/** The inverse of `noteToLine`: `\n` is a line break, `\\` a backslash; any other backslash stays as typed. */
export function lineToNote(line: string): string {
  return line.replace(/\\([\\n])/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}
