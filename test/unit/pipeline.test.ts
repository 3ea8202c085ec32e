// The analysis pipeline (src/engine/pipeline.ts): stage order, declared reads and writes, profiling.
import * as assert from 'node:assert/strict';
import { analyze } from '../../src/engine/analyze';
import { AnalysisContext, STAGES, checkStages, runStages, type Stage } from '../../src/engine/pipeline';
import type { NameRecognizer } from '../../src/engine/recognizer';

const TEXT = '“We will appeal,” said Jane Smith, a lawyer for Acme Corp. in Paris, on Monday.';

describe('analysis pipeline', () => {
  it('has every stage read only what the inputs or an earlier stage wrote', () => {
    assert.deepEqual(checkStages(STAGES), []);
  });

  it('reports a stage moved before the stage that writes what it reads, and a name used twice', () => {
    const quotes = STAGES.findIndex((s) => s.name === 'findQuotes');
    const swapped = [STAGES[quotes], ...STAGES.filter((_, i) => i !== quotes)];
    assert.deepEqual(checkStages(swapped), [
      'stage "findQuotes" reads doc before any stage writes it',
      'stage "findQuotes" reads entities before any stage writes it',
      'stage "findQuotes" reads entityIndex before any stage writes it',
      'stage "findQuotes" reads clusters before any stage writes it',
    ]);
    assert.deepEqual(checkStages([STAGES[0], STAGES[0]]), ['stage "tokenize" appears twice']);
  });

  it('writes exactly the fields each stage declares', () => {
    const recognizer: NameRecognizer = { id: 'none', recognize: () => [] };
    const c = new AnalysisContext(TEXT, recognizer);
    const filled = (): string[] => Object.entries(c).filter(([, v]) => v !== undefined).map(([k]) => k).sort();
    const have = new Set(filled());
    for (const stage of STAGES) {
      stage.run(c);
      const added = filled().filter((k) => !have.has(k));
      for (const k of added) {
        assert.ok(stage.writes.includes(k as Stage['writes'][number]), `${stage.name} wrote ${k} without declaring it`);
        have.add(k);
      }
    }
    assert.deepEqual([...have].sort(), Object.keys(c).sort());
  });

  it('reports the time of every stage, by name, in stageTimes, and adds up over calls', () => {
    const stageTimes = new Map<string, number>();
    analyze(TEXT, { stageTimes });
    assert.deepEqual([...stageTimes.keys()], STAGES.map((s) => s.name));
    for (const ms of stageTimes.values()) assert.ok(ms >= 0);
    const first = new Map(stageTimes);
    analyze(TEXT, { stageTimes });
    for (const [name, ms] of stageTimes) assert.ok(ms >= first.get(name)!, name);
    assert.ok([...stageTimes.values()].reduce((a, b) => a + b) > [...first.values()].reduce((a, b) => a + b));
  });

  it('gives the same analysis through runStages as through analyze()', () => {
    const start = TEXT.indexOf('Jane Smith');
    const recognizer: NameRecognizer = { id: 'x', recognize: () => [{ start, end: start + 10, label: 'PER' }] };
    const c = new AnalysisContext(TEXT, recognizer);
    runStages(c, STAGES);
    const a = analyze(TEXT, { recognizer });
    assert.deepEqual({ entities: c.entities, clusters: c.clusters, quotes: c.quotes, references: c.references, facts: c.facts }, a);
    assert.ok(a.entities.some((e) => e.text === 'Jane Smith' && e.type === 'PERSON'));
    assert.equal(a.quotes[0].speaker?.text, 'Jane Smith');
  });
});
