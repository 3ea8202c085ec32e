// `news-lens analyze` applies the sidecar's corrections by default (issue 15 item 3); --no-corrections
// shows the raw model; the JSON says which were applied and which not, and why.
import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/cli';

const TEXT = 'Donald Trump met Xi Jinping in Beijing on Friday. Trump said the talks went well. "We are close," Kennedy said. Acme Widgets rose. Later Widgets fell.\n';

async function run(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, stdin: Readable.from([stdin]) });
  return { code, stdout, stderr };
}

function article(sidecar?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'newslens-cli-corr-'));
  const file = join(dir, 'a.txt');
  writeFileSync(file, TEXT);
  if (sidecar !== undefined) writeFileSync(file + '.annotations.yaml', sidecar);
  return file;
}

// "Beijing" (a place to the model) retyped ORG: the government, as in "Beijing said".
const acme = TEXT.indexOf('Beijing');
const SIDECAR = `version: 1
file: a.txt
annotations: []
corrections:
  - id: c-retype
    kind: entity
    action: retype
    type: ORG
    target: { exact: Beijing, start: ${acme}, end: ${acme + 7} }
  - id: c-speaker
    kind: quote
    action: speaker
    speaker: { exact: Xi Jinping, start: 17, end: 27 }
    target: { exact: We are close }
  - id: c-orphan
    kind: entity
    action: reject
    target: { exact: Scott Kennedy }
`;

describe('news-lens analyze: corrections', () => {
  it('applies the sidecar\'s corrections by default and reports each in the JSON', async () => {
    const file = article(SIDECAR);
    const r = await run(['analyze', '--json', file]);
    assert.equal(r.code, 0, r.stderr);
    const a = JSON.parse(r.stdout);
    assert.equal(a.entities.find((e: { start: number }) => e.start === acme).type, 'ORG');
    const direct = a.quotes.find((q: { kind: string }) => q.kind === 'direct');
    assert.equal(direct.speaker.text, 'Xi Jinping');
    assert.equal(a.clusters[direct.speakerCluster].name, 'Xi Jinping');
    assert.deepEqual(a.corrections.applied.map((c: { id: string }) => c.id), ['c-retype', 'c-speaker']);
    assert.deepEqual(a.corrections.notApplied.map((c: { id: string; state: string }) => [c.id, c.state]), [['c-orphan', 'orphaned']]);
    assert.match(a.corrections.notApplied[0].reason, /orphaned/);
    assert.equal(a.corrections.sidecar, file + '.annotations.yaml');
    // The readable summary lists them too.
    const s = await run(['analyze', file]);
    assert.match(s.stdout, /Beijing\s+ORG/);
    assert.match(s.stdout, /Corrections \(.*\): 2 applied, 1 not applied\n {2}applied: c-retype \(entity retype ORG "Beijing"\)/);
    assert.match(s.stdout, /NOT applied: c-orphan \(entity reject\): its text is orphaned/);
  });

  it('--no-corrections gives the raw analysis, the same as an article without a sidecar', async () => {
    const file = article(SIDECAR);
    const raw = await run(['analyze', '--json', '--no-corrections', file]);
    assert.equal(raw.code, 0);
    const a = JSON.parse(raw.stdout);
    assert.equal(a.corrections, undefined);
    assert.equal(a.entities.find((e: { start: number }) => e.start === acme).type, 'GPE');
    const bare = JSON.parse((await run(['analyze', '--json', article()])).stdout);
    assert.deepEqual({ ...a, file: '' }, { ...bare, file: '' });
    assert.equal((await run(['analyze', '--jsonl', '--no-corrections'], '')).code, 2);
  });

  it('an invalid sidecar: a specific error with line and field, the article shown uncorrected, exit 1, the file untouched', async () => {
    const bad = SIDECAR.replace('type: ORG', 'type: COMPANY');
    const file = article(bad);
    const r = await run(['analyze', '--json', file]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /a\.txt\.annotations\.yaml:8:11: corrections\[0\]\.type: type must be an OntoNotes label .*not "COMPANY"; corrections not applied/);
    const a = JSON.parse(r.stdout);
    assert.equal(a.entities.find((e: { start: number }) => e.start === acme).type, 'GPE');
    assert.equal(readFileSync(file + '.annotations.yaml', 'utf8'), bad);
  });

  it('check reports a correction that is not applied (orphaned) at its line, and fails', async () => {
    const file = article(SIDECAR);
    const r = await run(['check', file + '.annotations.yaml']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /a\.txt\.annotations\.yaml:15:5: orphaned: c-orphan "Scott Kennedy" \(correction not applied: /);
    assert.doesNotMatch(r.stdout, /c-retype|c-speaker/);
    const ok = article(SIDECAR.replace(/ {2}- id: c-orphan[^]*$/, ''));
    assert.equal((await run(['check', ok + '.annotations.yaml'])).code, 0);
  });
});
