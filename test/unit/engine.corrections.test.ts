// Corrections applied to an analysis (issue 15 item 3): the engine's applyCorrections, and the glue
// (src/corrections) that applies only confidently anchored corrections.
import * as assert from 'node:assert/strict';
import { analyze as analyzeWith, applyCorrections } from '../../src/engine';
import type { AnalysisCorrection, Analysis, NameMention, NameRecognizer } from '../../src/engine';
import { correctAnalysis } from '../../src/corrections';
import { resolveCorrectionAnchors } from '../../src/store';
import type { Correction } from '../../src/store';

const TEXT = 'Donald Trump met Xi Jinping in Beijing on Friday. Trump said the talks went well. "We are close," Kennedy said. Acme Widgets rose. Later Widgets fell.\n';

// The names are given, not taken from the shipped model (whose errors change with each training):
// "Acme Widgets" and "Later Widgets" are (wrongly) people, the mistakes a reviewer corrects here.
const NAMES: [string, NameMention['label']][] = [
  ['Donald Trump', 'PER'], ['Xi Jinping', 'PER'], ['Beijing', 'LOC'], ['Trump', 'PER'], ['Kennedy', 'PER'], ['Acme Widgets', 'PER'], ['Later Widgets', 'PER'],
];
const GIVEN: NameRecognizer = {
  id: 'given-names',
  recognize(text: string): NameMention[] {
    const out: NameMention[] = [];
    for (const [name, label] of NAMES) {
      for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
        const end = i + name.length;
        if (/\w/.test(text[i - 1] ?? '') || /\w/.test(text[end] ?? '') || out.some((m) => m.start < end && i < m.end)) continue;
        out.push({ start: i, end, label });
      }
    }
    return out.sort((a, b) => a.start - b.start);
  },
};
const analyze = (text: string): Analysis => analyzeWith(text, { recognizer: GIVEN });

function at(q: string, n = 0): { start: number; end: number } {
  let i = -1;
  for (let k = 0; k <= n; k++) i = TEXT.indexOf(q, i + 1);
  assert.ok(i >= 0, q);
  return { start: i, end: i + q.length };
}

function entity(a: Analysis, q: string, n = 0) {
  const { start } = at(q, n);
  return a.entities.find((e) => e.start === start);
}

function clusterOf(a: Analysis, q: string, n = 0) {
  const e = entity(a, q, n);
  return e?.cluster === undefined ? undefined : a.clusters[e.cluster];
}

describe('engine: applyCorrections', () => {
  const raw = analyze(TEXT);
  const frozen = JSON.stringify(raw);

  it('the text behaves as these tests expect (the raw analysis)', () => {
    assert.equal(entity(raw, 'Acme Widgets')?.type, 'PERSON');
    assert.equal(entity(raw, 'Later Widgets')?.type, 'PERSON');
    assert.equal(entity(raw, 'Trump', 1)?.cluster, entity(raw, 'Donald Trump')?.cluster);
    assert.equal(raw.quotes.length, 2);
  });

  it('retype: the entity and its cluster take the new type', () => {
    const { analysis, outcomes } = applyCorrections(TEXT, raw, [{ id: 'c1', kind: 'entity', action: 'retype', type: 'ORG', ...at('Acme Widgets') }]);
    assert.deepEqual(outcomes, [{ id: 'c1', applied: true }]);
    assert.equal(entity(analysis, 'Acme Widgets')?.type, 'ORG');
    assert.equal(clusterOf(analysis, 'Acme Widgets')?.type, 'ORG');
    assert.equal(clusterOf(analysis, 'Acme Widgets')?.name, 'Acme Widgets');
    assert.equal(analysis.facts.entityCounts.ORG, 1);
    assert.equal(JSON.stringify(raw), frozen, 'the input analysis is not changed');
  });

  it('retype a surname to ORG: it leaves the person\'s cluster and forms its own', () => {
    const { analysis } = applyCorrections(TEXT, raw, [{ id: 'c1', kind: 'entity', action: 'retype', type: 'ORG', ...at('Trump', 1) }]);
    const trump = clusterOf(analysis, 'Trump', 1)!;
    const donald = clusterOf(analysis, 'Donald Trump')!;
    assert.notEqual(trump.id, donald.id);
    assert.equal(trump.type, 'ORG');
    assert.deepEqual(donald.mentions.map((m) => analysis.entities[m]!.text), ['Donald Trump']);
    // Every cluster's mentions point back at it.
    for (const c of analysis.clusters) for (const m of c.mentions) assert.equal(analysis.entities[m]!.cluster, c.id);
  });

  it('add: a name replaces the overlapping extracted one and joins the cluster of its other mentions', () => {
    const { analysis, outcomes } = applyCorrections(TEXT, raw, [{ id: 'c1', kind: 'entity', action: 'add', type: 'PERSON', ...at('Widgets', 1) }]);
    assert.equal(outcomes[0]!.applied, true);
    assert.equal(entity(analysis, 'Later Widgets'), undefined);
    const added = analysis.entities.find((e) => e.start === at('Widgets', 1).start)!;
    assert.equal(added.text, 'Widgets');
    assert.equal(added.type, 'PERSON');
    assert.equal(added.cluster, entity(analysis, 'Acme Widgets')!.cluster, 'the surname joins "Acme Widgets"');
    assert.equal(analysis.clusters.length, raw.clusters.length - 1);
  });

  it('reject: the entity goes; a quote whose speaker it was keeps the speaker\'s cluster through its other mentions', () => {
    const { analysis, outcomes } = applyCorrections(TEXT, raw, [{ id: 'c1', kind: 'entity', action: 'reject', ...at('Trump', 1) }]);
    assert.equal(outcomes[0]!.applied, true);
    assert.equal(entity(analysis, 'Trump', 1), undefined);
    assert.equal(analysis.entities.length, raw.entities.length - 1);
    const q = analysis.quotes.find((x) => x.text === 'the talks went well')!;
    assert.equal(q.speakerCluster, clusterOf(analysis, 'Donald Trump')!.id);
    // Rejecting Kennedy leaves his quote without a cluster.
    const k = applyCorrections(TEXT, raw, [{ id: 'c2', kind: 'entity', action: 'reject', ...at('Kennedy') }]).analysis;
    assert.equal(k.quotes.find((x) => x.kind === 'direct')!.speakerCluster, undefined);
  });

  it('entity corrections that find nothing are reported, not applied', () => {
    const { analysis, outcomes } = applyCorrections(TEXT, raw, [
      { id: 'c1', kind: 'entity', action: 'reject', ...at('talks') },
      { id: 'c2', kind: 'entity', action: 'retype', type: 'ORG', ...at('went') },
    ]);
    assert.deepEqual(outcomes.map((o) => [o.id, o.applied, o.reason]), [['c1', false, 'no entity there to reject'], ['c2', false, 'no entity there to retype']]);
    assert.deepEqual(analysis, raw);
  });

  it('quote reject, speaker and add', () => {
    const xi = clusterOf(raw, 'Xi Jinping')!.id;
    const corrections: AnalysisCorrection[] = [
      { id: 'r', kind: 'quote', action: 'reject', ...at('We are close') },
      { id: 's', kind: 'quote', action: 'speaker', ...at('the talks went well'), speaker: at('Xi Jinping') },
      { id: 'a', kind: 'quote', action: 'add', ...at('Acme Widgets rose'), speaker: at('Kennedy') },
      { id: 'bad', kind: 'quote', action: 'speaker', ...at('the talks went well'), speaker: at('Friday') },
    ];
    const { analysis, outcomes } = applyCorrections(TEXT, raw, corrections);
    assert.deepEqual(outcomes.map((o) => o.applied), [true, true, true, false]);
    assert.equal(outcomes[3]!.reason, 'the speaker is not a name or a resolved pronoun');
    assert.deepEqual(analysis.quotes.map((q) => [q.text, q.kind, q.attribution, q.speaker?.text, q.speakerCluster]), [
      ['the talks went well', 'indirect', 0, 'Xi Jinping', xi],
      ['Acme Widgets rose', 'indirect', 1, 'Kennedy', clusterOf(raw, 'Kennedy')!.id],
    ]);
    assert.equal(analysis.facts.quotes, 2);
    // A quote added with its marks is direct, its content without them.
    const direct = applyCorrections(TEXT, raw, [{ id: 'd', kind: 'quote', action: 'add', ...at('"We are close,"') }]).analysis;
    const q = direct.quotes.find((x) => x.start === at('"We are close,"').start)!;
    assert.equal(q.kind, 'direct');
    assert.equal(q.content.text, 'We are close,');
    assert.equal(q.speaker, undefined, 'the added attribution replaced the extracted one');
  });

  it('a speaker named by an added entity: entity corrections come first', () => {
    const { analysis, outcomes } = applyCorrections(TEXT, raw, [
      { id: 's', kind: 'quote', action: 'speaker', ...at('We are close'), speaker: at('Widgets', 1) },
      { id: 'e', kind: 'entity', action: 'add', type: 'PERSON', ...at('Widgets', 1) },
    ]);
    assert.deepEqual(outcomes.map((o) => [o.id, o.applied]), [['s', true], ['e', true]]);
    assert.equal(analysis.quotes.find((q) => q.kind === 'direct')!.speakerCluster, entity(analysis, 'Acme Widgets')!.cluster);
  });
});

describe('corrections glue: only confident anchors are applied', () => {
  const raw = analyze(TEXT);
  const corrections: Correction[] = [
    { id: 'ok', kind: 'entity', action: 'retype', type: 'ORG', target: { exact: 'Acme Widgets', ...at('Acme Widgets') } },
    { id: 'orphan', kind: 'entity', action: 'reject', target: { exact: 'Scott Kennedy' } },
  ];

  it('an orphaned correction is reported and not applied; the anchored one is', () => {
    const resolved = resolveCorrectionAnchors(TEXT, corrections);
    const { analysis, reports } = correctAnalysis(TEXT, raw, resolved);
    assert.deepEqual(reports.map((r) => [r.id, r.state, r.applied]), [['ok', 'anchored', true], ['orphan', 'orphaned', false]]);
    assert.match(reports[1]!.reason!, /orphaned/);
    assert.equal(entity(analysis, 'Acme Widgets')?.type, 'ORG');
    assert.equal(entity(analysis, 'Kennedy')?.type, 'PERSON');
  });

  it('after an edit above it, a correction still applies at its moved words; needs-review is not applied', () => {
    const edited = 'NEW LINE.\n' + TEXT;
    const resolved = resolveCorrectionAnchors(edited, [corrections[0]!]);
    const { analysis, reports } = correctAnalysis(edited, analyze(edited), resolved);
    assert.equal(reports[0]!.applied, true);
    assert.equal(analysis.entities.find((e) => e.text === 'Acme Widgets')?.type, 'ORG');
    const twice = 'Acme Widgets and Acme Widgets.\n';
    const ambiguous = resolveCorrectionAnchors(twice, [{ ...corrections[0]!, target: { exact: 'Acme Widgets' } }]);
    assert.equal(ambiguous[0]!.anchor.state, 'needs-review');
    const r = correctAnalysis(twice, analyze(twice), ambiguous);
    assert.equal(r.reports[0]!.applied, false);
    assert.deepEqual(r.analysis, analyze(twice));
  });
});
