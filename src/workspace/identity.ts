// Cross-article identity: when a name in one article and a name in another are one entity.
//
// The rule (documented in docs/workspace.md, tested in test/unit/workspace.identity.test.ts):
// 1. Names are compared normalised (normName): Unicode NFKC, lower case, typographic apostrophes
//    made plain, a leading "the " and a trailing possessive "'s" dropped, runs of spaces made one.
// 2. Two clusters of the same type with the same normalised canonical name are one entity, whatever
//    the article. Types never mix: "Trump" the PERSON is not "Trump" the ORG.
// 3. A canonical name of ONE word W ("Trump" in an article that never says the full name) joins the
//    entity of a longer name N of the same type when N is the only such candidate in the whole
//    index: N's cluster has W among its surface forms ("Donald Trump" was also called "Trump"), or,
//    for people, W is N's last word (a surname). Two or more candidates ("Donald Trump" and "Melania
//    Trump") contradict each other, and W stays an entity of its own; so does a W without any.
//    The join is recomputed for the affected one-word names whenever an article changes, so a
//    second "… Trump" arriving later splits an earlier join.
// Longer names are never merged with each other (aliases from one article do not chain across
// articles), which keeps a wrong join to one surname at most.

/** The normalised form of a name (rule 1); '' for a name with no letters or digits. */
export function normName(name: string): string {
  let s = name.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019\u02bc`]/g, "'").replace(/\s+/g, ' ').trim();
  s = s.replace(/^the /, '').replace(/'s?$/, '').trim();
  return /[\p{L}\p{N}]/u.test(s) ? s : '';
}

/** A normalised name of one word (rule 3 applies to it). */
export function isOneWord(norm: string): boolean {
  return !norm.includes(' ');
}

/** The last word of a normalised name (a person's surname, for rule 3). */
export function lastWord(norm: string): string {
  const i = norm.lastIndexOf(' ');
  return i < 0 ? norm : norm.slice(i + 1);
}
