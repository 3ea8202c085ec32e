// Navigation inside one article: document symbols (Outline, breadcrumbs, Go to Symbol in Editor) with the
// names by kind and the quotations by speaker; Find All References and highlight-all-mentions for a name
// (every mention of its cluster, resolved pronouns and descriptions included); Go to Definition on a
// mention (the first mention by the full name). The logic is pure (util/outline.ts, analysisQueries.ts);
// this file only adapts offsets to ranges and localises the words.
import * as vscode from 'vscode';
import type { Analysis } from '../engine/types';
import { clusterAt, clusterMentions, definingMention } from './analysisQueries';
import type { OutlineKind, OutlineSpan, OutlineSpeakerGroup } from './util/outline';
import { outlineOf } from './util/outline';
import { kindOf } from './kinds';
import type { Services } from './services';
import { quoteKindTitle } from './util/displayNames';
import { Commands } from './commandIds';

/**
 * Symbol kinds. A named entity takes the kind of its semantic token's standard super-type (package.json
 * `semanticTokenTypes`: person → class, organization → function, place → enumMember, group → parameter
 * (shown as a variable), namedEvent → macro (an Event symbol reads better), work → property), so the
 * Outline's icons fall into the same colour families as the highlights in the text. Containers are
 * Namespaces (a set of names, the `{}` icon); quotations are Strings (reported words).
 */
const ENTITY_SYMBOL_KINDS: Record<OutlineKind, vscode.SymbolKind> = {
  person: vscode.SymbolKind.Class,
  organization: vscode.SymbolKind.Function,
  place: vscode.SymbolKind.EnumMember,
  group: vscode.SymbolKind.Variable,
  namedEvent: vscode.SymbolKind.Event,
  work: vscode.SymbolKind.Property,
};

export function registerSymbols(selector: vscode.DocumentSelector, services: Services): vscode.Disposable {
  /** The analysis of the document as it is now (waits while a re-analysis of newer text is pending). */
  const current = async (document: vscode.TextDocument, token: vscode.CancellationToken): Promise<Analysis | undefined> => {
    let result = await services.analyses.get(document);
    while (result.version !== document.version && !token.isCancellationRequested) result = await services.analyses.get(document);
    return token.isCancellationRequested ? undefined : result.analysis;
  };
  const range = (document: vscode.TextDocument, span: OutlineSpan) => new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));

  const symbols: vscode.DocumentSymbolProvider = {
    async provideDocumentSymbols(document, token) {
      const analysis = await current(document, token);
      return analysis && documentSymbols(document, analysis, range);
    },
  };
  const references: vscode.ReferenceProvider = {
    async provideReferences(document, position, context, token) {
      const analysis = await current(document, token);
      const cluster = analysis && clusterAt(analysis, document.offsetAt(position));
      if (!analysis || !cluster) return undefined;
      const definition = definingMention(analysis, cluster);
      return clusterMentions(analysis, cluster)
        .filter((m) => context.includeDeclaration || m.start !== definition?.start)
        .map((m) => new vscode.Location(document.uri, range(document, m)));
    },
  };
  const highlights: vscode.DocumentHighlightProvider = {
    async provideDocumentHighlights(document, position, token) {
      const analysis = await current(document, token);
      const cluster = analysis && clusterAt(analysis, document.offsetAt(position));
      if (!analysis || !cluster) return undefined;
      const definition = definingMention(analysis, cluster);
      // The first full mention is shown as the "write" (the definition), the names as "read"s, the
      // pronouns and descriptions as plain text: three shades, so a reviewer sees which is which.
      return clusterMentions(analysis, cluster).map((m) => new vscode.DocumentHighlight(
        range(document, m),
        m.start === definition?.start ? vscode.DocumentHighlightKind.Write
          : m.kind === 'name' ? vscode.DocumentHighlightKind.Read : vscode.DocumentHighlightKind.Text,
      ));
    },
  };
  const definitions: vscode.DefinitionProvider = {
    async provideDefinition(document, position, token) {
      const analysis = await current(document, token);
      const cluster = analysis && clusterAt(analysis, document.offsetAt(position));
      const first = analysis && cluster && definingMention(analysis, cluster);
      return first ? new vscode.Location(document.uri, range(document, first)) : undefined;
    },
  };
  const label = vscode.l10n.t('News Lens names and quotations');
  return vscode.Disposable.from(
    vscode.languages.registerDocumentSymbolProvider(selector, symbols, { label }),
    vscode.languages.registerReferenceProvider(selector, references),
    vscode.languages.registerDocumentHighlightProvider(selector, highlights),
    vscode.languages.registerDefinitionProvider(selector, definitions),
    // A hover card's mention count: every mention of the entity at [uri, offset] in a references peek;
    // returns how many (for tests), or undefined when the text changed under the link.
    vscode.commands.registerCommand(Commands.showMentions, async (uri: unknown, offset: unknown) => {
      if (typeof uri !== 'string' || typeof offset !== 'number') {
        void vscode.window.showErrorMessage(vscode.l10n.t('News Lens: this command needs an article and a position (it is run from hover cards).'));
        return undefined;
      }
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const { analysis, version } = await services.analyses.get(document);
      const cluster = version === document.version ? clusterAt(analysis, offset) : undefined;
      if (!cluster) {
        void vscode.window.showInformationMessage(vscode.l10n.t('News Lens: the text changed and no entity is at that place any more.'));
        return undefined;
      }
      const locations = clusterMentions(analysis, cluster).map((m) => new vscode.Location(document.uri, range(document, m)));
      await vscode.commands.executeCommand('editor.action.showReferences', document.uri, document.positionAt(offset), locations);
      return locations.length;
    }),
  );
}

function documentSymbols(
  document: vscode.TextDocument,
  analysis: Analysis,
  range: (document: vscode.TextDocument, span: OutlineSpan) => vscode.Range,
): vscode.DocumentSymbol[] {
  const outline = outlineOf(analysis);
  // A group's range spans its members (so the breadcrumbs show "People › Donald Trump" at his name); VS Code
  // orders the groups by where their ranges start, like every outline, whatever order they are given in.
  const out: vscode.DocumentSymbol[] = [];
  for (const group of outline.entities) {
    const where = range(document, group.span);
    const node = new vscode.DocumentSymbol(groupTitle(group.kind), '', vscode.SymbolKind.Namespace, where, range(document, group.entities[0]!.first));
    for (const e of group.entities) {
      const at = range(document, e.first);
      const detail = [
        e.mentions === 1 ? vscode.l10n.t('1 mention') : vscode.l10n.t('{0} mentions', e.mentions),
        ...(e.references === 0 ? [] : [e.references === 1 ? vscode.l10n.t('1 pronoun or description') : vscode.l10n.t('{0} pronouns or descriptions', e.references)]),
        ...(e.role ? [e.role] : []),
      ].join(' · ');
      node.children.push(new vscode.DocumentSymbol(e.cluster.name, detail, ENTITY_SYMBOL_KINDS[group.kind], at, at));
    }
    out.push(node);
  }
  if (outline.quotes.length > 0) {
    const first = outline.quotes[0]!;
    // A loop, not Math.min(...spread): a 1 MB article has thousands of speakers.
    const span = { start: first.span.start, end: first.span.end };
    for (const g of outline.quotes) span.end = Math.max(span.end, g.span.end); // groups are sorted by start
    const node = new vscode.DocumentSymbol(vscode.l10n.t('Quotations'), '', vscode.SymbolKind.Namespace, range(document, span), range(document, first.quotes[0]!.span));
    for (const group of outline.quotes) {
      const speaker = new vscode.DocumentSymbol(
        speakerTitle(group),
        group.quotes.length === 1 ? vscode.l10n.t('1 quotation') : vscode.l10n.t('{0} quotations', group.quotes.length),
        speakerKind(group),
        range(document, group.span),
        range(document, group.quotes[0]!.span),
      );
      for (const q of group.quotes) {
        // The detail also says how the text names the speaker (He, a U.S. official).
        const detail = q.speakerText ? `${quoteKindTitle(q.kind)} · ${q.speakerText}` : quoteKindTitle(q.kind);
        const at = range(document, q.span);
        speaker.children.push(new vscode.DocumentSymbol(q.title || '…', detail, vscode.SymbolKind.String, at, range(document, q.segments[0]!)));
      }
      node.children.push(speaker);
    }
    out.push(node);
  }
  return out;
}

/** A named speaker's symbol kind: its entity kind's (a speaker is a person or an organisation, mostly). */
function speakerKind(group: OutlineSpeakerGroup): vscode.SymbolKind {
  if (group.speaker.status !== 'named') return vscode.SymbolKind.Object;
  const kind = kindOf(group.speaker.cluster.type);
  return kind in ENTITY_SYMBOL_KINDS ? ENTITY_SYMBOL_KINDS[kind as OutlineKind] : vscode.SymbolKind.Object;
}

function speakerTitle(group: OutlineSpeakerGroup): string {
  switch (group.speaker.status) {
    case 'named': return group.speaker.cluster.name;
    case 'anonymous': return vscode.l10n.t('Anonymous sources');
    case 'unresolved': return vscode.l10n.t('Sources not identified by name');
    case 'unattributed': return vscode.l10n.t('No identifiable speaker');
  }
}

function groupTitle(kind: OutlineKind): string {
  switch (kind) {
    case 'person': return vscode.l10n.t('People');
    case 'organization': return vscode.l10n.t('Organisations');
    case 'place': return vscode.l10n.t('Places');
    case 'group': return vscode.l10n.t('Nationalities and groups');
    case 'namedEvent': return vscode.l10n.t('Events');
    case 'work': return vscode.l10n.t('Works, laws and products');
  }
}
