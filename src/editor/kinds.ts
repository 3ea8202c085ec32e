// Entity kinds shown in the editor: the 18 OntoNotes labels folded onto ten semantic token types.
// Pure data (no `vscode` import). The token type names are contributed in package.json
// (`semanticTokenTypes`), each with a standard super-type so every theme colours them.
import type { EntityType } from '../engine/types';

export const ENTITY_KINDS = [
  'person', 'organization', 'place', 'group', 'namedEvent', 'work', 'date', 'money', 'percentage', 'quantity',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export function kindOf(type: EntityType): EntityKind {
  switch (type) {
    case 'PERSON': return 'person';
    case 'ORG': return 'organization';
    case 'GPE': case 'LOC': case 'FAC': return 'place';
    case 'NORP': return 'group';
    case 'EVENT': return 'namedEvent';
    case 'PRODUCT': case 'WORK_OF_ART': case 'LAW': case 'LANGUAGE': return 'work';
    case 'DATE': case 'TIME': return 'date';
    case 'MONEY': return 'money';
    case 'PERCENT': return 'percentage';
    case 'QUANTITY': case 'ORDINAL': case 'CARDINAL': return 'quantity';
  }
}

// Human words for the types: src/editor/util/displayNames.ts (localised there).

/** Which kinds are on, from the `newsLens.highlight.kinds` setting (missing keys mean on). */
export function enabledKinds(setting: unknown): Set<EntityKind> {
  const on = new Set<EntityKind>(ENTITY_KINDS);
  if (setting && typeof setting === 'object') {
    for (const [k, v] of Object.entries(setting as Record<string, unknown>)) {
      if (v === false && (ENTITY_KINDS as readonly string[]).includes(k)) on.delete(k as EntityKind);
    }
  }
  return on;
}
