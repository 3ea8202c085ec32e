// What a learning run may change (issue 15, the CoNLL guard in docs/learning.md): the one choice shared by
// `news-lens learn` (--names-only, --new-words-only) and the editor's `newsLens.learning.scope` setting.
import type { LearnOptions } from '../engine/ner/learn';

/** 'all': the corrected names and weight changes (the largest gain on the team's later articles; the
 *  model elsewhere moves a little); 'newWords': the names, and weight changes only where the shipped model
 *  has no weights (what it learned stays as it was); 'namesOnly': the corrected names alone. */
export type LearnScope = 'all' | 'newWords' | 'namesOnly';

export const LEARN_SCOPES: readonly LearnScope[] = ['all', 'newWords', 'namesOnly'];

/** The learner's options for a scope; anything else than a known scope is refused by name. */
export function learnOptionsOf(scope: LearnScope): LearnOptions {
  switch (scope) {
    case 'all': return {};
    case 'newWords': return { scope: 'novel' };
    case 'namesOnly': return { weights: false };
    default: throw new Error(`unknown learning scope "${String(scope)}" (${LEARN_SCOPES.join(', ')})`);
  }
}
