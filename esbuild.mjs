// Bundles the extension entry and the command-line tool into dist/ (the bundles: esbuild.config.mjs).
// `node esbuild.mjs --production` minifies; `--watch` rebuilds on change; `--quiet` prints only problems.
import * as esbuild from 'esbuild';
import { copySqliteWasm, shippedBundles } from './esbuild.config.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const quiet = process.argv.includes('--quiet');

const builds = shippedBundles({ production, quiet });
copySqliteWasm();

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
