// Problems hints (information severity) for attributions a reviewer should check: quotations and reported
// speech without an identifiable speaker, and anonymous sources. Each offers quick fixes: annotate the
// quotation (which settles the hint: a quote a reviewer has annotated is not hinted again) or turn that
// kind of hint off. The rules are in attributions.ts; this file only talks to VS Code.
import * as vscode from 'vscode';
import { attributionHints, type HintCode, type HintMessages } from './attributions';
import { Commands } from './commandIds';
import { ATTRIBUTION_HINT_SOURCE } from './diagnosticSources';
import type { Services } from './services';
import { quoteKindNoun } from './util/displayNames';

// Translated when a hint is made, not at import (the bundle belongs to the running extension).
const HINT_MESSAGES: HintMessages = {
  kind: quoteKindNoun,
  unidentified: (what, mention) => vscode.l10n.t('This {0} is attributed to “{1}”, who is not identified by name in the article.', what, mention),
  noSpeaker: (what) => vscode.l10n.t('This {0} has no identifiable speaker.', what),
  anonymous: (what, mention) => mention
    ? vscode.l10n.t('This {0} comes from an anonymous source (“{1}”).', what, mention)
    : vscode.l10n.t('This {0} comes from an anonymous source.', what),
  get advice() {
    return vscode.l10n.t('Annotate it to record what you checked.');
  },
};

const SETTINGS: Record<HintCode, string> = {
  'unattributed-quote': 'hints.unattributedQuotes',
  'anonymous-source': 'hints.anonymousSources',
};

export function registerAttributionHints(
  selector: vscode.DocumentSelector,
  isArticle: (doc: vscode.TextDocument) => boolean,
  services: Services,
): vscode.Disposable {
  const hints = vscode.languages.createDiagnosticCollection('news-lens-attributions');

  const update = async (doc: vscode.TextDocument) => {
    if (!isArticle(doc) || doc.isClosed) return;
    try {
      const [result, notes] = await Promise.all([
        services.analyses.get(doc),
        services.annotations.resolved(doc).catch(() => []),
      ]);
      // An older analysis would put hints on the wrong words; the newer one fires onDidUpdate when done.
      if (doc.isClosed || result.version !== doc.version) return;
      const enabled = (code: HintCode) => services.config.get<boolean>(SETTINGS[code], doc.uri) !== false;
      const spans = notes.flatMap((n) => (n.anchor.start !== undefined && n.anchor.end !== undefined ? [{ start: n.anchor.start, end: n.anchor.end }] : []));
      const found = attributionHints(
        result.analysis, spans, { unattributed: enabled('unattributed-quote'), anonymous: enabled('anonymous-source') }, HINT_MESSAGES,
      );
      hints.set(doc.uri, found.map((h) => {
        const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(h.start), doc.positionAt(h.end)), h.message, vscode.DiagnosticSeverity.Information);
        d.source = ATTRIBUTION_HINT_SOURCE;
        d.code = h.code;
        return d;
      }));
    } catch (err) {
      services.log.warn(`attribution hints of ${doc.uri.toString(true)}: ${String(err)}`);
    }
  };
  const updateUri = (uri: vscode.Uri) => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc) void update(doc);
  };

  const quickFixes: vscode.CodeActionProvider = {
    provideCodeActions(document, _range, context) {
      const actions: vscode.CodeAction[] = [];
      for (const d of context.diagnostics) {
        if (d.source !== ATTRIBUTION_HINT_SOURCE || typeof d.code !== 'string' || !(d.code in SETTINGS)) continue;
        const annotate = new vscode.CodeAction(vscode.l10n.t('Annotate this attribution…'), vscode.CodeActionKind.QuickFix);
        annotate.diagnostics = [d];
        annotate.isPreferred = true;
        annotate.command = {
          command: Commands.annotate,
          title: vscode.l10n.t('Annotate'),
          arguments: [{ uri: document.uri.toString(), range: { start: document.offsetAt(d.range.start), end: document.offsetAt(d.range.end) } }],
        };
        const off = new vscode.CodeAction(
          d.code === 'anonymous-source'
            ? vscode.l10n.t('Stop hinting at anonymous sources')
            : vscode.l10n.t('Stop hinting at attributions without a speaker'),
          vscode.CodeActionKind.QuickFix,
        );
        off.diagnostics = [d];
        off.command = {
          command: 'workbench.action.openSettings',
          title: vscode.l10n.t('Open setting'),
          arguments: [`newsLens.${SETTINGS[d.code as HintCode]}`],
        };
        actions.push(annotate, off);
      }
      return actions;
    },
  };

  vscode.workspace.textDocuments.forEach((d) => void update(d));
  return vscode.Disposable.from(
    hints,
    vscode.languages.registerCodeActionsProvider(selector, quickFixes, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.workspace.onDidOpenTextDocument((d) => void update(d)),
    services.analyses.onDidUpdate(updateUri),
    services.annotations.onDidChange(updateUri),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('newsLens.hints')) vscode.workspace.textDocuments.forEach((d) => void update(d));
    }),
    vscode.workspace.onDidCloseTextDocument((d) => hints.delete(d.uri)),
  );
}
