// Worker thread of the index (bundled to dist/index-worker.js): receives batches of IndexJobs, answers
// each batch with its JobResults in order (job.ts).
import { parentPort } from 'node:worker_threads';
import { runIndexJob } from './job';
import type { IndexJob } from './job';

parentPort?.on('message', (msg: { seq: number; jobs: IndexJob[] }) => {
  parentPort?.postMessage({ seq: msg.seq, results: msg.jobs.map(runIndexJob) });
});
