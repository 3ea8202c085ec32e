// A loaded model as plain data for another thread (postMessage's structured clone), and back: the
// threads of `news-lens analyze --jsonl --jobs N` get the model the main thread decoded, instead of
// each reading and decoding models/ner.bin itself.
import { Gazetteer } from './features';
import type { NerModel } from './model';

/** A NerModel without its Gazetteer class: the typed arrays and numbers, the gazetteer's two maps. */
export type TransferableModel = Omit<NerModel, 'gaz'> & { gazMap: Map<number, number>; gazClusters: Map<number, number> };

export function modelToTransfer(m: NerModel): TransferableModel {
  const { gaz, ...rest } = m;
  return { ...rest, gazMap: gaz.map, gazClusters: gaz.clusters };
}

export function modelFromTransfer(t: TransferableModel): NerModel {
  const { gazMap, gazClusters, ...rest } = t;
  const gaz = new Gazetteer();
  for (const [k, v] of gazMap) gaz.map.set(k, v);
  for (const [k, v] of gazClusters) gaz.clusters.set(k, v);
  return { ...rest, gaz };
}
