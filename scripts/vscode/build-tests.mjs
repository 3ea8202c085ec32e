// Builds what a run inside VS Code needs: the extension (dist/extension.js), its analysis worker
// (dist/worker.js) — same options as esbuild.mjs, but independent of the CLI build — and the integration
// tests (out/test/integration/*.js), which run inside the extension host: `vscode` is provided there and
// mocha is loaded from node_modules at run time.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node18', format: 'cjs', logLevel: 'warning' };
const tests = ['test/integration/index.ts', 'test/integration/bench.ts'].filter((f) => existsSync(f));
await Promise.all([
  esbuild.build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], sourcemap: true }),
  esbuild.build({ ...common, entryPoints: ['src/engine/worker.ts'], outfile: 'dist/worker.js', sourcemap: true }),
  esbuild.build({ ...common, entryPoints: tests, outdir: 'out/test/integration', external: ['vscode', 'mocha'], sourcemap: 'inline' }),
]);
