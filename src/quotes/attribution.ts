// Every reporting cue outside quotation marks, with its speaker, found in one
// forward pass so that pronouns can lean on the speakers already resolved.
import type { Doc } from "./doc.ts";
import { AUXILIARIES, COORDINATORS, NEVER_INVERTED, PARTICIPLE_OPENERS, PASSIVE, cueAt, type Cue } from "./lexicon.ts";
import type { Speakers, Subject } from "./speakers.ts";

export interface CueSite extends Cue {
  subject: Subject | null;
  /** The subject follows the cue (`said Lena Holt`, `according to X`). */
  inverted: boolean;
  /** First token of the clause the cue stands in (after any quotation in the same sentence). */
  clauseStart: number;
}

const COMMA = 0x2c;

export function findCueSites(doc: Doc, speakers: Speakers): CueSite[] {
  const { sentenceStart } = doc;
  const sites: CueSite[] = [];
  let clauseStart = 0;
  let sentence = -1;
  for (let i = 0; i < doc.size; i++) {
    if (doc.sentence[i] !== sentence) {
      sentence = doc.sentence[i];
      clauseStart = i;
    }
    if (doc.quote[i] >= 0 || doc.isMark(i)) {
      clauseStart = i + 1;
      continue;
    }
    const cue = cueAt(doc, i);
    if (!cue) continue;
    const sentenceEnd = sentenceStart[sentence + 1] ?? doc.size;
    let subject: Subject | null = null;
    let inverted = false;
    if (cue.kind === "sourcing") {
      subject = speakers.subjectAfter(cue.last, sentenceEnd, true);
      inverted = true;
    } else {
      const afterBreak = (i === clauseStart || doc.is(i - 1, COMMA) || doc.isMark(i - 1)) && !NEVER_INVERTED.has(cue.text);
      const after = afterBreak ? speakers.subjectAfter(cue.last, sentenceEnd) : null;
      if (after) {
        subject = after;
        inverted = true;
      } else subject = speakers.subjectBefore(i, clauseStart);
      subject ??= sharedSubject(doc, sites, speakers, i, clauseStart);
    }
    if (subject) speakers.record({ token: i, name: subject.name, type: subject.type });
    sites.push({ kind: cue.kind, first: cue.first, last: cue.last, text: cue.text, subject, inverted, clauseStart });
    i = cue.last;
  }
  return sites;
}

/**
 * A verb without its own subject shares the sentence's: `X said A, and said B`
 * and `X said, adding that …` (the earlier cue's speaker), or `X defended the
 * plan, promising …` (the sentence subject of a participle).
 */
function sharedSubject(doc: Doc, sites: CueSite[], speakers: Speakers, i: number, clauseStart: number): Subject | null {
  let j = i - 1;
  while (j >= clauseStart && AUXILIARIES.has(doc.lower(j))) {
    if (PASSIVE.has(doc.lower(j))) return null;
    j--;
  }
  if (j < 0) return null;
  const sentence = doc.sentence[i];
  // `X tweeted that A "…," adding "…"`: a closing mark (with the comma it holds) also opens a participle.
  const afterQuote = doc.isMark(j) && j > 0 && doc.quote[j - 1] >= 0;
  const participle = doc.lower(i).endsWith("ing") && (PARTICIPLE_OPENERS.has(doc.lower(j)) || afterQuote);
  if (!participle && !COORDINATORS.has(doc.lower(j))) return null;
  // `Li said, adding that …`: the speaker of the sentence's previous verb.
  const prev = sites[sites.length - 1];
  if (prev && doc.sentence[prev.first] === sentence && prev.subject) return prev.subject;
  return participle ? speakers.sentenceSubject(sentence) : null;
}

/** Index of the last site whose cue starts in [from, to), or -1 (sites are in text order). */
export function lastSiteIn(sites: CueSite[], from: number, to: number): number {
  let lo = 0;
  let hi = sites.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sites[mid].first < to) lo = mid + 1;
    else hi = mid;
  }
  const i = lo - 1;
  return i >= 0 && sites[i].first >= from ? i : -1;
}

/** Index of the first site whose cue starts in [from, to), or -1. */
export function firstSiteIn(sites: CueSite[], from: number, to: number): number {
  let lo = 0;
  let hi = sites.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sites[mid].first < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < sites.length && sites[lo].first < to ? lo : -1;
}
