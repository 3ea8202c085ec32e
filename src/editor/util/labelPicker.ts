// The label of a note: the configured labels offered in a quick pick, plus "Other…" to type one. Asked
// by Annotate Selection, Edit Annotation and a note typed in a comment thread.
import * as vscode from 'vscode';
import type { Services } from '../services';

/** Used when `newsLens.annotation.labels` is empty. Labels are the reviewers' data (written to the
 *  sidecar as typed), so they are not translated. */
const DEFAULT_LABELS = ['claim', 'needs source', 'verified', 'disputed', 'misleading', 'context', 'note'];

/** The labels offered for new notes: the setting, else the defaults. */
export function annotationLabels(services: Services, resource?: vscode.Uri): string[] {
  const configured = services.config.get<string[]>('annotation.labels', resource);
  return Array.isArray(configured) && configured.length > 0 ? configured : DEFAULT_LABELS;
}

/**
 * Asks for a label (quick pick of the configured labels, plus "Other…" to type one). `title` names what is
 * being annotated. Undefined when the user pressed Escape.
 */
export async function pickLabel(
  services: Services,
  resource: vscode.Uri,
  title: string,
  options: { current?: string; placeHolder?: string } = {},
): Promise<string | undefined> {
  const { current } = options;
  const labels = annotationLabels(services, resource);
  const other = vscode.l10n.t('Other…');
  const items: vscode.QuickPickItem[] = labels.map((l) => ({ label: l, picked: l === current }));
  if (current && !labels.includes(current)) items.unshift({ label: current, description: vscode.l10n.t('current') });
  items.push({ label: other, iconPath: new vscode.ThemeIcon('edit'), alwaysShow: true });
  const chosen = await vscode.window.showQuickPick(items, { title, placeHolder: options.placeHolder ?? vscode.l10n.t('Choose a label') });
  if (!chosen) return undefined;
  if (chosen.label !== other) return chosen.label;
  const typed = await vscode.window.showInputBox({ title, prompt: vscode.l10n.t('Type a label'), value: current });
  return typed?.trim() || undefined;
}
