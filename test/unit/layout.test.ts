// Guards of the source layout: src/ is what ships (the esbuild bundles of esbuild.config.mjs), tools/ is
// training, evaluation and benchmarks. (a) no import cycle among the files of src/ and tools/; (b) every
// file under src/ with runtime code is part of a shipped bundle; (c) no file under src/ is over 600 lines.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');
const MAX_LINES = 600;
/** Files under src/ allowed over MAX_LINES (none; the test fails if a file here is no longer over the limit). */
const KNOWN_LONG_FILES: readonly string[] = [];

/** Repository-relative paths (with '/') of the .ts files under `dir`. */
function tsFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(ROOT, rel)).sort()) {
      const child = `${rel}/${name}`;
      if (statSync(path.join(ROOT, child)).isDirectory()) walk(child);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(child);
    }
  };
  walk(dir);
  return out;
}

/** The .ts files a file imports through relative specifiers: import and export declarations (types
 *  included), import() and require(). Specifiers that name no .ts file (.mjs, .json) are left out. */
function relativeImports(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(path.join(ROOT, file), 'utf8'), true, true);
  const out = new Set<string>();
  for (const { fileName } of info.importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), fileName));
    const target = [`${base}.ts`, `${base}/index.ts`].find((f) => existsSync(path.join(ROOT, f)));
    if (target) out.add(target);
  }
  return [...out];
}

/** One cycle per strongly connected component of the graph that has one (Tarjan), as a path
 *  `a.ts -> b.ts -> a.ts`, and the component's files. */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): { cycle: string[]; component: string[] }[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(component);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  // Within a component, the shortest way from its first file back to itself (breadth first).
  return components.map((component) => {
    const inside = new Set(component);
    const start = [...component].sort()[0];
    const previous = new Map<string, string>();
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      for (const w of graph.get(queue[i]) ?? []) {
        if (!inside.has(w) || previous.has(w)) continue;
        previous.set(w, queue[i]);
        if (w === start) break;
        queue.push(w);
      }
      if (previous.has(start)) break;
    }
    const cycle = [start];
    for (let v = previous.get(start)!; v !== start; v = previous.get(v)!) cycle.unshift(v);
    cycle.unshift(start);
    return { cycle, component: component.sort() };
  });
}

describe('layout: src/ ships, tools/ does not', function () {
  this.timeout(60000);

  it('has no import cycle among the files of src/ and tools/', () => {
    const graph = new Map<string, string[]>();
    for (const file of [...tsFiles('src'), ...tsFiles('tools')]) graph.set(file, relativeImports(file));
    assert.ok(graph.get('src/engine/ner/index.ts')?.includes('src/engine/ner/model.ts'), 'the import parser found no imports');
    const cycles = findCycles(graph).map(({ cycle, component }) =>
      `${cycle.join(' -> ')}${component.length >= cycle.length ? ` (the circle holds ${component.length} files: ${component.join(', ')})` : ''}`);
    assert.deepEqual(cycles, [], `import cycles:\n${cycles.join('\n')}`);
  });

  it('finds a cycle when there is one', () => {
    const graph = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts', 'd.ts']], ['c.ts', ['a.ts']], ['d.ts', []], ['e.ts', ['e.ts']]]);
    assert.deepEqual(findCycles(graph).map(({ cycle, component }) => `${cycle.join(' -> ')} / ${component.join(' ')}`).sort(),
      ['a.ts -> b.ts -> c.ts -> a.ts / a.ts b.ts c.ts', 'e.ts -> e.ts / e.ts']);
  });

  it('puts every file under src/ with runtime code into a shipped bundle', async () => {
    // @ts-expect-error: a plain ES module without type declarations (its shape is declared here).
    const config = import('../../esbuild.config.mjs') as Promise<{ shippedBundles(): esbuild.BuildOptions[] }>;
    const { shippedBundles } = await config;
    const builds = shippedBundles();
    assert.ok(builds.length >= 3, `expected the cli, extension and worker bundles, got ${builds.length}`);
    const bundled = new Set<string>();
    for (const options of builds) {
      const result = await esbuild.build({ ...options, write: false, metafile: true, logLevel: 'silent' });
      for (const input of Object.keys(result.metafile.inputs)) bundled.add(input);
    }
    // A file emits JavaScript unless it holds only types (interfaces, type aliases, type-only imports).
    const runtime = tsFiles('src').filter((f) => esbuild.transformSync(readFileSync(path.join(ROOT, f), 'utf8'), { loader: 'ts' }).code.trim() !== '');
    assert.ok(runtime.length > 10, `found only ${runtime.length} runtime files under src/`);
    const unshipped = runtime.filter((f) => !bundled.has(f));
    assert.deepEqual(unshipped, [], `files under src/ that no bundle includes (move them to tools/, or import them): ${unshipped.join(', ')}`);
  });

  it(`has no file under src/ over ${MAX_LINES} lines`, () => {
    const lines = new Map(tsFiles('src').map((f) => [f, (readFileSync(path.join(ROOT, f), 'utf8').match(/\n/g) ?? []).length]));
    const tooLong = [...lines].filter(([f, n]) => n > MAX_LINES && !KNOWN_LONG_FILES.includes(f)).map(([f, n]) => `${f} (${n} lines)`);
    assert.deepEqual(tooLong, [], `files over ${MAX_LINES} lines: ${tooLong.join(', ')}`);
    const stale = KNOWN_LONG_FILES.filter((f) => (lines.get(f) ?? 0) <= MAX_LINES);
    assert.deepEqual(stale, [], `KNOWN_LONG_FILES names files that are gone or no longer over ${MAX_LINES} lines; remove them from the list: ${stale.join(', ')}`);
  });
});
