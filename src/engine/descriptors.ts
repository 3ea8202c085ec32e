// Descriptors of a cluster taken from the text: titles ("President"), pre-modifying roles
// ("Wells Fargo banker"), appositives ("its Chinese owner, ByteDance") and "of" phrases.
import type { Cluster, Descriptor, Entity } from './types';
import type { Token } from './tokenize';
import * as L from './wordLists';
import type { EntityTokenIndex } from './entityIndex';
import { startsLower, startsUpper } from './attribution/cues';

const THING_HEADS = new Set(`broadcaster|company|firm|giant|maker|manufacturer|app|application|platform|network|agency|group|newspaper|outlet|bank|lender|carrier|retailer|startup|start-up|conglomerate|owner|parent|regulator|party|union|insurer|automaker|carmaker|chipmaker|website|site|service|daily|tabloid|magazine|channel|ministry|organization|organisation|operator|airline|watchdog|exchange|fund|university|publisher|brand|producer|supplier|developer|rival|unit|subsidiary|affiliate|investor|shareholder|broadcaster|station|outlet|network|party|movement|militia|team|club|league|body|council|committee|court|forum|alliance|bloc|coalition|city|country|nation|state|province|region|capital|town|port|island|province|company|giant|firm|tank|institute|institution|foundation|charity|nonprofit|conference|summit|event|festival|program|programme|project|law|act|bill|treaty|deal|agreement|product|device|phone|vehicle|car|aircraft|jet|plane|drug|vaccine|medication|software|tool|model|chatbot|game|film|movie|book|show|series|album|song|newspaper`.split('|'));
const STOP = new Set(`of|in|on|at|by|for|with|from|to|as|about|like|and|or|but|while|although|if|that|which|who|whom|whose|is|was|are|were|be|been|has|have|had|said|says|told|did|do|does|not|no|will|would|could|should|can|may|might|must|than|then|when|where|after|before|since|because|so|also|both|including|such|into|over|under|between|against|during|without|within|via|per|says|said`.split('|'));
const DETS = new Set(['the', 'a', 'an', 'its', 'his', 'her', 'their', 'our', 'my', 'your', 'this', 'that', 'these', 'those']);
const REL_START = new Set(['who', 'which', 'whose', 'whom', 'where', 'when', 'said', 'says', 'told', 'added', 'adding', 'and', 'but', 'or', 'however', 'according', 'the', 'a', 'an']);

function isHead(word: string): boolean {
  const w = word.toLowerCase();
  return L.ROLE_NOUNS.has(w) || THING_HEADS.has(w);
}

export function attachDescriptors(text: string, tokens: Token[], entities: Entity[], clusters: Cluster[], entityAtTok: EntityTokenIndex): void {
  const firstTok = (e: Entity) => entityAtTok.tokenRange(e)?.[0];
  const lastTok = (e: Entity) => entityAtTok.tokenRange(e)?.[1];
  const seen = new Map<number, Set<string>>();
  const add = (cluster: number | undefined, kind: Descriptor['kind'], a: number, b: number) => {
    if (cluster === undefined || b < a) return;
    const start = tokens[a].start;
    const end = tokens[b].end;
    const dtext = text.slice(start, end);
    if (!dtext.trim()) return;
    const set = seen.get(cluster) ?? new Set<string>();
    seen.set(cluster, set);
    const key = dtext.toLowerCase();
    if (set.has(key)) return;
    set.add(key);
    clusters[cluster].descriptors.push({ start, end, text: dtext, kind });
  };

  /** Extends a noun phrase leftwards from token `head` (inclusive); returns its first token. */
  const extendLeft = (head: number): number => {
    let a = head;
    let words = 1;
    while (a - 1 >= 0 && words < 6) {
      const t = tokens[a - 1];
      if (t.sentence !== tokens[head].sentence || t.kind === 'punct') break;
      const lower = t.text.toLowerCase();
      if (DETS.has(lower)) { a--; break; }
      const ent = entityAtTok.get(a - 1);
      if (ent) {
        if (ent.type === 'DATE' || ent.type === 'TIME' || ent.type === 'CARDINAL' || ent.type === 'MONEY' || ent.type === 'PERCENT') break;
        const s = firstTok(ent) ?? a - 1;
        a = s; words++;
        continue;
      }
      if (startsUpper(t.text) || STOP.has(lower)) break;
      a--; words++;
    }
    return a;
  };

  // The entities' token ranges, as entityAtTok.tokenRange gives them, found by a cursor that only moves
  // forward over the tokens while the entities come sorted by start (the binary search otherwise).
  let cursor = 0;
  const rangeOf = (e: Entity): [number, number] | undefined => {
    let a = cursor;
    if (a > 0 && tokens[a - 1].start >= e.start) return entityAtTok.tokenRange(e);
    while (a < tokens.length && tokens[a].start < e.start) a++;
    cursor = a;
    let b = a;
    while (b < tokens.length && tokens[b].start < e.end) b++;
    b--;
    if (a >= tokens.length || b < a || tokens[a].start !== e.start || tokens[b].end !== e.end) return undefined;
    return [a, b];
  };

  entities.forEach((e, idx) => {
    if (e.cluster === undefined) return;
    const range = rangeOf(e);
    if (!range) return;
    const [first, last] = range;
    const prev = tokens[first - 1];
    const next = tokens[last + 1];
    // Titles: "President Xi", "U.S. President Donald Trump", "Presidents A and B".
    if (e.type === 'PERSON' && prev && L.PERSON_TITLES.has(prev.text)) {
      let a = first - 1;
      while (a - 1 >= 0 && L.PERSON_TITLES.has(tokens[a - 1].text)) a--;
      const before = entityAtTok.get(a - 1);
      if (before && (before.type === 'GPE' || before.type === 'NORP' || before.type === 'ORG')) a = firstTok(before) ?? a;
      add(e.cluster, 'title', a, first - 1);
    }
    if (e.type === 'PERSON' && prev?.text === 'and' && idx > 0) {
      const other = entities[idx - 1];
      const otherLast = lastTok(other);
      const otherFirst = firstTok(other);
      if (other.type === 'PERSON' && otherLast === first - 2 && otherFirst !== undefined) {
        const t = tokens[otherFirst - 1];
        if (t && L.PERSON_TITLES.has(t.text) && /s$/.test(t.text)) add(e.cluster, 'title', otherFirst - 1, otherFirst - 1);
      }
    }
    // Pre-modifying role: "Wells Fargo banker Chenyue Mao", "the video app TikTok".
    if (prev && prev.kind === 'word' && startsLower(prev.text) && isHead(prev.text) && prev.sentence === tokens[first].sentence) {
      add(e.cluster, 'premodifier', extendLeft(first - 1), first - 1);
    }
    // Appositive before: "its Chinese owner, ByteDance, ..."
    if (prev?.text === ',' && tokens[first - 2] && startsLower(tokens[first - 2].text) && isHead(tokens[first - 2].text) &&
        (next?.text === ',' || next?.text === '.')) {
      const a = extendLeft(first - 2);
      if (DETS.has(tokens[a].text.toLowerCase())) add(e.cluster, 'appositive', a, first - 2);
    }
    // Appositive after: "Scott Smith, a senior analyst at Acme, said"
    if (next?.text === ',' && tokens[last + 2] && (DETS.has(tokens[last + 2].text.toLowerCase()) || isHead(tokens[last + 2].text)) &&
        !REL_START.has(tokens[last + 2].text) || (next?.text === ',' && tokens[last + 2] && /^(?:a|an|the)$/.test(tokens[last + 2].text))) {
      let b = last + 2;
      let sawHead = false;
      while (b < tokens.length && b - last < 14 && tokens[b].sentence === tokens[last].sentence) {
        const t = tokens[b];
        if (t.kind === 'punct' && /^[,.;:)\]—–"“”]$/.test(t.text)) break;
        if (/^(?:said|says|told|is|was|has|have|had|will|would|who|which)$/.test(t.text)) { sawHead = false; break; }
        if (isHead(t.text)) sawHead = true;
        b++;
      }
      const closer = tokens[b];
      if (sawHead && closer && /^[,.;)]$/.test(closer.text)) add(e.cluster, 'appositive', last + 2, b - 1);
    }
    // "of" phrase: "Scott Kennedy of the Center for Strategic and International Studies"
    if (e.type === 'PERSON' && next && (next.text === 'of' || next.text === 'at' || next.text === 'from')) {
      let k = last + 2;
      if (tokens[k] && /^(?:the)$/i.test(tokens[k].text)) k++;
      const org = entityAtTok.get(k);
      if (org && (org.type === 'ORG' || (next.text === 'of' && (org.type === 'GPE' || org.type === 'FAC')))) {
        const orgLast = lastTok(org);
        if (orgLast !== undefined) add(e.cluster, 'of-phrase', last + 1, orgLast);
      }
    }
  });
}
