// package.json guards for the article reading setup: News Lens's context-menu items first, the prose
// defaults for [news-article] in place. (The rendered check in the real VS Code shows their effect.)
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));

describe('package.json: reading setup for articles', () => {
  it('every News Lens item of the editor context menu is in the navigation group (always first) with a negative order', () => {
    const items: Array<{ command: string; group?: string }> = manifest.contributes.menus['editor/context'];
    const ours = items.filter((i) => i.command.startsWith('newsLens.'));
    assert.ok(ours.length >= 2);
    for (const item of ours) {
      const m = /^navigation@(-\d+(\.\d+)?)$/.exec(item.group ?? '');
      assert.ok(m, `${item.command}: group "${item.group}" does not sort first`);
    }
    const orders = ours.map((i) => Number(i.group!.split('@')[1]));
    assert.deepEqual(orders, [...orders].sort((a, b) => a - b), 'items keep their order: annotate, go to, re-attach');
  });

  it('articles wrap at spaces, not after "."; "." "-" and "\'" join words; no occurrence or selection marks', () => {
    const d = manifest.contributes.configurationDefaults['[news-article]'];
    assert.equal(d['editor.wordWrap'], 'on');
    const breakAfter: string = d['editor.wordWrapBreakAfterCharacters'];
    assert.ok(!breakAfter.includes('.') && breakAfter.startsWith(' \t'));
    const separators: string = d['editor.wordSeparators'];
    for (const c of ['.', '-', "'"]) assert.ok(!separators.includes(c), c);
    for (const c of [',', ';', ':', '?', '!', '"', '“', '”', '—', '(', ')']) assert.ok(separators.includes(c), c);
    assert.equal(d['editor.occurrencesHighlight'], 'off');
    assert.equal(d['editor.selectionHighlight'], false);
  });

  it('newsLens.highlight.style offers palette (default) and theme', () => {
    const p = manifest.contributes.configuration.properties['newsLens.highlight.style'];
    assert.deepEqual(p.enum, ['palette', 'theme']);
    assert.equal(p.default, 'palette');
  });
});
