// Issue 15's first target, measured end to end: "on the reviewed articles themselves, `analyze` with
// their corrections reproduces the gold names exactly". For every article of a gold stream, a simulated
// reviewer turns each difference between the analysis and the gold names into a correction — reject a
// name the gold does not have, retype one it types otherwise, add a gold name that is missing (an add
// replaces the overlapping extracted names) — through the real annotation store: written to a sidecar
// in a temporary folder, read back, anchored on the text and applied (src/corrections), as
// `news-lens analyze` does. The corrected names are then compared with the gold, span and coarse type.
//
//   npx tsx tools/eval/correctionsRoundTrip.ts --data ../shared/data [--stream uner|gum] [--limit N]
//
// UNER has no MISC layer: MISC names that overlap no gold name are left alone and not compared.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../../src/engine';
import type { ConllType, EntityType } from '../../src/engine/types';
import { conllType } from '../../src/engine/types';
import { AnnotationStore, nodeFileSystem } from '../../src/store';
import { correctAnalysis, readSidecarCorrections } from '../../src/corrections';
import { loadStream } from './learningCurve';

const ONTO: Record<ConllType, EntityType> = { PER: 'PERSON', ORG: 'ORG', LOC: 'GPE', MISC: 'NORP' };

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { data: { type: 'string' }, stream: { type: 'string', default: 'uner' }, limit: { type: 'string' } }, strict: true });
  if (!values.data) throw new Error('usage: correctionsRoundTrip.ts --data DIR [--stream uner|gum] [--limit N]');
  const { docs, goldHasMisc } = loadStream(values.data, values.stream!);
  const limit = values.limit ? Number(values.limit) : docs.length;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newslens-roundtrip-'));
  let exact = 0, corrections = 0, applied = 0, notApplied = 0, reviewed = 0;
  const misses: string[] = [];
  for (const doc of docs.slice(0, limit)) {
    const file = path.join(dir, `${doc.id.replace(/[^\w.-]/g, '_')}.txt`);
    fs.writeFileSync(file, doc.text);
    const analysis = analyze(doc.text);
    const names = analysis.entities.filter((e) => conllType(e.type) && (goldHasMisc || conllType(e.type) !== 'MISC'));
    const store = await AnnotationStore.open(nodeFileSystem, file, { text: doc.text });
    const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
    for (const e of names) {
      if (!doc.entities.some((g) => overlaps(g, e))) store.addCorrection(doc.text, e, { kind: 'entity', action: 'reject', author: 'simulated reviewer' });
    }
    for (const g of doc.entities) {
      const same = analysis.entities.find((e) => e.start === g.start && e.end === g.end);
      if (same && conllType(same.type) === g.type) continue;
      const type = ONTO[g.type as ConllType] ?? g.type;
      store.addCorrection(doc.text, g, same ? { kind: 'entity', action: 'retype', type } : { kind: 'entity', action: 'add', type });
    }
    const n = store.corrections.length;
    if (n) { await store.save(); reviewed++; }
    corrections += n;
    const sidecar = await readSidecarCorrections(nodeFileSystem, file, doc.text);
    const { analysis: corrected, reports } = correctAnalysis(doc.text, analysis, sidecar.resolved);
    applied += reports.filter((r) => r.applied).length;
    notApplied += reports.filter((r) => !r.applied).length;
    const got = corrected.entities.filter((e) => conllType(e.type) && (goldHasMisc || conllType(e.type) !== 'MISC' || doc.entities.some((g) => overlaps(g, e))))
      .map((e) => `${e.start}:${e.end}:${conllType(e.type)}`).sort();
    const want = doc.entities.map((g) => `${g.start}:${g.end}:${g.type}`).sort();
    if (JSON.stringify(got) === JSON.stringify(want)) exact++;
    else if (misses.length < 10) {
      const extra = got.filter((x) => !want.includes(x)), missing = want.filter((x) => !got.includes(x));
      const show = (k: string) => { const [s, e, t] = k.split(':'); return `${doc.text.slice(Number(s), Number(e))}/${t}`; };
      misses.push(`${doc.id}: extra ${extra.map(show).join(', ') || '-'}; missing ${missing.map(show).join(', ') || '-'}; ${reports.filter((r) => !r.applied).map((r) => `${r.action} "${r.text ?? ''}": ${r.reason}`).join('; ')}`);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const n = Math.min(limit, docs.length);
  console.log(`stream ${values.stream}: ${n} articles, ${reviewed} needed corrections (${corrections} corrections: ${applied} applied, ${notApplied} not)`);
  console.log(`corrected analysis = gold names exactly: ${exact} of ${n} articles (${((100 * exact) / n).toFixed(1)}%)`);
  for (const m of misses) console.log(`  ${m}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
