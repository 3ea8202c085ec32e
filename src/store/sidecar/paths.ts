// Where a sidecar lives: article `x.txt` → `x.txt.annotations.yaml` beside it, and back.

export const SIDECAR_SUFFIX = '.annotations.yaml';

/** `x.txt` → `x.txt.annotations.yaml`. */
export function sidecarPathFor(articlePath: string): string {
  return articlePath + SIDECAR_SUFFIX;
}
/** `x.txt.annotations.yaml` → `x.txt`. */
export function articlePathFor(sidecarPath: string): string {
  if (!isSidecarPath(sidecarPath)) throw new Error(`not a sidecar path: ${sidecarPath}`);
  return sidecarPath.slice(0, -SIDECAR_SUFFIX.length);
}
export function isSidecarPath(path: string): boolean {
  return path.endsWith(SIDECAR_SUFFIX) && path.length > SIDECAR_SUFFIX.length;
}
