// The `source` of the Problems entries News Lens makes: shared by the features that make them and the
// quick fixes that recognise them (and by the integration tests, which filter Problems on them).
// Product names, shown as they are (not translated): the quick fixes match on them.

/** Orphaned and needs-review annotations, and errors in an invalid sidecar (annotationProblems.ts). */
export const ANNOTATION_PROBLEM_SOURCE = 'News Lens';

/** Attributions a reviewer should check (attributionHints.ts). */
export const ATTRIBUTION_HINT_SOURCE = 'News Lens attribution';
