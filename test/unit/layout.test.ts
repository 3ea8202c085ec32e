// Guards of the source layout: src/ is what ships (the esbuild bundles of esbuild.config.mjs), tools/ is
// training, evaluation and benchmarks. (a) no import cycle among the files of src/ and tools/; (b) every
// file under src/ with runtime code is part of a shipped bundle; (c) no file under src/ is over 600 lines;
// (d) the editor's features (the files of src/editor that export a register…() function) import no other
// feature, only the shared modules listed in SHARED_EDITOR_MODULES.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');
const MAX_LINES = 600;
/** Files under src/ allowed over MAX_LINES (none; the test fails if a file here is no longer over the limit). */
const KNOWN_LONG_FILES: readonly string[] = [];

/**
 * What an editor feature may import from src/editor: services, ids and pure helpers. A helper two features
 * need goes into one of these (or a new one added here, deliberately), never into a feature that the other
 * then imports. None of them is a feature, and none imports one (checked below).
 */
const SHARED_EDITOR_MODULES: readonly string[] = [
  'src/editor/services.ts',
  'src/editor/analysisCache.ts',
  'src/editor/annotationManager.ts',
  'src/editor/commandIds.ts',
  'src/editor/diagnosticSources.ts',
  'src/editor/kinds.ts',
  'src/editor/analysisQueries.ts',
  'src/editor/analysisIndex.ts',
  'src/editor/attributions.ts',
  'src/editor/entityCard.ts',
  'src/editor/annotationOrder.ts',
  'src/editor/noteText.ts',
  'src/editor/articleMatch.ts',
  'src/editor/palette.ts',
  'src/editor/workspaceIndexer.ts',
  'src/editor/util/annotationNode.ts',
  'src/editor/util/commandErrors.ts',
  'src/editor/util/displayNames.ts',
  'src/editor/util/documents.ts',
  'src/editor/util/labelPicker.ts',
  'src/editor/util/outline.ts',
  'src/editor/util/text.ts',
];

/** A feature of the editor layer: exports a `register…` function (see src/extension.ts). */
function isFeature(source: string): boolean {
  return /^export\s+(?:async\s+)?function\s+register[A-Z]|^export\s+const\s+register[A-Z]/m.test(source);
}

/**
 * What breaks the rule "features import only shared modules": for each file (path -> whether it is a
 * feature, and the files it imports), imports of a feature by any file, and imports by a feature of a
 * file under `scope` that is not listed as shared.
 */
function featureImportProblems(
  files: ReadonlyMap<string, { feature: boolean; imports: readonly string[] }>,
  shared: readonly string[],
  scope: string,
): string[] {
  const problems: string[] = [];
  for (const [file, { feature, imports }] of files) {
    for (const target of imports) {
      if (files.get(target)?.feature) problems.push(`${file} imports the feature ${target}`);
      else if (feature && target.startsWith(scope) && !shared.includes(target)) problems.push(`the feature ${file} imports ${target}, which is not a listed shared module`);
    }
  }
  return problems;
}

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

describe('layout: editor features import shared modules, never each other', () => {
  const files = new Map(tsFiles('src/editor').map((f) => {
    const source = readFileSync(path.join(ROOT, f), 'utf8');
    return [f, { feature: isFeature(source), imports: relativeImports(f) }] as const;
  }));

  it('finds the features (the files with a register…() function)', () => {
    const features = [...files].filter(([, v]) => v.feature).map(([f]) => f);
    assert.ok(features.includes('src/editor/hover.ts') && features.includes('src/editor/reviewThreads.ts'), `features found: ${features.join(', ')}`);
    assert.ok(features.length >= 15, `only ${features.length} features found`);
  });

  it('no file of src/editor imports a feature; features import only the listed shared modules', () => {
    const problems = featureImportProblems(files, SHARED_EDITOR_MODULES, 'src/editor/');
    assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
  });

  it('lists as shared only files that exist and are not features', () => {
    const wrong = SHARED_EDITOR_MODULES.filter((f) => !files.has(f) || files.get(f)!.feature);
    assert.deepEqual(wrong, [], `not shared modules: ${wrong.join(', ')}`);
  });

  it('reports a feature importing a feature, an unlisted module, and a shared module importing a feature', () => {
    const graph = new Map([
      ['e/a.ts', { feature: true, imports: ['e/b.ts', 'e/shared.ts', 'e/util/x.ts', 'store/s.ts'] }],
      ['e/b.ts', { feature: true, imports: ['e/shared.ts'] }],
      ['e/shared.ts', { feature: false, imports: [] }],
      ['e/util/x.ts', { feature: false, imports: ['e/b.ts'] }],
    ]);
    assert.deepEqual(featureImportProblems(graph, ['e/shared.ts'], 'e/'), [
      'e/a.ts imports the feature e/b.ts',
      'the feature e/a.ts imports e/util/x.ts, which is not a listed shared module',
      'e/util/x.ts imports the feature e/b.ts',
    ]);
  });
});
