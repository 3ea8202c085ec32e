import * as fs from 'node:fs';
import { analyze } from '../../src/engine';
import { PerceptronRecognizer, defaultModelPath } from '../../src/engine/ner';
import { deserializeModel } from '../../src/engine/ner/model';
import { applyAdapted, fingerprint } from '../../src/engine/ner/adapt';
import { learnAdapted } from '../../src/engine/ner/learn';
import { loadStream, simulatedReview } from './learningCurve';
import { conllEntities } from './evaluate';
const { docs, tail, goldHasMisc } = loadStream('/work/shared/data', process.argv[2] ?? 'uner-dev');
const bytes = fs.readFileSync(defaultModelPath()); const base = deserializeModel(bytes);
const shipped = new PerceptronRecognizer(base);
const ex = docs.slice(0, 150).map((d) => ({ ...simulatedReview(analyze(d.text, { recognizer: shipped }), d.entities, goldHasMisc).example, text: d.text }));
const ad = learnAdapted(base, fingerprint(bytes), ex, { gazetteer: false, epochs: 10, rate: 1 });
const rec = new PerceptronRecognizer(applyAdapted(base, ad));
const lost: Record<string, number> = {}, gained: Record<string, number> = {};
for (const d of docs.slice(docs.length - tail)) {
  const key = (e: any) => `${e.start}:${e.end}:${e.type}`;
  const g = new Set(d.entities.map(key));
  const p0 = new Set(conllEntities(analyze(d.text, { recognizer: shipped })).map(key));
  const p1 = new Set(conllEntities(analyze(d.text, { recognizer: rec })).map(key));
  for (const k of g) { const [s, e, t] = k.split(':'); const w = `${d.text.slice(+s, +e)}/${t}`;
    if (p0.has(k) && !p1.has(k)) lost[w] = (lost[w] ?? 0) + 1; if (!p0.has(k) && p1.has(k)) gained[w] = (gained[w] ?? 0) + 1; }
}
console.log('LOST', JSON.stringify(lost)); console.log('GAINED', JSON.stringify(gained));
// what does gold look like in reviewed docs
let lower = 0, all = 0; for (const d of docs) for (const e of d.entities) { all++; if (!/[A-Z]/.test(d.text.slice(e.start, e.end))) lower++; }
console.log('gold names without capitals', lower, 'of', all);
