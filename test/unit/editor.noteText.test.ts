// Notes in single-line prompts (src/editor/noteText.ts, pure: no VS Code needed).
import { strict as assert } from 'assert';
import { lineToNote, noteToLine } from '../../src/editor/noteText';

describe('noteToLine / lineToNote (Edit Annotation’s one-line note)', () => {
  it('shows line breaks as \\n and reads them back', () => {
    assert.equal(noteToLine('First line\nsecond line'), 'First line\\nsecond line');
    assert.equal(lineToNote('First line\\nsecond line'), 'First line\nsecond line');
    assert.equal(noteToLine('a\r\nb'), 'a\\nb');
  });

  it('round-trips notes with backslashes, \\n written literally, and line breaks', () => {
    for (const note of ['', 'plain', 'C:\\new\\notes', 'a literal \\n here\nand a break', '\\\\\n\\', 'ends with \\']) {
      assert.equal(lineToNote(noteToLine(note)), note, JSON.stringify(note));
      assert.ok(!noteToLine(note).includes('\n'));
    }
  });

  it('keeps any other backslash as typed', () => {
    assert.equal(lineToNote('see \\t and \\x'), 'see \\t and \\x');
  });
});
