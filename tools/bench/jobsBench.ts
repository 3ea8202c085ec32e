// Whole-process batch comparison for `npm run bench` (section `jobs`): the same ~1 MB of news as JSON
// Lines through `node dist/cli.js analyze --jsonl` (--jobs 1 and --jobs 2) and through a JSON Lines
// wrapper of compromise (compromiseJsonl.ts), each a fresh `node` process — cold: start-up, bundle
// and model loading, V8 warm-up and output all count. Runs alternate between the three, several
// rounds; the rows give the median wall time and, when /usr/bin/time exists, the median CPU time
// (user + system, all threads) — on a shared machine the CPU figure is the steadier one.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { median } from '../util/median';
import { bundleForBench } from './engineBundle';
import type { BenchContext, BenchRow, BenchSection } from './types';

const ROOT = path.resolve(__dirname, '..', '..');
const TIME = '/usr/bin/time';

/** An article as JSON Lines: documents of 12 paragraphs. */
export function newsJsonl(article: string): { jsonl: string; chars: number; docs: number } {
  const paragraphs = article.split('\n');
  const docs: string[] = [];
  for (let i = 0; i < paragraphs.length; i += 12) docs.push(paragraphs.slice(i, i + 12).join('\n'));
  const jsonl = docs.map((text, i) => JSON.stringify({ id: `d${i}`, text })).join('\n') + '\n';
  return { jsonl, chars: docs.reduce((n, d) => n + d.length, 0), docs: docs.length };
}

interface Run {
  wallMs: number;
  cpuMs?: number;
}

/** One whole process: `node args` with `input` on standard input, output discarded. */
function runProcess(args: string[], input: string): Run {
  const withTime = existsSync(TIME);
  const fd = openSync(input, 'r');
  try {
    const t0 = process.hrtime.bigint();
    const r = withTime
      ? spawnSync(TIME, ['-f', '%U %S', process.execPath, ...args], { stdio: [fd, 'ignore', 'pipe'], encoding: 'utf8' })
      : spawnSync(process.execPath, args, { stdio: [fd, 'ignore', 'pipe'], encoding: 'utf8' });
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`node ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
    if (!withTime) return { wallMs };
    const m = /([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
    return { wallMs, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : undefined };
  } finally {
    closeSync(fd);
  }
}

/** The section, on the article `articleOf` makes of the seed (sections.ts: the synthetic ~1 MB one). */
export const jobsSection = (articleOf: (seed: string) => string): BenchSection => ({
  id: 'jobs',
  title: 'whole process: news-lens analyze --jsonl (--jobs 1, 2) vs compromise on ~1 MB of news',
  run: (ctx: BenchContext): BenchRow[] => {
    // The CLI as it ships (dist/cli.js and its worker bundle), and compromise's wrapper.
    execFileSync(process.execPath, [path.join(ROOT, 'esbuild.mjs'), '--quiet'], { stdio: 'inherit' });
    const theirs = bundleForBench('tools/bench/compromiseJsonl.ts', path.join(ROOT, 'out', 'compromise-jsonl.js'), ['compromise', 'esbuild']);
    const dir = mkdtempSync(path.join(tmpdir(), 'news-lens-jobs-'));
    try {
      const { jsonl, chars, docs } = newsJsonl(articleOf(ctx.seedText));
      const input = path.join(dir, 'news.jsonl');
      writeFileSync(input, jsonl);
      const cli = path.join(ROOT, 'dist', 'cli.js');
      const sides = [
        { label: 'news-lens analyze --jsonl --jobs 2', args: [cli, 'analyze', '--jsonl', '--jobs', '2'] },
        { label: 'news-lens analyze --jsonl (one thread)', args: [cli, 'analyze', '--jsonl'] },
        { label: 'compromise (people/orgs/places), JSON Lines', args: [theirs] },
      ];
      // The same records either way (byte for byte) before timing.
      const out1 = spawnSync(process.execPath, sides[1]!.args, { input: readFileSync(input), maxBuffer: 1 << 30 }).stdout;
      const out2 = spawnSync(process.execPath, sides[0]!.args, { input: readFileSync(input), maxBuffer: 1 << 30 }).stdout;
      const identical = Buffer.compare(out1, out2) === 0;
      const rounds = Math.max(2, Math.round(5 * ctx.timeScale));
      const runs: Run[][] = sides.map(() => []);
      for (let r = 0; r < rounds; r++) {
        for (let k = 0; k < sides.length; k++) {
          const i = (r + k) % sides.length;
          runs[i]!.push(runProcess(sides[i]!.args, input));
        }
      }
      const wall = runs.map((rs) => median(rs.map((x) => x.wallMs)));
      const cpu = runs.map((rs) => (rs.every((x) => x.cpuMs !== undefined) ? median(rs.map((x) => x.cpuMs!)) : undefined));
      const ratio = (i: number): string => `${(wall[2]! / wall[i]!).toFixed(1)}x compromise wall` +
        (cpu[i] !== undefined && cpu[2] !== undefined ? `, ${(cpu[2] / cpu[i]).toFixed(1)}x CPU` : '');
      return sides.map((s, i): BenchRow => ({
        section: 'jobs', case: s.label, chars, runs: rounds, msPerRun: wall[i]!,
        msRange: [Math.min(...runs[i]!.map((x) => x.wallMs)), Math.max(...runs[i]!.map((x) => x.wallMs))],
        charsPerSec: (chars / wall[i]!) * 1000,
        note: [cpu[i] !== undefined ? `${cpu[i]!.toFixed(0)} ms CPU` : '', i < 2 ? ratio(i) : `${docs} documents`,
          i === 0 ? (identical ? 'output identical to one thread' : 'OUTPUT DIFFERS from one thread') : ''].filter(Boolean).join('; '),
      }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
