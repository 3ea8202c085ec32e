// The pure parts of the editor's background learning (src/learning): which articles are learned from
// (the sidecars' articles; only those whose corrections apply; an unreadable sidecar reported and left
// out, a vanished article skipped), the learned bytes (a model the CLI's loader accepts, finding the
// corrected name), and the scheduler (debounce, one run at a time, a trigger during a run = one more run).
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../src/engine';
import { PerceptronRecognizer, defaultModelPath } from '../../src/engine/ner';
import { applyAdapted } from '../../src/engine/ner/adapt';
import { correctedExampleOf } from '../../src/learning/examples';
import { parseAdaptedModel, shippedModel } from '../../src/learning/adaptedModel';
import { articlesOfSidecars, learnFromArticles } from '../../src/learning/learnFiles';
import { LearnScheduler, type Timers } from '../../src/learning/schedule';

const CORRECTED = 'Donald Trump met Xi Jinping in Beijing on Friday. Shares of Acme Widgets rose after the talks. "We are close," Kennedy said.\n';
const OTHER = 'Later that week Acme Widgets announced a new factory in Ohio, officials said.\n';

function sidecar(article: string, text: string, type = 'ORG'): string {
  const start = text.indexOf('Acme Widgets');
  return `version: 1\narticle: ${article}\nannotations: []\ncorrections:\n  - id: c-20261208T030000-unit01\n    kind: entity\n    action: add\n    type: ${type}\n` +
    `    target: { exact: Acme Widgets, start: ${start}, end: ${start + 12} }\n`;
}

const deps = { exampleOf: (f: string) => correctedExampleOf(f), baseBytes: () => readFileSync(defaultModelPath()) };
const typeOf = (text: string, name: string, recognizer?: PerceptronRecognizer) =>
  analyze(text, recognizer ? { recognizer } : {}).entities.find((e) => text.slice(e.start, e.end) === name)?.type;

describe('editor learning: examples and the learned model (src/learning/learnFiles.ts)', function () {
  this.timeout(20_000);

  it('articlesOfSidecars: the article beside each sidecar, once, sorted; other files ignored', () => {
    assert.deepEqual(articlesOfSidecars(['/w/b.txt.annotations.yaml', '/w/a.txt.annotations.yaml', '/w/a.txt.annotations.yaml', '/w/notes.yaml', '.annotations.yaml']), ['/w/a.txt', '/w/b.txt']);
  });

  it('learns from the corrected article only; the learned model gives the other article the corrected type', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nl-learn-editor-'));
    writeFileSync(join(dir, 'a.txt'), CORRECTED);
    writeFileSync(join(dir, 'a.txt.annotations.yaml'), sidecar('a.txt', CORRECTED));
    writeFileSync(join(dir, 'b.txt'), OTHER); // no sidecar: not corrected
    const result = await learnFromArticles([join(dir, 'a.txt'), join(dir, 'b.txt'), join(dir, 'gone.txt')], deps);
    assert.equal(result.articles, 1);
    assert.equal(result.corrections, 1);
    assert.equal(result.scanned, 3);
    assert.deepEqual(result.problems, []);
    assert.ok(result.bytes && result.bytes.length > 0);
    const recognizer = new PerceptronRecognizer(applyAdapted(shippedModel().model, parseAdaptedModel(result.bytes, 'learned')));
    assert.equal(typeOf(OTHER, 'Acme Widgets'), 'PERSON', 'the shipped model no longer mistypes the name: pick another');
    assert.equal(typeOf(OTHER, 'Acme Widgets', recognizer), 'ORG');
  });

  it('no correction applies: no bytes (the shipped model stays)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nl-learn-editor-'));
    writeFileSync(join(dir, 'b.txt'), OTHER);
    writeFileSync(join(dir, 'b.txt.annotations.yaml'), 'version: 1\narticle: b.txt\nannotations: []\n');
    const result = await learnFromArticles([join(dir, 'b.txt')], deps);
    assert.equal(result.bytes, undefined);
    assert.equal(result.corrections, 0);
  });

  it('an invalid sidecar is reported by name and left out; the other articles are still learned', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nl-learn-editor-'));
    writeFileSync(join(dir, 'a.txt'), CORRECTED);
    writeFileSync(join(dir, 'a.txt.annotations.yaml'), sidecar('a.txt', CORRECTED));
    writeFileSync(join(dir, 'c.txt'), CORRECTED);
    writeFileSync(join(dir, 'c.txt.annotations.yaml'), sidecar('c.txt', CORRECTED, 'COMPANY'));
    const result = await learnFromArticles([join(dir, 'a.txt'), join(dir, 'c.txt')], deps);
    assert.equal(result.articles, 1);
    assert.equal(result.problems.length, 1);
    assert.equal(result.problems[0]!.file, join(dir, 'c.txt'));
    assert.match(result.problems[0]!.message, /c\.txt\.annotations\.yaml:\d+:\d+: .*COMPANY/);
    assert.ok(result.bytes);
  });
});

/** Timers run by hand: `tick()` fires the due ones. */
function fakeTimers() {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => { const id = next++; due.set(id, { at: now + ms, fn }); return id; },
    clearTimeout: (h) => { due.delete(h as number); },
  };
  const tick = (ms: number) => {
    now += ms;
    for (const [id, t] of [...due]) if (t.at <= now) { due.delete(id); t.fn(); }
  };
  return { timers, tick, pending: () => due.size };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('editor learning: LearnScheduler (src/learning/schedule.ts)', () => {
  it('debounces: triggers within the delay make one run, after the last trigger', async () => {
    const { timers, tick } = fakeTimers();
    let runs = 0;
    const s = new LearnScheduler(async () => { runs++; }, 100, timers);
    s.trigger();
    tick(60);
    s.trigger();
    tick(60);
    assert.equal(runs, 0);
    tick(40);
    assert.equal(runs, 1);
    await s.whenIdle();
    assert.equal(s.busy, false);
  });

  it('a trigger while a run goes on: one more run after it, never two at once', async () => {
    const { timers, tick } = fakeTimers();
    let running = 0, maxRunning = 0, runs = 0;
    let release: () => void = () => undefined;
    const s = new LearnScheduler(() => {
      runs++; running++; maxRunning = Math.max(maxRunning, running);
      return new Promise<void>((r) => { release = () => { running--; r(); }; });
    }, 10, timers);
    s.trigger();
    tick(10);
    assert.equal(runs, 1);
    s.trigger(); s.trigger(); s.trigger();
    tick(100);
    assert.equal(runs, 1, 'started during a run');
    release();
    await flush();
    assert.equal(runs, 2, 'the triggers during the run made exactly one more');
    const idle = s.whenIdle();
    release();
    await idle;
    assert.equal(runs, 2);
    assert.equal(maxRunning, 1);
  });

  it('a failing run does not stop later ones; dispose cancels a waiting run', async () => {
    const { timers, tick, pending } = fakeTimers();
    let runs = 0;
    const s = new LearnScheduler(async () => { runs++; throw new Error('boom'); }, 10, timers);
    s.trigger(); tick(10);
    await s.whenIdle();
    s.trigger(); tick(10);
    await s.whenIdle();
    assert.equal(runs, 2);
    s.trigger();
    s.dispose();
    assert.equal(pending(), 0);
    tick(100);
    assert.equal(runs, 2);
    await s.whenIdle();
  });
});
