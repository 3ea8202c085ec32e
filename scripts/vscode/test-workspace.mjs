// Shared by the web harness and the @vscode/test-electron launcher: a temp workspace holding a copy of
// the seeds (tests never write into the checkout) and user settings for a quiet, predictable window.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TEST_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.colorTheme': 'Default Dark Modern',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'editor.wordWrap': 'on',
  // code-server saves after a delay by default (desktop VS Code does not): a test's unsaved edit could
  // reach the disk and outlive its revert (seen: "UPDATE: " left in the seed for later suites).
  'files.autoSave': 'off',
  'editor.hover.delay': 200,
  'editor.minimap.enabled': false,
  'window.commandCenter': false,
  'chat.disableAIFeatures': true,
  'newsLens.author': 'Integration Test',
  // Learning from corrections (issue 15) would change the names other suites expect after a suite's
  // corrections; test/integration/suite/learning.test.ts turns it on for its workspace.
  'newsLens.learning.enabled': false,
};

/** Creates `<tmp>/workspace/seeds/*` (copied from the repo) and `<tmp>/user-data/User/settings.json`. */
export function prepareTestWorkspace(repo, tmp) {
  const workspace = join(tmp, 'workspace');
  mkdirSync(join(workspace, 'seeds'), { recursive: true });
  cpSync(join(repo, 'seeds'), join(workspace, 'seeds'), { recursive: true });
  const userData = join(tmp, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(TEST_USER_SETTINGS, null, 2));
  return { workspace, userData };
}
