// Correcting the analysis (issue 15): a reviewer says a name is of another type or is no name, marks
// words the engine missed as an entity or a quotation, or points a quotation at its real speaker. Each
// correction goes to the article's sidecar (`corrections:`, beside the notes) and the analysis every
// feature shows is the corrected one (the AnalysisCache applies them). Reached from the hover cards'
// links, from the lightbulb (quick fixes at the cursor or selection) and from the palette. Every
// change can be undone (newsLens.undoCorrection, or the notification's Undo).
//
// Arguments (they skip the prompts; for hover links, tests and automation):
//   newsLens.retypeEntity(uri?, start?, end?, type?)          newsLens.rejectEntity(uri?, start?, end?)
//   newsLens.markEntity(uri?, start?, end?, type?)            newsLens.rejectQuotation(uri?, start?, end?)
//   newsLens.changeSpeaker(uri?, start?, end?, speakerStart?, speakerEnd?)
//   newsLens.markQuotation(uri?, start?, end?, speakerStart?, speakerEnd?)   (speakerStart -1: no speaker)
//   newsLens.removeCorrection(uri, id)                        newsLens.undoCorrection(uri?)
import * as vscode from 'vscode';
import { ENTITY_TYPES, type Analysis, type EntityType, type Quote } from '../engine/types';
import type { Correction, NewCorrectionFields } from '../store/index';
import { Commands } from './commandIds';
import type { Services } from './services';
import { reportingErrors } from './util/commandErrors';
import { documentFor } from './util/documents';
import { entityTypeName, takesAn } from './util/displayNames';
import { shorten } from './util/text';

type Span = { start: number; end: number };

const SPEAKER_TYPES: ReadonlySet<EntityType> = new Set(['PERSON', 'ORG', 'NORP', 'GPE']);

export function registerCorrectionCommands(selector: vscode.DocumentSelector, services: Services): vscode.Disposable {
  const guarded = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => reportingErrors(services.log, fn);

  /** The span of the arguments, else of the selection, else of what `at` finds at the cursor. */
  const spanOf = async (doc: vscode.TextDocument, start: unknown, end: unknown, at?: (a: Analysis, offset: number) => Span | undefined): Promise<Span> => {
    if (typeof start === 'number' && typeof end === 'number') return { start, end };
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    if (editor && !editor.selection.isEmpty && !at) return { start: doc.offsetAt(editor.selection.start), end: doc.offsetAt(editor.selection.end) };
    if (editor && at) {
      const result = await services.analyses.get(doc);
      const found = at(result.analysis, doc.offsetAt(editor.selection.active));
      if (found) return found;
    }
    throw new Error(at ? vscode.l10n.t('put the cursor on a name or quotation first') : vscode.l10n.t('select the words first'));
  };
  const entityAt = (a: Analysis, offset: number): Span | undefined => a.entities.find((e) => e.start <= offset && offset <= e.end);
  const quoteAt = (a: Analysis, offset: number): Span | undefined => a.quotes.find((q) => q.start <= offset && offset <= q.end);

  const pickType = async (words: string, current?: EntityType): Promise<EntityType | undefined> => {
    const items = ENTITY_TYPES.filter((t) => t !== current).map((t) => ({ label: entityTypeName(t), description: t, type: t }));
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('What is “{0}”?', words), matchOnDescription: true });
    return picked?.type;
  };

  /** The name mentions a quotation could be attributed to: per cluster, its mention nearest before the quote. */
  const pickSpeaker = async (doc: vscode.TextDocument, quote: Span, allowNone: boolean): Promise<Span | null | undefined> => {
    const { analysis } = await services.analyses.get(doc);
    const best = new Map<number, Span & { text: string; type: EntityType }>();
    for (const e of analysis.entities) {
      if (e.cluster === undefined || !SPEAKER_TYPES.has(e.type) || (e.start >= quote.start && e.end <= quote.end)) continue;
      const prev = best.get(e.cluster);
      if (!prev || (e.start < quote.start && (prev.start > quote.start || e.start > prev.start))) best.set(e.cluster, e);
    }
    const items: Array<vscode.QuickPickItem & { span: Span | null }> = [...best.entries()].map(([cluster, e]) => ({
      label: analysis.clusters[cluster]?.name ?? e.text,
      description: `${entityTypeName(e.type)} · ${vscode.l10n.t('line {0}', doc.positionAt(e.start).line + 1)}`,
      span: { start: e.start, end: e.end },
    }));
    if (allowNone) items.unshift({ label: vscode.l10n.t('No speaker'), span: null });
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Who said “{0}”?', shorten(doc.getText().slice(quote.start, quote.end), 50)) });
    return picked === undefined ? undefined : picked.span;
  };

  const correct = async (doc: vscode.TextDocument, span: Span, fields: NewCorrectionFields, done: string): Promise<Correction> => {
    if (span.end <= span.start) throw new Error(vscode.l10n.t('select the words first'));
    const correction = await services.annotations.addCorrection(doc, span.start, span.end, fields);
    const undo = vscode.l10n.t('Undo');
    void vscode.window.showInformationMessage(done, undo).then((choice) => {
      if (choice === undo) void vscode.commands.executeCommand(Commands.undoCorrection, doc.uri.toString());
    });
    return correction;
  };
  const words = (doc: vscode.TextDocument, s: Span) => shorten(doc.getText().slice(s.start, s.end), 40);
  const isType = (t: unknown): t is EntityType => typeof t === 'string' && (ENTITY_TYPES as readonly string[]).includes(t);

  const retype = (mark: boolean) => guarded(async (uri?: unknown, start?: unknown, end?: unknown, type?: unknown) => {
    const doc = await documentFor(uri);
    const span = await spanOf(doc, start, end, mark ? undefined : entityAt);
    const { analysis } = await services.analyses.get(doc);
    const current = analysis.entities.find((e) => e.start === span.start && e.end === span.end)?.type;
    if (type !== undefined && !isType(type)) throw new Error(vscode.l10n.t('not an entity type: {0}', String(type)));
    const chosen = type ?? (await pickType(words(doc, span), current));
    if (chosen === undefined) return undefined;
    // Retype only what the engine found there; anything else is added (replacing what it overlaps).
    const found = analysis.entities.some((e) => e.start < span.end && span.start < e.end);
    const action = !mark && found ? 'retype' : 'add';
    const name = entityTypeName(chosen);
    const done = takesAn(name) ? vscode.l10n.t('“{0}” is now an {1}.', words(doc, span), name) : vscode.l10n.t('“{0}” is now a {1}.', words(doc, span), name);
    return correct(doc, span, { kind: 'entity', action, type: chosen }, done);
  });

  const speaker = (mark: boolean) => guarded(async (uri?: unknown, start?: unknown, end?: unknown, speakerStart?: unknown, speakerEnd?: unknown) => {
    const doc = await documentFor(uri);
    const span = await spanOf(doc, start, end, mark ? undefined : quoteAt);
    let who: Span | null | undefined;
    if (typeof speakerStart === 'number' && typeof speakerEnd === 'number') who = speakerStart < 0 ? null : { start: speakerStart, end: speakerEnd };
    else who = await pickSpeaker(doc, span, mark);
    if (who === undefined) return undefined;
    if (!mark && who === null) return undefined;
    const fields: NewCorrectionFields = { kind: 'quote', action: mark ? 'add' : 'speaker' };
    if (who) fields.speaker = who;
    const message = who
      ? vscode.l10n.t('Attributed to {0}.', words(doc, who))
      : vscode.l10n.t('Marked as a quotation.');
    return correct(doc, span, fields, message);
  });

  const reject = (kind: 'entity' | 'quote') => guarded(async (uri?: unknown, start?: unknown, end?: unknown) => {
    const doc = await documentFor(uri);
    const span = await spanOf(doc, start, end, kind === 'entity' ? entityAt : quoteAt);
    const message = kind === 'entity' ? vscode.l10n.t('“{0}” is no longer a name.', words(doc, span)) : vscode.l10n.t('No longer a quotation.');
    return correct(doc, span, { kind, action: 'reject' }, message);
  });

  const actions: vscode.CodeActionProvider = {
    async provideCodeActions(document, range) {
      const result = services.analyses.peek(document.uri);
      if (!result || result.version !== document.version) return [];
      const out: vscode.CodeAction[] = [];
      const uri = document.uri.toString();
      const action = (title: string, command: string, args: unknown[]) => {
        const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        a.command = { command, title, arguments: args };
        out.push(a);
      };
      const start = document.offsetAt(range.start);
      const end = document.offsetAt(range.end);
      const entity = range.isEmpty ? entityAt(result.analysis, start) : result.analysis.entities.find((e) => e.start === start && e.end === end);
      if (entity) {
        const e = result.analysis.entities.find((x) => x.start === entity.start)!;
        const typeName = entityTypeName(e.type);
        const retype = takesAn(typeName)
          ? vscode.l10n.t('“{0}” is not an {1}: change its type…', words(document, e), typeName)
          : vscode.l10n.t('“{0}” is not a {1}: change its type…', words(document, e), typeName);
        action(retype, Commands.retypeEntity, [uri, e.start, e.end]);
        action(vscode.l10n.t('“{0}” is not a name', words(document, e)), Commands.rejectEntity, [uri, e.start, e.end]);
      }
      const quote: Quote | undefined = range.isEmpty ? (quoteAt(result.analysis, start) as Quote | undefined) : undefined;
      if (quote) {
        action(vscode.l10n.t('Change the speaker of this quotation…'), Commands.changeSpeaker, [uri, quote.start, quote.end]);
        action(vscode.l10n.t('This is not a quotation'), Commands.rejectQuotation, [uri, quote.start, quote.end]);
      }
      if (!range.isEmpty && !entity) {
        action(vscode.l10n.t('Mark “{0}” as an entity…', words(document, { start, end })), Commands.markEntity, [uri, start, end]);
        action(vscode.l10n.t('Mark “{0}” as a quotation…', words(document, { start, end })), Commands.markQuotation, [uri, start, end]);
      }
      return out;
    },
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.retypeEntity, retype(false)),
    vscode.commands.registerCommand(Commands.markEntity, retype(true)),
    vscode.commands.registerCommand(Commands.changeSpeaker, speaker(false)),
    vscode.commands.registerCommand(Commands.markQuotation, speaker(true)),
    vscode.commands.registerCommand(Commands.rejectEntity, reject('entity')),
    vscode.commands.registerCommand(Commands.rejectQuotation, reject('quote')),
    vscode.commands.registerCommand(Commands.removeCorrection, guarded(async (uri?: unknown, id?: unknown) => {
      // From the Annotations view's item menu: the node.
      const node = uri as { uri?: unknown; correction?: { correction?: { id?: unknown } } } | undefined;
      if (node && typeof node === 'object' && node.uri instanceof vscode.Uri && node.correction) {
        id = node.correction.correction?.id;
        uri = node.uri;
      }
      const doc = await documentFor(uri);
      if (typeof id !== 'string') throw new Error(vscode.l10n.t('which correction? (an id)'));
      await services.annotations.removeCorrection(doc, id);
      return true;
    })),
    vscode.commands.registerCommand(Commands.undoCorrection, guarded(async (uri?: unknown) => {
      const doc = await documentFor(uri);
      const undone = await services.annotations.undoCorrection(doc);
      if (!undone) void vscode.window.showInformationMessage(vscode.l10n.t('No correction to undo in this article.'));
      return undone;
    })),
    vscode.languages.registerCodeActionsProvider(selector, actions, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    // The analysis every feature shows is the corrected one: apply them again when they change.
    services.annotations.onDidChangeCorrections((uri) => services.analyses.refreshCorrections(uri)),
  );
}
