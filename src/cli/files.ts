// File arguments of the CLI: `-` (standard input), folders expanded to the articles in them.

import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { isSidecarPath } from '../store';

/** The file argument that means standard input. */
export const STDIN_ARG = '-';

/** The name standard input goes by in readable output. */
export const STDIN_NAME = '(standard input)';

export type ArticleSource =
  | { kind: 'file'; path: string }
  | { kind: 'stdin' }
  /** An argument that gave no article: a missing path, an unreadable or empty folder. */
  | { kind: 'error'; message: string };

/** What an fs error means, in a few words. */
export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT': return 'no such file';
    case 'ENOTDIR': return 'no such file';
    case 'EISDIR': return 'it is a directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    default: return e.message ?? String(err);
  }
}

/** Is `name` an article file (`*.txt`, not a sidecar)? */
export function isArticleName(name: string): boolean {
  return name.endsWith('.txt') && !isSidecarPath(name);
}

/** Folders never entered when expanding a folder argument: node_modules and dot-folders. */
export function isSkippedDir(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/**
 * Files under `dir` (recursively) whose name `accept`s, each folder's entries in code-unit order,
 * a folder's contents where the folder sorts. Folders whose name `skipDir` says are not entered
 * (the root itself always is); a symbolic link counts if it points to a file, links to folders are
 * not followed (no cycles). Throws an fs error (with `path`) when `dir` cannot be read; a folder
 * below it that cannot be read goes to `onUnreadable` and is left out (or throws without it).
 */
export async function walkFiles(
  dir: string,
  accept: (name: string) => boolean,
  skipDir: (name: string) => boolean,
  onUnreadable?: (folder: string, err: unknown) => void,
): Promise<string[]> {
  const out: string[] = [];
  const visit = async (d: string): Promise<void> => {
    let entries;
    try {
      entries = await fsp.readdir(d, { withFileTypes: true });
    } catch (err) {
      if (d === dir || !onUnreadable) throw err;
      onUnreadable(d, err);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!skipDir(e.name)) await visit(full);
      } else if (accept(e.name)) {
        if (e.isFile()) out.push(full);
        else if (e.isSymbolicLink() && (await fsp.stat(full).then((s) => s.isFile(), () => false))) out.push(full);
      }
    }
  };
  await visit(dir);
  return out;
}

/**
 * The articles named by `args`, in order: `-` is standard input; a folder gives every `*.txt` in it
 * (recursively, sorted; sidecars, node_modules and dot-folders left out); any other path is taken as
 * an article whatever its name. Problems come as `error` entries in place, so the caller can report
 * them and go on with the rest.
 */
export async function* expandArticleArgs(args: readonly string[]): AsyncGenerator<ArticleSource> {
  for (const arg of args) {
    if (arg === STDIN_ARG) {
      yield { kind: 'stdin' };
      continue;
    }
    let isDir: boolean;
    try {
      isDir = (await fsp.stat(arg)).isDirectory();
    } catch (err) {
      yield { kind: 'error', message: `cannot read ${arg}: ${describeFsError(err)}` };
      continue;
    }
    if (!isDir) {
      yield { kind: 'file', path: arg };
      continue;
    }
    let files: string[];
    const unreadable: ArticleSource[] = [];
    try {
      files = await walkFiles(arg, isArticleName, isSkippedDir, (folder, err) => {
        unreadable.push({ kind: 'error', message: `cannot read ${folder}: ${describeFsError(err)}` });
      });
    } catch (err) {
      yield { kind: 'error', message: `cannot read ${arg}: ${describeFsError(err)}` };
      continue;
    }
    yield* unreadable;
    if (!files.length) {
      yield { kind: 'error', message: `no articles in ${arg} (looked for *.txt files, skipping node_modules and dot-folders)` };
      continue;
    }
    for (const f of files) yield { kind: 'file', path: f };
  }
}

/** All of a stream, decoded as UTF-8 once at the end (no character split between chunks). */
export async function readAllText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}
