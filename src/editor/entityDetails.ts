// newsLens.showEntityDetails (hidden from the palette): the target of a hover card's "n more" links.
// Lists everything the short card left out — every alias, description, quotation, note on another
// mention, and every mention — in a quick pick; picking an item with a place in the text reveals it.
import * as vscode from 'vscode';
import type { ResolvedAnnotation } from '../store/index';
import { entityAt } from './analysisQueries';
import { Commands } from './commandIds';
import { entityDetails } from './entityCard';
import type { Services } from './services';
import { labelOf, quoteKindTitle } from './util/displayNames';

interface DetailItem extends vscode.QuickPickItem {
  span?: { start: number; end: number };
}

export function registerEntityDetails(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.showEntityDetails, async (uri: unknown, offset: unknown) => {
    if (typeof uri !== 'string' || typeof offset !== 'number') {
      void vscode.window.showErrorMessage(vscode.l10n.t('News Lens: this command needs an article and a position (it is run from hover cards).'));
      return;
    }
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const { analysis, version } = await services.analyses.get(doc);
    const entity = version === doc.version ? entityAt(analysis, offset) : undefined;
    if (!entity) {
      void vscode.window.showInformationMessage(vscode.l10n.t('News Lens: the text changed and no entity is at that place any more.'));
      return;
    }
    const notes = await services.annotations.resolved(doc).catch(() => [] as ResolvedAnnotation[]);
    const all = entityDetails(analysis, entity, notes);
    const mentionSpans = all.mentions;
    const onOtherMentions = notes.filter((n) => {
      const { start, end } = n.anchor;
      return start !== undefined && end !== undefined && mentionSpans.some((m) => start < m.end && m.start < end);
    });
    const line = (start: number) => vscode.l10n.t('line {0}', doc.positionAt(start).line + 1);
    const items: DetailItem[] = [];
    const section = (label: string) => items.push({ label, kind: vscode.QuickPickItemKind.Separator });
    if (all.aliases.length > 0) {
      section(vscode.l10n.t('Also called'));
      for (const a of all.aliases) items.push({ label: a });
    }
    if (all.descriptors.length > 0) {
      section(vscode.l10n.t('Described as'));
      for (const d of all.descriptors) items.push({ label: d });
    }
    if (all.quotes.length > 0) {
      section(vscode.l10n.t('Quoted'));
      for (const segments of all.quotes) {
        const first = segments[0]!;
        items.push({
          label: segments.map((q) => q.content.text).join(' … ').replace(/\s+/g, ' '),
          description: first.kind === 'direct' ? line(first.start) : `${quoteKindTitle(first.kind)} · ${line(first.start)}`,
          span: first,
        });
      }
    }
    if (onOtherMentions.length > 0) {
      section(vscode.l10n.t('Annotations'));
      for (const n of onOtherMentions) {
        items.push({
          label: labelOf(n.annotation),
          detail: n.annotation.note,
          description: line(n.anchor.start!),
          span: { start: n.anchor.start!, end: n.anchor.end! },
        });
      }
    }
    section(vscode.l10n.t('Mentions'));
    for (const m of all.mentions) items.push({ label: m.text, description: line(m.start), span: m });
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('News Lens: {0}', all.name),
      placeHolder: vscode.l10n.t('Pick an item to go to it in the article'),
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (picked?.span) {
      const range = new vscode.Range(doc.positionAt(picked.span.start), doc.positionAt(picked.span.end));
      await vscode.window.showTextDocument(doc, { selection: range });
    }
  });
}
