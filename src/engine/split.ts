// The analysis pipeline cut in two halves that can run in different threads (`news-lens analyze
// --jsonl --jobs N`): the head (tokenize, the name tagger) and the tail (the names' types, values,
// entities, clusters, descriptors, quotes, references, facts). The head runs on the thread that also
// reads the input, loads the model and writes the output (cli/jobs.ts), so the cut leaves it the
// smaller half: on a cold 1 MB batch about 450 ms of CPU there, 320 ms on the tail's thread.
// analyzeTail(text, analyzeHead(text)) is analyze(text). Each thread then runs, and warms up in V8, only the code of its half: a cold
// thread spends most of its time in V8's interpreter and compilers, so two threads that each run
// the whole engine pay that twice, two threads that each run half of it about once.
//
// The head hands over the context fields the tail reads and the head wrote (HANDED_OVER, plain data:
// it crosses threads by structured clone), the tokens packed in typed arrays (tokenCodec.ts).
import type { Analysis } from './types';
import { analysisOf } from './analyze';
import { PerceptronRecognizer, type NerModel } from './ner';
import type { NameRecognizer } from './recognizer';
import { packTokens, unpackTokens, type PackedTokens } from './tokenCodec';
import { AnalysisContext, INPUTS, STAGES, runStages, type ContextField, type Stage } from './pipeline';

/** The last stage of the head (after 'refineType' the head's thread had 480 ms, the tail's 300). */
export const HEAD_LAST_STAGE = 'name tagger';

/** Cuts `stages` after the stage named `lastOfHead`: the head, the tail (the stages after the cut) and
 *  the fields the tail reads that the head wrote. */
export function splitStages(stages: readonly Stage[], lastOfHead: string): { head: Stage[]; tail: Stage[]; handed: ContextField[] } {
  const cut = stages.findIndex((s) => s.name === lastOfHead) + 1;
  if (cut <= 0) throw new Error(`no pipeline stage "${lastOfHead}"`);
  const head = stages.slice(0, cut);
  const tail = stages.slice(cut);
  const written = new Set<ContextField>(head.flatMap((s) => s.writes));
  const handed = new Set<ContextField>();
  for (const s of tail) for (const f of s.reads) if (written.has(f) && !INPUTS.includes(f)) handed.add(f);
  return { head, tail, handed: [...handed] };
}

const SPLIT = splitStages(STAGES, HEAD_LAST_STAGE);
/** The context fields the head hands to the tail. */
export const HANDED_OVER: readonly ContextField[] = SPLIT.handed;

/** What the head hands over: HANDED_OVER's fields of its context (the name mentions and the packed tokens, with
 *  the current stages). */
export type HeadResult = Partial<Record<ContextField, unknown>>;

let recognizer: NameRecognizer | undefined;
/** Contexts kept for the life of the thread, one per half, for the reason analyze.ts's SHAPE_SAMPLE
 *  is kept: while an object of each hidden class stays alive, a full garbage collection does not
 *  throw away the optimised code built for them. */
let headKeeper: AnalysisContext | undefined;
let tailKeeper: AnalysisContext | undefined;
/** Only a short document's context is kept (a long one would hold its memory for nothing more). */
const KEEP_MAX_CHARS = 20_000;

/** The head's name recognizer from now on: the perceptron with `model` (by default models/ner.bin,
 *  loaded on first use). */
export function setHeadModel(model: NerModel): void {
  recognizer = new PerceptronRecognizer(model);
}

/** The head of the pipeline over `text`. */
export function analyzeHead(text: string): HeadResult {
  const c = new AnalysisContext(text, (recognizer ??= new PerceptronRecognizer()));
  runStages(c, SPLIT.head);
  if (!headKeeper && text.length <= KEEP_MAX_CHARS) headKeeper = c;
  const out: HeadResult = {};
  for (const f of HANDED_OVER) out[f] = f === 'doc' ? packTokens(c.doc) : c[f];
  return out;
}

/** The recognizer of a tail context: the names were found by the head already. */
const NO_RECOGNIZER: NameRecognizer = {
  id: 'head',
  recognize: () => {
    throw new Error('the tail of the pipeline runs no name recognizer');
  },
};

/** The rest of the pipeline over `text`, from what analyzeHead(text) handed over. */
export function analyzeTail(text: string, head: HeadResult): Analysis {
  const c = new AnalysisContext(text, NO_RECOGNIZER);
  for (const f of HANDED_OVER) {
    if (!(f in head)) throw new Error(`the head's result lacks ${f}`);
    if (f === 'doc') c.doc = unpackTokens(text, head[f] as PackedTokens);
    else (c as unknown as Record<string, unknown>)[f] = head[f];
  }
  runStages(c, SPLIT.tail);
  if (!tailKeeper && text.length <= KEEP_MAX_CHARS) tailKeeper = c;
  return analysisOf(c);
}
