// Magnitude pruning of a trained name model (models/ner.bin) without retraining.
//
//   npm run prune -- --in models/ner.bin --out FILE (--min W | --fraction F)
//
// Drops every quantised weight q of pass p with |q| * scale_p < W (scale_p: the pass's quantisation step
// as stored in the file), i.e. the weights smaller than W in the averaged weights' own units; rows left
// without weights are dropped. This is exactly the rule of `npm run train -- ... --prune W`
// (prunedWeight in src/engine/ner/model.ts): training with --prune W writes the same bytes as training
// without it and pruning the file with --min W. --fraction F picks the smallest W that drops at least a
// fraction F of the stored weights and prints it (use that W with --prune to rebuild). Everything else in
// the file (header, steps, transitions, gazetteer, clusters) is copied unchanged.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { prunedWeight } from '../../src/engine/ner/model';

const MAGIC = 'NLNER2\0\0';

/** One stored weight: its pass (1 or 2) and |q| * step, the magnitude the pruning rule compares. */
interface Layout {
  nt: number;
  scale1: number;
  scale2: number;
  /** Offset of u32 nRows. */
  countsAt: number;
  nRows: number;
  nEntries: number;
  buckets: Int32Array;
  n1: Uint8Array;
  n2: Uint8Array;
  /** Offset of the first (u8 tag, i16 weight) entry. */
  entriesAt: number;
  /** Offset just after the entries (gazetteer and clusters follow). */
  tailAt: number;
}

function readLayout(buf: Buffer): Layout {
  if (buf.length < 20 || buf.toString('latin1', 0, 8) !== MAGIC) throw new Error('not a News Lens NER model (v2)');
  const nt = buf[9];
  const scale1 = buf.readFloatLE(12), scale2 = buf.readFloatLE(16);
  const countsAt = 20 + 2 * (nt + 1) * nt * 4;
  if (buf.length < countsAt + 8) throw new Error('corrupt model: truncated before the weight rows');
  const nRows = buf.readUInt32LE(countsAt), nEntries = buf.readUInt32LE(countsAt + 4);
  let pos = countsAt + 8;
  const buckets = new Int32Array(nRows), n1 = new Uint8Array(nRows), n2 = new Uint8Array(nRows);
  let b = 0, total = 0;
  for (let r = 0; r < nRows; r++) {
    let v = 0, shift = 0, x: number;
    do {
      if (pos >= buf.length) throw new Error('corrupt model: truncated in the weight rows');
      x = buf[pos++]; v += (x & 0x7f) * 2 ** shift; shift += 7;
    } while (x & 0x80);
    b += v;
    buckets[r] = b; n1[r] = buf[pos]; n2[r] = buf[pos + 1]; pos += 2;
    if (n1[r] > nt || n2[r] > nt) throw new Error('corrupt model: more weights in a row than tags');
    total += n1[r] + n2[r];
  }
  if (total !== nEntries) throw new Error(`corrupt model: rows hold ${total} weights, header says ${nEntries}`);
  const tailAt = pos + 3 * nEntries;
  if (tailAt > buf.length) throw new Error('corrupt model: truncated in the weights');
  return { nt, scale1, scale2, countsAt, nRows, nEntries, buckets, n1, n2, entriesAt: pos, tailAt };
}

/** |q| * step of every stored weight, in file order. */
export function weightMagnitudes(buf: Buffer): Float64Array {
  const L = readLayout(buf);
  const out = new Float64Array(L.nEntries);
  let e = L.entriesAt, k = 0;
  for (let r = 0; r < L.nRows; r++) {
    for (let j = 0; j < L.n1[r] + L.n2[r]; j++, e += 3) out[k++] = Math.abs(buf.readInt16LE(e + 1)) * (j < L.n1[r] ? L.scale1 : L.scale2);
  }
  return out;
}

/** The smallest threshold W that drops at least `fraction` of the stored weights (0 for fraction 0). */
export function thresholdForFraction(buf: Buffer, fraction: number): number {
  if (!(fraction >= 0 && fraction < 1)) throw new Error('--fraction must be a number in [0, 1)');
  const m = weightMagnitudes(buf).sort();
  const need = Math.ceil(fraction * m.length);
  if (need === 0) return 0;
  // Dropped are the weights with magnitude < W: W = the first magnitude above the need-th smallest.
  const last = m[need - 1];
  let i = need;
  while (i < m.length && m[i] === last) i++;
  return i < m.length ? m[i] : last * 2 + 1;
}

export interface PruneResult {
  bytes: Buffer;
  rowsBefore: number;
  rowsAfter: number;
  weightsBefore: number;
  weightsAfter: number;
}

/** The model file with the weights of magnitude below `min` (and the rows left empty) dropped. */
export function pruneModel(buf: Buffer, min: number): PruneResult {
  if (!(min >= 0) || !Number.isFinite(min)) throw new Error('--min must be a finite number >= 0');
  const L = readLayout(buf);
  const rows: number[] = [];
  const ents: number[] = [];
  let e = L.entriesAt, prev = 0, nRows = 0, nEntries = 0;
  for (let r = 0; r < L.nRows; r++) {
    const kept: [number[], number[]] = [[], []];
    for (let j = 0; j < L.n1[r] + L.n2[r]; j++, e += 3) {
      const pass = j < L.n1[r] ? 0 : 1;
      const q = buf.readInt16LE(e + 1);
      if (min > 0 && prunedWeight(q, pass === 0 ? L.scale1 : L.scale2, min)) continue;
      kept[pass].push(buf[e], buf[e + 1], buf[e + 2]);
    }
    const k1 = kept[0].length / 3, k2 = kept[1].length / 3;
    if (!k1 && !k2) continue;
    let d = L.buckets[r] - prev;
    prev = L.buckets[r];
    while (d >= 0x80) { rows.push((d & 0x7f) | 0x80); d = Math.floor(d / 128); }
    rows.push(d, k1, k2);
    for (const x of kept[0]) ents.push(x);
    for (const x of kept[1]) ents.push(x);
    nRows++; nEntries += k1 + k2;
  }
  const counts = Buffer.alloc(8);
  counts.writeUInt32LE(nRows, 0); counts.writeUInt32LE(nEntries, 4);
  const bytes = Buffer.concat([buf.subarray(0, L.countsAt), counts, Buffer.from(rows), Buffer.from(ents), buf.subarray(L.tailAt)]);
  return { bytes, rowsBefore: L.nRows, rowsAfter: nRows, weightsBefore: L.nEntries, weightsAfter: nEntries };
}

function main(): void {
  const USAGE = 'usage: npm run prune -- --in models/ner.bin --out FILE (--min W | --fraction F)';
  let values;
  try {
    ({ values } = parseArgs({
      options: { in: { type: 'string' }, out: { type: 'string' }, min: { type: 'string' }, fraction: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true, allowPositionals: false,
    }));
  } catch (e) { console.error(`${(e as Error).message}\n${USAGE}`); process.exit(2); }
  if (values.help) { console.log(USAGE); return; }
  if (!values.in || !values.out || (values.min === undefined) === (values.fraction === undefined)) { console.error(USAGE); process.exit(2); }
  try {
    const buf = readFileSync(values.in);
    const min = values.min !== undefined ? Number(values.min) : thresholdForFraction(buf, Number(values.fraction));
    const r = pruneModel(buf, min);
    writeFileSync(values.out, r.bytes);
    const pct = (a: number, b: number) => `${(100 * (1 - a / b)).toFixed(1)}% dropped`;
    console.log(`threshold W = ${min} (rebuild: npm run train -- <recipe> --prune ${min})`);
    console.log(`weights ${r.weightsBefore} -> ${r.weightsAfter} (${pct(r.weightsAfter, r.weightsBefore)}); rows ${r.rowsBefore} -> ${r.rowsAfter} (${pct(r.rowsAfter, r.rowsBefore)})`);
    console.log(`wrote ${values.out}: ${buf.length} -> ${r.bytes.length} bytes, sha256 ${createHash('sha256').update(r.bytes).digest('hex')}`);
  } catch (e) { console.error(`prune: ${(e as Error).message}`); process.exit(1); }
}

if (require.main === module) main();
