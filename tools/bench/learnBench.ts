// `npm run bench -- --data DIR --only learn`: how long `news-lens learn` takes and how big the adapted
// model is, for 25/50/100/150 reviewed articles of the simulated reviewer's streams (learningCurve.ts:
// UNER EWT test, short web articles; GUM non-news, long ones), and how long loading and applying the
// model takes (what analyze --model adds once per process). Median of 3 runs, wall and CPU time.
import { readFileSync } from 'node:fs';
import { analyze } from '../../src/engine';
import { PerceptronRecognizer, defaultModelPath } from '../../src/engine/ner';
import { deserializeModel } from '../../src/engine/ner/model';
import { applyAdapted, deserializeAdapted, fingerprint, serializeAdapted } from '../../src/engine/ner/adapt';
import { learnAdapted } from '../../src/engine/ner/learn';
import { loadStream, simulatedReview } from '../eval/learningCurve';
import { median } from '../util/median';
import type { BenchRow, BenchSection } from './types';

const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

export const learnSection: BenchSection = {
  id: 'learn',
  title: 'learning an adapted model (news-lens learn)',
  needsData: true,
  run: (ctx) => {
    const rows: BenchRow[] = [];
    const bytes = readFileSync(defaultModelPath());
    const base = deserializeModel(bytes);
    const fp = fingerprint(bytes);
    const shipped = new PerceptronRecognizer(base);
    for (const stream of ['uner', 'gum'] as const) {
      const { docs, goldHasMisc } = loadStream(ctx.dataDir!, stream);
      const examples = docs.slice(0, 150).map((d) => ({ ...simulatedReview(analyze(d.text, { recognizer: shipped }), d.entities, goldHasMisc).example, text: d.text }));
      for (const n of stream === 'uner' ? [25, 50, 100, 150] : [25, 150]) {
        const ex = examples.slice(0, n);
        const chars = ex.reduce((a, e) => a + e.text.length, 0);
        const wall: number[] = [], cpu: number[] = [], load: number[] = [];
        let size = 0;
        for (let r = 0; r < 3; r++) {
          const t0 = performance.now(), c0 = cpuMs();
          const out = serializeAdapted(learnAdapted(base, fp, ex));
          wall.push(performance.now() - t0); cpu.push(cpuMs() - c0);
          size = out.length;
          const l0 = performance.now();
          applyAdapted(base, deserializeAdapted(out));
          load.push(performance.now() - l0);
        }
        const ms = median(wall);
        rows.push({
          section: 'learn', case: `learn from ${n} ${stream === 'uner' ? 'UNER (short)' : 'GUM (long)'} articles`, chars, runs: 3, msPerRun: ms,
          msRange: [Math.min(...wall), Math.max(...wall)], charsPerSec: chars / (ms / 1000),
          note: `CPU ${median(cpu).toFixed(0)} ms; model ${size.toLocaleString('en-US')} bytes; load + apply ${median(load).toFixed(0)} ms`,
        });
      }
    }
    return rows;
  },
};
