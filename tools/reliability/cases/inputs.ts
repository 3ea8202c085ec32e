// Hostile and careless input files (issue 18, items 4, 5 and 7), against the bundled CLI.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseContext, CaseResult, ReliabilityCase } from '../types';
import { describeRun, expectClearError, runCli } from '../runCli';

const ARTICLE = 'Alice Smith met Bob Jones in Paris on Monday. "We agreed," Smith said.\n';

/** Runs each check; ok when all are; the result names the first failure or sums up. */
async function all(checks: { name: string; run: () => Promise<{ ok: boolean; line: string }> }[], summary: (n: number) => string): Promise<CaseResult> {
  const failed: string[] = [];
  let slowest = 0;
  for (const c of checks) {
    const r = await c.run();
    const ms = /in (\d+\.\d+) s/.exec(r.line);
    if (ms) slowest = Math.max(slowest, Number(ms[1]));
    if (!r.ok) failed.push(`${c.name}: ${r.line}`);
  }
  if (failed.length) return { ok: false, count: checks.length, result: `${failed.length} of ${checks.length} wrong; ${failed[0]}` };
  return { ok: true, count: checks.length, result: `${summary(checks.length)}${slowest ? `; slowest ${slowest.toFixed(2)} s` : ''}` };
}

function clear(ctx: CaseContext, name: string, args: string[], message: RegExp, where: 'stderr' | 'stdout' = 'stderr', input?: { file: string }) {
  return { name, run: () => expectClearError(ctx, args, message, input ? { where, input } : { where }) };
}

/** An article with one note on "Paris". */
async function annotated(ctx: CaseContext, name: string): Promise<string> {
  const article = join(ctx.dir, name);
  writeFileSync(article, ARTICLE);
  const r = await runCli(ctx, ['annotate', article, '--exact', 'Paris', '--label', 'place']);
  if (r.code !== 0) throw new Error(`setup: annotate failed: ${describeRun(r)}`);
  return article;
}

const NO_CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/; // eslint-disable-line no-control-regex

export const cases: ReliabilityCase[] = [
  {
    item: 4,
    tried: '`analyze /dev/zero`, `analyze --json /dev/zero`, `analyze - < /dev/zero`',
    timeoutMs: 30_000,
    run: (ctx) =>
      all(
        [
          clear(ctx, 'analyze', ['analyze', '/dev/zero'], /\/dev\/zero is a character device, not a regular file/),
          clear(ctx, 'analyze --json', ['analyze', '--json', '/dev/zero'], /\/dev\/zero is a character device/),
          clear(ctx, 'stdin', ['analyze', '-'], /standard input\) is over the size limit/, 'stderr', { file: '/dev/zero' }),
        ],
        (n) => `${n} of ${n}: exit 1 with "is a character device" / "over the size limit" (50 MB read at most)`,
      ),
  },
  {
    item: 4,
    tried: 'a FIFO as article (`analyze`, `annotations`) and as sidecar (`annotations`, `export`, `check`), no writer',
    timeoutMs: 40_000,
    run: async (ctx) => {
      execFileSync('mkfifo', [join(ctx.dir, 'pipe.txt')]);
      const article = join(ctx.dir, 'a.txt');
      writeFileSync(article, ARTICLE);
      execFileSync('mkfifo', [`${article}.annotations.yaml`]);
      return all(
        [
          clear(ctx, 'analyze', ['analyze', join(ctx.dir, 'pipe.txt')], /pipe\.txt is a named pipe \(FIFO\), not a regular file/),
          clear(ctx, 'annotations article', ['annotations', join(ctx.dir, 'pipe.txt')], /pipe\.txt is a named pipe \(FIFO\)/),
          clear(ctx, 'annotations sidecar', ['annotations', article], /a\.txt\.annotations\.yaml is a named pipe \(FIFO\)/, 'stdout'),
          clear(ctx, 'export sidecar', ['export', article], /a\.txt\.annotations\.yaml is a named pipe \(FIFO\)/),
          clear(ctx, 'check', ['check', ctx.dir], /a\.txt\.annotations\.yaml is a named pipe \(FIFO\), not a regular file/, 'stdout'),
        ],
        (n) => `${n} of ${n}: exit 1 at once, "is a named pipe (FIFO)"`,
      );
    },
  },
  {
    item: 4,
    tried: 'an article symlinked to /dev/zero: `analyze`, `annotations`, `export`, `annotate`, `check`',
    timeoutMs: 40_000,
    run: async (ctx) => {
      const z = join(ctx.dir, 'z.txt');
      symlinkSync('/dev/zero', z);
      writeFileSync(`${z}.annotations.yaml`, 'version: 1\nannotations: []\n');
      const dev = /z\.txt .*is a character device/;
      return all(
        [
          clear(ctx, 'analyze', ['analyze', z], dev),
          clear(ctx, 'annotations', ['annotations', z], dev),
          clear(ctx, 'export', ['export', z], dev),
          clear(ctx, 'annotate', ['annotate', z, '--exact', 'x', '--label', 'l'], dev),
          clear(ctx, 'check', ['check', ctx.dir], dev, 'stdout'),
        ],
        (n) => `${n} of ${n}: exit 1, "is a character device"`,
      );
    },
  },
  {
    item: 4,
    tried: 'a sidecar symlinked to /dev/zero: `annotations`, `export`, `annotate`, `check`',
    timeoutMs: 40_000,
    run: async (ctx) => {
      const article = join(ctx.dir, 'a.txt');
      writeFileSync(article, ARTICLE);
      symlinkSync('/dev/zero', `${article}.annotations.yaml`);
      const dev = /a\.txt\.annotations\.yaml .*character device/;
      const checks = [
        clear(ctx, 'annotations', ['annotations', article], dev, 'stdout'),
        clear(ctx, 'export', ['export', article], dev),
        clear(ctx, 'annotate', ['annotate', article, '--exact', 'Paris', '--label', 'l'], dev),
        clear(ctx, 'check', ['check', ctx.dir], dev, 'stdout'),
      ];
      const r = await all(checks, (n) => `${n} of ${n}: exit 1, "is a character device", the link left as it is`);
      if (r.ok && !execFileSync('readlink', [`${article}.annotations.yaml`], { encoding: 'utf8' }).startsWith('/dev/zero')) {
        return { ok: false, count: r.count, result: 'the link was replaced' };
      }
      return r;
    },
  },
  {
    item: 4,
    tried: 'an article over the 50 MB limit (a sparse 60 MB file)',
    timeoutMs: 20_000,
    run: async (ctx) => {
      const big = join(ctx.dir, 'big.txt');
      writeFileSync(big, '');
      truncateSync(big, 60 * 1024 * 1024);
      return all([clear(ctx, 'analyze', ['analyze', big], /big\.txt is 62,914,560 bytes, over the article size limit of 52,428,800 bytes/)], () => 'exit 1, "over the article size limit"');
    },
  },
  {
    item: 5,
    tried: '`check DIR` with a folder `x.txt/` beside `x.txt.annotations.yaml` and a good article',
    timeoutMs: 20_000,
    run: async (ctx) => {
      await annotated(ctx, 'ok.txt');
      mkdirSync(join(ctx.dir, 'x.txt'));
      writeFileSync(join(ctx.dir, 'x.txt.annotations.yaml'), 'version: 1\nannotations: []\n');
      const r = await runCli(ctx, ['check', ctx.dir]);
      const ok = r.code === 1 && /x\.txt\.annotations\.yaml:1:1: error: cannot read the article: .*x\.txt is a folder/.test(r.stdout) && /checked 1 annotation file\(s\), 1 note\(s\): 1 anchored.*1 could not be checked/.test(r.stdout);
      return { ok, count: 1, result: ok ? `exit 1 (was 70): "x.txt is a folder", the good sidecar still checked` : describeRun(r, 'stdout') };
    },
  },
  {
    item: 5,
    tried: '`check DIR` with sidecars that are a link to a file, a folder, a dangling link, a link loop, a FIFO',
    timeoutMs: 20_000,
    run: async (ctx) => {
      const real = await annotated(ctx, 'real.txt');
      writeFileSync(join(ctx.dir, 'linked.txt'), ARTICLE);
      symlinkSync(`${real}.annotations.yaml`, join(ctx.dir, 'linked.txt.annotations.yaml'));
      mkdirSync(join(ctx.dir, 'folder.txt.annotations.yaml'));
      symlinkSync(join(ctx.dir, 'nowhere'), join(ctx.dir, 'dangling.txt.annotations.yaml'));
      symlinkSync(join(ctx.dir, 'loop.txt.annotations.yaml'), join(ctx.dir, 'loop.txt.annotations.yaml'));
      execFileSync('mkfifo', [join(ctx.dir, 'fifo.txt.annotations.yaml')]);
      const r = await runCli(ctx, ['check', ctx.dir]);
      const want: [string, RegExp][] = [
        ['folder', /folder\.txt\.annotations\.yaml:1:1: error: .*is a folder/],
        ['dangling', /dangling\.txt\.annotations\.yaml:1:1: error: .*does not exist/],
        ['loop', /loop\.txt\.annotations\.yaml:1:1: error: .*loop of symbolic links/],
        ['fifo', /fifo\.txt\.annotations\.yaml:1:1: error: .*named pipe/],
        ['link to a file checked', /checked 2 annotation file\(s\), 2 note\(s\): 2 anchored.*; 4 could not be checked/],
      ];
      const missing = want.filter(([, re]) => !re.test(r.stdout)).map(([n]) => n);
      const ok = r.code === 1 && !r.timedOut && missing.length === 0;
      return {
        ok,
        count: want.length,
        result: ok ? 'exit 1; each of the 4 reported with its path and why; the linked sidecar checked (2 files, 2 notes)' : `${describeRun(r, 'stdout')}; missing: ${missing.join(', ')}`,
      };
    },
  },
  {
    item: 7,
    tried: '`analyze` of binary files (/bin/ls, the first 64 KB of the node executable)',
    timeoutMs: 20_000,
    run: async (ctx) => {
      const head = Buffer.alloc(65536);
      const fd = openSync(process.execPath, 'r');
      readSync(fd, head, 0, head.length, 0);
      closeSync(fd);
      writeFileSync(join(ctx.dir, 'node-head.txt'), head);
      const files = [...(existsSync('/bin/ls') ? ['/bin/ls'] : []), join(ctx.dir, 'node-head.txt')];
      return all(
        files.map((f) => clear(ctx, f, ['analyze', f], /looks like a binary file \(a NUL byte at byte \d+\), not a plain-text article/)),
        (n) => `${n} of ${n}: exit 1, "looks like a binary file (a NUL byte at byte …)", no entities`,
      );
    },
  },
  {
    item: 7,
    tried: 'UTF-16 LE and BE with a BOM: `analyze --json` against the same article in UTF-8',
    timeoutMs: 20_000,
    run: async (ctx) => {
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ARTICLE, 'utf16le')]);
      writeFileSync(join(ctx.dir, 'le.txt'), le);
      writeFileSync(join(ctx.dir, 'be.txt'), Buffer.from(le).swap16());
      writeFileSync(join(ctx.dir, 'u8.txt'), ARTICLE);
      const json = async (n: string) => {
        const r = await runCli(ctx, ['analyze', '--json', join(ctx.dir, n)]);
        if (r.code !== 0) return describeRun(r);
        const j = JSON.parse(r.stdout);
        delete j.file;
        return JSON.stringify(j);
      };
      const [a, b, c] = [await json('le.txt'), await json('be.txt'), await json('u8.txt')];
      const entities = (JSON.parse(c).entities as unknown[]).length;
      const ok = a === c && b === c && entities > 0;
      return { ok, count: 2, result: ok ? `both give the UTF-8 analysis exactly (${entities} entities, same offsets)` : `differs: LE ${a === c}, BE ${b === c}` };
    },
  },
  {
    item: 7,
    tried: 'UTF-8 BOM: `analyze --json` offsets against `annotate` + `annotations --json` (the store)',
    timeoutMs: 20_000,
    run: async (ctx) => {
      const article = join(ctx.dir, 'bom.txt');
      writeFileSync(article, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARTICLE)]));
      const r = await runCli(ctx, ['analyze', '--json', article]);
      const entities = r.code === 0 ? (JSON.parse(r.stdout).entities as { start: number; end: number; text: string }[]) : [];
      const wrong = entities.filter((e) => ARTICLE.slice(e.start, e.end) !== e.text).length;
      const paris = entities.find((e) => e.text === 'Paris');
      await runCli(ctx, ['annotate', article, '--exact', 'Paris', '--label', 'place']);
      const listed = await runCli(ctx, ['annotations', '--json', article]);
      const note = listed.code === 0 ? JSON.parse(listed.stdout).annotations[0] : undefined;
      const ok = entities.length > 0 && wrong === 0 && !!paris && note?.start === paris.start && note?.end === paris.end && note?.state === 'anchored';
      return {
        ok,
        count: entities.length + 1,
        result: ok
          ? `${entities.length} of ${entities.length} entity offsets index the text without the BOM; the note on "Paris" is at ${note.start}-${note.end} in both`
          : `${wrong} entity offsets off; analyze "Paris" ${paris?.start}-${paris?.end}, store ${note?.start}-${note?.end}`,
      };
    },
  },
  {
    item: 7,
    tried: 'invalid UTF-8 (a truncated sequence, a lone continuation byte, an overlong form)',
    timeoutMs: 20_000,
    run: async (ctx) => {
      const variants: [string, Buffer, number][] = [
        ['truncated', Buffer.concat([Buffer.from('Café in Paris, '), Buffer.from([0xe2, 0x82]), Buffer.from(' Alice said.\n')]), 16],
        ['continuation', Buffer.concat([Buffer.from('Paris '), Buffer.from([0x80]), Buffer.from(' Bob.\n')]), 6],
        ['overlong', Buffer.concat([Buffer.from('Rome '), Buffer.from([0xc0, 0xaf]), Buffer.from('.\n')]), 5],
      ];
      const bad: string[] = [];
      for (const [name, bytes, at] of variants) {
        writeFileSync(join(ctx.dir, `${name}.txt`), bytes);
        const r = await runCli(ctx, ['analyze', join(ctx.dir, `${name}.txt`)]);
        if (r.code !== 0 || !new RegExp(`warning: .*${name}\\.txt is not valid UTF-8 at byte ${at};`).test(r.stderr)) bad.push(`${name}: ${describeRun(r)}`);
      }
      return { ok: bad.length === 0, count: variants.length, result: bad.length ? bad[0]! : `${variants.length} of ${variants.length}: analysed, with "warning: … not valid UTF-8 at byte N" (the right N)` };
    },
  },
  {
    item: 7,
    tried: 'ANSI/OSC escape sequences in an article and a sidecar: readable output of `analyze`, `annotations`, `check`',
    timeoutMs: 20_000,
    run: async (ctx) => {
      const article = join(ctx.dir, 'esc.txt');
      writeFileSync(article, 'Alice Smith met Bob Jones in \x1b]52;c;ZXZpbA==\x07Paris\x1b[2J. "We agreed \x1b[31mtoday\x9b," Smith said.\n');
      await runCli(ctx, ['annotate', article, '--exact', 'Paris', '--label', 'l\x1b[2J', '--note', 'see \x1b]8;;http://x\x07here']);
      writeFileSync(join(ctx.dir, 'other.txt'), 'Nothing here.\n');
      writeFileSync(join(ctx.dir, 'other.txt.annotations.yaml'), 'version: 1\nannotations:\n  - id: "x\\e[2J"\n    label: l\n    target: { exact: "gone \\e]0;owned\\a" }\n');
      const runs = [await runCli(ctx, ['analyze', article]), await runCli(ctx, ['annotations', article]), await runCli(ctx, ['check', ctx.dir]), await runCli(ctx, ['analyze', '--json', article])];
      const raw = runs.filter((r) => NO_CONTROLS.test(r.stdout) || NO_CONTROLS.test(r.stderr)).length;
      const shown = /\\x1b\[31mtoday\\x9b/.test(runs[0]!.stdout) && /l\\x1b\[2J/.test(runs[1]!.stdout) && /x\\x1b\[2J "gone \\x1b\]0;owned\\x07"/.test(runs[2]!.stdout);
      const ok = raw === 0 && shown && runs[3]!.code === 0;
      return { ok, count: runs.length, result: ok ? `no raw control character in ${runs.length} outputs (JSON included); shown as \\x1b… in the readable ones` : `${raw} outputs with raw controls; escaped form shown: ${shown}` };
    },
  },
  {
    item: 7,
    tried: '`analyze --jsonl` with a raw CR inside a line (and CRLF line ends)',
    timeoutMs: 20_000,
    run: async (ctx) => {
      const input = `{"id":1,"text":"Paris"}\r\n{"id":2,"text":"a\rb"}\r\n{"id":3,"text":"Rome"}\nnot json\n{"id":5,"text":"Alice Smith\\r\\nsaid."}\n`;
      const r = await runCli(ctx, ['analyze', '--jsonl'], { input });
      const ids = r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: number }).id);
      const ok = r.code === 1 && /line 2: not valid JSON/.test(r.stderr) && /line 4: not valid JSON/.test(r.stderr) && /2 of 5 lines failed/.test(r.stderr) && ids.join() === '1,3,5' && !/\r/.test(r.stdout);
      return { ok, count: 5, result: ok ? 'bad lines reported as 2 and 4 (of 5), records 1, 3, 5 written, one per line (CR escaped)' : `${describeRun(r)}; ids ${ids.join()}` };
    },
  },
];
