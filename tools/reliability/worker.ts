// Child process of run.ts: loads one tools/reliability/cases/*.ts file and runs the cases the parent
// asks for, one at a time, answering over IPC. Runs in its own process group (the parent starts it
// detached), so the parent can kill it and every process a case started when a case overruns its bound.
import type { CaseContext, CaseResult, ReliabilityCase } from './types';

interface RunRequest {
  index: number;
  ctx: CaseContext;
}

export type WorkerMessage =
  | { type: 'loaded'; cases: { item: number; tried: string; timeoutMs: number }[] }
  | { type: 'load-error'; error: string }
  | { type: 'result'; index: number; result: CaseResult }
  | { type: 'error'; index: number; error: string };

function send(m: WorkerMessage): void {
  process.send!(m);
}

function main(): void {
  const file = process.argv[2]!;
  let cases: ReliabilityCase[];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as { cases?: unknown };
    if (!Array.isArray(mod.cases)) throw new Error('it exports no `cases` array');
    cases = mod.cases as ReliabilityCase[];
  } catch (e) {
    send({ type: 'load-error', error: (e as Error).message ?? String(e) });
    return;
  }
  send({ type: 'loaded', cases: cases.map((c) => ({ item: c.item, tried: c.tried, timeoutMs: c.timeoutMs })) });
  process.on('message', (req: RunRequest) => {
    const c = cases[req.index]!;
    Promise.resolve()
      .then(() => c.run(req.ctx))
      .then(
        (result) => send({ type: 'result', index: req.index, result }),
        (e: unknown) => send({ type: 'error', index: req.index, error: (e as Error)?.stack ?? String(e) }),
      );
  });
}

main();
