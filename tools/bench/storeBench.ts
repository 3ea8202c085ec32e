// Annotation-store benchmark for `npm run bench`: a sidecar of 10,000 notes on a 1 MB article —
// writing it, loading it (read, YAML parse, validation), saving one changed note, re-anchoring every
// note, and the anchoring scenarios of anchoring.ts (unchanged text, a paragraph inserted, passages
// edited or deleted). Load and save are also given in CPU time (the machine may be shared).
import { mkdtempSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AnnotationStore, nodeFileSystem, sidecarPathFor } from '../../src/store';
import { benchAnchoring, benchHostileAnchoring, benchText } from './anchoring';
import type { BenchRow, BenchSection } from './types';

const COUNT = 10_000;

async function loadAndResolve(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'news-lens-bench-'));
  try {
    const text = benchText(1_000_000, 1);
    const article = path.join(dir, 'article.txt');
    writeFileSync(article, text);
    // Write the sidecar through the store itself, so it is exactly what News Lens produces.
    const w0 = process.hrtime.bigint();
    const writer = await AnnotationStore.open(nodeFileSystem, article, { text });
    const step = Math.floor(text.length / COUNT);
    for (let i = 0; i < COUNT; i++) {
      let start = i * step;
      while (start < text.length && !/\w/.test(text[start])) start++;
      const end = Math.min(text.length, start + 20 + (i % 40));
      writer.add(text, { start, end }, { label: 'claim', note: `note ${i}`, author: 'bench', id: `a-bench-${String(i).padStart(5, '0')}` });
    }
    await writer.save();
    const w1 = process.hrtime.bigint();
    const bytes = statSync(sidecarPathFor(article)).size;
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const store = await AnnotationStore.open(nodeFileSystem, article, { text });
    const t1 = process.hrtime.bigint();
    const c1 = process.cpuUsage(c0);
    const resolved = store.resolve(text);
    const t2 = process.hrtime.bigint();
    const anchored = resolved.filter((r) => r.anchor.state === 'anchored').length;
    store.update(`a-bench-${String(COUNT / 2).padStart(5, '0')}`, { note: 'changed' });
    const c2 = process.cpuUsage();
    const t3 = process.hrtime.bigint();
    await store.save();
    const t4 = process.hrtime.bigint();
    const c3 = process.cpuUsage(c2);
    const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;
    const cpu = (c: NodeJS.CpuUsage) => `${((c.user + c.system) / 1000).toFixed(0)} ms CPU`;
    return [
      { section: 'store', case: `add ${COUNT.toLocaleString('en-US')} notes to a new sidecar and save`, runs: 1, msPerRun: ms(w0, w1) },
      { section: 'store', case: `load sidecar: ${COUNT.toLocaleString('en-US')} notes (${(bytes / 1024 / 1024).toFixed(1)} MB YAML)`, runs: 1, msPerRun: ms(t0, t1), note: cpu(c1) },
      { section: 'store', case: 'change one note and save (lock, re-read, write)', runs: 1, msPerRun: ms(t3, t4), note: cpu(c3) },
      { section: 'store', case: `re-anchor them on a ${(text.length / 1e6).toFixed(1)} MB article`, chars: text.length, runs: 1, msPerRun: ms(t1, t2), note: `${anchored} anchored` },
      { section: 'store', case: 'load + re-anchor', runs: 1, msPerRun: ms(t0, t2) },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const storeSection: BenchSection = {
  id: 'store',
  title: 'annotation store: 10,000 notes on a 1 MB article',
  run: async () => {
    const rows = await loadAndResolve();
    const r = benchAnchoring({ size: 1_000_000, count: COUNT });
    const describe = (s: { states: Record<string, number> }) => Object.entries(s.states).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ');
    for (const [name, s] of [['unchanged text', r.unchanged], ['a paragraph inserted at the top', r.shifted], ['+ 1% of passages edited', r.edited], ['+ 1% of passages deleted', r.deleted]] as const) {
      rows.push({ section: 'store', case: `re-anchor, ${name}`, runs: 1, msPerRun: s.ms, note: describe(s) });
    }
    const h = benchHostileAnchoring();
    rows.push({ section: 'store', case: `re-anchor a hostile sidecar: ${h.notes} quotes of ${(h.quoteChars / h.notes / 1000).toFixed(0)} KB on 1 MB`, chars: h.quoteChars, runs: 1, msPerRun: h.ms, note: `${describe(h)}; search work ${h.work}` });
    return rows;
  },
};
