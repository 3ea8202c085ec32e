// npm run bench [-- --data ../shared/data] [--recognizer rules|model] [--model FILE] [--only seed,1mb,...] [--quick] [--json FILE]
//                  [--sources]
//
// analyze() throughput (characters per second, median run after warm-up), peak memory and, when the
// trained recognizer exists, its load time. Works without --data (seed article + a synthetic 1 MB
// article); with --data it also times the CoNLL-2003 dev text. Sections are listed in sections.ts.
// The engine is timed as it ships, bundled by esbuild (engineBundle.ts); --sources times the TypeScript
// sources through tsx instead.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as sourceEngine from './engineEntry';
import { loadBundledEngine } from './engineBundle';
import { MemorySampler } from './memory';
import { sections } from './sections';
import type { BenchContext, BenchRow } from './types';
import { DATA_FILES, missingFiles } from '../eval/datasets';
import { RECOGNIZER_CHOICES, isRecognizerChoice } from '../eval/recognizer';
import { formatTable } from '../eval/score';

const SEED = path.join(__dirname, '..', '..', 'seeds', 'trump-xi-tiktok-call.txt');

const USAGE = `usage: npm run bench -- [--data DIR] [--recognizer ${RECOGNIZER_CHOICES.join('|')}] [--model FILE] [--only ${sections.map((s) => s.id).join(',')}] [--quick] [--json FILE] [--sources]`;

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n${USAGE}\n`);
  process.exit(2);
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1);
const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toFixed(4));

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' },
        recognizer: { type: 'string', default: 'model' },
        model: { type: 'string' },
        only: { type: 'string' },
        quick: { type: 'boolean', default: false },
        json: { type: 'string' },
        sources: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const choice = values.recognizer ?? 'model';
  if (!isRecognizerChoice(choice)) fail(`--recognizer must be one of ${RECOGNIZER_CHOICES.join('|')}, got ${choice}`);
  let dataDir: string | undefined;
  if (values.data !== undefined) {
    dataDir = path.resolve(values.data);
    const missing = fs.existsSync(dataDir) ? missingFiles(dataDir, ['conll']) : [values.data];
    if (missing.length) fail(`--data ${values.data}: missing ${missing.join(', ')} (expected ${DATA_FILES.conll})`);
  }
  const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const id of only ?? []) if (!sections.some((s) => s.id === id)) fail(`unknown section in --only: ${id}`);

  const memory = new MemorySampler();
  memory.start();
  const engine = values.sources ? sourceEngine : loadBundledEngine();
  let recognizer;
  try {
    recognizer = engine.loadRecognizer(choice, values.model);
  } catch (e) {
    fail((e as Error).message);
  }
  const options = { recognizer: recognizer.recognizer };
  const ctx: BenchContext = {
    dataDir,
    analyze: (text) => engine.analyze(text, options),
    recognizer,
    modelFile: values.model,
    seedText: fs.readFileSync(SEED, 'utf8'),
    seedName: path.basename(SEED),
    memory,
    timeScale: values.quick ? 0.2 : 1,
  };

  // Timings on a shared machine: run it pinned to one idle core (taskset -c N npm run bench ...) and
  // compare runs made at similar load; the header says both.
  console.log(`News Lens bench — node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} CPUs ` +
    `(${os.availableParallelism()} available to this process), load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ` +
    `recognizer: ${choice} (${recognizer.recognizer.id}), engine: ${values.sources ? 'TypeScript sources through tsx' : 'bundled as shipped'}` +
    `${values.quick ? ', quick' : ''}`);
  const rows: BenchRow[] = [];
  for (const section of sections) {
    if (only && !only.includes(section.id)) continue;
    if (section.needsData && !dataDir) {
      rows.push({ section: section.id, case: section.title, note: 'skipped: needs --data' });
      continue;
    }
    rows.push(...(await section.run(ctx)));
  }
  memory.stop();

  const table = [['section', 'case', 'chars', 'runs', 'ms/run (median)', 'min–max', 'chars/s', 'peak heap MB', 'note']];
  for (const r of rows) {
    table.push([
      r.section, r.case,
      r.chars === undefined ? '' : int(r.chars),
      r.runs === undefined ? '' : int(r.runs),
      r.msPerRun === undefined ? '' : ms(r.msPerRun),
      r.msRange === undefined ? '' : `${ms(r.msRange[0])}–${ms(r.msRange[1])}`,
      r.charsPerSec === undefined ? '' : Number.isFinite(r.charsPerSec) ? int(r.charsPerSec) : '∞',
      r.peakHeapBytes === undefined ? '' : mb(r.peakHeapBytes),
      r.note ?? '',
    ]);
  }
  console.log(`\n${formatTable(table, { align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'] })}`);
  const osPeak = MemorySampler.osPeakRss();
  console.log(`\npeak memory: rss ${mb(osPeak)} MB (OS high-water mark), rss ${mb(memory.maxRss)} MB (max sampled), ` +
    `heapUsed ${mb(memory.maxHeapUsed)} MB (max sampled)`);

  if (values.json) {
    const out = {
      node: process.version, cpus: os.cpus().length, recognizer: choice, quick: values.quick,
      rows: rows.map((r) => ({ ...r, charsPerSec: r.charsPerSec !== undefined && Number.isFinite(r.charsPerSec) ? r.charsPerSec : null })),
      memory: { osPeakRssBytes: osPeak, sampledPeakRssBytes: memory.maxRss, sampledPeakHeapUsedBytes: memory.maxHeapUsed },
    };
    fs.writeFileSync(values.json, `${JSON.stringify(out, null, 2)}\n`);
    console.log(`wrote ${values.json}`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exit(1);
});
