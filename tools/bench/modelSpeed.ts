// Name models compared on speed in one process, alternating: analyze() (the engine bundled as it ships)
// on the seed article, the synthetic 1 MB article and the CoNLL-2003 dev text, with each model in turn
// per round (the order rotates every round), wall time and CPU time per run; then each model's load time
// (read + deserialise) in fresh processes, alternating too. Medians over the rounds.
//
//   npx tsx tools/bench/modelSpeed.ts --data ../shared/data [--rounds 7] [--loads 5] LABEL=FILE LABEL=FILE ...
//
// For comparisons on a shared machine run it pinned to one core (`taskset -c 1`): what counts is the
// ratio between models measured in the same rounds, and the CPU-time figures.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadBundledEngine } from './engineBundle';
import { collectGarbage } from './memory';
import { ONE_MB, syntheticArticle } from './sections';
import { loadConll } from '../eval/datasets';
import { formatTable } from '../eval/score';

const SEED = path.join(__dirname, '..', '..', 'seeds', 'trump-xi-tiktok-call.txt');
const USAGE = 'usage: npx tsx tools/bench/modelSpeed.ts --data DIR [--rounds 7] [--loads 5] LABEL=FILE ...';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function loadOnly(file: string): void {
  const engine = loadBundledEngine();
  const t0 = performance.now(), c0 = process.cpuUsage();
  engine.loadRecognizer('model', file);
  const c = process.cpuUsage(c0);
  console.log(JSON.stringify({ wallMs: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 }));
}

function main(): void {
  const { values, positionals } = parseArgs({
    options: {
      data: { type: 'string' }, rounds: { type: 'string', default: '7' }, loads: { type: 'string', default: '5' },
      'load-only': { type: 'string' }, json: { type: 'string' },
    },
    allowPositionals: true, strict: true,
  });
  if (values['load-only']) { loadOnly(values['load-only']); return; }
  const models = positionals.map((p) => {
    const i = p.indexOf('=');
    if (i <= 0) throw new Error(`expected LABEL=FILE, got ${p}\n${USAGE}`);
    const file = path.resolve(p.slice(i + 1));
    if (!fs.existsSync(file)) throw new Error(`no model file ${file}`);
    return { label: p.slice(0, i), file };
  });
  if (!values.data || models.length === 0) { console.error(USAGE); process.exit(2); }
  const rounds = Number(values.rounds), loads = Number(values.loads);
  const engine = loadBundledEngine();
  const seed = fs.readFileSync(SEED, 'utf8');
  const texts = [
    { name: 'seed', text: seed, reps: 200 },
    { name: '1mb', text: syntheticArticle(seed, ONE_MB), reps: 1 },
    { name: 'conll', text: loadConll(path.resolve(values.data)).map((d) => d.text).join('\n\n'), reps: 2 },
  ];
  const recognizers = models.map((m) => engine.loadRecognizer('model', m.file).recognizer);
  // results[model][text] = { wall: chars/s per run, cpu: chars per CPU-second per run }
  const results = models.map(() => texts.map(() => ({ wall: [] as number[], cpu: [] as number[] })));
  for (const recognizer of recognizers) for (const t of texts) engine.analyze(t.text, { recognizer }); // warm-up
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < models.length; j++) {
      const m = (j + r) % models.length;
      for (let k = 0; k < texts.length; k++) {
        const { text, reps } = texts[k];
        collectGarbage();
        const t0 = performance.now(), c0 = process.cpuUsage();
        for (let i = 0; i < reps; i++) engine.analyze(text, { recognizer: recognizers[m] });
        const c = process.cpuUsage(c0), wall = (performance.now() - t0) / 1000, cpu = (c.user + c.system) / 1e6;
        results[m][k].wall.push((text.length * reps) / wall);
        results[m][k].cpu.push((text.length * reps) / cpu);
      }
    }
    process.stderr.write(`round ${r + 1}/${rounds}\n`);
  }
  const loadMs = models.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
  for (let r = 0; r < loads; r++) {
    for (let j = 0; j < models.length; j++) {
      const m = (j + r) % models.length;
      const out = execFileSync(process.execPath, [...process.execArgv, __filename, '--load-only', models[m].file], { encoding: 'utf8' });
      const x = JSON.parse(out.trim().split('\n').pop()!) as { wallMs: number; cpuMs: number };
      loadMs[m].wall.push(x.wallMs); loadMs[m].cpu.push(x.cpuMs);
    }
  }
  const M = (x: number) => (x / 1e6).toFixed(2);
  const rows = [['model', 'bytes', 'load ms (cpu)', ...texts.flatMap((t) => [`${t.name} M/s wall`, `${t.name} M/s cpu`])]];
  models.forEach((m, i) => rows.push([m.label, String(fs.statSync(m.file).size),
    `${median(loadMs[i].wall).toFixed(0)} (${median(loadMs[i].cpu).toFixed(0)})`,
    ...texts.flatMap((_, k) => [M(median(results[i][k].wall)), M(median(results[i][k].cpu))])]));
  console.log(`${rounds} rounds, models alternating (rotated order), ${loads} fresh-process loads each; medians`);
  console.log(formatTable(rows));
  if (values.json) {
    fs.writeFileSync(values.json, `${JSON.stringify(models.map((m, i) => ({ ...m, bytes: fs.statSync(m.file).size, load: loadMs[i],
      speed: Object.fromEntries(texts.map((t, k) => [t.name, results[i][k]])) })), null, 2)}\n`);
  }
}

main();
