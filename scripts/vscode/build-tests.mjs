// Builds what a run inside VS Code needs: the extension (dist/extension.js), its analysis worker
// (dist/worker.js), the workspace index's worker (dist/index-worker.js) and SQLite's .wasm — same options as esbuild.mjs, but independent of the CLI build — and the integration
// tests (out/test/integration/*.js), which run inside the extension host: `vscode` is provided there and
// mocha is loaded from node_modules at run time.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { copySqliteWasm } from '../../esbuild.config.mjs';

const common = { bundle: true, platform: 'node', target: 'node18', format: 'cjs', logLevel: 'warning' };
const tests = ['test/integration/index.ts', 'test/integration/bench.ts', 'test/integration/indexBench.ts'].filter((f) => existsSync(f));
copySqliteWasm();
await Promise.all([
  esbuild.build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], sourcemap: true }),
  esbuild.build({ ...common, entryPoints: ['src/engine/worker.ts'], outfile: 'dist/worker.js', sourcemap: true }),
  // The workspace index: its worker thread, and the SQLite WebAssembly module beside the bundles.
  esbuild.build({ ...common, entryPoints: ['src/workspace/worker.ts'], outfile: 'dist/index-worker.js', sourcemap: true }),
  esbuild.build({ ...common, entryPoints: tests, outdir: 'out/test/integration', external: ['vscode', 'mocha'], sourcemap: 'inline' }),
]);
