// Which plain-text files are News Articles: glob patterns from `newsLens.articles.include`, matched against
// the workspace-relative and the absolute path, and the sidecar rule (`x.txt` beside `x.txt.annotations.yaml`).
// Pure (no `vscode` import): paths are '/'-separated strings, as in `Uri.path`.
import { SIDECAR_SUFFIX, sidecarPathFor } from '../store/sidecar';

/** The default of `newsLens.articles.include` (keep in sync with package.json). */
export const DEFAULT_ARTICLE_GLOBS: readonly string[] = ['**/seeds/**/*.txt', '**/articles/**/*.txt', '**/*.article.txt'];

export interface CompiledGlob {
  readonly glob: string;
  readonly regexp: RegExp;
}

export interface ArticleGlobs {
  readonly globs: readonly CompiledGlob[];
  /** One message per unusable entry of the setting; the entry is skipped, the others still apply. */
  readonly errors: readonly string[];
}

/** A document's path, as the matcher sees it. */
export interface ArticlePath {
  /** Path relative to the workspace folder holding the file, when there is one (`seeds/a.txt`). */
  readonly relative?: string;
  /** The full path (`/home/me/news/seeds/a.txt`; `/c:/news/a.txt` on Windows). */
  readonly absolute: string;
}

export class GlobError extends Error {}

/** The words of the setting's errors; the editor passes localised ones (this module has no `vscode` import). */
export interface GlobMessages {
  emptyPattern: string;
  unclosedBracket(position: number): string;
  emptyClass(position: number): string;
  unclosedBrace: string;
  /** The setting is not a list; `value` is described by `describe`. */
  notAList(value: string): string;
  notAString(index: number, value: string): string;
  badPattern(index: number, entry: string, reason: string): string;
  /** A value that is not a string, in running text ("a number", "a list", "null"). */
  describe(kind: 'null' | 'list' | 'number' | 'boolean' | 'object' | 'other'): string;
}

export const ENGLISH_GLOB_MESSAGES: GlobMessages = {
  emptyPattern: 'the pattern is empty',
  unclosedBracket: (position) => `"[" at position ${position} is never closed`,
  emptyClass: (position) => `empty character class at position ${position}`,
  unclosedBrace: 'a "{" is never closed',
  notAList: (value) => `newsLens.articles.include must be a list of glob patterns, not ${value}`,
  notAString: (index, value) => `newsLens.articles.include[${index}] must be a glob pattern (a string), not ${value}`,
  badPattern: (index, entry, reason) => `newsLens.articles.include[${index}] "${entry}": ${reason}`,
  describe: (kind) => (kind === 'null' ? 'null' : kind === 'list' ? 'a list' : kind === 'other' ? 'a value of another kind' : `a ${kind}`),
};

/**
 * Compiles a glob the way VS Code's settings use them: `**` is any number of folders (also none), `*` and
 * `?` stay inside one path segment, `{a,b}` is either, `[abc]`, `[a-z]` and `[!abc]` are character classes.
 * Backslashes count as '/', so Windows-style patterns work too. Anchored at both ends.
 */
export function compileGlob(glob: string, options: { ignoreCase?: boolean; messages?: GlobMessages } = {}): CompiledGlob {
  const messages = options.messages ?? ENGLISH_GLOB_MESSAGES;
  if (glob.trim() === '') throw new GlobError(messages.emptyPattern);
  const g = glob.replace(/\\/g, '/');
  let out = '';
  let braces = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    const segmentStart = i === 0 || g[i - 1] === '/';
    if (c === '*' && g[i + 1] === '*' && segmentStart && (i + 2 === g.length || g[i + 2] === '/')) {
      if (i + 2 === g.length) {
        out += '.*';
        i += 1;
      } else {
        out += '(?:[^/]*/)*';
        i += 2;
      }
    } else if (c === '*') {
      while (g[i + 1] === '*') i++;
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      let j = i + 1;
      if (g[j] === '!' || g[j] === '^') j++;
      if (g[j] === ']') j++;
      while (j < g.length && g[j] !== ']') j++;
      if (j >= g.length) throw new GlobError(messages.unclosedBracket(i + 1));
      let body = g.slice(i + 1, j);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      if (body === '') throw new GlobError(messages.emptyClass(i + 1));
      out += `[${negated ? '^/' : ''}${body.replace(/[\\\]^]/g, (m, at: number) => (m === '^' && at > 0 ? '^' : `\\${m}`))}]`;
      i = j;
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) {
      out += '|';
    } else {
      out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  if (braces > 0) throw new GlobError(messages.unclosedBrace);
  try {
    return { glob, regexp: new RegExp(`^${out}$`, options.ignoreCase ? 'i' : '') };
  } catch (err) {
    throw new GlobError(err instanceof Error ? err.message : String(err));
  }
}

/** Reads the setting's value: every string entry that compiles; a clear message for each one that does not. */
export function parseArticleGlobs(setting: unknown, options: { ignoreCase?: boolean; messages?: GlobMessages } = {}): ArticleGlobs {
  if (setting === undefined || setting === null) return parseArticleGlobs(DEFAULT_ARTICLE_GLOBS, options);
  const messages = options.messages ?? ENGLISH_GLOB_MESSAGES;
  if (!Array.isArray(setting)) {
    return { globs: [], errors: [messages.notAList(describe(setting, messages))] };
  }
  const globs: CompiledGlob[] = [];
  const errors: string[] = [];
  setting.forEach((entry: unknown, index) => {
    if (typeof entry !== 'string') {
      errors.push(messages.notAString(index, describe(entry, messages)));
      return;
    }
    try {
      globs.push(compileGlob(entry, options));
    } catch (err) {
      errors.push(messages.badPattern(index, entry, err instanceof Error ? err.message : String(err)));
    }
  });
  return { globs, errors };
}

/** The first pattern that matches the relative or the absolute path, if any. */
export function matchArticleGlobs(path: ArticlePath, globs: readonly CompiledGlob[]): string | undefined {
  const candidates = [path.relative, path.absolute].filter((p): p is string => !!p).map((p) => p.replace(/\\/g, '/'));
  return globs.find((g) => candidates.some((p) => g.regexp.test(p)))?.glob;
}

/** `path` relative to `folder` ('/'-separated, no leading slash), or undefined when it is not inside. */
export function relativeTo(folder: string, path: string, options: { ignoreCase?: boolean } = {}): string | undefined {
  const base = folder.endsWith('/') ? folder : `${folder}/`;
  const same = options.ignoreCase ? path.toLowerCase().startsWith(base.toLowerCase()) : path.startsWith(base);
  return same && path.length > base.length ? path.slice(base.length) : undefined;
}

/**
 * The sidecar to look for beside a plain-text file: `x.txt` -> `x.txt.annotations.yaml`. Undefined for
 * other files (only `.txt` articles are recognised by their sidecar).
 */
export function sidecarCandidate(path: string): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (!/^.+\.txt$/i.test(name) || name.endsWith(SIDECAR_SUFFIX)) return undefined;
  return sidecarPathFor(path);
}

function describe(value: unknown, messages: GlobMessages): string {
  if (typeof value === 'string') return `"${value}"`;
  if (value === null) return messages.describe('null');
  if (Array.isArray(value)) return messages.describe('list');
  const kind = typeof value;
  return messages.describe(kind === 'number' || kind === 'boolean' || kind === 'object' ? kind : 'other');
}
