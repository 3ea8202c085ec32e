// Problems entries: orphaned and needs-review annotations on the article (never deleted, never silently
// re-placed: they wait here, and in the Annotations view, for a person to re-attach or delete them), and
// validation errors of an invalid sidecar on the sidecar file itself, at the reported line and column.
import * as vscode from 'vscode';
import type { ResolvedAnnotation, ResolvedCorrection, SidecarError } from '../store/index';
import { ANNOTATION_PROBLEM_SOURCE } from './diagnosticSources';
import type { Services } from './services';
import { labelOf } from './util/displayNames';
import { shorten } from './util/text';

export function registerAnnotationProblems(isArticle: (doc: vscode.TextDocument) => boolean, services: Services): vscode.Disposable {
  const articles = vscode.languages.createDiagnosticCollection('news-lens-annotations');
  const sidecars = vscode.languages.createDiagnosticCollection('news-lens-sidecars');
  /** Last reported sidecar problem per article, so the error message is shown once per new problem. */
  const reported = new Map<string, string>();
  /** Sidecar of each article we reported on, to clear it when the article closes. */
  const sidecarOf = new Map<string, vscode.Uri>();

  const update = async (doc: vscode.TextDocument) => {
    if (!isArticle(doc) || doc.isClosed) return;
    const key = doc.uri.toString();
    let resolved: ResolvedAnnotation[];
    let corrections: ResolvedCorrection[];
    let sidecar: vscode.Uri;
    try {
      const status = await services.annotations.status(doc);
      sidecarOf.set(key, status.sidecar);
      if (status.readOnly) {
        sidecars.set(status.sidecar, status.errors.map(sidecarDiagnostic));
        const signature = JSON.stringify(status.errors);
        if (reported.get(key) !== signature) {
          reported.set(key, signature);
          const first = status.errors[0];
          const where = first ? ' ' + vscode.l10n.t('Line {0}, column {1}: {2}.', first.line, first.column, first.message) : '';
          const what = status.state === 'conflicted'
            ? vscode.l10n.t('News Lens: the annotations file {0} is in a merge conflict.', basename(status.sidecar))
            : vscode.l10n.t('News Lens: the annotations file {0} is invalid.', basename(status.sidecar));
          const message = `${what}${where} ${vscode.l10n.t('Its annotations are read-only until the file is fixed; it will not be overwritten.')}`;
          void vscode.window.showErrorMessage(message);
        }
      } else {
        sidecars.delete(status.sidecar);
        reported.delete(key);
      }
      sidecar = status.sidecar;
      resolved = await services.annotations.resolved(doc);
      corrections = await services.annotations.corrections(doc);
    } catch (err) {
      services.log.warn(`annotation problems of ${doc.uri.toString(true)}: ${String(err)}`);
      return;
    }
    if (doc.isClosed) return;
    articles.set(doc.uri, [
      ...resolved.flatMap((r) => annotationDiagnostic(doc, r) ?? []),
      ...corrections.flatMap((r) => correctionDiagnostic(doc, r, sidecar) ?? []),
    ]);
  };

  const updateUri = (uri: vscode.Uri) => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc) void update(doc);
  };

  vscode.workspace.textDocuments.forEach((d) => void update(d));
  return vscode.Disposable.from(
    articles,
    sidecars,
    vscode.workspace.onDidOpenTextDocument((d) => void update(d)),
    services.annotations.onDidChange(updateUri),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (!isArticle(d)) return;
      const key = d.uri.toString();
      articles.delete(d.uri);
      const sidecar = sidecarOf.get(key);
      if (sidecar) sidecars.delete(sidecar);
      sidecarOf.delete(key);
      reported.delete(key);
    }),
  );
}

function annotationDiagnostic(doc: vscode.TextDocument, r: ResolvedAnnotation): vscode.Diagnostic | undefined {
  const a = r.annotation;
  const what = vscode.l10n.t("Annotation '{0}' (id {1})", labelOf(a), a.id);
  let diagnostic: vscode.Diagnostic;
  if (r.anchor.state === 'orphaned') {
    // Not in the text any more: point at where it used to be (or the top), zero-width.
    const at = doc.positionAt(Math.min(a.target.start ?? 0, doc.getText().length));
    diagnostic = new vscode.Diagnostic(
      new vscode.Range(at, at),
      vscode.l10n.t(
        '{0} is orphaned: its text \'{1}\' was not found. Select the right words and run "News Lens: Re-attach Annotation", or delete it.',
        what, shorten(a.target.exact),
      ),
      vscode.DiagnosticSeverity.Warning,
    );
  } else if (r.anchor.state === 'needs-review' && r.anchor.start !== undefined && r.anchor.end !== undefined) {
    diagnostic = new vscode.Diagnostic(
      new vscode.Range(doc.positionAt(r.anchor.start), doc.positionAt(r.anchor.end)),
      vscode.l10n.t(
        '{0} needs review: its text \'{1}\' was probably found here ({2}). Re-attach it to confirm or move it.',
        what, shorten(a.target.exact), r.anchor.reason,
      ),
      vscode.DiagnosticSeverity.Information,
    );
  } else {
    return undefined;
  }
  diagnostic.source = ANNOTATION_PROBLEM_SOURCE;
  diagnostic.code = a.id;
  return diagnostic;
}

/** A correction that is not applied because its words were not found (or not surely): kept in the
 *  sidecar and reported here. Its code links to the sidecar (not an annotation id: the notes' quick
 *  fixes do not apply to it). */
function correctionDiagnostic(doc: vscode.TextDocument, r: ResolvedCorrection, sidecar: vscode.Uri): vscode.Diagnostic | undefined {
  const c = r.correction;
  const what = vscode.l10n.t('Correction {0} ({1} {2})', c.id, c.kind, c.action);
  let diagnostic: vscode.Diagnostic;
  if (r.anchor.state === 'orphaned') {
    const at = doc.positionAt(Math.min(c.target.start ?? 0, doc.getText().length));
    diagnostic = new vscode.Diagnostic(
      new vscode.Range(at, at),
      vscode.l10n.t("{0} is not applied: its text '{1}' was not found. Remove it in the Annotations view, or fix it in the annotations file.", what, shorten(c.target.exact)),
      vscode.DiagnosticSeverity.Warning,
    );
  } else if (r.anchor.state === 'needs-review' && r.anchor.start !== undefined && r.anchor.end !== undefined) {
    diagnostic = new vscode.Diagnostic(
      new vscode.Range(doc.positionAt(r.anchor.start), doc.positionAt(r.anchor.end)),
      vscode.l10n.t("{0} is not applied: its text '{1}' was probably found here ({2}), but not surely.", what, shorten(c.target.exact), r.anchor.reason),
      vscode.DiagnosticSeverity.Information,
    );
  } else {
    return undefined;
  }
  diagnostic.source = ANNOTATION_PROBLEM_SOURCE;
  diagnostic.code = { value: c.id, target: sidecar };
  return diagnostic;
}

function sidecarDiagnostic(e: SidecarError): vscode.Diagnostic {
  const line = Math.max(0, e.line - 1);
  const column = Math.max(0, e.column - 1);
  const d = new vscode.Diagnostic(
    new vscode.Range(line, column, line, column + 1),
    e.path
      ? vscode.l10n.t('{0} ({1}). News Lens will not change this file until it is fixed.', e.message, e.path)
      : vscode.l10n.t('{0}. News Lens will not change this file until it is fixed.', e.message),
    vscode.DiagnosticSeverity.Error,
  );
  d.source = ANNOTATION_PROBLEM_SOURCE;
  d.code = e.code;
  return d;
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
