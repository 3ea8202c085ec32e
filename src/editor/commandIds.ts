// Command ids, shared by the commands and the hover cards that link to them.
export const Commands = {
  annotate: 'newsLens.annotate',
  editAnnotation: 'newsLens.editAnnotation',
  deleteAnnotation: 'newsLens.deleteAnnotation',
  goToAnnotation: 'newsLens.goToAnnotation',
  revealRange: 'newsLens.revealRange',
  reattachAnnotation: 'newsLens.reattachAnnotation',
  replyToAnnotation: 'newsLens.replyToAnnotation',
  resolveAnnotation: 'newsLens.resolveAnnotation',
  reopenAnnotation: 'newsLens.reopenAnnotation',
  refreshAnnotations: 'newsLens.refreshAnnotations',
  openAsArticle: 'newsLens.openAsArticle',
  openSidecar: 'newsLens.openSidecar',
  /** Contributed by VS Code for the Annotations view. */
  focusAnnotations: 'newsLens.annotations.focus',
  showEntityDetails: 'newsLens.showEntityDetails',
  /** Peek at every mention of the entity at [uri, offset] (a hover card's mention count links here). */
  showMentions: 'newsLens.showMentions',
  nextAnnotation: 'newsLens.nextAnnotation',
  previousAnnotation: 'newsLens.previousAnnotation',
  startNote: 'newsLens.startNote',
  saveNewNote: 'newsLens.saveNewNote',
  cancelNewNote: 'newsLens.cancelNewNote',
  editNoteInThread: 'newsLens.editNoteInThread',
  saveNoteEdit: 'newsLens.saveNoteEdit',
  cancelNoteEdit: 'newsLens.cancelNoteEdit',
  /** Corrections of the analysis (issue 15): [uri, start, end, …] from hover cards and quick fixes. */
  retypeEntity: 'newsLens.retypeEntity',
  rejectEntity: 'newsLens.rejectEntity',
  changeSpeaker: 'newsLens.changeSpeaker',
  rejectQuotation: 'newsLens.rejectQuotation',
  markEntity: 'newsLens.markEntity',
  markQuotation: 'newsLens.markQuotation',
  removeCorrection: 'newsLens.removeCorrection',
  undoCorrection: 'newsLens.undoCorrection',
} as const;

/** A `command:` link with JSON arguments, for trusted Markdown. encodeURIComponent leaves
 *  `( ) ! ' *` as they are; a `)` from an argument (an annotation id) would end the Markdown link
 *  early, so those are percent-encoded too. */
export function commandLink(command: string, args: unknown[]): string {
  const encoded = encodeURIComponent(JSON.stringify(args)).replace(/[()!'*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `command:${command}?${encoded}`;
}
