// One training run as a child process (tools/train/train.ts through tsx), its output in `<out>/train.log`:
// how the cross-validation tools (cv.ts, cv-gum.ts) train each fold's model.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import * as path from 'node:path';

/** Trains into `out` with train.ts's `args` (after --data/--out); resolves the model file's path. */
export function trainInChild(root: string, args: string[], out: string, name: string, log: (msg: string) => void): Promise<string> {
  const logFile = path.join(out, 'train.log');
  log(`${name}: training (log: ${logFile})`);
  const argv = ['--require', 'tsx/cjs', path.join(root, 'tools', 'train', 'train.ts'), ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const sink = createWriteStream(logFile);
    child.stdout.pipe(sink);
    child.stderr.pipe(sink);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) { log(`${name}: trained`); resolve(path.join(out, 'ner.bin')); }
      else reject(new Error(`training ${name} failed (exit ${code}); see ${logFile}`));
    });
  });
}
