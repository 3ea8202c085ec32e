// Merge-friendliness: two branches each adding a note through the API merge cleanly with git;
// a real merge conflict is reported as conflicted, not half-read.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnnotationStore, mergeSidecarTexts, nodeFileSystem, parseSidecar } from '../../src/store';

const SEED = readFileSync(path.join(__dirname, '..', '..', 'seeds', 'trump-xi-tiktok-call.txt'), 'utf8');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull },
  });
}

function tryGit(cwd: string, ...args: string[]): { ok: boolean; out: string } {
  try {
    return { ok: true, out: git(cwd, ...args) };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return { ok: false, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

function range(q: string): { start: number; end: number } {
  const i = SEED.indexOf(q);
  assert.ok(i >= 0, q);
  return { start: i, end: i + q.length };
}

async function addNote(article: string, q: string, fields: { label: string; note: string; author: string }): Promise<string> {
  const store = await AnnotationStore.open(nodeFileSystem, article);
  const a = store.add(SEED, range(q), fields);
  await store.save();
  return a.id;
}

async function setup(): Promise<{ dir: string; article: string; base: string[] }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newslens-git-'));
  git(dir, 'init', '-q');
  const article = path.join(dir, 'trump-xi-tiktok-call.txt');
  writeFileSync(article, SEED);
  const base = [
    await addNote(article, 'Presidents Donald Trump and Xi Jinping spoke by phone', { label: 'claim', note: 'Confirm the call date.', author: 'Ana' }),
    await addNote(article, 'Beijing’s final approval of a framework agreement', { label: 'claim', note: 'Which framework?', author: 'Ana' }),
    await addNote(article, 'the third-largest trading partner of the U.S.', { label: 'claim', note: 'Check the ranking.', author: 'Ana' }),
  ];
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'base');
  return { dir, article, base };
}

/** Register `news-lens merge-driver` (run from the sources) for sidecars in the repository. */
function installDriver(dir: string): void {
  const driver = path.join(dir, '..', `news-lens-merge-driver-${path.basename(dir)}.cjs`);
  const root = path.join(__dirname, '..', '..');
  writeFileSync(
    driver,
    `require(${JSON.stringify(require.resolve('tsx/cjs'))});\n` +
      `const { runMergeDriver } = require(${JSON.stringify(path.join(root, 'src', 'cli', 'annotations.ts'))});\n` +
      `runMergeDriver(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }).then((c) => process.exit(c));\n`,
  );
  writeFileSync(path.join(dir, '.gitattributes'), '*.annotations.yaml merge=news-lens\n');
  git(dir, 'config', 'merge.news-lens.driver', `${JSON.stringify(process.execPath)} ${JSON.stringify(driver)} %O %A %B`);
  git(dir, 'add', '.gitattributes');
  git(dir, 'commit', '-q', '-m', 'merge driver');
}

describe('store: git merges of sidecars', function () {
  this.timeout(30000);

  it('two branches adding different notes merge cleanly, both notes present', async () => {
    const { dir, article, base } = await setup();
    git(dir, 'checkout', '-q', '-b', 'ana');
    const idA = await addNote(article, 'whether Congress will approve the arrangement', { label: 'claim', note: 'Must Congress approve?', author: 'Ana' });
    git(dir, 'commit', '-q', '-am', 'ana adds a note');
    git(dir, 'checkout', '-q', 'main');
    git(dir, 'checkout', '-q', '-b', 'bo');
    const idB = await addNote(article, 'Wells Fargo banker Chenyue Mao', { label: 'person', note: 'Spelling of the name?', author: 'Bo' });
    git(dir, 'commit', '-q', '-am', 'bo adds a note');
    const merge = tryGit(dir, 'merge', '--no-edit', 'ana');
    assert.ok(merge.ok, `merge failed:\n${merge.out}`);
    assert.equal(git(dir, 'status', '--porcelain'), '');
    assert.notEqual(idA, idB);
    const sidecar = readFileSync(article + '.annotations.yaml', 'utf8');
    const parsed = parseSidecar(sidecar, { articleText: SEED });
    assert.equal(parsed.state, 'ok', JSON.stringify(parsed.errors));
    assert.deepEqual(parsed.annotations.map((a) => a.id).sort(), [...base, idA, idB].sort());
    const store = await AnnotationStore.open(nodeFileSystem, article);
    for (const r of store.resolve(SEED)) assert.equal(r.anchor.state, 'anchored');
  });

  it('notes added in different parts of the list by the two branches merge (sorted by position)', async () => {
    const { dir, article } = await setup();
    git(dir, 'checkout', '-q', '-b', 'ana');
    const idA = await addNote(article, 'a potential deal on TikTok was at the top of the agenda', { label: 'claim', note: 'Source?', author: 'Ana' });
    git(dir, 'commit', '-q', '-am', 'ana');
    git(dir, 'checkout', '-q', 'main');
    git(dir, 'checkout', '-q', '-b', 'bo');
    const idB = await addNote(article, 'Recent data indicate a slowdown', { label: 'claim', note: 'Which data?', author: 'Bo' });
    git(dir, 'commit', '-q', '-am', 'bo');
    const merge = tryGit(dir, 'merge', '--no-edit', 'ana');
    assert.ok(merge.ok, merge.out);
    const ids = parseSidecar(readFileSync(article + '.annotations.yaml')).annotations.map((a) => a.id);
    assert.ok(ids.includes(idA) && ids.includes(idB));
  });

  it('a conflicted sidecar is reported as conflicted, read-only, and not half-read', async () => {
    const { dir, article, base } = await setup();
    git(dir, 'checkout', '-q', '-b', 'ana');
    let store = await AnnotationStore.open(nodeFileSystem, article);
    store.update(base[1]!, { note: 'Ana: the framework from Madrid.' });
    await store.save();
    git(dir, 'commit', '-q', '-am', 'ana edits');
    git(dir, 'checkout', '-q', 'main');
    git(dir, 'checkout', '-q', '-b', 'bo');
    store = await AnnotationStore.open(nodeFileSystem, article);
    store.update(base[1]!, { note: 'Bo: the one agreed in Spain.' });
    await store.save();
    git(dir, 'commit', '-q', '-am', 'bo edits');
    const merge = tryGit(dir, 'merge', '--no-edit', 'ana');
    assert.equal(merge.ok, false, 'expected a conflict');
    const content = readFileSync(article + '.annotations.yaml', 'utf8');
    assert.match(content, /^<<<<<<< /m);
    store = await AnnotationStore.open(nodeFileSystem, article);
    assert.equal(store.state, 'conflicted');
    assert.equal(store.readOnly, true);
    assert.deepEqual(store.annotations, []);
    assert.equal(store.errors[0]!.code, 'conflict');
    assert.equal(store.errors[0]!.line, content.split('\n').findIndex((l) => l.startsWith('<<<<<<<')) + 1);
    assert.throws(() => store.add(SEED, range('TikTok'), {}));
    assert.equal(readFileSync(article + '.annotations.yaml', 'utf8'), content);
  });

  it('two notes added at the same place conflict with plain git but merge cleanly with the merge driver', async () => {
    for (const useDriver of [false, true]) {
      const { dir, article, base } = await setup();
      if (useDriver) installDriver(dir);
      // both notes fall between base[0] and base[1] in the sorted list
      git(dir, 'checkout', '-q', '-b', 'ana');
      const idA = await addNote(article, 'the video app TikTok', { label: 'org', note: 'App name style', author: 'Ana' });
      git(dir, 'commit', '-q', '-am', 'ana');
      git(dir, 'checkout', '-q', 'main');
      git(dir, 'checkout', '-q', '-b', 'bo');
      const idB = await addNote(article, 'ease tensions between the two economic superpowers', { label: 'claim', note: 'Opinion?', author: 'Bo' });
      git(dir, 'commit', '-q', '-am', 'bo');
      const merge = tryGit(dir, 'merge', '--no-edit', 'ana');
      if (!useDriver) {
        assert.equal(merge.ok, false, 'plain git was expected to conflict here');
        continue;
      }
      assert.ok(merge.ok, merge.out);
      const parsed = parseSidecar(readFileSync(article + '.annotations.yaml'), { articleText: SEED });
      assert.equal(parsed.state, 'ok');
      assert.deepEqual(parsed.annotations.map((a) => a.id).sort(), [...base, idA, idB].sort());
      // still sorted by position
      const starts = parsed.annotations.map((a) => a.target.start!);
      assert.deepEqual(starts, [...starts].sort((x, y) => x - y));
    }
  });

  it('with the merge driver, a note edited differently on both branches stops the merge, both versions in the file', async () => {
    const { dir, article, base } = await setup();
    installDriver(dir);
    git(dir, 'checkout', '-q', '-b', 'ana');
    let store = await AnnotationStore.open(nodeFileSystem, article);
    store.update(base[1]!, { note: 'Ana: the framework from Madrid.' });
    store.update(base[2]!, { status: 'resolved' });
    await store.save();
    git(dir, 'commit', '-q', '-am', 'ana edits');
    git(dir, 'checkout', '-q', 'main');
    git(dir, 'checkout', '-q', '-b', 'bo');
    store = await AnnotationStore.open(nodeFileSystem, article);
    store.update(base[1]!, { note: 'Bo: the one agreed in Spain.' });
    store.addReply(base[0]!, { body: 'Confirmed by the White House.', author: 'Bo' });
    await store.save();
    git(dir, 'commit', '-q', '-am', 'bo edits');
    const merge = tryGit(dir, 'merge', '--no-edit', 'ana');
    assert.equal(merge.ok, false, 'the merge was expected to stop as conflicted');
    assert.match(git(dir, 'status', '--porcelain'), /^UU .*annotations\.yaml$/m);
    const content = readFileSync(article + '.annotations.yaml', 'utf8');
    assert.ok(content.includes('Ana: the framework from Madrid.') && content.includes('Bo: the one agreed in Spain.'), content);
    assert.match(content, /^<<<<<<< ours$/m);
    assert.match(merge.out, /"note" changed differently on both sides/);
    store = await AnnotationStore.open(nodeFileSystem, article);
    assert.equal(store.state, 'conflicted');
    assert.equal(store.errors[0]!.line, content.split('\n').indexOf('<<<<<<< ours') + 1);
    // A person keeps Ana's version (theirs here): every other change of both branches is there.
    const kept = content.replace(/^<<<<<<< ours\n[^]*?^=======\n([^]*?)^>>>>>>> theirs\n/m, '$1');
    writeFileSync(article + '.annotations.yaml', kept);
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '--no-edit');
    const notes = parseSidecar(readFileSync(article + '.annotations.yaml'), { articleText: SEED });
    assert.equal(notes.state, 'ok', JSON.stringify(notes.errors));
    const byId = new Map(notes.annotations.map((a) => [a.id, a]));
    assert.equal(byId.get(base[1]!)!.note, 'Ana: the framework from Madrid.');
    assert.equal(byId.get(base[2]!)!.status, 'resolved');
    assert.deepEqual(byId.get(base[0]!)!.replies!.map((r) => r.body), ['Confirmed by the White House.']);
  });

  it('with the merge driver, a note deleted on one branch and given a reply by hand on the other is kept and the merge stops', async () => {
    const { dir, article, base } = await setup();
    installDriver(dir);
    git(dir, 'checkout', '-q', '-b', 'ana');
    // a reply written by hand (or by another tool): `updated` is not touched
    const sidecar = article + '.annotations.yaml';
    const text = readFileSync(sidecar, 'utf8');
    const at = text.indexOf('\n    target:', text.indexOf(`- id: ${base[1]!}`)) + 1;
    writeFileSync(sidecar, text.slice(0, at) + '    replies:\n      - id: r1\n        author: Ana\n        body: It is the Madrid framework.\n' + text.slice(at));
    git(dir, 'commit', '-q', '-am', 'ana replies');
    git(dir, 'checkout', '-q', 'main');
    git(dir, 'checkout', '-q', '-b', 'bo');
    const store = await AnnotationStore.open(nodeFileSystem, article);
    store.remove(base[1]!);
    await store.save();
    git(dir, 'commit', '-q', '-am', 'bo deletes');
    const merge = tryGit(dir, 'merge', '--no-edit', 'ana');
    assert.equal(merge.ok, false, 'the merge was expected to stop');
    assert.match(merge.out, /deleted on our side but changed on theirs; kept their version/);
    assert.match(git(dir, 'status', '--porcelain'), /^UU .*annotations\.yaml$/m);
    const notes = parseSidecar(readFileSync(sidecar), { articleText: SEED });
    assert.equal(notes.state, 'ok');
    assert.deepEqual(notes.annotations.find((a) => a.id === base[1])?.replies?.map((r) => r.body), ['It is the Madrid framework.']);
  });
});

describe('store: mergeSidecarTexts (three-way, by id)', () => {
  const BASE = `# header comment
version: 1
annotations:
  - id: a
    note: base note
    custom: keep-me
    target: {exact: TikTok, start: 10, end: 16}
  - id: b
    note: to be deleted
    target: {exact: Congress, start: 50, end: 58}
`;
  it('applies their edits, additions and deletions to ours, keeping our formatting', () => {
    const ours = BASE.replace('# header comment', '# header comment (ours)') + '  - id: c\n    note: ours new\n    target: {exact: Boeing, start: 90, end: 96}\n';
    const theirs = BASE.replace('base note', 'their note').replace(/  - id: b\n.*\n.*\n/, '') +
      '  - id: d\n    note: theirs new # their comment\n    target: {exact: Beijing, start: 70, end: 77}\n';
    const r = mergeSidecarTexts(BASE, ours, theirs);
    assert.deepEqual(r.conflicts, []);
    const p = parseSidecar(r.merged!);
    assert.equal(p.state, 'ok');
    assert.deepEqual(p.annotations.map((a) => `${a.id}:${a.note}`), ['a:their note', 'd:theirs new', 'c:ours new']);
    assert.match(r.merged!, /# header comment \(ours\)/);
    assert.match(r.merged!, /custom: keep-me/);
    assert.match(r.merged!, /note: theirs new # their comment/);
  });
  it('field changed on both sides: both values left between conflict markers, and reported', () => {
    const ours = BASE.replace('base note', 'ours');
    const theirs = BASE.replace('base note', 'theirs');
    const r = mergeSidecarTexts(BASE, ours, theirs);
    assert.equal(r.conflicts.length, 1);
    assert.match(r.conflicts[0]!, /"note" changed differently on both sides/);
    assert.match(r.merged!, /^<<<<<<< ours\n    note: ours\n=======\n    note: theirs\n>>>>>>> theirs\n/m);
    assert.equal(parseSidecar(r.merged!).state, 'conflicted');
  });
  it('different fields changed on each side merge', () => {
    const ours = BASE.replace('    note: base note\n', '    note: base note\n    status: resolved\n');
    const theirs = BASE.replace('base note', 'their note');
    const r = mergeSidecarTexts(BASE, ours, theirs);
    assert.deepEqual(r.conflicts, []);
    const a = parseSidecar(r.merged!).annotations[0]!;
    assert.equal(a.note, 'their note');
    assert.equal(a.status, 'resolved');
  });
  it('deleted here, changed there: their version is kept and reported', () => {
    const ours = BASE.replace(/  - id: b\n.*\n.*\n/, '');
    const theirs = BASE.replace('to be deleted', 'edited');
    const r = mergeSidecarTexts(BASE, ours, theirs);
    assert.equal(r.conflicts.length, 1);
    assert.ok(parseSidecar(r.merged!).annotations.some((a) => a.id === 'b' && a.note === 'edited'));
  });
  it('an unreadable side is not merged', () => {
    const r = mergeSidecarTexts(BASE, BASE, 'version: 1\nannotations: [\n');
    assert.equal(r.merged, undefined);
    assert.match(r.error!, /^theirs: line/);
  });
  it('identical sides give ours unchanged', () => {
    assert.equal(mergeSidecarTexts(BASE, BASE, BASE).merged, BASE);
  });
});
