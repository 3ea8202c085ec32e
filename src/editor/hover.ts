// Hover cards: what the engine found under the cursor (entity, quotation) and the reviewers' notes on it.
// Document text is untrusted: it only ever enters the Markdown through appendText; the only trusted
// command links are our own named commands.
import * as vscode from 'vscode';
import type { Analysis, Entity, Quote, Reference } from '../engine/types';
import type { AnchorState, ResolvedAnnotation } from '../store/index';
import type { CorrectionReport } from '../corrections/index';
import { Commands, commandLink } from './commandIds';
import { CARD_LIMITS, entityCardModel } from './entityCard';
import { SpanIndex, type AnalysisIndex } from './analysisIndex';
import { clusterById, referenceAt } from './analysisQueries';
import { sourceOf } from './attributions';
import type { Services } from './services';
import { entityTypeName, labelOf, quoteKindNoun, quoteKindTitle, takesAn } from './util/displayNames';
import { shorten } from './util/text';

const TRUSTED = {
  enabledCommands: [
    Commands.revealRange, Commands.editAnnotation, Commands.deleteAnnotation, Commands.showEntityDetails, Commands.showMentions,
    Commands.retypeEntity, Commands.rejectEntity, Commands.changeSpeaker, Commands.rejectQuotation, Commands.removeCorrection,
  ],
};

/** How long the hover provider takes (read-only; for the extension's API and the editor benchmark). */
export interface HoverTimingsView {
  /** Hovers provided since activation. */
  readonly count: number;
  /** Milliseconds the latest provideHover call took, from its call to its answer (awaits included). */
  readonly lastMs: number;
}

export interface HoverRegistration extends vscode.Disposable {
  readonly view: HoverTimingsView;
}

export function registerHover(selector: vscode.DocumentSelector, services: Services): HoverRegistration {
  const timings = { count: 0, lastMs: NaN };
  // The placed notes of the latest list asked about (the manager hands out one list per document version).
  let placed: { notes: ResolvedAnnotation[]; index: SpanIndex<PlacedNote> } | undefined;
  const notesIndex = (notes: ResolvedAnnotation[]) => {
    if (placed?.notes !== notes) placed = { notes, index: new SpanIndex(placedNotes(notes)) };
    return placed.index;
  };
  const registration = vscode.languages.registerHoverProvider(selector, timed(timings, {
    async provideHover(document, position, token) {
      const offset = document.offsetAt(position);
      const [result, notes] = await Promise.all([
        services.analyses.get(document),
        services.annotations.resolved(document).catch((err: unknown) => {
          services.log.warn(`annotations unavailable: ${String(err)}`);
          return [] as ResolvedAnnotation[];
        }),
      ]);
      if (token.isCancellationRequested) return undefined;
      // The analysis may be of an older version while a re-analysis is pending; offsets would be off.
      const analysis = result.version === document.version ? result.analysis : undefined;
      const index = result.index;
      const noteSpans = notesIndex(notes);
      const cards: vscode.MarkdownString[] = [];
      let span: { start: number; end: number } | undefined;
      if (analysis) {
        const entity = index.entityAt(offset);
        if (entity) {
          // Notes on other mentions of this entity; the ones under the cursor get their own card below.
          const elsewhere = overlapping(notes, noteSpans, entityMentions(analysis, entity)).filter((n) => !contains(n, offset));
          const card = entityCard(document, analysis, entity, elsewhere, index);
          appendCorrectionLinks(card, document, entity, result.corrections, 'entity', entityTypeName(entity.type));
          cards.push(card);
          span = entity;
        }
        const reference = entity ? undefined : referenceAt(analysis, offset);
        if (reference) {
          const card = referenceCard(document, analysis, reference);
          if (card) { cards.push(card); span = reference; }
        }
        const quote = index.quoteAt(offset);
        if (quote) {
          const card = quoteCard(document, analysis, quote, index);
          appendCorrectionLinks(card, document, quote, result.corrections, 'quote');
          cards.push(card);
          span ??= quote;
        }
      }
      for (const { note: n } of noteSpans.containing(offset, true)) {
        cards.push(annotationCard(document, n));
        span ??= { start: n.anchor.start!, end: n.anchor.end! };
      }
      const range = span && new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
      return cards.length > 0 ? new vscode.Hover(cards, range) : undefined;
    },
  }));
  return { view: timings, dispose: () => registration.dispose() };
}

/**
 * The card's corrections: what a reviewer corrected here (with a link that removes the correction), and
 * links to correct it (issue 15): "Not a person…" (another type) and "Not a name" on a name, "Change
 * speaker…" and "Not a quotation" on a quotation.
 */
function appendCorrectionLinks(
  md: vscode.MarkdownString,
  doc: vscode.TextDocument,
  span: { start: number; end: number },
  corrections: readonly CorrectionReport[] | undefined,
  kind: 'entity' | 'quote',
  typeName?: string,
): void {
  const uri = doc.uri.toString();
  for (const c of corrections ?? []) {
    if (!c.applied || c.kind !== kind || c.start === undefined || c.end === undefined || !(c.start < span.end && span.start < c.end)) continue;
    md.appendMarkdown(`\n\n$(pass) _${vscode.l10n.t('Corrected by a reviewer')}_`);
    if (c.author) {
      md.appendMarkdown(' (');
      appendUntrusted(md, c.author);
      md.appendMarkdown(')');
    }
    md.appendMarkdown(` · [${vscode.l10n.t('Undo correction')}](${commandLink(Commands.removeCorrection, [uri, c.id])})`);
  }
  const args = [uri, span.start, span.end];
  md.appendMarkdown('\n\n---\n\n');
  if (kind === 'entity') {
    md.appendMarkdown(`[$(edit) ${takesAn(typeName ?? '') ? vscode.l10n.t('Not an {0}…', typeName ?? '') : vscode.l10n.t('Not a {0}…', typeName ?? '')}](${commandLink(Commands.retypeEntity, args)} "${vscode.l10n.t('Give it another type')}")`);
    md.appendMarkdown(` · [$(close) ${vscode.l10n.t('Not a name')}](${commandLink(Commands.rejectEntity, args)})`);
  } else {
    md.appendMarkdown(`[$(person) ${vscode.l10n.t('Change speaker…')}](${commandLink(Commands.changeSpeaker, args)})`);
    md.appendMarkdown(` · [$(close) ${vscode.l10n.t('Not a quotation')}](${commandLink(Commands.rejectQuotation, args)})`);
  }
}

/** The provider, recording how long each answer took into `timings`. */
function timed(timings: { count: number; lastMs: number }, provider: vscode.HoverProvider): vscode.HoverProvider {
  return {
    async provideHover(document, position, token) {
      const t0 = performance.now();
      try {
        return await provider.provideHover(document, position, token);
      } finally {
        timings.count++;
        timings.lastMs = performance.now() - t0;
      }
    },
  };
}

function entityMentions(analysis: Analysis, entity: Entity): Array<{ start: number; end: number }> {
  const cluster = clusterById(analysis, entity.cluster);
  if (!cluster) return [entity];
  return cluster.mentions.map((i) => analysis.entities[i]).filter((e): e is Entity => !!e);
}

function contains(n: ResolvedAnnotation, offset: number): boolean {
  const { start, end } = n.anchor;
  return start !== undefined && end !== undefined && start <= offset && offset <= end;
}

interface PlacedNote {
  start: number;
  end: number;
  note: ResolvedAnnotation;
}

/** The notes that have a place in the text, as spans. */
function placedNotes(notes: ResolvedAnnotation[]): PlacedNote[] {
  const out: PlacedNote[] = [];
  for (const note of notes) {
    const { start, end } = note.anchor;
    if (start !== undefined && end !== undefined) out.push({ start, end, note });
  }
  return out;
}

/** The notes overlapping any of `spans`, in the notes' order. */
function overlapping(notes: ResolvedAnnotation[], index: SpanIndex<PlacedNote>, spans: Array<{ start: number; end: number }>): ResolvedAnnotation[] {
  const hit = new Set<ResolvedAnnotation>();
  for (const s of spans) for (const p of index.overlapping(s.start, s.end)) hit.add(p.note);
  return hit.size === 0 ? [] : notes.filter((n) => hit.has(n));
}

/**
 * Appends document or sidecar text as literal text. appendText escapes Markdown syntax but leaves `<`,
 * which a renderer with HTML support would read as a tag; encode it too (defence in depth).
 */
function appendUntrusted(md: vscode.MarkdownString, text: string): void {
  md.appendMarkdown(escapeUntrusted(text));
}

/** Document or sidecar text as Markdown that shows it literally (to put into a translated message).
 *  The cards render theme icons (`$(comment)`), so the escaping must know it: with supportThemeIcons
 *  appendText also escapes `$(name)` in the text, and a label `$(pass-filled) verified` shows as typed. */
function escapeUntrusted(text: string): string {
  return new vscode.MarkdownString('', true).appendText(text).value.replace(/</g, '&lt;');
}

function newCard(): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = TRUSTED;
  md.supportHtml = false;
  return md;
}

function lineLink(doc: vscode.TextDocument, start: number, end: number): string {
  const line = doc.positionAt(start).line + 1;
  return `[${vscode.l10n.t('line {0}', line)}](${commandLink(Commands.revealRange, [doc.uri.toString(), start, end])})`;
}

function entityCard(doc: vscode.TextDocument, analysis: Analysis, entity: Entity, notes: ResolvedAnnotation[], index: AnalysisIndex): vscode.MarkdownString {
  const md = newCard();
  const card = entityCardModel(analysis, entity, notes, CARD_LIMITS, index);
  md.appendMarkdown('$(symbol-field) **');
  appendUntrusted(md, card.name);
  md.appendMarkdown(`** · ${entityTypeName(entity.type)} \`${entity.type}\`\n\n`);
  if (!card.cluster) return md;
  // Every "n more" opens the full lists (newsLens.showEntityDetails).
  const moreLink = (n: number) => `[${vscode.l10n.t('{0} more', n)}](${commandLink(Commands.showEntityDetails, [doc.uri.toString(), entity.start])})`;
  const more = (n: number) => (n > 0 ? ` · ${moreLink(n)}` : '');
  if (card.aliases.shown.length > 0) {
    md.appendMarkdown(`**${vscode.l10n.t('Also called:')}** `);
    appendUntrusted(md, card.aliases.shown.join(', '));
    md.appendMarkdown(`${more(card.aliases.more)}\n\n`);
  }
  if (card.descriptors.shown.length > 0) {
    md.appendMarkdown(`**${vscode.l10n.t('Described as:')}** `);
    appendUntrusted(md, card.descriptors.shown.map((d) => shorten(d, 80)).join('; '));
    md.appendMarkdown(`${more(card.descriptors.more)}\n\n`);
  }
  const first = card.mentions[0];
  // The count opens every mention (names, and the pronouns resolved to it) in a references peek.
  const mentionsLink = commandLink(Commands.showMentions, [doc.uri.toString(), entity.start]);
  md.appendMarkdown(`**${vscode.l10n.t('Mentions:')}** [${card.mentions.length}](${mentionsLink} "${vscode.l10n.t('Show all mentions')}")`);
  if (first) md.appendMarkdown(` · ${vscode.l10n.t('first on {0}', lineLink(doc, first.start, first.end))}`);
  md.appendMarkdown('\n\n');
  const quoted = card.quotes.shown.length + card.quotes.more;
  if (quoted > 0) {
    md.appendMarkdown(`**${quoted === 1 ? vscode.l10n.t('Quoted once:') : vscode.l10n.t('Quoted {0} times:', quoted)}**\n\n`);
    for (const segments of card.quotes.shown) {
      const firstSegment = segments[0]!;
      md.appendMarkdown('- ');
      const words = segments.map((q) => q.content.text).join(' … ');
      appendUntrusted(md, firstSegment.kind === 'direct' ? `“${shorten(words, 90)}”` : shorten(words, 90));
      if (firstSegment.kind !== 'direct') md.appendMarkdown(` _(${quoteKindNoun(firstSegment.kind)})_`);
      md.appendMarkdown(` — ${lineLink(doc, firstSegment.start, firstSegment.end)}\n`);
    }
    if (card.quotes.more > 0) md.appendMarkdown(`- ${moreLink(card.quotes.more)}\n`);
    md.appendMarkdown('\n');
  }
  if (card.notes.shown.length > 0) {
    md.appendMarkdown(`**${vscode.l10n.t('Annotations on other mentions:')}**\n\n`);
    for (const n of card.notes.shown) {
      md.appendMarkdown('- ');
      appendUntrusted(md, `${labelOf(n.annotation)}: ${shorten(n.annotation.note ?? '', 60)}`);
      if (n.anchor.start !== undefined && n.anchor.end !== undefined) md.appendMarkdown(` — ${lineLink(doc, n.anchor.start, n.anchor.end)}`);
      md.appendMarkdown('\n');
    }
    if (card.notes.more > 0) md.appendMarkdown(`- ${moreLink(card.notes.more)}\n`);
  }
  return md;
}

function quoteCard(doc: vscode.TextDocument, analysis: Analysis, quote: Quote, index: AnalysisIndex): vscode.MarkdownString {
  const md = newCard();
  const segments = index.segmentsOf(quote.attribution) ?? [quote];
  md.appendMarkdown(`$(quote) **${quoteKindTitle(quote.kind)}**`);
  if (segments.length > 1) md.appendMarkdown(` · ${vscode.l10n.t('part {0} of {1}', segments.indexOf(quote) + 1, segments.length)}`);
  md.appendMarkdown('\n\n');
  const source = sourceOf(analysis, quote);
  md.appendMarkdown(`**${vscode.l10n.t('Speaker:')}** `);
  switch (source.status) {
    case 'named':
      appendUntrusted(md, source.cluster!.name);
      if (source.mention && source.mention.text !== source.cluster!.name) {
        md.appendMarkdown(` ${vscode.l10n.t('(as {0})', escapeUntrusted(`“${source.mention.text}”`))}`);
      }
      md.appendMarkdown(` · _${vscode.l10n.t('named source')}_`);
      break;
    case 'anonymous':
      if (source.mention) appendUntrusted(md, `“${source.mention.text}” `);
      md.appendMarkdown(`· $(eye-closed) _${vscode.l10n.t('anonymous source')}_`);
      break;
    case 'unresolved':
      appendUntrusted(md, `“${source.mention!.text}” `);
      md.appendMarkdown(`· _${vscode.l10n.t('not identified by name')}_`);
      break;
    case 'unattributed':
      md.appendMarkdown(`_${vscode.l10n.t('no identifiable speaker')}_`);
      break;
  }
  if (source.mention) md.appendMarkdown(` — ${lineLink(doc, source.mention.start, source.mention.end)}`);
  md.appendMarkdown('\n\n');
  if (quote.cue) {
    md.appendMarkdown(`**${vscode.l10n.t('Cue:')}** `);
    appendUntrusted(md, quote.cue.text);
    md.appendMarkdown('\n\n');
  }
  if (quote.when) {
    md.appendMarkdown(`**${vscode.l10n.t('When:')}** `);
    appendUntrusted(md, quote.when.text);
    md.appendMarkdown('\n\n');
  }
  appendFragments(md, quote);
  const others = segments.filter((q) => q !== quote);
  if (others.length > 0) {
    md.appendMarkdown(`**${others.length === 1 ? vscode.l10n.t('Other part:') : vscode.l10n.t('Other parts:')}** `);
    md.appendMarkdown(others.map((q) => lineLink(doc, q.start, q.end)).join(', '));
    md.appendMarkdown('\n\n');
  }
  return md;
}

/** The quoted fragments of a partial quotation: the exact words the speaker is quoted with. */
function appendFragments(md: vscode.MarkdownString, quote: Quote): void {
  if (!quote.fragments || quote.fragments.length === 0) return;
  md.appendMarkdown(`**${vscode.l10n.t('Quoted words:')}**\n\n`);
  for (const f of quote.fragments) {
    md.appendMarkdown('- ');
    appendUntrusted(md, `“${shorten(f.text, 200)}”`);
    md.appendMarkdown('\n');
  }
  md.appendMarkdown('\n');
}

/** "He → Donald Trump · person": whom a resolved pronoun refers to, with a link to the name's first mention. */
function referenceCard(doc: vscode.TextDocument, analysis: Analysis, ref: Reference): vscode.MarkdownString | undefined {
  const cluster = clusterById(analysis, ref.cluster);
  if (!cluster) return undefined;
  const md = newCard();
  md.appendMarkdown(`$(references) ${vscode.l10n.t('{0} refers to {1}', `**${escapeUntrusted(ref.text)}**`, `**${escapeUntrusted(cluster.name)}**`)}`);
  md.appendMarkdown(` · ${entityTypeName(cluster.type)}\n\n`);
  const first = analysis.entities[cluster.mentions[0] ?? -1];
  if (first) md.appendMarkdown(`${vscode.l10n.t('First named on {0}', lineLink(doc, first.start, first.end))} · `);
  md.appendMarkdown(`_${vscode.l10n.t('resolved by the engine: the only person of that gender named just before')}_\n\n`);
  return md;
}

/** What a note's card warns about its place in the text, if anything. */
function stateWarning(state: AnchorState): string | undefined {
  switch (state) {
    case 'anchored': case 'moved': return undefined;
    case 'fuzzy': return vscode.l10n.t('the text changed a little; found again');
    case 'needs-review': return vscode.l10n.t('the text changed; please check this note is on the right words');
    case 'orphaned': return vscode.l10n.t('its text is gone');
  }
}

function annotationCard(doc: vscode.TextDocument, r: ResolvedAnnotation): vscode.MarkdownString {
  const a = r.annotation;
  const md = newCard();
  md.appendMarkdown('$(comment) **');
  appendUntrusted(md, labelOf(a));
  md.appendMarkdown('**');
  if (a.status === 'resolved') md.appendMarkdown(` · _${vscode.l10n.t('resolved')}_`);
  md.appendMarkdown('\n\n');
  if (a.note) {
    appendUntrusted(md, a.note);
    md.appendMarkdown('\n\n');
  }
  const by: string[] = [];
  if (a.author) by.push(a.author);
  const when = a.updated ?? a.created;
  if (when) by.push(formatTime(when));
  if (by.length > 0) {
    md.appendMarkdown('_');
    appendUntrusted(md, by.join(' · '));
    md.appendMarkdown('_\n\n');
  }
  const warning = stateWarning(r.anchor.state);
  if (warning) md.appendMarkdown(`$(warning) ${warning}\n\n`);
  const args = [doc.uri.toString(), a.id];
  md.appendMarkdown(
    `[$(edit) ${vscode.l10n.t('Edit')}](${commandLink(Commands.editAnnotation, args)}) · [$(trash) ${vscode.l10n.t('Delete')}](${commandLink(Commands.deleteAnnotation, args)})`,
  );
  return md;
}

function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
