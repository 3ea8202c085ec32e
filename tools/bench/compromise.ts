// Side-by-side comparison with `compromise` (a development dependency, used only here): the same
// CoNLL-2003 dev documents through both, in the same run — F1 of each and the speed ratio.
import nlp from 'compromise';
import type { BenchSection, BenchRow, BenchContext, PairedTiming } from './types';
import { timeIsolated } from './isolated';
import { median } from '../util/median';
import { loadConll } from '../eval/datasets';
import { conllEntities, CONLL_TYPES } from '../eval/evaluate';
import { SpanScorer, type TypedSpan } from '../eval/score';

/** compromise's people / organizations / places as CoNLL PER / ORG / LOC spans (it has no MISC). */
export function compromiseEntities(text: string): TypedSpan[] {
  const doc = nlp(text);
  const out: TypedSpan[] = [];
  const take = (view: { json(o: object): { offset: { start: number; length: number } }[] }, type: string) => {
    for (const m of view.json({ offset: true })) {
      const span = trimSpan(text, m.offset.start, m.offset.start + m.offset.length);
      if (span) out.push({ ...span, type });
    }
  };
  take(doc.people(), 'PER');
  take(doc.organizations(), 'ORG');
  take(doc.places(), 'LOC');
  return out;
}

/** compromise's offsets carry trailing punctuation, spaces and possessives ("Tony Adams,", "England's");
 *  trim them so that it is scored on the name itself, as a fair comparison. Abbreviations keep their
 *  final period ("U.S."). */
function trimSpan(text: string, start: number, end: number): { start: number; end: number } | undefined {
  while (end > start && /\s/.test(text[end - 1])) end--;
  for (;;) {
    const s = text.slice(start, end);
    if (/['’]s$/.test(s)) { end -= 2; continue; }
    if (/[,;:!?)"'’\]]$/.test(s) || (/\.$/.test(s) && !/(?:^|[.\s])\p{L}\.$/u.test(s) && !/\.\p{L}+\.$/u.test(s))) { end--; continue; }
    break;
  }
  while (start < end && /[\s("'‘“[]/.test(text[start])) start++;
  return end > start ? { start, end } : undefined;
}

function timeAll(texts: string[], fn: (t: string) => unknown): number {
  const start = process.hrtime.bigint();
  for (const t of texts) fn(t);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export const compromiseSection: BenchSection = {
  id: 'compromise',
  title: 'News Lens analyze() vs compromise on the CoNLL-2003 dev documents (same run)',
  needsData: true,
  run: async (ctx: BenchContext): Promise<BenchRow[]> => {
    const docs = loadConll(ctx.dataDir!);
    const texts = docs.map((d) => d.text);
    const chars = texts.reduce((n, t) => n + t.length, 0);
    const ours = new SpanScorer();
    const theirs = new SpanScorer();
    for (const d of docs) {
      ours.add(d.entities, conllEntities(ctx.analyze(d.text)));
      theirs.add(d.entities, compromiseEntities(d.text));
    }
    // The speed ratio: each side in its own worker thread and heap, as shipped, in alternating turns
    // (isolated.ts), CPU time: sustained (median pass of each turn) and first pass of a turn.
    const rounds = Math.max(1, Math.round(5 * ctx.timeScale));
    const [o, t] = await timeIsolated(texts, [
      { label: 'News Lens', side: 'analyze', recognizer: ctx.recognizer.choice, modelFile: ctx.modelFile },
      { label: 'compromise', side: 'compromise' },
    ], rounds);
    const ratios = o.cpuMs.map((ms, i) => t.cpuMs[i] / ms);
    const firstRatios = o.firstCpuMs.map((ms, i) => t.firstCpuMs[i] / ms);
    // For comparison, the earlier way: both in this process's heap, whole passes interleaved (wall time).
    const oursMs: number[] = [];
    const theirsMs: number[] = [];
    for (let r = 0; r < Math.max(1, Math.round(3 * ctx.timeScale)); r++) {
      oursMs.push(timeAll(texts, ctx.analyze));
      theirsMs.push(timeAll(texts, compromiseEntities));
    }
    const f1 = (s: SpanScorer) => (s.result(CONLL_TYPES).micro.f1 * 100).toFixed(1);
    const row = (label: string, x: PairedTiming): BenchRow => ({
      section: 'compromise', case: label, chars, runs: x.cpuMs.length, msPerRun: median(x.cpuMs),
      msRange: [Math.min(...x.cpuMs), Math.max(...x.cpuMs)], charsPerSec: (chars / median(x.cpuMs)) * 1000,
    });
    return [
      row(`News Lens analyze(), CoNLL dev F1 ${f1(ours)} (own worker, CPU)`, o),
      { ...row(`compromise (people/orgs/places), CoNLL dev F1 ${f1(theirs)} (own worker, CPU)`, t),
        note: `News Lens is ${median(ratios).toFixed(1)}x faster (median of ${ratios.length} rounds, ` +
          `${Math.min(...ratios).toFixed(1)}–${Math.max(...ratios).toFixed(1)}); first pass after waiting: ` +
          `${median(firstRatios).toFixed(1)}x; in one heap, interleaved: ${(median(theirsMs) / median(oursMs)).toFixed(1)}x` },
    ];
  },
};
