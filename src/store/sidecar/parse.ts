// Parsing a sidecar: bytes → checked text (decode.ts) → yaml Document → validated annotations.
// Document-level rules live here (YAML syntax, aliases, the root mapping, `version`, `file`, the
// `annotations` list, duplicate ids); each entry is read by entry.ts. Every problem comes back
// with a 1-based line and column; nothing throws for bad input.

import { LineCounter, isAlias, isCollection, isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Document, Node, YAMLMap } from 'yaml';
import type { SidecarError } from '../types';
import { CodePointMapper } from '../offsets';
import { MAX_SIDECAR_BYTES, SIDECAR_VERSION } from './types';
import type { ParseSidecarOptions, ParsedSidecar, SidecarParseResult } from './types';
import { conflictError, decode, nestingError } from './decode';
import { derivedId, readAnnotation } from './entry';
import { recordOriginal } from './origin';
import { scanSidecar } from './scan';
import { readPlain } from './plain';
import { readCorrections } from './corrections';

/** More aliases than this are refused (YAML alias bombs). */
const MAX_ALIASES = 100;

/**
 * Parse and validate a sidecar. Never throws for bad input: problems come back as `errors` with
 * 1-based line and column, and `state` tells whether the file may be written.
 */
export function parseSidecar(source: string | Uint8Array, options: ParseSidecarOptions = {}): SidecarParseResult {
  const { annotations, corrections, errors, state, version, file } = parseSidecarInternal(source, options);
  const out: SidecarParseResult = { state, annotations, corrections, errors };
  if (version !== undefined) out.version = version;
  if (file !== undefined) out.file = file;
  return out;
}

/** `parseSidecar` plus what the store and the merge need: the Document, and the node and
 *  location of every valid entry. `fast: false` skips the fast path (tests compare the two). */
export function parseSidecarInternal(source: string | Uint8Array, options: ParseSidecarOptions = {}, fast = true): ParsedSidecar {
  const fail = (state: 'invalid' | 'conflicted', error: SidecarError, src = ''): ParsedSidecar => ({
    state,
    annotations: [],
    corrections: [],
    errors: [error],
    source: src,
    nodes: new Map(),
    derivedIds: new Set(),
    locations: new Map(),
    cp: new Map(),
  });
  const decoded = decode(source, options.maxBytes ?? MAX_SIDECAR_BYTES);
  if (decoded.error) return fail('invalid', decoded.error);
  const text = decoded.text!;

  const deep = nestingError(text);
  if (deep) return fail('invalid', deep, text);

  const conflict = conflictError(text);
  if (conflict) return fail('conflicted', conflict, text);

  // Fast path: a sidecar in the plain block YAML News Lens writes is read without building the yaml
  // Document (scan.ts, plain.ts); the Document is built on first use of `doc` or `nodes` (writing,
  // merging). Anything else, and every invalid sidecar, goes through the Document, for its errors.
  const mapper = options.articleText !== undefined ? new CodePointMapper(options.articleText) : undefined;
  // A sidecar with corrections is read by the Document path (corrections.ts), for their lines and nodes.
  const scanned = fast ? scanSidecar(text) : undefined;
  const scan = scanned && (scanned.root.get('corrections') ?? null) === null ? scanned : undefined;
  const plain = scan && readPlain(scan, (cp) => (mapper ? mapper.fromCodePoint(cp) : cp));
  if (scan && plain) {
    let full: ParsedSidecar | undefined;
    const document = (): ParsedSidecar => (full ??= parseDocumentPath(text, options, fail));
    const result: ParsedSidecar = {
      state: 'ok',
      annotations: plain.annotations,
      corrections: [],
      errors: [],
      source: text,
      derivedIds: plain.derivedIds,
      locations: plain.locations,
      cp: plain.cp,
      fast: { scan, keys: plain.keys },
      get doc() {
        return document().doc;
      },
      get nodes() {
        return document().nodes;
      },
    };
    if (plain.version !== undefined) result.version = plain.version;
    if (plain.file !== undefined) result.file = plain.file;
    return result;
  }
  return parseDocumentPath(text, options, fail);
}

let documentParses = 0;

/** How many times a sidecar's yaml Document has been built (for tests: reading alone builds none). */
export function sidecarDocumentParses(): number {
  return documentParses;
}

/** The Document path: the yaml Document, then validation with every error at its line and column. */
function parseDocumentPath(
  text: string,
  options: ParseSidecarOptions,
  fail: (state: 'invalid', error: SidecarError, src?: string) => ParsedSidecar,
): ParsedSidecar {
  documentParses++;
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true, strict: true, version: '1.2' });
  } catch (e) {
    return fail('invalid', { code: 'yaml', message: `could not parse YAML: ${(e as Error).message}`, line: 1, column: 1 }, text);
  }
  const at = (node: Node | null | undefined): { line: number; column: number } => {
    const off = node?.range?.[0] ?? 0;
    const p = lineCounter.linePos(off);
    return { line: p.line, column: p.col };
  };

  const result: ParsedSidecar = {
    state: 'ok',
    annotations: [],
    corrections: [],
    errors: [],
    source: text,
    doc,
    nodes: new Map(),
    derivedIds: new Set(),
    locations: new Map(),
    cp: new Map(),
  };
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const lp = err.linePos?.[0];
      result.errors.push({
        code: 'yaml',
        message: `YAML syntax error: ${err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
        line: lp?.line ?? 1,
        column: lp?.col ?? 1,
      });
    }
    result.state = 'invalid';
    delete result.doc;
    return result;
  }

  // Aliases: allowed only to scalars, and not too many (alias bombs).
  let aliasCount = 0;
  let aliasError: SidecarError | undefined;
  visit(doc, {
    Alias(_key, node) {
      aliasCount++;
      const target = node.resolve(doc);
      if (!aliasError && (aliasCount > MAX_ALIASES || !target || isCollection(target))) {
        aliasError = {
          ...at(node),
          code: 'alias',
          message: aliasCount > MAX_ALIASES ? `too many YAML aliases (more than ${MAX_ALIASES})` : 'YAML aliases to lists or maps are not allowed in annotation files',
        };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (aliasError) {
    result.errors.push(aliasError);
    result.state = 'invalid';
    delete result.doc;
    return result;
  }

  const err = (node: Node | null | undefined, path: string, message: string, code: SidecarError['code'] = 'schema'): void => {
    result.errors.push({ ...at(node), code, message, path });
  };
  const scalarValue = (node: unknown): unknown => {
    if (isAlias(node)) return scalarValue(node.resolve(doc));
    if (isScalar(node)) return node.value;
    return node;
  };

  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    // Empty file: no annotations, writable.
    return result;
  }
  if (!isMap(root)) {
    err(root as Node, '', 'the annotation file must be a YAML mapping with "version", "file" and "annotations"');
    result.state = 'invalid';
    return result;
  }

  const versionNode = root.get('version', true) as Node | undefined;
  const version = scalarValue(versionNode);
  if (versionNode !== undefined) {
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      err(versionNode, 'version', 'version must be a positive integer (1)');
    } else if (version > SIDECAR_VERSION) {
      err(versionNode, 'version', `annotation file format version ${version} is newer than this News Lens supports (${SIDECAR_VERSION}); it will not be modified`, 'version');
    } else {
      result.version = version;
    }
  }
  const fileNode = root.get('file', true) as Node | undefined;
  if (fileNode !== undefined) {
    const f = scalarValue(fileNode);
    if (typeof f !== 'string') err(fileNode, 'file', 'file must be a string (the article file name)');
    else result.file = f;
  }

  const mapper = options.articleText !== undefined ? new CodePointMapper(options.articleText) : undefined;
  const toUtf16 = (cp: number): number => (mapper ? mapper.fromCodePoint(cp) : cp);

  const listNode = root.get('annotations', true) as Node | undefined;
  if (isSeq(listNode) && !listNode.flow) {
    const keyNode = root.items.find((p) => isScalar(p.key) && p.key.value === 'annotations')?.key as Node | undefined;
    recordOriginal(doc, { source: text, items: [...listNode.items] as Node[], keyEnd: keyNode?.range?.[1] ?? 0 });
  }
  if (listNode !== undefined && !(isScalar(listNode) && listNode.value === null)) {
    if (!isSeq(listNode)) {
      err(listNode, 'annotations', 'annotations must be a list');
    } else {
      const seen = new Map<string, number>();
      listNode.items.forEach((item, i) => {
        const path = `annotations[${i}]`;
        const before = result.errors.length;
        const a = readAnnotation(item as Node, path, err, scalarValue, toUtf16);
        if (!a || result.errors.length > before) return;
        let id = a.id;
        if (!id) {
          id = derivedId(a, seen);
          a.id = id;
          result.derivedIds.add(id);
        }
        if (seen.has(id)) {
          const idNode = (item as YAMLMap).get('id', true) as Node | undefined;
          err(idNode ?? (item as Node), `${path}.id`, `duplicate annotation id "${id}" (also at annotations[${seen.get(id)}])`);
          return;
        }
        seen.set(id, i);
        result.annotations.push(a);
        result.nodes.set(id, item as YAMLMap);
        result.locations.set(id, at(item as Node));
        const t = (item as YAMLMap).get('target', true);
        const cp: { start?: number; end?: number } = {};
        if (isMap(t)) {
          const s = t.get('start');
          const e = t.get('end');
          if (typeof s === 'number') cp.start = s;
          if (typeof e === 'number') cp.end = e;
        }
        result.cp.set(id, cp);
      });
    }
  }
  const corrections = readCorrections(root.get('corrections', true) as Node | undefined, err, scalarValue, toUtf16, at, () => result.errors.length);
  result.corrections = corrections.corrections;
  result.correctionNodes = corrections.nodes;
  result.correctionLocations = corrections.locations;
  result.correctionCp = corrections.cp;
  if (result.errors.length > 0) result.state = 'invalid';
  return result;
}
