// Turns an Analysis into the readable summary and the JSON Lines record of the CLI contract.
import { conllType, type Analysis, type Cluster } from '../engine';

/** One record of `news-lens analyze --jsonl` (the measured contract; see README). */
export function toJsonlRecord(id: unknown, a: Analysis): Record<string, unknown> {
  return {
    id: id ?? null,
    entities: a.entities.map((e) => {
      const conll = conllType(e.type);
      return { start: e.start, end: e.end, text: e.text, type: e.type, ...(conll ? { conll } : {}), ...(e.cluster !== undefined ? { cluster: e.cluster } : {}) };
    }),
    clusters: a.clusters.map((c) => ({
      id: c.id, name: c.name, type: c.type, aliases: c.aliases,
      descriptors: c.descriptors.map((d) => d.text),
      mentions: c.mentions.map((m) => ({ start: a.entities[m].start, end: a.entities[m].end })),
    })),
    quotes: a.quotes.map((q) => ({
      start: q.start, end: q.end, text: q.text, kind: q.kind, attribution: q.attribution,
      ...(q.speaker ? { speaker: { start: q.speaker.start, end: q.speaker.end, text: q.speaker.text } } : {}),
      ...(q.speakerCluster !== undefined ? { speakerCluster: q.speakerCluster } : {}),
      ...(q.anonymous ? { anonymous: true } : {}),
      ...(q.cue ? { cue: { start: q.cue.start, end: q.cue.end, text: q.cue.text } } : {}),
      ...(q.fragments ? { fragments: q.fragments.map((f) => ({ start: f.start, end: f.end, text: f.text })) } : {}),
    })),
    references: (a.references ?? []).map((r) => ({ start: r.start, end: r.end, text: r.text, kind: r.kind, cluster: r.cluster })),
  };
}

const NAME_ORDER = ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC', 'EVENT', 'PRODUCT', 'LAW', 'WORK_OF_ART', 'LANGUAGE'];

/** Line numbers of increasing offsets, counting newlines once across calls. */
function lineCounter(text: string): (offset: number) => number {
  let line = 1;
  let at = 0;
  return (offset) => {
    if (offset < at) { line = 1; at = 0; }
    for (; at < offset; at++) if (text.charCodeAt(at) === 10) line++;
    return line;
  };
}

function oneLine(s: string, max = 100): string {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

export function formatSummary(name: string, text: string, a: Analysis): string {
  const out: string[] = [];
  const f = a.facts;
  out.push(`${name}: ${f.words} words, ${f.sentences} sentences, ${f.paragraphs} paragraphs, ${a.entities.length} entity mentions, ${a.quotes.length} quotations`);
  const counts = Object.entries(f.entityCounts).sort((x, y) => (y[1] ?? 0) - (x[1] ?? 0)).map(([t, n]) => `${t} ${n}`);
  if (counts.length) out.push(`  by type: ${counts.join(', ')}`);
  const clusters = a.clusters.slice().sort((x, y) => NAME_ORDER.indexOf(x.type) - NAME_ORDER.indexOf(y.type) || y.mentions.length - x.mentions.length || x.name.localeCompare(y.name));
  if (clusters.length) {
    out.push('', 'Names');
    const width = Math.min(40, clusters.reduce((w, c) => Math.max(w, c.name.length), 0));
    for (const c of clusters) out.push(`  ${c.name.padEnd(width)}  ${c.type.padEnd(8)} ×${String(c.mentions.length).padEnd(3)}${clusterDetails(c)}`.trimEnd());
  }
  const values = a.entities.filter((e) => e.cluster === undefined);
  if (values.length) {
    out.push('', 'Dates, times, money and numbers');
    // Distinct values per type in first-seen order, built in one pass (linear in the number of values).
    const byType = groupDistinct(values, (v) => v.type, (v) => oneLine(v.text, 40));
    for (const [t, list] of byType) out.push(`  ${t.padEnd(9)} ${list.join('; ')}`);
  }
  if (a.quotes.length) {
    out.push('', 'Quotations and reported speech');
    const lineOf = lineCounter(text);
    a.quotes.forEach((q, i) => {
      out.push(`  ${i + 1}. line ${lineOf(q.start)}${q.kind === 'direct' ? '' : ` (${q.kind})`}: ${oneLine(q.text)}`);
      const who = q.anonymous && q.speaker ? `${q.speaker.text} (anonymous)` : q.speaker
        ? `${q.speakerCluster !== undefined ? a.clusters[q.speakerCluster].name : q.speaker.text}${q.speakerCluster !== undefined && a.clusters[q.speakerCluster].name !== q.speaker.text ? ` (as "${oneLine(q.speaker.text, 40)}")` : ''}`
        : 'speaker not found';
      out.push(`     — ${who}${q.cue ? `, ${q.cue.text}` : ''}${q.when ? `, ${q.when.text}` : ''}`);
    });
  }
  return out.join('\n');
}

/** Distinct `value`s per `key`, in first-seen order of keys and values. Linear: each item is looked
 *  at once and appended to its group's list in place (never a copy of a group per item). */
export function groupDistinct<T>(items: Iterable<T>, key: (x: T) => string, value: (x: T) => string): Map<string, string[]> {
  const groups = new Map<string, { list: string[]; seen: Set<string> }>();
  for (const x of items) {
    const k = key(x);
    let g = groups.get(k);
    if (!g) {
      g = { list: [], seen: new Set() };
      groups.set(k, g);
    }
    const v = value(x);
    if (!g.seen.has(v)) {
      g.seen.add(v);
      g.list.push(v);
    }
  }
  return new Map([...groups].map(([k, g]) => [k, g.list]));
}

function clusterDetails(c: Cluster): string {
  const parts: string[] = [];
  if (c.aliases.length) parts.push(`aka ${c.aliases.join(', ')}`);
  if (c.descriptors.length) parts.push(c.descriptors.map((d) => `"${oneLine(d.text, 60)}"`).join(', '));
  return parts.length ? `  ${parts.join('; ')}` : '';
}
