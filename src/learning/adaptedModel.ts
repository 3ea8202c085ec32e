// Reading an adapted model (`news-lens learn --out FILE`) for `analyze --model FILE`: the file is read,
// checked (magic, checksum, the base model it was learned on) and applied to the shipped model. Every
// problem names the file.
import { readFileSync } from 'node:fs';
import { PerceptronRecognizer, defaultModelPath, loadModel } from '../engine/ner';
import { applyAdapted, deserializeAdapted, fingerprint, type AdaptedModel } from '../engine/ner/adapt';
import type { NerModel } from '../engine/ner/model';

/** The shipped model, with its bytes' fingerprint (read once per process). */
let shipped: { model: NerModel; fingerprint: number } | undefined;
export function shippedModel(): { model: NerModel; fingerprint: number } {
  if (!shipped) {
    const bytes = readFileSync(defaultModelPath());
    // loadModel: the engine's own copy when its default recognizer has loaded it (the editor), not a second one.
    shipped = { model: loadModel(defaultModelPath()), fingerprint: fingerprint(bytes) };
  }
  return shipped;
}

/** Checks an adapted model's bytes against the shipped model; throws an Error naming `file`. */
export function parseAdaptedModel(bytes: Uint8Array, file: string): AdaptedModel {
  let adapted: AdaptedModel;
  try {
    adapted = deserializeAdapted(bytes);
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`, { cause: e });
  }
  const base = shippedModel();
  if (adapted.baseFingerprint !== base.fingerprint || adapted.bits !== base.model.bits) {
    throw new Error(`${file}: learned on a different base model than this version's models/ner.bin; run news-lens learn again`);
  }
  return adapted;
}

/** A recognizer using the adapted model in `file`. */
export function loadAdaptedRecognizer(file: string): PerceptronRecognizer {
  return new PerceptronRecognizer(loadAdaptedModel(file));
}

/** The shipped model with the adapted model in `file` applied (checked; errors name the file). */
export function loadAdaptedModel(file: string): NerModel {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`${file}: cannot read the model (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message})`, { cause: e });
  }
  const adapted = parseAdaptedModel(bytes, file);
  return applyAdapted(shippedModel().model, adapted);
}
