// What a command does with an error: log it, show it ("News Lens: …"), and return undefined (the
// commands' callers — menus, tests, automation — get no exception).
import * as vscode from 'vscode';

export function reportingErrors<A extends unknown[], R>(
  log: vscode.LogOutputChannel,
  fn: (...args: A) => Promise<R>,
): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log.error(message);
      void vscode.window.showErrorMessage(vscode.l10n.t('News Lens: {0}', message));
      return undefined;
    }
  };
}
