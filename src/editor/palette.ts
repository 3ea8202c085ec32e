// The highlight palette: one themable colour (contributed in package.json `colors`) and one type style
// per kind of highlighted text, so kinds differ by hue AND by weight, slant or underline (readers who do
// not tell the hues apart still tell persons from organisations from dates). Semantic tokens take their
// colours from the theme's code colours (places and dates come out the same blue in Light Modern), so
// the palette is painted with decorations; `newsLens.highlight.style: "theme"` turns it off and leaves
// the semantic tokens and the grammar to the theme. Pure (no `vscode` import): entityDecorations.ts
// renders what this module computes.
import type { Analysis, Span } from '../engine/types';
import { type EntityKind, kindOf } from './kinds';

export type PaletteKey = 'person' | 'organization' | 'place' | 'group' | 'event' | 'work' | 'date' | 'number' | 'quotation';

export interface PaletteStyle {
  fontWeight?: 'bold';
  fontStyle?: 'italic';
  /** A CSS text-decoration value. */
  textDecoration?: string;
}

export interface PaletteEntry {
  key: PaletteKey;
  /** Theme colour id contributed in package.json. */
  colorId: string;
  /** The entity kinds painted with this entry (none for quotations). */
  kinds: readonly EntityKind[];
  style: PaletteStyle;
}

// Order matters: quotations first, so an entity inside a quotation is painted over it (decoration
// types created later win the CSS cascade).
export const PALETTE: readonly PaletteEntry[] = [
  { key: 'quotation', colorId: 'newsLens.quotationForeground', kinds: [], style: {} },
  { key: 'person', colorId: 'newsLens.personForeground', kinds: ['person'], style: { fontWeight: 'bold' } },
  { key: 'organization', colorId: 'newsLens.organizationForeground', kinds: ['organization'], style: { textDecoration: 'underline' } },
  { key: 'place', colorId: 'newsLens.placeForeground', kinds: ['place'], style: {} },
  { key: 'group', colorId: 'newsLens.groupForeground', kinds: ['group'], style: { fontStyle: 'italic' } },
  { key: 'event', colorId: 'newsLens.eventForeground', kinds: ['namedEvent'], style: { fontWeight: 'bold', fontStyle: 'italic' } },
  { key: 'work', colorId: 'newsLens.workForeground', kinds: ['work'], style: { fontStyle: 'italic', textDecoration: 'underline' } },
  { key: 'date', colorId: 'newsLens.dateForeground', kinds: ['date'], style: { textDecoration: 'underline dotted' } },
  { key: 'number', colorId: 'newsLens.numberForeground', kinds: ['money', 'percentage', 'quantity'], style: {} },
];

export type HighlightStyle = 'palette' | 'theme';

/** The `newsLens.highlight.style` setting; anything but "theme" means the palette. */
export function highlightStyle(setting: unknown): HighlightStyle {
  return setting === 'theme' ? 'theme' : 'palette';
}

/**
 * The spans to paint with each palette entry. Entities of kinds switched off in
 * `newsLens.highlight.kinds` are left out. Quotations: a direct quotation whole (marks included, as the
 * grammar colours it); in a partial quotation only the fragments inside quotation marks.
 */
export function paletteSpans(text: string, analysis: Analysis, enabled: ReadonlySet<EntityKind>): Map<PaletteKey, Span[]> {
  const out = new Map<PaletteKey, Span[]>(PALETTE.map((p) => [p.key, []]));
  const keyOf = new Map<EntityKind, PaletteKey>();
  for (const p of PALETTE) for (const k of p.kinds) keyOf.set(k, p.key);
  for (const e of analysis.entities) {
    const kind = kindOf(e.type);
    if (!enabled.has(kind)) continue;
    out.get(keyOf.get(kind)!)!.push({ start: e.start, end: e.end, text: e.text });
  }
  const quotes = out.get('quotation')!;
  for (const q of analysis.quotes) {
    if (q.kind === 'direct') quotes.push({ start: q.start, end: q.end, text: q.text });
    else if (q.kind === 'mixed') quotes.push(...quotedFragments(text, q.content));
  }
  return out;
}

const FRAGMENT = /“[^“”\n]*”|"[^"\n]*"/g;

/** Stretches of `text` inside double quotation marks (marks included) within `within`. */
export function quotedFragments(text: string, within: { start: number; end: number }): Span[] {
  const slice = text.slice(within.start, within.end);
  const out: Span[] = [];
  for (const m of slice.matchAll(FRAGMENT)) {
    const start = within.start + m.index;
    out.push({ start, end: start + m[0].length, text: m[0] });
  }
  return out;
}
