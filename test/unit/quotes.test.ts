// Attributions: one test per construction, on sentences written for these tests.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type Analysis, type Quote } from '../../src/engine';

function find(a: Analysis, start: string): Quote {
  const q = a.quotes.find((x) => x.content.text.startsWith(start));
  assert.ok(q, `no attribution whose content starts "${start}"; got ${JSON.stringify(a.quotes.map((x) => `${x.kind}:${x.content.text}`))}`);
  return q;
}
function clusterId(a: Analysis, name: string): number {
  const c = a.clusters.find((x) => x.name === name);
  assert.ok(c, `no cluster "${name}"`);
  return c.id;
}
function assertOffsets(text: string, a: Analysis): void {
  for (const q of a.quotes) {
    assert.equal(text.slice(q.start, q.end), q.text);
    assert.equal(text.slice(q.content.start, q.content.end), q.content.text);
    if (q.speaker) assert.equal(text.slice(q.speaker.start, q.speaker.end), q.speaker.text);
    if (q.cue) assert.equal(text.slice(q.cue.start, q.cue.end), q.cue.text);
  }
}

describe('attributions', () => {
  it('splits a quote interrupted by its attribution into two segments of one attribution with one speaker', () => {
    const text = 'Mayor Tom Briggs opened the new bridge on Monday. “This bridge took ten years,” he said, “and it will last a hundred more.”';
    const a = analyze(text);
    assertOffsets(text, a);
    const first = find(a, 'This bridge took ten years');
    const second = find(a, 'and it will last a hundred more');
    assert.equal(first.kind, 'direct');
    assert.equal(second.kind, 'direct');
    assert.equal(first.attribution, second.attribution);
    assert.equal(first.speaker?.text, 'he');
    assert.deepEqual(second.speaker, first.speaker);
    assert.equal(first.speakerCluster, clusterId(a, 'Tom Briggs'));
    assert.equal(second.speakerCluster, first.speakerCluster);
    assert.ok(!first.content.text.includes('said'), 'the attribution clause is in neither segment');
  });

  it('continues a quote whose paragraph does not close it into the next paragraph, with the speaker named at the end', () => {
    const text = 'Helen Park runs the ferry company.\n\n“We carried forty thousand people last year.\n\n“Now we will carry almost none,” Park said.\n\nThe bridge opened in May.';
    const a = analyze(text);
    assertOffsets(text, a);
    const first = find(a, 'We carried forty thousand');
    const second = find(a, 'Now we will carry');
    assert.equal(first.kind, 'direct');
    assert.equal(first.attribution, second.attribution);
    assert.equal(second.speaker?.text, 'Park');
    assert.equal(first.speakerCluster, clusterId(a, 'Helen Park'));
    assert.equal(second.speakerCluster, clusterId(a, 'Helen Park'));
    assert.ok(first.content.text.endsWith('last year.'), 'the first segment stops at its paragraph end');
  });

  it('files reported speech with a quoted fragment as mixed, the whole clause as its content', () => {
    const text = 'Helen Park said on Tuesday that the ferry was “a lifeline for the island” and would be missed.';
    const a = analyze(text);
    assert.equal(a.quotes.length, 1);
    const q = a.quotes[0];
    assert.equal(q.kind, 'mixed');
    assert.ok(q.content.text.includes('“a lifeline for the island”'), q.content.text);
    assert.ok(q.content.text.endsWith('would be missed'), q.content.text);
    assert.deepEqual([q.start, q.end], [q.content.start, q.content.end]);
    assert.equal(q.speaker?.text, 'Helen Park');
    assert.equal(q.cue?.text, 'said');
  });

  it('gives a quotation to the source named after it with "according to"', () => {
    const text = '“The repair of the old tunnel will be long and expensive,” according to Maria Gomez of the Transit Institute.';
    const a = analyze(text);
    const q = find(a, 'The repair of the old tunnel');
    assert.equal(q.kind, 'direct');
    assert.equal(q.speaker?.text, 'Maria Gomez');
    assert.equal(q.speakerCluster, clusterId(a, 'Maria Gomez'));
    assert.equal(q.cue?.text, 'according to');
  });

  it('finds "according to X" reported speech without marks, before or after the content', () => {
    const text = 'Fares rose by a third last year, according to the Harbor Gazette. According to the ferry company, the boats will be sold.';
    const a = analyze(text);
    const after = find(a, 'Fares rose by a third');
    assert.equal(after.kind, 'indirect');
    assert.ok(after.content.text.endsWith('last year'), after.content.text);
    assert.ok(after.speaker?.text.includes('Harbor Gazette'));
    const before = find(a, 'the boats will be sold');
    assert.equal(before.kind, 'indirect');
    assert.equal(before.cue?.text, 'According to');
    assert.equal(before.speaker?.text, 'the ferry company');
  });

  it('finds "X has reported that ..." as indirect speech with X as the speaker', () => {
    const text = 'The Harbor Gazette has reported that the ferry will close in June.';
    const a = analyze(text);
    assert.equal(a.quotes.length, 1);
    const q = a.quotes[0];
    assert.equal(q.kind, 'indirect');
    assert.equal(q.content.text, 'that the ferry will close in June');
    assert.equal(q.cue?.text, 'reported');
    assert.ok(q.speaker?.text.includes('Harbor Gazette'));
    assert.equal(q.speakerCluster, a.entities.find((e) => e.text.includes('Harbor Gazette'))?.cluster);
  });

  it('finds confirmed / denied / warned reported speech', () => {
    const text = 'Oslo Ferries confirmed that two boats were sold. The harbour master denied the reports. Engineers warned that the steel might rust.';
    const a = analyze(text);
    assert.equal(find(a, 'that two boats were sold').cue?.text, 'confirmed');
    assert.equal(find(a, 'the reports').cue?.text, 'denied');
    const warned = find(a, 'that the steel might rust');
    assert.equal(warned.cue?.text, 'warned');
    assert.equal(warned.speaker?.text, 'Engineers');
    for (const q of a.quotes) assert.equal(q.kind, 'indirect');
  });

  it('finds "CONTENT, X said." with the content before the attribution', () => {
    const text = 'The tunnel will stay open until the bridge is finished, Tom Briggs said.';
    const a = analyze(text);
    const q = find(a, 'The tunnel will stay open');
    assert.equal(q.kind, 'indirect');
    assert.ok(q.content.text.endsWith('is finished'), q.content.text);
    assert.equal(q.speaker?.text, 'Tom Briggs');
  });

  it('marks anonymous sources and never resolves them', () => {
    const text = 'Tom Briggs visited the site. A senior city official said the budget had doubled. ' +
      'People familiar with the plan said the opening would slip. Experts believe the steel will rust.';
    const a = analyze(text);
    for (const start of ['the budget had doubled', 'the opening would slip', 'the steel will rust']) {
      const q = find(a, start);
      assert.equal(q.anonymous, true, `"${start}" should be anonymous (speaker ${q.speaker?.text})`);
      assert.equal(q.speakerCluster, undefined);
    }
    assert.equal(find(a, 'the budget had doubled').speaker?.text, 'A senior city official');
  });

  it('resolves pronoun speakers to the person mentioned before', () => {
    const text = 'Helen Park runs the ferry. She said that the boats were old.';
    const a = analyze(text);
    const q = find(a, 'that the boats were old');
    assert.equal(q.speaker?.text, 'She');
    assert.equal(q.speakerCluster, clusterId(a, 'Helen Park'));
    assert.notEqual(q.anonymous, true);
  });

  it('resolves a description speaker to the cluster it describes', () => {
    const text = 'Mayor Tom Briggs met Helen Park on Monday. The mayor said the toll would be dropped next spring.';
    const a = analyze(text);
    const q = find(a, 'the toll would be dropped');
    assert.equal(q.speaker?.text, 'The mayor');
    assert.equal(q.speakerCluster, clusterId(a, 'Tom Briggs'));
  });

  it('leaves an unresolvable description unresolved rather than guessing', () => {
    const text = 'Tom Briggs opened the bridge. The spokesman said the opening was a success.';
    const a = analyze(text);
    const q = find(a, 'the opening was a success');
    assert.equal(q.speaker?.text, 'The spokesman');
    assert.equal(q.speakerCluster, undefined);
    assert.notEqual(q.anonymous, true);
  });

  it('does not report scare quotes or titles as attributions', () => {
    const text = 'The so-called “bridge tax” was debated for hours. The film “Bridges of the North” opened last week in Bergen.';
    const a = analyze(text);
    assert.deepEqual(a.quotes, []);
  });

  it('keeps offsets true to the text and numbers attributions in text order', () => {
    const text = '“We are ready,” said Jane Smith. Oslo Ferries confirmed that two boats were sold, the paper said.';
    const a = analyze(text);
    assertOffsets(text, a);
    const ids = a.quotes.map((q) => q.attribution);
    assert.deepEqual(ids, [...ids].sort((x, y) => x - y));
    assert.equal(ids[0], 0);
  });
});

describe('attributions: more constructions', () => {
  it('reads doubled apostrophes as quotation marks', () => {
    const text = "Helen Park spoke first. ''We will keep one boat,'' Ms. Park said. ''The island needs it.''";
    const a = analyze(text);
    const first = find(a, 'We will keep one boat');
    const second = find(a, 'The island needs it');
    assert.equal(first.kind, 'direct');
    assert.equal(first.text, "''We will keep one boat,''");
    assert.equal(second.attribution, first.attribution, 'the quote after the attribution sentence continues it');
    assert.equal(second.speakerCluster, first.speakerCluster);
    assert.ok(first.speaker?.text.includes('Park'));
  });

  it('finds a headline that opens with its source and a colon', () => {
    const text = 'Helen Park: The Ferry Must Stay\n\nThe ferry company said on Monday it would appeal.';
    const a = analyze(text);
    const q = find(a, 'The Ferry Must Stay');
    assert.equal(q.kind, 'indirect');
    assert.equal(q.speaker?.text, 'Helen Park');
    assert.equal(q.cue?.text, ':');
  });

  it('takes a number as the subject of a reporting verb', () => {
    const text = 'The survey asked voters about the bridge. Sixty percent said the toll was too high.';
    const a = analyze(text);
    const q = find(a, 'the toll was too high');
    assert.equal(q.speaker?.text, 'Sixty percent');
  });

  it('does not take a place in an appositive for the speaker', () => {
    const text = 'Sean Ortiz, a fisherman from Tromsø, Norway, says the ferry must stay.';
    const a = analyze(text);
    const q = find(a, 'the ferry must stay');
    assert.equal(q.speaker?.text, 'Sean Ortiz');
  });
});

describe('attributions: quotation marks', () => {
  it('closes a quotation at a left mark typed in a right mark’s place (“word“ before a space or punctuation)', () => {
    const text = 'The council asked for a “thorough audit“ of the harbour accounts. “We expect answers soon,” Jane Abbot said.';
    const a = analyze(text);
    assertOffsets(text, a);
    // The first pair is a scare quote inside the sentence, not a quoted utterance running on to the next opening mark.
    assert.ok(!a.quotes.some((q) => q.kind === 'direct' && q.content.text.includes('thorough audit')), JSON.stringify(a.quotes.map((q) => `${q.kind}:${q.content.text}`)));
    const q = find(a, 'We expect answers soon');
    assert.equal(q.kind, 'direct');
    assert.equal(q.speaker?.text, 'Jane Abbot');
  });

  it('still opens a quotation at a left mark after a space', () => {
    const text = 'The mayor wrote: “The harbour stays open. “Safety” comes first.';
    const a = analyze(text);
    assertOffsets(text, a);
    assert.equal(find(a, 'The harbour stays open').kind, 'direct');
  });
});

describe('attributions: speakers after the quotation without a lexicon verb', () => {
  it('takes the person after an unlisted verb: “…!” beamed Jane Doe', () => {
    const text = 'The crowd cheered as the ribbon fell. “What a day for this town!” beamed Margaret Olsen, who had campaigned for the bridge.';
    const a = analyze(text);
    assertOffsets(text, a);
    const q = find(a, 'What a day for this town');
    assert.equal(q.kind, 'direct');
    assert.equal(q.speaker?.text, 'Margaret Olsen');
    assert.equal(q.cue?.text, 'beamed');
  });

  it('takes the person before an appositive and an unlisted verb: “…,” Jane Doe, the head of X, shrugged', () => {
    const text = 'The vote passed late on Friday. “Not our plan, but a good one,” Daniel Whitcombe, the head of the Harbour Trust, shrugged on Saturday.';
    const a = analyze(text);
    assertOffsets(text, a);
    const q = find(a, 'Not our plan, but a good one');
    assert.equal(q.kind, 'direct');
    assert.equal(q.speaker?.text, 'Daniel Whitcombe');
    assert.equal(q.cue?.text, 'shrugged');
  });
});

describe('attributions: a colon after a clause with a pronoun subject', () => {
  it('takes the subject pronoun when the clause before the colon has no speech verb and no name', () => {
    const text = 'The harbour reopened on Monday after the storm.\n\nShe then turned to the waiting crowd: “Nobody here gave up on this place.”';
    const a = analyze(text);
    assertOffsets(text, a);
    const q = find(a, 'Nobody here gave up on this place');
    assert.equal(q.kind, 'direct');
    assert.equal(q.speaker?.text, 'She');
    assert.equal(q.cue?.text, ':');
  });
});

describe('attributions: continuing speakers and noun-phrase subjects', () => {
  it('points a continued quotation at the nearest earlier mention of the same speaker', () => {
    const text = 'Mayor Helen Garvey toured the flooded district on Tuesday. “We will rebuild every street,” Garvey said.\n\n' +
      'The council approved the repair budget later that week, and Garvey thanked the engineers who had drafted it.\n\n' +
      '“This is the fastest we have ever moved.”';
    const a = analyze(text);
    assertOffsets(text, a);
    const first = find(a, 'We will rebuild every street');
    const next = find(a, 'This is the fastest we have ever moved');
    assert.equal(next.attribution, first.attribution);
    assert.equal(next.speakerCluster, first.speakerCluster);
    assert.equal(next.speaker?.text, 'Garvey');
    assert.equal(next.speaker?.start, text.indexOf('Garvey thanked'));
  });

  it('takes a sentence-initial pronoun of the continued speaker as the nearer mention', () => {
    const text = 'Mayor Helen Garvey toured the flooded district on Tuesday. “We will rebuild every street,” Garvey said.\n\n' +
      'The council approved the repair budget later that week. She thanked the engineers who had drafted it.\n\n' +
      '“This is the fastest we have ever moved.”';
    const a = analyze(text);
    assertOffsets(text, a);
    const first = find(a, 'We will rebuild every street');
    const next = find(a, 'This is the fastest we have ever moved');
    assert.equal(next.speaker?.text, 'She');
    assert.equal(next.speakerCluster, first.speakerCluster);
  });

  it('gives a quotation right after reported speech the reported speaker', () => {
    const text = 'The bakery on Elm Street closed last month. Rosa Delgado said the rent increase was simply impossible to pay. “We had no choice but to leave.”';
    const a = analyze(text);
    assertOffsets(text, a);
    const reported = find(a, 'the rent increase was simply impossible');
    const q = find(a, 'We had no choice but to leave');
    assert.equal(q.kind, 'direct');
    assert.equal(q.speaker?.text, 'Rosa Delgado');
    assert.equal(q.attribution, reported.attribution);
  });

  it('takes the whole noun phrase, not the place in its prepositional phrase, as the speaker', () => {
    const text = 'The harvest came in late this year. “We are losing money on every bushel,” many farmers in Nebraska said.\n\n' +
      'Officials in Lincoln said the state would offer relief.';
    const a = analyze(text);
    assertOffsets(text, a);
    assert.equal(find(a, 'We are losing money').speaker?.text, 'many farmers in Nebraska');
    assert.equal(find(a, 'the state would offer relief').speaker?.text, 'Officials in Lincoln');
  });

  it('finds the cue after a long appositive of the person named after the quotation', () => {
    const text = 'The vote is set for Thursday.\n\n“We have the numbers this time,” Sen. Mark Dobbs, a Republican who chairs the committee on farm policy and rural affairs, said on Friday. “Nobody should doubt it.”';
    const a = analyze(text);
    assertOffsets(text, a);
    const first = find(a, 'We have the numbers this time');
    assert.equal(first.speaker?.text, 'Mark Dobbs');
    assert.equal(first.cue?.text, 'said');
    assert.equal(find(a, 'Nobody should doubt it').speaker?.text, 'Mark Dobbs');
  });

  it('takes the subject, not the person spoken to, after "told" before the quotation', () => {
    const text = 'The rally ran late. Nadia Perrin skipped the prepared remarks but told her volunteers, “we still have a week of work ahead.”';
    const a = analyze(text);
    assertOffsets(text, a);
    const q = find(a, 'we still have a week of work ahead');
    assert.equal(q.speaker?.text, 'Nadia Perrin');
    assert.equal(q.cue?.text, 'told');
  });
});

describe('attributions: reported speech, second verbs, trailing phrases and plural nouns', () => {
  it('finds reported speech after a second verb of the same subject: X praised Y and said …', () => {
    const text = 'Council member Rosa Quintero praised the new budget and said the library would reopen in June.';
    const a = analyze(text);
    assertOffsets(text, a);
    const q = find(a, 'the library would reopen in June');
    assert.equal(q.kind, 'indirect');
    assert.equal(q.cue?.text, 'said');
    assert.equal(q.speaker?.text, 'Rosa Quintero');
  });
  it('takes the clause before the speaker when a phrase of the attribution ends the sentence: …, she said in an interview.', () => {
    const text = 'The harbour had been dredged twice since the storm. The port will stay open through the winter, Ingrid Solberg said in an interview on Friday.';
    const a = analyze(text);
    assertOffsets(text, a);
    const q = find(a, 'The port will stay open through the winter');
    assert.equal(q.content.text, 'The port will stay open through the winter');
    assert.equal(q.kind, 'indirect');
    assert.equal(q.speaker?.text, 'Ingrid Solberg');
  });
  it('does not take a phrase after "said X" for that construction: …, said the turmoil at …', () => {
    const text = 'Piet Dekker, a delegate from Utrecht, said the turmoil at the meeting was part of the show.';
    const a = analyze(text);
    const q = find(a, 'the turmoil at the meeting was part of the show');
    assert.equal(q.speaker?.text, 'Piet Dekker');
    assert.ok(!a.quotes.some((x) => x.content.text.startsWith('Piet Dekker')), 'the speaker is not content');
  });
  it('reads "states" after a number, quantifier or preposition as the plural noun, not a reporting verb', () => {
    const text = 'Voters in nine states went to the polls on Tuesday. Five other states hold caucuses next week. The charter states that members vote in person.';
    const a = analyze(text);
    assertOffsets(text, a);
    assert.ok(!a.quotes.some((q) => q.cue?.text === 'states' && /polls|caucuses/.test(q.content.text)),
      `no attribution cued by the noun "states"; got ${JSON.stringify(a.quotes.map((q) => `${q.cue?.text}:${q.content.text}`))}`);
    const verb = find(a, 'that members vote in person');
    assert.equal(verb.cue?.text, 'states');
  });
});

describe('attributions: transcripts quoted turn by turn', () => {
  const text = 'The station aired the exchange on Sunday.\n\n"HARLOW: Will the mill reopen this year?\n\n"BRENNAN: Yes, we expect the first shift back in March.\n\n"HARLOW: And the jobs that were cut?"\n\nVIDEO: a tour of the mill.';
  it('takes the label of each quoted turn as its speaker and starts the content after the colon', () => {
    const a = analyze(text);
    assertOffsets(text, a);
    const answer = find(a, 'Yes, we expect the first shift back in March');
    assert.equal(answer.kind, 'direct');
    assert.equal(answer.speaker?.text, 'BRENNAN');
    assert.equal(answer.cue?.text, ':');
    const question = find(a, 'Will the mill reopen this year');
    assert.equal(question.speaker?.text, 'HARLOW');
    assert.ok(!a.quotes.some((q) => /^(?:HARLOW|BRENNAN):/.test(q.content.text)), 'no content starts with its label');
  });
  it('leaves a single quoted label alone: one is a heading, not a transcript', () => {
    const one = 'He read the sign aloud: "NOTICE: The bridge closes at dusk for repairs until further notice."';
    const a = analyze(one);
    assert.ok(!a.quotes.some((q) => q.speaker?.text === 'NOTICE'), JSON.stringify(a.quotes.map((q) => q.speaker?.text)));
  });
});

describe('attributions: quotation marks around things nobody said', () => {
  it('drops a stage direction and a sign-off in quotation marks', () => {
    const text = '"HARLOW: Will the mill reopen?\n\n"(CROSSTALK.)\n\n"BRENNAN: Yes, in March.\n\n"Follow Ana Ruiz on Twitter @anaruiz."';
    const a = analyze(text);
    assert.ok(!a.quotes.some((q) => /CROSSTALK|Follow Ana/.test(q.content.text)), JSON.stringify(a.quotes.map((q) => q.content.text)));
    assert.equal(find(a, 'Yes, in March').speaker?.text, 'BRENNAN');
  });
  it('reads a title-case quotation after "book", "film", "show" as a title even when a cue follows', () => {
    const text = 'In her 2011 book, “Rivers of the North,” Dana Holm argued that dams outlive their use. “We built too many,” she said.';
    const a = analyze(text);
    assert.ok(!a.quotes.some((q) => q.kind === 'direct' && q.content.text.startsWith('Rivers of the North')), JSON.stringify(a.quotes.map((q) => `${q.kind}:${q.content.text}`)));
    assert.equal(find(a, 'We built too many').kind, 'direct');
  });
});

describe('attributions: a curly quotation nested in a straight-quoted paragraph', () => {
  it('keeps the paragraph one quotation when it quotes a name in curly marks', () => {
    const text = 'The interview ran long.\n\n"BRENNAN: Some people treat this like an episode of “Shark Tank.” It is not a game show.\n\n"HARLOW: Thank you."';
    const a = analyze(text);
    assertOffsets(text, a);
    const turn = find(a, 'Some people treat this like an episode of');
    assert.ok(turn.content.text.includes('It is not a game show'), turn.content.text);
    assert.equal(turn.speaker?.text, 'BRENNAN');
  });
});

describe('attributions: words voiced or displayed', () => {
  it('takes a short quotation right after "chanting", "read" or "chants of" as what was voiced', () => {
    const text = 'The crowd in the square kept chanting “Fair pay now” while the mayor spoke. A banner that read “Save the mill” hung from the balcony.';
    const a = analyze(text);
    assertOffsets(text, a);
    assert.equal(find(a, 'Fair pay now').kind, 'direct');
    assert.equal(find(a, 'Save the mill').kind, 'direct');
  });
});

describe('attributions: "he" and "she" agree with the gender the text marks', () => {
  it('resolves "he" past a more recent woman to the man, and "she" back to her', () => {
    const text = 'Governor Thomas Reed met the union leader Linda Okafor on Monday. “We have a deal,” he said. “The members will vote on Friday,” she said.';
    const a = analyze(text);
    assert.equal(find(a, 'We have a deal').speakerCluster, clusterId(a, 'Thomas Reed'));
    assert.equal(find(a, 'The members will vote').speakerCluster, clusterId(a, 'Linda Okafor'));
  });
  it('takes gender from a courtesy title and from a descriptor, and leaves unmarked names compatible with both', () => {
    const text = 'Mrs. Dalton thanked Mr. Ferrand for the loan. “It saved the bakery,” he said. Officials said Quinlan had no comment. “Ask the council,” she said.';
    const a = analyze(text);
    assert.equal(find(a, 'It saved the bakery').speakerCluster, clusterId(a, 'Ferrand'));
    // Quinlan, the most recent person, has no marked gender: "she" may take her.
    assert.equal(find(a, 'Ask the council').speakerCluster, clusterId(a, 'Quinlan'));
  });
});

describe('attributions: action verbs are not speech (issue 16)', () => {
  it('gives no attribution for "declined to enforce", "agreed to pay", "refused to sign" (the seed\'s invented quote)', () => {
    for (const text of [
      'President Donald Trump has so far declined to enforce the ban on the app.',
      'The company agreed to pay $325 million to settle the case last year.',
      'Senator Jane Morris refused to sign the trade agreement on Monday.',
    ]) {
      const a = analyze(text);
      assert.deepEqual(a.quotes.map((q) => q.cue?.text), [], `${text}: ${JSON.stringify(a.quotes.map((q) => q.content.text))}`);
    }
  });

  it('keeps "declined to comment", "refused to say whether …" and "agreed that …" as attributions', () => {
    const cases: Array<[string, string]> = [
      ['A spokeswoman for the Acme Corporation declined to comment on the report.', 'declined'],
      ['Senator Jane Morris refused to say whether she would run again next year.', 'refused'],
      ['Senator Jane Morris agreed that the bill needed more work before the vote.', 'agreed'],
    ];
    for (const [text, cue] of cases) {
      const a = analyze(text);
      assert.ok(a.quotes.some((q) => q.cue?.text === cue), `${text}: ${JSON.stringify(a.quotes.map((q) => `${q.cue?.text}:${q.content.text}`))}`);
    }
  });

  it('finds no attribution with the cue "declined" on the seed article', () => {
    const seed = fs.readFileSync(path.resolve(__dirname, '..', '..', 'seeds', 'trump-xi-tiktok-call.txt'), 'utf8');
    const a = analyze(seed);
    assert.ok(a.quotes.length > 0);
    assert.deepEqual(a.quotes.filter((q) => /declin/i.test(q.cue?.text ?? '')).map((q) => q.content.text), []);
  });
});

describe('attributions: the quoted fragments of a partial quotation (issue 16)', () => {
  it('lists each quoted fragment of a mixed attribution with its exact words and offsets, without the marks', () => {
    const text = 'Donald Trump met reporters on Friday. Trump said that they were “pretty close to a deal” on trade and might “do an extension” soon.';
    const a = analyze(text);
    const q = find(a, 'that they were');
    assert.equal(q.kind, 'mixed');
    assert.deepEqual(q.fragments?.map((f) => f.text), ['pretty close to a deal', 'do an extension']);
    for (const f of q.fragments!) assert.equal(text.slice(f.start, f.end), f.text);
  });

  it('gives an indirect attribution no fragments', () => {
    const a = analyze('Donald Trump met reporters on Friday. Trump said that they were close to a deal on trade.');
    const q = find(a, 'that they were');
    assert.equal(q.kind, 'indirect');
    assert.equal(q.fragments, undefined);
  });

  it('finds Trump\'s partial quotations on the seed with their exact words', () => {
    const seed = fs.readFileSync(path.resolve(__dirname, '..', '..', 'seeds', 'trump-xi-tiktok-call.txt'), 'utf8');
    const a = analyze(seed);
    const trump = a.clusters.find((c) => c.name === 'Donald Trump');
    const mixed = a.quotes.filter((q) => q.kind === 'mixed' && q.speakerCluster === trump?.id);
    assert.deepEqual(mixed.flatMap((q) => q.fragments ?? []).map((f) => f.text.slice(0, 22)), ['pretty close to a deal', 'do an extension with C']);
  });
});

describe('references: resolved pronouns (issue 16)', () => {
  it('resolves "He" and "his" to the one man named just before', () => {
    const text = 'Donald Trump spoke to reporters on Friday. He said his talks with China went well.';
    const a = analyze(text);
    const trump = clusterId(a, 'Donald Trump');
    assert.deepEqual(a.references?.map((r) => [r.text, r.cluster, r.kind, text.slice(r.start, r.end)]), [['He', trump, 'pronoun', 'He'], ['his', trump, 'pronoun', 'his']]);
  });

  it('resolves nothing when two men are named just before, or when the pronoun is inside quotation marks', () => {
    assert.deepEqual(analyze('Donald Trump met Joe Biden on Friday. He said the talks went well.').references, []);
    const quoted = analyze('Donald Trump spoke on Friday. “He is wrong about everything,” Trump said of the governor.');
    assert.deepEqual(quoted.references?.filter((r) => r.text === 'He'), []);
  });

  it('takes the gender into account: "she" after a man and a woman is the woman', () => {
    const text = 'Donald Trump met Angela Merkel in Berlin. She said the meeting was useful.';
    const a = analyze(text);
    assert.deepEqual(a.references?.map((r) => [r.text, r.cluster]), [['She', clusterId(a, 'Angela Merkel')]]);
  });
});
