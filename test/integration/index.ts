// Entry of the integration tests: the extension host (a real VS Code — desktop via @vscode/test-electron, or
// the web workbench via scripts/vscode/run-integration.mjs) calls run() and fails the run if it rejects.
// The tests are bundled into this one file, so the TDD globals (suite/test/...) are installed first and the
// suite modules are required afterwards.
import Mocha from 'mocha';
import { runRenderedCheckHandshake } from './uiHandshake';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'news-lens-integration', mocha);
  /* eslint-disable @typescript-eslint/no-require-imports */
  require('./suite/language.test');
  require('./suite/semanticTokens.test');
  require('./suite/hover.test');
  require('./suite/symbols.test');
  require('./suite/annotations.test');
  require('./suite/reanchoring.test');
  require('./suite/attributions.test');
  require('./suite/worker.test');
  require('./suite/firstColours.test');
  require('./suite/onboarding.test');
  require('./suite/reading.test');
  require('./suite/quotedWords.test');
  require('./suite/habits.test');
  require('./suite/sidecarWrites.test');
  require('./suite/hostileFiles.test');
  require('./suite/corrections.test');
  require('./suite/workspaceIndex.test');
  require('./suite/learning.test');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats ?? ({ passes: 0, failures: 1, pending: 0 } as Mocha.Stats)));
  });
  const failures = stats.failures;
  // Read by the web harness, which prints the closing "N passed, N failed" line.
  console.log(`NEWS_LENS_RESULT passed=${stats.passes} failed=${stats.failures} pending=${stats.pending}`);
  // Rendered-workbench check (web harness only): open the seed article and wait while the harness hovers
  // a name with the real mouse and takes a screenshot.
  await runRenderedCheckHandshake();
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
