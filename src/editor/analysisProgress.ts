// Window progress (the status bar's progress indicator) for an analysis still running after half a second.
// Short analyses never show it, so opening an ordinary article stays quiet. Only worker analyses can take
// that long while the extension host stays responsive: an in-process analysis has finished by the time its
// start is reported.
import * as vscode from 'vscode';
import type { AnalysisStart } from './analysisCache';
import type { Services } from './services';

export const PROGRESS_DELAY_MS = 500;

/** What the progress indicator did (read-only; for the extension's API and the integration tests). */
export interface AnalysisProgressView {
  /** Analyses that got a progress indicator, since activation. */
  readonly shown: number;
  /** Indicators showing now. */
  readonly active: number;
  /** Title of the latest indicator. */
  readonly lastTitle: string | undefined;
}

export interface AnalysisProgressRegistration extends vscode.Disposable {
  readonly view: AnalysisProgressView;
}

export function registerAnalysisProgress(services: Services, delayMs = PROGRESS_DELAY_MS): AnalysisProgressRegistration {
  const state = { shown: 0, active: 0, lastTitle: undefined as string | undefined };
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const watch = (start: AnalysisStart) => {
    let settled = false;
    const done = start.done.then(
      () => undefined,
      () => undefined,
    );
    void done.then(() => {
      settled = true;
    });
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (settled) return;
      const name = start.uri.path.slice(start.uri.path.lastIndexOf('/') + 1);
      const title = vscode.l10n.t('News Lens: analysing {0}', name);
      state.shown++;
      state.active++;
      state.lastTitle = title;
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, () =>
        done.finally(() => {
          state.active--;
        }),
      );
    }, delayMs);
    timers.add(timer);
  };

  const subscription = services.analyses.onDidStart(watch);
  return {
    view: state,
    dispose: () => {
      subscription.dispose();
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
