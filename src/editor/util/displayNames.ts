// Localised words for what the engine and the store name with codes (entity types, quotation kinds,
// anchor and sidecar states) and for a note without a label. Translated when called, never at import:
// the l10n bundle belongs to the running extension.
import * as vscode from 'vscode';
import type { EntityType, QuoteKind } from '../../engine/types';
import type { AnchorState, Annotation, SidecarState } from '../../store/index';

/** Whether an English sentence says "an" before this type name ("an organization", "a person"): picks
 *  which of two translatable strings to use (both are in the l10n bundle). */
export function takesAn(typeName: string): boolean {
  return /^[aeiou]/i.test(typeName);
}

/** Human words for an entity type (hover cards). */
export function entityTypeName(type: EntityType): string {
  switch (type) {
    case 'PERSON': return vscode.l10n.t('person');
    case 'NORP': return vscode.l10n.t('nationality, religious or political group');
    case 'FAC': return vscode.l10n.t('facility');
    case 'ORG': return vscode.l10n.t('organization');
    case 'GPE': return vscode.l10n.t('country, city or state');
    case 'LOC': return vscode.l10n.t('location');
    case 'PRODUCT': return vscode.l10n.t('product');
    case 'EVENT': return vscode.l10n.t('event');
    case 'WORK_OF_ART': return vscode.l10n.t('work of art');
    case 'LAW': return vscode.l10n.t('law');
    case 'LANGUAGE': return vscode.l10n.t('language');
    case 'DATE': return vscode.l10n.t('date');
    case 'TIME': return vscode.l10n.t('time');
    case 'PERCENT': return vscode.l10n.t('percentage');
    case 'MONEY': return vscode.l10n.t('money');
    case 'QUANTITY': return vscode.l10n.t('quantity');
    case 'ORDINAL': return vscode.l10n.t('ordinal');
    case 'CARDINAL': return vscode.l10n.t('number');
  }
}

/** A quotation kind as a title ("Partial quotation"). */
export function quoteKindTitle(kind: QuoteKind): string {
  switch (kind) {
    case 'direct': return vscode.l10n.t('Quotation');
    case 'mixed': return vscode.l10n.t('Partial quotation');
    case 'indirect': return vscode.l10n.t('Reported speech');
  }
}

/** A quotation kind as a noun in running text ("this partial quotation"). */
export function quoteKindNoun(kind: QuoteKind): string {
  switch (kind) {
    case 'direct': return vscode.l10n.t('quotation');
    case 'mixed': return vscode.l10n.t('partial quotation');
    case 'indirect': return vscode.l10n.t('reported speech');
  }
}

/** How an annotation was found on the current text, in a few words. */
export function anchorStateName(state: AnchorState): string {
  switch (state) {
    case 'anchored': return vscode.l10n.t('anchored');
    case 'moved': return vscode.l10n.t('moved');
    case 'fuzzy': return vscode.l10n.t('text changed a little');
    case 'needs-review': return vscode.l10n.t('needs review');
    case 'orphaned': return vscode.l10n.t('orphaned');
  }
}

/** The state of a sidecar file, in running text ("it is invalid"). */
export function sidecarStateName(state: SidecarState): string {
  switch (state) {
    case 'missing': return vscode.l10n.t('missing');
    case 'ok': return vscode.l10n.t('ok');
    case 'invalid': return vscode.l10n.t('invalid');
    case 'conflicted': return vscode.l10n.t('conflicted');
  }
}

/** An annotation's label, or the word for a note without one. */
export function labelOf(annotation: Pick<Annotation, 'label'>): string {
  return annotation.label ?? vscode.l10n.t('note');
}
