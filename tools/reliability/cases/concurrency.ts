// Nothing lost under concurrency, merges and writes (issue 18, items 1, 2, 3 and 13), against the
// bundled CLI: two writers, the git merge driver, writes that keep what they replace, and
// `news-lens annotate`.
import { chmodSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSidecar } from '../../../src/store';
import { concurrentTrial } from '../concurrentWriters';
import type { CaseContext, ReliabilityCase } from '../types';
import { describeRun, runCli } from '../runCli';

const ARTICLE = 'Reporters met in Paris on Monday. TikTok and Congress were on the agenda.\n';

/** A sidecar of `a.txt` in the case folder with notes added by `news-lens annotate` (labels given). */
async function withNotes(ctx: CaseContext, labels: string[], exact = 'Paris'): Promise<{ article: string; sidecar: string }> {
  const article = join(ctx.dir, 'a.txt');
  writeFileSync(article, ARTICLE);
  for (const label of labels) {
    const r = await runCli(ctx, ['annotate', article, '--exact', exact, '--label', label]);
    if (r.code !== 0) throw new Error(`setup: annotate failed: ${describeRun(r)}`);
  }
  return { article, sidecar: `${article}.annotations.yaml` };
}

/** The labels of a sidecar's notes, in file order (notes on one span are ordered by id, which is partly random). */
function labelsIn(file: string): string[] {
  const p = parseSidecar(readFileSync(file, 'utf8'));
  if (p.state !== 'ok') throw new Error(`${file} is ${p.state}: ${p.errors.map((e) => e.message).join('; ')}`);
  return p.annotations.map((a) => a.label ?? '');
}

const BASE = `version: 1
annotations:
  - id: a
    label: claim
    note: base note
    replies:
      - id: r1
        author: Ana
        created: 2026-01-01T01:00:00Z
        body: first reply
    target:
      exact: TikTok
  - id: b
    label: place
    target:
      exact: Congress
`;
const R2 = '      - id: r2\n        author: Bo\n        created: 2026-01-02T00:00:00Z\n        body: second reply\n';
const withoutA = (t: string) => t.replace(/  - id: a\n(?: {4}.*\n| {6}.*\n| {8}.*\n)*/, '');
const withReply = (t: string) => t.replace('        body: first reply\n', `        body: first reply\n${R2}`);

export const cases: ReliabilityCase[] = [
  {
    item: 1,
    tried: 'two writers, each running `news-lens annotate` 100 times (one process per note), on one sidecar at once',
    // About 15 s a trial on an idle 2-core machine, 1.5–4.5 min on a busy one (load 15, six sessions at once); the bound (6 min
    // a trial) is there to catch a hang, not to time the trials.
    timeoutMs: 10 * 360_000,
    run: async (ctx) => {
      const trials = ctx.quick ? 3 : 10;
      const kept: number[] = [];
      const problems: string[] = [];
      const secs: number[] = [];
      for (let t = 0; t < trials; t++) {
        const r = await concurrentTrial(ctx.cli, 100);
        kept.push(r.kept);
        secs.push(r.ms / 1000);
        if (r.kept !== 200) problems.push(`trial ${t + 1} kept ${r.kept} of 200`);
        if (r.failures.length) problems.push(`trial ${t + 1}: ${r.failures.length} failed calls (${r.failures[0]})`);
        if (r.leftovers.length) problems.push(`trial ${t + 1} left ${r.leftovers.join(', ')}`);
      }
      const range = `${Math.min(...secs).toFixed(0)}–${Math.max(...secs).toFixed(0)} s a trial`;
      return {
        ok: problems.length === 0,
        count: trials,
        result: problems.length ? problems.slice(0, 2).join('; ') : `200 of 200 kept in each of ${trials} trials, every call acknowledged, no lock or temp file left (${range})`,
      };
    },
  },
  {
    item: 2,
    tried: 'merge driver: a note deleted on one side and given a reply on the other (both directions)',
    timeoutMs: 20_000,
    run: async (ctx) => {
      const bad: string[] = [];
      for (const [name, ours, theirs] of [['ours deletes', withoutA(BASE), withReply(BASE)], ['theirs deletes', withReply(BASE), withoutA(BASE)]] as const) {
        const [b, o, t] = ['base.yaml', 'ours.yaml', 'theirs.yaml'].map((f) => join(ctx.dir, f)) as [string, string, string];
        writeFileSync(b, BASE);
        writeFileSync(o, ours);
        writeFileSync(t, theirs);
        const r = await runCli(ctx, ['merge-driver', b, o, t]);
        const merged = parseSidecar(readFileSync(o, 'utf8'));
        const a = merged.annotations.find((x) => x.id === 'a');
        const replies = a?.replies?.map((x) => x.id).join(',');
        if (r.code !== 1 || !/deleted on (our|their) side but changed/.test(r.stderr) || merged.state !== 'ok' || replies !== 'r1,r2') {
          bad.push(`${name}: ${describeRun(r)}; note a ${a ? `kept with replies ${replies}` : 'dropped'}`);
        }
      }
      return { ok: bad.length === 0, count: 2, result: bad[0] ?? 'note kept with both replies, exit 1 and the conflict named on stderr, in both directions' };
    },
  },
  {
    item: 2,
    tried: 'merge driver: one field changed differently on both sides (label claim → source / opinion)',
    timeoutMs: 20_000,
    run: async (ctx) => {
      const article = join(ctx.dir, 'a.txt');
      writeFileSync(article, ARTICLE);
      const [b, o, t] = [join(ctx.dir, 'base.yaml'), `${article}.annotations.yaml`, join(ctx.dir, 'theirs.yaml')];
      writeFileSync(b, BASE);
      writeFileSync(o, BASE.replace('label: claim', 'label: source'));
      writeFileSync(t, BASE.replace('label: claim', 'label: opinion'));
      const r = await runCli(ctx, ['merge-driver', b, o, t]);
      const text = readFileSync(o, 'utf8');
      const listed = await runCli(ctx, ['annotations', '--json', article]);
      const state = listed.stdout ? JSON.parse(listed.stdout).sidecarState : undefined;
      const ok = r.code === 1 && /^<<<<<<< /m.test(text) && /^>>>>>>> /m.test(text) && text.includes('label: source') && text.includes('label: opinion') && state === 'conflicted' && listed.code === 1;
      return {
        ok,
        count: 1,
        result: ok ? 'exit 1; both labels left between conflict markers; `annotations` then reports the sidecar conflicted (exit 1)' : `${describeRun(r)}; markers ${/^<<<<<<< /m.test(text)}, state ${state}`,
      };
    },
  },
  {
    item: 3,
    tried: 'annotate on a 0600 sidecar; on a 0444 sidecar',
    timeoutMs: 30_000,
    run: async (ctx) => {
      const { article, sidecar } = await withNotes(ctx, ['one']);
      chmodSync(sidecar, 0o600);
      const r1 = await runCli(ctx, ['annotate', article, '--exact', 'Paris', '--label', 'two']);
      const mode = statSync(sidecar).mode & 0o777;
      chmodSync(sidecar, 0o444);
      const before = readFileSync(sidecar);
      const r2 = await runCli(ctx, ['annotate', article, '--exact', 'Paris', '--label', 'three']);
      const same = readFileSync(sidecar).equals(before) && (statSync(sidecar).mode & 0o777) === 0o444;
      const ok = r1.code === 0 && mode === 0o600 && labelsIn(sidecar).sort().join() === 'one,two' && r2.code === 1 && /read-only/.test(r2.stderr) && same;
      return {
        ok,
        count: 2,
        result: ok ? 'the 0600 sidecar stays 0600 with the new note; the 0444 one is refused ("read-only", exit 1) and left byte for byte' : `mode ${mode.toString(8)}; ${describeRun(r2)}; unchanged ${same}`,
      };
    },
  },
  {
    item: 3,
    tried: 'annotate on a sidecar that is a symbolic link to a file elsewhere',
    timeoutMs: 30_000,
    run: async (ctx) => {
      const article = join(ctx.dir, 'a.txt');
      writeFileSync(article, ARTICLE);
      mkdirSync(join(ctx.dir, 'store'));
      const real = join(ctx.dir, 'store', 'real.yaml');
      writeFileSync(real, 'version: 1\nannotations: []\n');
      symlinkSync(real, `${article}.annotations.yaml`);
      const runs = [await runCli(ctx, ['annotate', article, '--exact', 'Paris', '--label', 'one']), await runCli(ctx, ['annotate', article, '--exact', 'TikTok', '--label', 'two'])];
      const link = lstatSync(`${article}.annotations.yaml`).isSymbolicLink();
      const ok = runs.every((r) => r.code === 0) && link && labelsIn(real).sort().join() === 'one,two';
      return { ok, count: 2, result: ok ? 'the link stays a link; both notes are in its target' : `link kept ${link}; ${runs.map((r) => describeRun(r)).join('; ')}` };
    },
  },
  {
    item: 3,
    tried: 'annotate a note that would take the sidecar over its 5 MB read limit',
    timeoutMs: 30_000,
    run: async (ctx) => {
      const article = join(ctx.dir, 'a.txt');
      writeFileSync(article, ARTICLE);
      const sidecar = `${article}.annotations.yaml`;
      const filler = 'x'.repeat(5 * 1024 * 1024 - 100_000);
      writeFileSync(sidecar, `version: 1\nannotations:\n  - id: big\n    label: big\n    note: ${filler}\n    target:\n      exact: Paris\n`);
      const before = readFileSync(sidecar);
      const r = await runCli(ctx, ['annotate', article, '--exact', 'TikTok', '--label', 'more', '--note', 'y'.repeat(120_000)]);
      const listed = await runCli(ctx, ['annotations', '--json', article], { maxOutput: 16 << 20 });
      const state = listed.code === 0 ? JSON.parse(listed.stdout).sidecarState : `exit ${listed.code}`;
      const ok = r.code === 1 && /size limit/.test(r.stderr) && readFileSync(sidecar).equals(before) && state === 'ok';
      return { ok, count: 1, result: ok ? 'refused ("over the size limit", exit 1); the sidecar unchanged and still readable' : `${describeRun(r)}; sidecar now ${state}` };
    },
  },
  {
    item: 13,
    tried: '`news-lens annotate`: --exact, --start/--end in code points (after an emoji), an ambiguous --exact',
    timeoutMs: 30_000,
    run: async (ctx) => {
      const article = join(ctx.dir, 'a.txt');
      writeFileSync(article, '🔥 Paris and Paris, then Rome.\n');
      const byExact = await runCli(ctx, ['annotate', article, '--exact', 'Rome', '--label', 'city', '--json']);
      const cp = await runCli(ctx, ['annotate', article, '--start', '2', '--end', '7', '--label', 'first', '--json']);
      const twice = await runCli(ctx, ['annotate', article, '--exact', 'Paris', '--label', 'x']);
      const e = byExact.code === 0 ? JSON.parse(byExact.stdout) : {};
      const c = cp.code === 0 ? JSON.parse(cp.stdout) : {};
      const labels = labelsIn(`${article}.annotations.yaml`);
      const ok = e.exact === 'Rome' && e.start === 24 && c.exact === 'Paris' && c.start === 2 && twice.code === 1 && /occurs 2 times/.test(twice.stderr) && labels.sort().join() === 'city,first';
      return { ok, count: 3, result: ok ? 'notes on "Rome" (code points 24–28) and on the first "Paris" (2–7); the ambiguous one refused ("occurs 2 times", exit 1)' : `${describeRun(byExact, 'stdout')}; ${describeRun(cp, 'stdout')}; ${describeRun(twice)}` };
    },
  },
];
