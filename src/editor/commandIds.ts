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
  nextAnnotation: 'newsLens.nextAnnotation',
  previousAnnotation: 'newsLens.previousAnnotation',
  startNote: 'newsLens.startNote',
  saveNewNote: 'newsLens.saveNewNote',
  cancelNewNote: 'newsLens.cancelNewNote',
  editNoteInThread: 'newsLens.editNoteInThread',
  saveNoteEdit: 'newsLens.saveNoteEdit',
  cancelNoteEdit: 'newsLens.cancelNoteEdit',
} as const;

/** A `command:` link with JSON arguments, for trusted Markdown. */
export function commandLink(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}
