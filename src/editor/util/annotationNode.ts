// A node of the Annotations view (annotationTree.ts): the article and the resolved annotation. The view's
// item menus pass the node to the commands (edit, delete, go to, resolve, reopen, re-attach), which read
// it with `annotationNodeTarget`.
import * as vscode from 'vscode';
import type { ResolvedAnnotation } from '../../store/index';

export interface AnnotationNode {
  uri: vscode.Uri;
  resolved: ResolvedAnnotation;
  /** 1-based line of the annotation's start, when it has a place in the text. */
  line?: number;
}

/** The article and annotation of a node of the Annotations view (what its item menus pass), else undefined. */
export function annotationNodeTarget(arg: unknown): { uri: vscode.Uri; id: string } | undefined {
  const node = arg as Partial<AnnotationNode> | undefined;
  const id = node?.resolved?.annotation?.id;
  if (!node || !(node.uri instanceof vscode.Uri) || typeof id !== 'string') return undefined;
  return { uri: node.uri, id };
}
