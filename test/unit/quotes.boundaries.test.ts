// Attributions: boundary and coverage rules found on PolNeAR train errors and checked on dev (issue 16's
// quotation targets; docs/quality.md, "Issue 16, quotation targets: rules"). One test per rule, on
// sentences written for these tests.
import * as assert from 'node:assert/strict';
import { analyze, type Analysis, type Quote } from '../../src/engine';

function find(a: Analysis, start: string): Quote {
  const q = a.quotes.find((x) => x.content.text.startsWith(start));
  assert.ok(q, `no attribution whose content starts "${start}"; got ${JSON.stringify(a.quotes.map((x) => `${x.kind}:${x.content.text}`))}`);
  return q;
}

describe('attributions: boundaries of reported clauses (issue 16, PolNeAR)', () => {
  it('runs a reported clause on to the end of a quotation that spans several sentences', () => {
    const text = 'The group’s new ad argues that “only the mayor can win this race. The others can’t do it. The math won’t work.”\n\nThe ad runs on Monday.';
    const a = analyze(text);
    const q = find(a, 'that “only the mayor');
    assert.ok(q.content.text.endsWith('The math won’t work.”'), q.content.text);
    assert.equal(q.kind, 'direct', 'nine tenths of the clause is in quotation marks');
    assert.equal(a.quotes.filter((x) => x.content.start >= q.content.start && x.content.start < q.content.end).length, 1, 'no second attribution inside it');
  });

  it('ends a reported clause before ", and" or "but" when a new subject with its own verb of saying follows', () => {
    const text = 'Six in 10 voters said the governor is honest and trustworthy, and most Republicans said the same of the mayor.';
    const a = analyze(text);
    assert.equal(find(a, 'the governor is').content.text, 'the governor is honest and trustworthy');
    const second = find(a, 'the same of the mayor');
    assert.equal(second.speaker?.text, 'Republicans');
  });

  it('reads a quotation after the comma of a "said that …" clause as part of that clause, not an utterance', () => {
    const text = 'The senator said that whatever choice voters make this fall, “they should not make it on the basis of fear.”';
    const a = analyze(text);
    const q = find(a, 'that whatever choice');
    assert.ok(q.content.text.endsWith('on the basis of fear.”'), q.content.text);
    assert.equal(q.speaker?.text, 'The senator');
    assert.ok(!a.quotes.some((x) => x.content.text.startsWith('they should')), 'the quotation is no attribution of its own');
  });

  it('takes the named object of a stance verb as the content: "endorsed Trump last week" is "Trump"', () => {
    const text = 'In New Jersey, Governor Chris Christie endorsed Donald Trump last week. The teachers union endorsed Bernie Sanders. She praised Trump’s plan on taxes.';
    const a = analyze(text);
    assert.equal(find(a, 'Donald Trump').content.text, 'Donald Trump');
    assert.equal(find(a, 'Donald Trump').speaker?.text, 'Chris Christie');
    assert.equal(find(a, 'Bernie Sanders').content.text, 'Bernie Sanders', 'a one-name object at the end of the sentence');
    assert.equal(find(a, 'Trump’s plan').content.text, 'Trump’s plan on taxes', 'a possessive name heads a longer object');
  });

  it('reads "talked about" / "spoke about" as a cue whose content is the topic', () => {
    const text = 'At the rally, the governor talked about the new bridge and its cost. He spoke about his family at length.';
    const a = analyze(text);
    const q = find(a, 'the new bridge');
    assert.equal(q.cue?.text, 'talked about');
    assert.equal(q.speaker?.text, 'the governor');
    assert.equal(find(a, 'his family').cue?.text, 'spoke about');
  });

  it('reads neither the noun "talks" nor "speaking about" after a noun as a talk-about cue', () => {
    const a = analyze('Peace talks about the border resumed on Monday. Officials speaking about the plan declined to give details.');
    assert.deepEqual(a.quotes.map((q) => q.content.text), []);
  });

  it('finds the subject before a contracted auxiliary ("He’s predicting …"), not a possessive ("Mr. King’s show")', () => {
    const a = analyze('He’s predicting the governor will do very well in the next contest. The interview ran on Mr. King’s show “Politicking.”');
    const q = find(a, 'the governor will do');
    assert.equal(q.speaker?.text, 'He');
    assert.equal(q.cue?.text, 'predicting');
    assert.ok(!a.quotes.some((x) => x.content.text.includes('Politicking')), JSON.stringify(a.quotes.map((x) => x.content.text)));
  });

  it('reads a possessive stance noun as an attribution: "Trump’s claim that …", "his plan to …"', () => {
    const a = analyze('Donald Trump’s claim that his net worth exceeds $10 billion drew doubts. Despite his plan to cut taxes, the deficit grew.');
    const claim = find(a, 'that his net worth');
    assert.equal(claim.cue?.text, 'claim');
    assert.equal(claim.speaker?.text, 'Donald Trump');
    const plan = find(a, 'to cut taxes');
    assert.equal(plan.speaker?.text, 'his');
  });

  it('leaves a possessive stance noun that is the object of a verb to that verb ("bashed Trump’s proposal")', () => {
    const a = analyze('On Monday the senator bashed Donald Trump’s proposal to ban all imports from China.');
    assert.ok(!a.quotes.some((q) => q.cue?.text === 'proposal'), JSON.stringify(a.quotes.map((q) => `${q.cue?.text}: ${q.content.text}`)));
  });

  it('takes the subject before the quotation for "…,” she said, adding that …" and "“…” and said that …"', () => {
    const text = '“We will win this race,” Jane Smith said on Monday, adding that the polls were wrong. “It is over,” she said and added that her rival had conceded.';
    const a = analyze(text);
    const adding = find(a, 'that the polls were wrong');
    assert.equal(adding.cue?.text, 'adding');
    assert.equal(adding.speaker?.text, 'Jane Smith');
    const added = find(a, 'that her rival had conceded');
    assert.equal(added.speaker?.text, 'she');
  });

  it('reads any reporting verb in -ing after a comma as a participle of the clause before (", citing …")', () => {
    const a = analyze('Jane Smith voted against the budget on Tuesday, citing the cost of the new bridge.');
    const q = find(a, 'the cost of the new bridge');
    assert.equal(q.cue?.text, 'citing');
    assert.equal(q.speaker?.text, 'Jane Smith');
  });

  it('takes the clause subject for a reporting verb in -ing after "by", "while", "without"', () => {
    const a = analyze('Jane Smith played to a distrustful electorate by criticizing the fact-checkers and the press.');
    const q = find(a, 'the fact-checkers');
    assert.equal(q.cue?.text, 'criticizing');
    assert.equal(q.speaker?.text, 'Jane Smith');
  });

  it('takes the subject of "continued to" / "willing to" for the reporting verb after it', () => {
    const a = analyze('Jane Smith is continuing to insist she will release the transcripts.');
    const q = find(a, 'she will release');
    assert.equal(q.cue?.text, 'insist');
    assert.equal(q.speaker?.text, 'Jane Smith');
  });

  it('reads a passive reporting verb with "by": the agent is the source, the subject the content', () => {
    const a = analyze('The new budget plan has been criticized by Jane Smith and other senators.');
    const q = find(a, 'The new budget plan');
    assert.equal(q.content.text, 'The new budget plan');
    assert.ok(q.speaker?.text.startsWith('Jane Smith'), q.speaker?.text);
  });
});
