// Articles anywhere: plain-text files become News Articles when their path matches `newsLens.articles.include`
// or a sidecar (`x.txt.annotations.yaml`) lies beside them, and "News Lens: Open as News Article" turns any
// text file into one. The extension activates on `onLanguage:plaintext` for this, so the work per plain-text
// file stays small: a few regular expressions and at most one `stat`; nothing is analysed until the file is
// an article.
import * as vscode from 'vscode';
import { matchArticleGlobs, parseArticleGlobs, relativeTo, sidecarCandidate, type ArticleGlobs, type GlobMessages } from './articleMatch';
import { Commands } from './commandIds';
import { LANGUAGE_ID, type Services } from './services';

const PLAIN_TEXT = 'plaintext';
const SETTING = 'articles.include';

/** Why a document was (or was not) made an article; for the log and the tests. */
export type ArticleReason = { kind: 'glob'; glob: string } | { kind: 'sidecar'; sidecar: vscode.Uri } | { kind: 'command' };

/** The setting's error messages, localised (made at activation: the l10n bundle belongs to the running extension). */
function globMessages(): GlobMessages {
  return {
    emptyPattern: vscode.l10n.t('the pattern is empty'),
    unclosedBracket: (position) => vscode.l10n.t('"[" at position {0} is never closed', position),
    emptyClass: (position) => vscode.l10n.t('empty character class at position {0}', position),
    unclosedBrace: vscode.l10n.t('a "{" is never closed'),
    notAList: (value) => vscode.l10n.t('newsLens.articles.include must be a list of glob patterns, not {0}', value),
    notAString: (index, value) => vscode.l10n.t('newsLens.articles.include[{0}] must be a glob pattern (a string), not {1}', index, value),
    badPattern: (index, entry, reason) => vscode.l10n.t('newsLens.articles.include[{0}] "{1}": {2}', index, entry, reason),
    describe: (kind) => {
      switch (kind) {
        case 'null': return vscode.l10n.t('null');
        case 'list': return vscode.l10n.t('a list');
        case 'number': return vscode.l10n.t('a number');
        case 'boolean': return vscode.l10n.t('a boolean');
        case 'object': return vscode.l10n.t('an object');
        case 'other': return vscode.l10n.t('a value of another kind');
      }
    },
  };
}

export function registerArticles(services: Services): vscode.Disposable {
  const messages = globMessages();
  // File systems that ignore case (Windows, macOS by default) get case-insensitive patterns.
  const ignoreCase = process.platform === 'win32' || process.platform === 'darwin';
  /**
   * Documents already looked at. VS Code reports a language change as close + open of the SAME document
   * object, so an open of a seen document is a language change (ours, or the user's choice of another
   * language), never a reason to switch it back.
   */
  const seen = new WeakSet<vscode.TextDocument>();
  const reported = new Set<string>();

  const globsFor = (uri: vscode.Uri): ArticleGlobs => {
    const parsed = parseArticleGlobs(services.config.get<unknown>(SETTING, uri), { ignoreCase, messages });
    for (const error of parsed.errors) {
      if (reported.has(error)) continue;
      reported.add(error);
      services.log.warn(error);
      void vscode.window.showWarningMessage(vscode.l10n.t('News Lens: {0}. This entry is ignored.', error));
    }
    return parsed;
  };

  const reasonFor = async (doc: vscode.TextDocument): Promise<ArticleReason | undefined> => {
    const uri = doc.uri;
    // Only documents backed by a file system (file:, and virtual ones such as vscode-vfs:); not untitled
    // buffers, output channels or git's read-only views.
    if (uri.scheme === 'untitled' || vscode.workspace.fs.isWritableFileSystem(uri.scheme) === undefined) return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const relative = folder ? relativeTo(folder.uri.path, uri.path, { ignoreCase }) : undefined;
    const glob = matchArticleGlobs({ relative, absolute: uri.path }, globsFor(uri).globs);
    if (glob) return { kind: 'glob', glob };
    const sidecarPath = sidecarCandidate(uri.path);
    if (!sidecarPath) return undefined;
    const sidecar = uri.with({ path: sidecarPath });
    try {
      const stat = await vscode.workspace.fs.stat(sidecar);
      return stat.type & vscode.FileType.File ? { kind: 'sidecar', sidecar } : undefined;
    } catch {
      return undefined;
    }
  };

  const makeArticle = async (doc: vscode.TextDocument, reason: ArticleReason): Promise<vscode.TextDocument> => {
    if (doc.languageId === LANGUAGE_ID) return doc;
    const article = await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
    const why = reason.kind === 'glob' ? `matches ${reason.glob}` : reason.kind === 'sidecar' ? `has ${reason.sidecar.toString(true)}` : 'by command';
    services.log.info(`${doc.uri.toString(true)} opened as a News Article (${why})`);
    return article;
  };

  /** A plain-text document just opened (or open at activation): make it an article if it is one. */
  const consider = async (doc: vscode.TextDocument, again = false): Promise<void> => {
    if (seen.has(doc) && !again) return;
    seen.add(doc);
    if (doc.languageId !== PLAIN_TEXT || doc.isClosed) return;
    const reason = await reasonFor(doc);
    // The user may have picked a language meanwhile; only a still plain-text document is switched.
    if (reason && !doc.isClosed && doc.languageId === PLAIN_TEXT) await makeArticle(doc, reason);
  };
  const considerLogged = (doc: vscode.TextDocument, again = false) =>
    consider(doc, again).catch((err: unknown) => services.log.warn(`cannot check whether ${doc.uri.toString(true)} is an article: ${String(err)}`));

  /** newsLens.openAsArticle([uri], [selected uris]): from the Explorer, the palette (active editor) or a walkthrough. */
  const openAsArticle = async (arg?: unknown, selected?: unknown): Promise<vscode.TextDocument | undefined> => {
    let targets: vscode.Uri[];
    if (Array.isArray(selected) && selected.length > 0 && selected.every((u) => u instanceof vscode.Uri)) targets = selected as vscode.Uri[];
    else if (arg instanceof vscode.Uri) targets = [arg];
    else if (typeof arg === 'string') targets = [vscode.Uri.parse(arg)];
    else if (arg !== undefined && arg !== null) {
      void vscode.window.showErrorMessage(vscode.l10n.t('News Lens: Open as News Article expects a file URI, not {0}.', typeof arg));
      return undefined;
    } else if (vscode.window.activeTextEditor) targets = [vscode.window.activeTextEditor.document.uri];
    else {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        openLabel: vscode.l10n.t('Open as News Article'),
        filters: { [vscode.l10n.t('Text files')]: ['txt'], [vscode.l10n.t('All files')]: ['*'] },
      });
      if (!picked?.length) return undefined;
      targets = picked;
    }
    let first: vscode.TextDocument | undefined;
    for (const uri of targets) {
      let doc: vscode.TextDocument;
      try {
        doc = await vscode.workspace.openTextDocument(uri);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        services.log.error(`cannot open ${uri.toString(true)} as a News Article: ${message}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('News Lens: cannot open {0} as a News Article: {1}', uri.toString(true), message));
        continue;
      }
      seen.add(doc);
      const article = await makeArticle(doc, { kind: 'command' });
      first ??= article;
    }
    if (first) await vscode.window.showTextDocument(first, { preview: false });
    return first;
  };

  vscode.workspace.textDocuments.forEach((d) => void considerLogged(d));
  return vscode.Disposable.from(
    vscode.workspace.onDidOpenTextDocument((d) => void considerLogged(d)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(`newsLens.${SETTING}`)) return;
      reported.clear();
      // A changed setting is a deliberate choice: look at the open plain-text files again.
      vscode.workspace.textDocuments.forEach((d) => void considerLogged(d, true));
    }),
    vscode.commands.registerCommand(Commands.openAsArticle, openAsArticle),
  );
}
