// The shipped bundles: what `node esbuild.mjs` builds into dist/, and what the unit test
// test/unit/layout.test.ts bundles (with a metafile) to check that every runtime file under src/ ships.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root: bundles build from here whatever the current directory. */
const root = fileURLToPath(new URL('.', import.meta.url));

/** esbuild options of each bundle: dist/cli.js, dist/extension.js, dist/worker.js and dist/jsonl-worker.js
 *  (the worker threads of `news-lens analyze --jsonl --jobs N`) and dist/learn-worker.js (the editor's learning). */
export function shippedBundles({ production = false, quiet = false } = {}) {
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    sourcemap: !production,
    minify: production,
    logLevel: quiet ? 'warning' : 'info',
  };
  const builds = [
    { ...common, entryPoints: ['src/cli/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  ];
  if (existsSync(new URL('src/extension.ts', import.meta.url))) {
    builds.push({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] });
  }
  if (existsSync(new URL('src/engine/worker.ts', import.meta.url))) {
    builds.push({ ...common, entryPoints: ['src/engine/worker.ts'], outfile: 'dist/worker.js' });
  }
  if (existsSync(new URL('src/cli/jsonlWorker.ts', import.meta.url))) {
    builds.push({ ...common, entryPoints: ['src/cli/jsonlWorker.ts'], outfile: 'dist/jsonl-worker.js' });
  }
  if (existsSync(new URL('src/workspace/worker.ts', import.meta.url))) {
    builds.push({ ...common, entryPoints: ['src/workspace/worker.ts'], outfile: 'dist/index-worker.js' });
  }
  if (existsSync(new URL('src/learning/learnWorker.ts', import.meta.url))) {
    builds.push({ ...common, entryPoints: ['src/learning/learnWorker.ts'], outfile: 'dist/learn-worker.js' });
  }
  return builds;
}

/** node-sqlite3-wasm loads its WebAssembly module from the folder of the script that bundles it
 *  (`__dirname`): the workspace index needs dist/node-sqlite3-wasm.wasm beside dist/cli.js and
 *  dist/extension.js. */
export function copySqliteWasm() {
  const from = new URL('node_modules/node-sqlite3-wasm/dist/node-sqlite3-wasm.wasm', import.meta.url);
  mkdirSync(new URL('dist/', import.meta.url), { recursive: true });
  copyFileSync(from, new URL('dist/node-sqlite3-wasm.wasm', import.meta.url));
}
