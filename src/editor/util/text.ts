// Text helpers for titles, labels and hover cards — pure (no `vscode` import), unit-tested in
// test/unit/editor.util.test.ts. The store's reports flatten text the same way, so the editor uses theirs.

/** Text flattened to one line and cut to `max` characters with an ellipsis (for titles and labels). */
export { oneLine as shorten } from '../../store/export';
