// `news-lens learn PATH... --out FILE`: an adapted model from every corrected article under the paths
// (src/engine/ner/learn.ts does the learning; src/learning/examples.ts gives each article's training example).
import { learnOptionsOf } from '../learning/scope';
import { learnAdapted, type TrainingExample } from '../engine/ner/learn';
import { serializeAdapted } from '../engine/ner/adapt';
import { writeFileAtomic, nodeFileSystem } from '../store';
import { UsageError, runCommand } from './args';
import type { CommandIO, CommandSpec } from './args';
import { shippedModel } from '../learning/adaptedModel';
import { expandArticleArgs, STDIN_ARG } from './files';
import { exampleFor } from '../learning/examples';
import { forTerminal } from './terminal';

export const LEARN_SPEC: CommandSpec = {
  name: 'learn',
  synopsis: ['learn [--names-only | --new-words-only] PATH... --out FILE'],
  summary: 'learn an adapted model from the corrected articles under PATHs (use it with analyze --model FILE)',
  description:
    'Builds an adapted name model from every article under the paths whose sidecar holds corrections: the\n' +
    'corrected analysis of each is a training example. The model is an overlay on the shipped one (the\n' +
    'corrected names, and weight changes learned from them); analyze --model FILE uses it. Articles\n' +
    'without corrections are left out. See docs/learning.md.',
  arguments: [
    ['PATH', 'an article (*.txt), or a folder: every *.txt under it, recursively'],
  ],
  options: {
    out: { type: 'string', valueName: 'FILE', description: 'where to write the adapted model (required)' },
    'names-only': { type: 'boolean', description: 'learn the corrected names only (no weight changes): a smaller gain on later articles, but the model elsewhere stays as shipped (see docs/learning.md)' },
    'new-words-only': { type: 'boolean', description: 'learn the corrected names, and weight changes only for words and word pairs the shipped model has no weights for: what it learned stays as it was (CoNLL-2003 dev unchanged in the measurements), a small gain over --names-only (see docs/learning.md, CoNLL guard)' },
  },
  exitStatus: '0 model written; 1 a path could not be read or no article had corrections (nothing written); 2 usage error.',
};

export interface LearnDeps {
  /** The training example of an article, undefined when it has no corrections. */
  exampleFor: (file: string) => Promise<TrainingExample | undefined>;
}

export function runLearn(args: string[], io: CommandIO, deps: LearnDeps = { exampleFor }): Promise<number> {
  return runCommand(LEARN_SPEC, args, io, async (values, positionals) => {
    const out = values.out;
    if (typeof out !== 'string' || !out) throw new UsageError('--out FILE is required');
    if (!positionals.length) throw new UsageError('name at least one article or folder');
    if (values['names-only'] && values['new-words-only']) throw new UsageError('--names-only and --new-words-only cannot be combined');
    if (positionals.includes(STDIN_ARG)) throw new UsageError('standard input (-) is not supported: corrections live in the sidecar beside each article');
    let status = 0;
    const examples: TrainingExample[] = [];
    let articles = 0;
    for await (const source of expandArticleArgs(positionals)) {
      if (source.kind === 'error') { io.stderr(`news-lens learn: ${forTerminal(source.message)}\n`); status = 1; continue; }
      if (source.kind !== 'file') continue;
      articles++;
      try {
        const ex = await deps.exampleFor(source.path);
        if (ex) examples.push(ex);
      } catch (e) {
        io.stderr(`news-lens learn: ${forTerminal((e as Error).message)}\n`);
        status = 1;
      }
    }
    if (!examples.length) {
      io.stderr(`news-lens learn: none of the ${articles} article(s) has corrections; nothing learned, ${out} not written\n`);
      return 1;
    }
    const base = shippedModel();
    const t0 = performance.now();
    const adapted = learnAdapted(base.model, base.fingerprint, examples, learnOptionsOf(values['names-only'] ? 'namesOnly' : values['new-words-only'] ? 'newWords' : 'all'));
    const bytes = serializeAdapted(adapted);
    await writeFileAtomic(nodeFileSystem, out, bytes);
    io.stdout(`learned from ${examples.length} corrected article(s) of ${articles} (${adapted.names} names) in ` +
      `${((performance.now() - t0) / 1000).toFixed(1)} s; wrote ${out} (${bytes.length.toLocaleString('en-US')} bytes)\n`);
    return status;
  });
}
