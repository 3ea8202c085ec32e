// Which files are News Articles (src/editor/articleMatch.ts, pure: no VS Code needed).
import { strict as assert } from 'assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_ARTICLE_GLOBS,
  ENGLISH_GLOB_MESSAGES,
  GlobError,
  compileGlob,
  matchArticleGlobs,
  parseArticleGlobs,
  relativeTo,
  sidecarCandidate,
} from '../../src/editor/articleMatch';

const matches = (glob: string, path: string, ignoreCase = false) => compileGlob(glob, { ignoreCase }).regexp.test(path);

describe('articleMatch (src/editor)', () => {
  describe('compileGlob', () => {
    it('** spans any number of folders, also none', () => {
      assert.ok(matches('**/seeds/**/*.txt', 'seeds/a.txt'));
      assert.ok(matches('**/seeds/**/*.txt', 'news/seeds/2026/11/a.txt'));
      assert.ok(matches('**/seeds/**/*.txt', '/home/me/news/seeds/a.txt'), 'absolute path');
      assert.ok(!matches('**/seeds/**/*.txt', 'myseeds/a.txt'), '"seeds" is a whole folder name');
      assert.ok(!matches('**/seeds/**/*.txt', 'seeds/a.txt.bak'));
      assert.ok(matches('articles/**', 'articles/x/y.txt'));
    });

    it('* and ? stay inside one path segment', () => {
      assert.ok(matches('*.txt', 'a.txt'));
      assert.ok(!matches('*.txt', 'dir/a.txt'));
      assert.ok(matches('dir/?.txt', 'dir/a.txt'));
      assert.ok(!matches('dir/?.txt', 'dir/ab.txt'));
      assert.ok(!matches('dir?a.txt', 'dir/a.txt'));
      assert.ok(matches('**/*.article.txt', 'deep/down/story.article.txt'));
      assert.ok(!matches('**/*.article.txt', 'deep/down/story.txt'));
    });

    it('{a,b} alternatives and [..] classes', () => {
      assert.ok(matches('**/*.{txt,text}', 'x/a.text'));
      assert.ok(matches('**/*.{txt,text}', 'a.txt'));
      assert.ok(!matches('**/*.{txt,text}', 'a.md'));
      assert.ok(matches('draft[0-9].txt', 'draft7.txt'));
      assert.ok(!matches('draft[0-9].txt', 'draftx.txt'));
      assert.ok(matches('draft[!0-9].txt', 'draftx.txt'));
      assert.ok(!matches('draft[!0-9].txt', 'draft7.txt'));
    });

    it('regular-expression characters are literal', () => {
      assert.ok(matches('a+b (1).txt', 'a+b (1).txt'));
      assert.ok(!matches('a.txt', 'abtxt'));
      assert.ok(!matches('a+b.txt', 'aab.txt'));
    });

    it('backslashes count as path separators; case only ignored when asked', () => {
      assert.ok(matches('**\\articles\\*.txt', 'x/articles/a.txt'));
      assert.ok(!matches('**/Articles/*.txt', 'x/articles/a.txt'));
      assert.ok(matches('**/Articles/*.txt', 'x/articles/a.TXT', true));
    });

    it('bad patterns get a specific error', () => {
      assert.throws(() => compileGlob(''), (e: unknown) => e instanceof GlobError && /empty/.test(e.message));
      assert.throws(() => compileGlob('**/*.{txt,md'), (e: unknown) => e instanceof GlobError && /"\{" is never closed/.test(e.message));
      assert.throws(() => compileGlob('draft[0-9.txt'), (e: unknown) => e instanceof GlobError && /"\[" at position 6/.test(e.message));
    });
  });

  describe('parseArticleGlobs and matchArticleGlobs', () => {
    it('matches the workspace-relative or the absolute path, and says which pattern matched', () => {
      const { globs, errors } = parseArticleGlobs(['articles/*.txt', '/srv/wire/**/*.txt']);
      assert.deepEqual(errors, []);
      assert.equal(matchArticleGlobs({ relative: 'articles/a.txt', absolute: '/w/articles/a.txt' }, globs), 'articles/*.txt');
      assert.equal(matchArticleGlobs({ absolute: '/srv/wire/2026/a.txt' }, globs), '/srv/wire/**/*.txt');
      assert.equal(matchArticleGlobs({ relative: 'notes/a.txt', absolute: '/w/notes/a.txt' }, globs), undefined);
      // A relative pattern does not match the absolute path of a file outside the workspace.
      assert.equal(matchArticleGlobs({ absolute: '/elsewhere/articles/a.txt' }, globs), undefined);
    });

    it('the defaults: seeds/, articles/, *.article.txt — not any .txt', () => {
      const { globs } = parseArticleGlobs(undefined);
      assert.deepEqual(globs.map((g) => g.glob), DEFAULT_ARTICLE_GLOBS);
      const is = (p: string) => matchArticleGlobs({ absolute: p }, globs) !== undefined;
      assert.ok(is('/w/seeds/a.txt'));
      assert.ok(is('/w/articles/2026/a.txt'));
      assert.ok(is('/w/inbox/story.article.txt'));
      assert.ok(!is('/w/notes/todo.txt'));
      assert.ok(!is('/w/articles/a.md'));
    });

    it('the defaults are the ones package.json declares', () => {
      const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
        contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
      };
      assert.deepEqual(pkg.contributes.configuration.properties['newsLens.articles.include']?.default, DEFAULT_ARTICLE_GLOBS);
    });

    it('keeps the good entries and reports each bad one', () => {
      const { globs, errors } = parseArticleGlobs(['**/*.txt', 42, '**/*.{a', '']);
      assert.deepEqual(globs.map((g) => g.glob), ['**/*.txt']);
      assert.equal(errors.length, 3);
      assert.match(errors[0]!, /\[1\] must be a glob pattern \(a string\), not a number/);
      assert.match(errors[1]!, /\[2\] "\*\*\/\*\.\{a": a "\{" is never closed/);
      assert.match(errors[2]!, /\[3\] "": the pattern is empty/);
      assert.match(parseArticleGlobs('**/*.txt').errors[0]!, /must be a list of glob patterns, not "\*\*\/\*\.txt"/);
      assert.deepEqual(parseArticleGlobs('**/*.txt').globs, []);
    });

    it('says it in the words it is given (the editor passes localised ones)', () => {
      const messages = {
        ...ENGLISH_GLOB_MESSAGES,
        unclosedBrace: 'accolade ouverte',
        emptyPattern: 'motif vide',
        notAString: (i: number, v: string) => `entrée ${i} : ${v}`,
        badPattern: (i: number, e: string, r: string) => `entrée ${i} « ${e} » : ${r}`,
        notAList: (v: string) => `pas une liste : ${v}`,
        describe: (k: string) => `<${k}>`,
      };
      assert.deepEqual(parseArticleGlobs(['**/*.{a', 7, null, ''], { messages }).errors, [
        'entrée 0 « **/*.{a » : accolade ouverte',
        'entrée 1 : <number>',
        'entrée 2 : <null>',
        'entrée 3 «  » : motif vide',
      ]);
      assert.deepEqual(parseArticleGlobs({}, { messages }).errors, ['pas une liste : <object>']);
      assert.throws(() => compileGlob('a[b', { messages: { ...messages, unclosedBracket: (p: number) => `crochet ${p}` } }), /^GlobError: crochet 2$|crochet 2/);
    });
  });

  it('relativeTo', () => {
    assert.equal(relativeTo('/w', '/w/seeds/a.txt'), 'seeds/a.txt');
    assert.equal(relativeTo('/w/', '/w/a.txt'), 'a.txt');
    assert.equal(relativeTo('/w', '/wx/a.txt'), undefined);
    assert.equal(relativeTo('/w', '/w'), undefined);
    assert.equal(relativeTo('/c:/News', '/c:/news/a.txt', { ignoreCase: true }), 'a.txt');
    assert.equal(relativeTo('/c:/News', '/c:/news/a.txt'), undefined);
  });

  it('sidecarCandidate: x.txt -> x.txt.annotations.yaml, only for .txt files', () => {
    assert.equal(sidecarCandidate('/w/notes/story.txt'), '/w/notes/story.txt.annotations.yaml');
    assert.equal(sidecarCandidate('/w/notes/STORY.TXT'), '/w/notes/STORY.TXT.annotations.yaml');
    assert.equal(sidecarCandidate('/w/notes/story.md'), undefined);
    assert.equal(sidecarCandidate('/w/notes/.txt'), undefined);
    assert.equal(sidecarCandidate('/w/txt/readme'), undefined);
  });
});
