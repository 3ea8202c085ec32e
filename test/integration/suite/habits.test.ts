// Everyday editor habits, in a real VS Code: Next / Previous Annotation move the selection (wrapping around,
// skipping orphans); the Annotations view's item commands work on the node its menus pass, and its menus
// match its items; a note typed in a comment thread opened on our controller lands in the sidecar
// (multi-line, on the thread's words, with the label chosen before or after, or none on Escape), and is
// edited in place; the
// default keybindings clash with no VS Code default.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { parse, stringify } from 'yaml';
import { annotationItemContextValue } from '../../../src/editor/annotationTree';
import { EXTENSION_ID, activateExtension, eventually, openSeed, seedUri, sleep } from '../helpers';

interface SidecarEntry {
  id: string;
  label?: string;
  note?: string;
  status?: string;
  target: { exact: string };
}

async function readSidecar(article: vscode.Uri): Promise<SidecarEntry[]> {
  try {
    const bytes = await vscode.workspace.fs.readFile(article.with({ path: `${article.path}.annotations.yaml` }));
    return ((parse(new TextDecoder().decode(bytes)) as { annotations?: SidecarEntry[] } | null)?.annotations) ?? [];
  } catch {
    return [];
  }
}

const sidecarOf = (article: vscode.Uri) => article.with({ path: `${article.path}.annotations.yaml` });

/** Offsets of the n-th occurrence of `words`. */
function span(doc: vscode.TextDocument, words: string, occurrence = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = doc.getText().indexOf(words, at + 1);
    assert.ok(at >= 0, `"${words}" not found`);
  }
  return { start: at, end: at + words.length };
}

/**
 * Answers the prompts a command opens with `action` (accept the active item / close) until the command is
 * done — polling, not a fixed wait, so a slow machine does not make the test flaky.
 */
async function answerPrompts<T>(pending: Thenable<T>, action: 'workbench.action.acceptSelectedQuickOpenItem' | 'workbench.action.closeQuickOpen'): Promise<T> {
  let done = false;
  const result = Promise.resolve(pending).finally(() => {
    done = true;
  });
  for (const end = Date.now() + 20_000; !done && Date.now() < end; ) {
    await sleep(300);
    if (!done) await vscode.commands.executeCommand(action);
  }
  return result;
}

function selected(editor: vscode.TextEditor): string {
  return editor.document.getText(editor.selection);
}

suite('everyday editor habits', () => {
  const created: vscode.Uri[] = [];

  /** A fresh copy of the seed article, so the notes made here touch no other suite's sidecar. */
  async function article(name: string): Promise<vscode.TextEditor> {
    const seed = await openSeed('trump-xi-tiktok-call.txt');
    const copy = seedUri(name);
    await vscode.workspace.fs.writeFile(copy, new TextEncoder().encode(seed.getText()));
    created.push(copy, sidecarOf(copy));
    const doc = await vscode.workspace.openTextDocument(copy);
    return vscode.window.showTextDocument(doc);
  }

  suiteSetup(async () => {
    await activateExtension();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created) await Promise.resolve(vscode.workspace.fs.delete(uri)).catch(() => undefined);
  });

  test('Next / Previous Annotation select the notes in text order, wrap around at the ends, skip orphans', async () => {
    const editor = await article('habits-next.txt');
    const doc = editor.document;
    // Created out of text order; an orphan (its words are not in the article) in between.
    const later = span(doc, 'Scott Kennedy');
    const earlier = span(doc, 'TikTok');
    assert.ok(earlier.start < later.start);
    await vscode.commands.executeCommand('newsLens.annotate', { label: 'claim', note: 'second in the text', range: later });
    await vscode.commands.executeCommand('newsLens.annotate', { label: 'context', note: 'first in the text', range: earlier });
    const file = parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(sidecarOf(doc.uri)))) as { annotations: unknown[] };
    file.annotations.push({ id: 'orphan-1', label: 'note', note: 'nowhere', target: { exact: 'words this article never had' } });
    await vscode.workspace.fs.writeFile(sidecarOf(doc.uri), new TextEncoder().encode(stringify(file)));
    await eventually(async () => (await readSidecar(doc.uri)).length === 3);
    const { services } = (await activateExtension()) as { services: { annotations: { resolved(d: vscode.TextDocument): Promise<Array<{ anchor: { state: string } }>> } } };
    await eventually(async () => (await services.annotations.resolved(doc)).some((r) => r.anchor.state === 'orphaned'));

    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('newsLens.nextAnnotation');
    assert.deepStrictEqual([doc.offsetAt(editor.selection.start), doc.offsetAt(editor.selection.end)], [earlier.start, earlier.end], selected(editor));
    assert.strictEqual(selected(editor), 'TikTok');
    await vscode.commands.executeCommand('newsLens.nextAnnotation');
    assert.strictEqual(selected(editor), 'Scott Kennedy');
    assert.strictEqual(doc.offsetAt(editor.selection.start), later.start);
    // Past the last one: back to the first (never the orphan).
    await vscode.commands.executeCommand('newsLens.nextAnnotation');
    assert.deepStrictEqual([doc.offsetAt(editor.selection.start), doc.offsetAt(editor.selection.end)], [earlier.start, earlier.end]);
    // Before the first one: round to the last.
    await vscode.commands.executeCommand('newsLens.previousAnnotation');
    assert.deepStrictEqual([doc.offsetAt(editor.selection.start), doc.offsetAt(editor.selection.end)], [later.start, later.end]);
    await vscode.commands.executeCommand('newsLens.previousAnnotation');
    assert.strictEqual(selected(editor), 'TikTok');
    // From a cursor between the two: next is the later one, previous the earlier one.
    const between = doc.positionAt(earlier.end + 1);
    editor.selection = new vscode.Selection(between, between);
    const id = await vscode.commands.executeCommand<string>('newsLens.nextAnnotation');
    assert.strictEqual(selected(editor), 'Scott Kennedy');
    assert.strictEqual((await readSidecar(doc.uri)).find((a) => a.id === id)?.note, 'second in the text');
    editor.selection = new vscode.Selection(between, between);
    await vscode.commands.executeCommand('newsLens.previousAnnotation');
    assert.strictEqual(selected(editor), 'TikTok');
  });

  test('the Annotations view: edit, resolve, reopen and delete work on the node its menus pass', async () => {
    const editor = await article('habits-tree.txt');
    const doc = editor.document;
    const annotation = await vscode.commands.executeCommand<{ id: string }>('newsLens.annotate', {
      label: 'claim',
      note: 'Line one\nline two',
      range: span(doc, 'Scott Kennedy'),
    });
    assert.ok(annotation?.id);
    // What the tree's menus pass: the element (its node) and the selected elements.
    const { services } = (await activateExtension()) as { services: { annotations: { find(d: vscode.TextDocument, id: string): Promise<unknown> } } };
    const node = { uri: doc.uri, resolved: await services.annotations.find(doc, annotation.id), line: 1 };
    assert.ok(node.resolved);

    await vscode.commands.executeCommand('newsLens.resolveAnnotation', node, [node]);
    assert.strictEqual((await readSidecar(doc.uri)).find((a) => a.id === annotation.id)?.status, 'resolved');
    await vscode.commands.executeCommand('newsLens.reopenAnnotation', node, [node]);
    assert.strictEqual((await readSidecar(doc.uri)).find((a) => a.id === annotation.id)?.status, 'open');

    // Edit through its prompts: the label quick pick (take the first label), then the note's input box,
    // accepted unchanged: the multi-line note must come back exactly as it was.
    await answerPrompts(vscode.commands.executeCommand('newsLens.editAnnotation', node, [node]), 'workbench.action.acceptSelectedQuickOpenItem');
    const edited = (await readSidecar(doc.uri)).find((a) => a.id === annotation.id);
    assert.strictEqual(edited?.label, 'claim');
    assert.strictEqual(edited?.note, 'Line one\nline two');

    // With fields (no prompts) from the node, then delete from the node without the confirmation.
    await vscode.commands.executeCommand('newsLens.editAnnotation', node, [node], { label: 'verified', note: 'Checked' });
    const changed = (await readSidecar(doc.uri)).find((a) => a.id === annotation.id);
    assert.deepStrictEqual([changed?.label, changed?.note], ['verified', 'Checked']);
    await vscode.commands.executeCommand('newsLens.deleteAnnotation', node, [node], { confirm: false });
    assert.strictEqual((await readSidecar(doc.uri)).find((a) => a.id === annotation.id), undefined);
  });

  test('the Annotations view’s menus match its items: resolve only open notes, reopen only resolved ones', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    const menus = (ext?.packageJSON as { contributes: { menus: Record<string, Array<{ command: string; when?: string; group?: string }>> } }).contributes.menus['view/item/context'] ?? [];
    /** Whether the menu entry's `viewItem =~ /…/` clauses all accept the item's contextValue. */
    const shows = (entry: { when?: string }, contextValue: string) => {
      const clauses = [...(entry.when ?? '').matchAll(/viewItem =~ \/(.+?)\/(?=\s|$|\))/g)];
      assert.ok(clauses.length > 0, `no viewItem clause in ${entry.when}`);
      return clauses.every((m) => new RegExp(m[1]!).test(contextValue));
    };
    const entries = (command: string, inline: boolean) => menus.filter((m) => m.command === command && (m.group ?? '').startsWith('inline') === inline);
    for (const inline of [true, false]) {
      for (const state of ['anchored', 'moved', 'fuzzy', 'needs-review', 'orphaned'] as const) {
        for (const status of ['open', 'resolved'] as const) {
          const value = annotationItemContextValue(state, status);
          const where = `${value}${inline ? ' (inline)' : ''}`;
          for (const command of ['newsLens.editAnnotation', 'newsLens.deleteAnnotation']) {
            assert.ok(entries(command, inline).some((e) => shows(e, value)), `${command} on ${where}`);
          }
          assert.strictEqual(entries('newsLens.resolveAnnotation', inline).some((e) => shows(e, value)), status === 'open', `resolve on ${where}`);
          assert.strictEqual(entries('newsLens.reopenAnnotation', inline).some((e) => shows(e, value)), status === 'resolved', `reopen on ${where}`);
          if (!inline) {
            assert.strictEqual(entries('newsLens.goToAnnotation', false).some((e) => shows(e, value)), state !== 'orphaned', `go to on ${where}`);
          }
        }
      }
    }
  });

  test('a note typed in a new comment thread is saved on the thread’s words (multi-line), with its label', async () => {
    const editor = await article('habits-comment.txt');
    const doc = editor.document;
    const words = span(doc, 'Chenyue Mao');
    // What Annotate Selection does after the label: a thread on our controller holding one comment in
    // editing mode; its "Add Note" button passes that comment with the typed text as its body.
    const thread = await vscode.commands.executeCommand<vscode.CommentThread>('newsLens.startNote', { uri: doc.uri, range: words, label: 'disputed' });
    assert.ok(thread && thread.comments.length === 1, 'startNote returns the draft thread');
    const [draft] = thread.comments;
    assert.strictEqual(draft?.mode, vscode.CommentMode.Editing);
    assert.match(thread.label ?? '', /disputed · “Chenyue Mao”/);
    const body = 'She was barred from leaving China.\nSecond line: source?';
    draft.body = body;
    await vscode.commands.executeCommand('newsLens.saveNewNote', draft);
    const entry = (await readSidecar(doc.uri)).find((a) => a.target.exact === 'Chenyue Mao');
    assert.ok(entry, JSON.stringify(await readSidecar(doc.uri)));
    assert.strictEqual(entry.note, body);
    assert.strictEqual(entry.label, 'disputed');
    // Saved once: the same button again writes nothing more.
    await vscode.commands.executeCommand('newsLens.saveNewNote', draft);
    assert.strictEqual((await readSidecar(doc.uri)).filter((a) => a.target.exact === 'Chenyue Mao').length, 1);

    // Cancel closes the draft without writing.
    const cancelled = await vscode.commands.executeCommand<vscode.CommentThread>('newsLens.startNote', { uri: doc.uri, range: span(doc, 'Wells Fargo'), label: 'claim' });
    const [unsent] = cancelled.comments;
    unsent!.body = 'never saved';
    await vscode.commands.executeCommand('newsLens.cancelNewNote', unsent);
    await vscode.commands.executeCommand('newsLens.saveNewNote', unsent);
    assert.ok(!(await readSidecar(doc.uri)).some((a) => a.note === 'never saved'));

    // The "+" in the gutter: an empty thread whose reply box passes a CommentReply {thread, text}. A plain
    // click gives a point on a line: the note goes on that line's text. A label passed skips the prompt.
    const line = doc.lineAt(doc.positionAt(span(doc, 'Scott Kennedy').start).line);
    const point = { start: doc.offsetAt(line.range.start) + 3, end: doc.offsetAt(line.range.start) + 3 };
    const plus = await vscode.commands.executeCommand<vscode.CommentThread>('newsLens.startNote', { uri: doc.uri, range: point });
    await vscode.commands.executeCommand('newsLens.saveNewNote', { thread: plus, text: 'The whole paragraph', label: 'context' });
    const onLine = (await readSidecar(doc.uri)).find((a) => a.note === 'The whole paragraph');
    assert.strictEqual(onLine?.target.exact, line.text.trim());
    assert.strictEqual(onLine?.label, 'context');

    // No label chosen yet: the quick pick opens; Escape keeps the note, without a label.
    const bare = await vscode.commands.executeCommand<vscode.CommentThread>('newsLens.startNote', { uri: doc.uri, range: span(doc, 'Beijing') });
    await answerPrompts(vscode.commands.executeCommand('newsLens.saveNewNote', { thread: bare, text: 'Escape must not lose this' }), 'workbench.action.closeQuickOpen');
    const kept = (await readSidecar(doc.uri)).find((a) => a.note === 'Escape must not lose this');
    assert.ok(kept, 'the note was lost');
    assert.strictEqual(kept.label, undefined);
    assert.strictEqual(kept.target.exact, 'Beijing');

    // Replies on an existing note's thread keep working.
    await vscode.commands.executeCommand('newsLens.replyToAnnotation', { id: entry.id, body: 'Reply after the new flow', uri: doc.uri.toString() });
    const replied = parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(sidecarOf(doc.uri)))) as { annotations: Array<{ id: string; replies?: Array<{ body: string }> }> };
    assert.deepStrictEqual(replied.annotations.find((a) => a.id === entry.id)?.replies?.map((r) => r.body), ['Reply after the new flow']);

    // The pencil in the note's thread: its comment becomes an editing box holding the note's text; Save stores the
    // typed text (several lines), Cancel nothing.
    const editing = await vscode.commands.executeCommand<vscode.Comment>('newsLens.editNoteInThread', { id: entry.id, uri: doc.uri.toString() });
    assert.strictEqual(editing?.mode, vscode.CommentMode.Editing);
    assert.strictEqual(editing.body, body);
    editing.body = 'Rewritten in the thread\non two lines';
    await vscode.commands.executeCommand('newsLens.saveNoteEdit', editing);
    const rewritten = (await readSidecar(doc.uri)).find((a) => a.id === entry.id);
    assert.strictEqual(rewritten?.note, 'Rewritten in the thread\non two lines');
    assert.strictEqual(rewritten?.label, 'disputed');
    const again = await vscode.commands.executeCommand<vscode.Comment>('newsLens.editNoteInThread', { id: entry.id, uri: doc.uri.toString() });
    again.body = 'discard me';
    await vscode.commands.executeCommand('newsLens.cancelNoteEdit', again);
    assert.strictEqual((await readSidecar(doc.uri)).find((a) => a.id === entry.id)?.note, 'Rewritten in the thread\non two lines');
  });

  test('Annotate Selection without a note opens the comment thread instead of a one-line box', async () => {
    const editor = await article('habits-annotate.txt');
    const doc = editor.document;
    const words = span(doc, 'Scott Kennedy');
    editor.selection = new vscode.Selection(doc.positionAt(words.start), doc.positionAt(words.end));
    // The label quick pick: take the first label. No input box follows (it would be accepted too, with an
    // empty note, and the sidecar would not be empty below).
    const thread = await answerPrompts(vscode.commands.executeCommand<vscode.CommentThread>('newsLens.annotate'), 'workbench.action.acceptSelectedQuickOpenItem');
    assert.ok(thread?.range, 'no comment thread opened');
    assert.deepStrictEqual([doc.offsetAt(thread.range.start), doc.offsetAt(thread.range.end)], [words.start, words.end]);
    assert.strictEqual(thread.comments.length, 1);
    assert.strictEqual(thread.comments[0]?.mode, vscode.CommentMode.Editing);
    assert.match(thread.label ?? '', /claim · “Scott Kennedy”/);
    // Nothing saved yet: the note is typed in the thread that opened.
    assert.strictEqual((await readSidecar(doc.uri)).length, 0);
  });

  test('the default keybindings clash with no VS Code default and use no AltGr (Ctrl+Alt+letter) chord', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    const ours = (ext?.packageJSON as { contributes: { keybindings: Array<{ command: string; key: string; mac?: string }> } }).contributes.keybindings;
    const commands = ['newsLens.annotate', 'newsLens.nextAnnotation', 'newsLens.previousAnnotation'];
    for (const c of commands) assert.ok(ours.some((k) => k.command === c), `no keybinding for ${c}`);
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    const text = await eventually(() => {
      const t = vscode.window.activeTextEditor?.document.getText() ?? '';
      return t.includes('"command"') ? t : undefined;
    });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const defaults = JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as Array<{ key: string; command: string }>;
    assert.ok(defaults.length > 100, `only ${defaults.length} default keybindings read`);
    const norm = (k: string) => k.split(' ').map((p) => p.split('+').sort().join('+')).join(' ');
    for (const k of ours) {
      const taken = defaults.filter((d) => !d.command.startsWith('newsLens.') && norm(d.key) === norm(k.key));
      assert.deepStrictEqual(taken.map((d) => d.command), [], `${k.key} (${k.command}) is a default binding`);
      for (const part of k.key.split(' ')) {
        const mods = part.split('+');
        const key = mods.pop() ?? '';
        assert.ok(!(mods.length > 0 && mods.includes('ctrl') && mods.includes('alt') && /^[a-z0-9]$/.test(key) && k.key.split(' ').length === 1),
          `${k.key}: Ctrl+Alt+${key} is AltGr+${key} on many keyboard layouts`);
      }
    }
  });
});
