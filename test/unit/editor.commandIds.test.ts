// Command links in trusted hover Markdown: the arguments must survive Markdown's link syntax.
import * as assert from 'node:assert/strict';
import { commandLink } from '../../src/editor/commandIds';

describe('editor: command links', () => {
  it('percent-encodes every character that could end or bend a Markdown link, and decodes back to the arguments', () => {
    const args = ['file:///a (1).txt', 'a-1) [x](command:evil) !*\'('];
    const link = commandLink('newsLens.editAnnotation', args);
    const query = link.slice('command:newsLens.editAnnotation?'.length);
    assert.doesNotMatch(query, /[()[\]!'*\s]/, query);
    assert.deepEqual(JSON.parse(decodeURIComponent(query)), args);
    // Inside a Markdown link, the destination runs to the link's own closing parenthesis.
    const md = `[Edit](${link})`;
    const dest = /\]\(command:newsLens\.editAnnotation\?([^)]*)\)/.exec(md)![1]!;
    assert.deepEqual(JSON.parse(decodeURIComponent(dest)), args);
  });
});
