// The engine as it ships, for the bench: bundled by esbuild (one module, like dist/*.js) into out/, where
// it finds models/ner.bin as dist/ does. Run from TypeScript sources through tsx, every use of a binding
// imported from another module is a getter call, which made the split tagger (one module per phase)
// 2.5-3x slower there than in the bundle; the bundle is what the editor and the CLI run.
import * as path from 'node:path';

export type EngineModule = typeof import('./engineEntry');

const ROOT = path.resolve(__dirname, '..', '..');
const BUNDLE = path.join(ROOT, 'out', 'bench-engine.js');

/** Bundles `entry` (relative to the repository) into `outfile` for Node, like dist/; returns `outfile`. */
export function bundleForBench(entry: string, outfile: string, external: string[] = []): string {
  // esbuild is a development dependency, like this benchmark; required lazily so tests need not load it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  esbuild.buildSync({
    entryPoints: [path.join(ROOT, entry)], outfile,
    bundle: true, platform: 'node', target: 'node18', format: 'cjs', external, logLevel: 'warning',
  });
  return outfile;
}

export function loadBundledEngine(): EngineModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(bundleForBench('tools/bench/engineEntry.ts', BUNDLE)) as EngineModule;
}
