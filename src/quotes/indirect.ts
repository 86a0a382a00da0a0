// Reported speech: `X said (that) …`, `…, X said.` / `…, said X.`, and
// `according to X, …` / `…, according to X.` The reported words run to the
// sentence end (or from the sentence start to the comma before the
// attribution) and stop at any quotation mark: quoted words are direct quotes.
import type { Quote } from "../types.ts";
import type { CueSite } from "./attribution.ts";
import type { Doc } from "./doc.ts";
import { PARTIAL_MAX_WORDS } from "./direct.ts";
import {
  ADJUNCT_STARTERS, AUXILIARIES, BARE_CLAUSE_VERBS, CALENDAR_WORDS, COMPLEMENTIZERS, DETERMINERS, NOUN_OBJECT_VERBS, OBJECTS, PREPOSITIONS,
  RECIPIENT_VERBS, RELATIVE_PRONOUNS, SUBJECT_PRONOUNS, SUBORDINATORS, TIME_ADJUNCTS, cueAt,
} from "./lexicon.ts";
import type { Speakers } from "./speakers.ts";

const MIN_WORDS = 4;
/** Tokens a source phrase may run on after its name before the comma (`(CNNIC),`). */
const SOURCE_TAIL = 8;
/** Longest reported clause read, in tokens (keeps run-on input linear). */
const MAX_TOKENS = 150;
/** Words of reported clause before a quoted phrase in it: fewer, and the quotation is the statement (`said that "…"`). */
const LEAD_WORDS = 2;
/** How far a complementizer may stand after the verb (`told LA Weekly in a statement that`). */
const THAT_WINDOW = 10;
const TERMINAL = new Set([".", "!", "?", ";"]);
const COMMA = 0x2c;

export function indirectQuotes(doc: Doc, sites: CueSite[], speakers: Speakers): Quote[] {
  const quotes: Quote[] = [];
  let reportedUpTo = 0;
  for (let i = 0; i < sites.length; i++) {
    const site = sites[i];
    if (!site.subject || site.kind === "framing") continue;
    const sentence = doc.sentence[site.first];
    const sentenceStart = doc.sentenceStart[sentence];
    const sentenceEnd = doc.sentenceStart[sentence + 1] ?? doc.size;
    let span: [number, number] | null = null;
    if (site.kind === "sourcing") span = sourcedClause(doc, sites, i, sentenceStart, sentenceEnd);
    else {
      if (!site.inverted) span = reportedAfter(doc, speakers, site, Math.min(sentenceEnd, nextAttribution(sites, i)));
      span ??= reportedBefore(doc, site, sentenceStart, sentenceEnd);
    }
    // Statements do not overlap: each stretch of text is reported once.
    if (!span || span[0] < reportedUpTo) continue;
    const quote = toQuote(doc, span[0], span[1], site);
    if (quote) {
      quotes.push(quote);
      reportedUpTo = span[1];
    }
  }
  return quotes;
}

/** Where the next attribution (`…, adding that`, `he said`) begins: a reported clause ends there. */
function nextAttribution(sites: CueSite[], i: number): number {
  for (let j = i + 1; j < sites.length; j++) {
    const { subject } = sites[j];
    if (subject) return subject.first > sites[i].last ? Math.min(subject.first, sites[j].first) : sites[j].first;
  }
  return Number.MAX_SAFE_INTEGER;
}

/** Past a time adjunct right after the verb (`said on Tuesday`, `said yesterday`, AP style's `said Tuesday`). */
function skipTimeAdjunct(doc: Doc, k: number): number {
  if (k < doc.size && doc.isCap(k) && CALENDAR_WORDS.has(doc.lower(k))) return k + 1;
  if (k >= doc.size || !TIME_ADJUNCTS.has(doc.lower(k))) return k;
  if (doc.lower(k) !== "on") return k + 1;
  return doc.isCap(k + 1) ? k + 2 : k;
}

/** `X said (that) CLAUSE` / `X told Y (that) CLAUSE`: token range of CLAUSE. */
function reportedAfter(doc: Doc, speakers: Speakers, site: CueSite, sentenceEnd: number): [number, number] | null {
  let k = skipTimeAdjunct(doc, site.last + 1);
  if (k >= sentenceEnd) return null;
  const that = complementizerFrom(doc, k, sentenceEnd, RECIPIENT_VERBS.has(site.text));
  // `which it said crashed …`: a relative clause whose reported words lack their subject
  // (not `in which he said others had …`, where the relative belongs to the preposition).
  const rel = site.subject ? site.subject.first - 1 : -1;
  if (that < 0 && rel > 0 && RELATIVE_PRONOUNS.has(doc.lower(rel)) && !PREPOSITIONS.has(doc.lower(rel - 1))) return null;
  if (that >= 0) k = that + 1;
  else if (RECIPIENT_VERBS.has(site.text)) {
    const object = speakers.mentionEndingFrom(k);
    if (object >= 0) k = object + 1;
    else if (DETERMINERS.has(doc.lower(k))) k += 2;
    else if (OBJECTS.has(doc.lower(k))) k += 1;
    else return null;
    // `told reporters at the headquarters …`: an adjunct, not a reported clause.
    if (k >= sentenceEnd || ADJUNCT_STARTERS.has(doc.lower(k)) || !doc.isWord(k)) return null;
  } else if (ADJUNCT_STARTERS.has(doc.lower(k)) || !doc.isWord(k) || !BARE_CLAUSE_VERBS.has(site.text)) return null;
  // `Marchand added three assists`, `she wrote hundreds of songs`: an object, unless a subject pronoun opens a clause.
  else if (NOUN_OBJECT_VERBS.has(site.text) && !SUBJECT_PRONOUNS.has(doc.lower(k))) return null;
  return clauseTo(doc, k, sentenceEnd);
}

/** `CLAUSE, X said.` / `CLAUSE, said X in a speech.`: token range of CLAUSE. */
function reportedBefore(doc: Doc, site: CueSite, sentenceStart: number, sentenceEnd: number): [number, number] | null {
  const subject = site.subject!;
  const comma = (site.inverted ? site.first : subject.first) - 1;
  if (comma <= sentenceStart || !doc.is(comma, COMMA)) return null;
  // `, X said` with X right before the verb (not a subject shared with an earlier verb).
  if (!site.inverted) for (let k = subject.last + 1; k < site.first; k++) if (!AUXILIARIES.has(doc.lower(k))) return null;
  const rest = (site.inverted ? subject.last : site.last) + 1;
  if (rest < sentenceEnd && !TERMINAL.has(doc.tokenText(rest)) && !ADJUNCT_STARTERS.has(doc.lower(rest)) && !doc.is(rest, COMMA)) return null;
  // Nothing after the attribution may start a clause or a quotation (`…, X said, "…"` is a direct quote's lead-in),
  // up to a further attribution of the same speaker (`…, Li said, adding that …`).
  for (let k = rest; k < sentenceEnd && k < rest + MAX_TOKENS; k++) {
    if (doc.is(k, COMMA) && cueAt(doc, k + 1)) break;
    if (COMPLEMENTIZERS.has(doc.lower(k)) || doc.quote[k] >= 0 || doc.isMark(k)) return null;
  }
  if (comma - sentenceStart > MAX_TOKENS) return null;
  if (quoteIn(doc, sentenceStart, comma) || isAdverbialClause(doc, sentenceStart, comma)) return null;
  return [sentenceStart, comma];
}

/** `As the charges were unsealed, X testified`: a subordinate clause with no main clause after it says when, not what. */
function isAdverbialClause(doc: Doc, start: number, end: number): boolean {
  if (!SUBORDINATORS.has(doc.lower(start))) return false;
  for (let k = start + 1; k < end; k++) if (doc.is(k, COMMA)) return false;
  return true;
}

/** `according to X, CLAUSE` / `CLAUSE, according to X.` */
function sourcedClause(doc: Doc, sites: CueSite[], i: number, sentenceStart: number, sentenceEnd: number): [number, number] | null {
  const site = sites[i];
  const subject = site.subject!;
  // A reporting verb with its own speaker in the same sentence carries the statement itself.
  for (let j = i + 1; j < sites.length && sites[j].first < sentenceEnd; j++) if (sites[j].subject) return null;
  for (let j = i - 1; j >= 0 && sites[j].first >= sentenceStart; j--) if (sites[j].subject) return null;
  if (site.first === sentenceStart) {
    // The source phrase runs to its comma: `According to a report by X (XY), …`.
    let k = subject.last + 1;
    for (let j = k; j < Math.min(sentenceEnd, k + SOURCE_TAIL); j++) {
      if (doc.is(j, COMMA)) {
        k = j + 1;
        break;
      }
    }
    return clauseTo(doc, k, sentenceEnd);
  }
  if (doc.is(site.first - 1, COMMA)) {
    const comma = site.first - 1;
    if (quoteIn(doc, sentenceStart, comma)) return null;
    return comma - sentenceStart <= MAX_TOKENS ? [sentenceStart, comma] : null;
  }
  return null;
}

/** A `that` right after the verb, after an adjunct (`said on Tuesday that`) or after the addressee (`told LA Weekly that`). */
function complementizerFrom(doc: Doc, k: number, sentenceEnd: number, afterObject: boolean): number {
  for (let j = k; j < Math.min(sentenceEnd, k + THAT_WINDOW); j++) {
    if (COMPLEMENTIZERS.has(doc.lower(j))) return j === k || afterObject || ADJUNCT_STARTERS.has(doc.lower(k)) ? j : -1;
    if (TERMINAL.has(doc.tokenText(j)) || doc.isMark(j) || doc.quote[j] >= 0) return -1;
  }
  return -1;
}

/**
 * From token `k` to the sentence end. A clause may hold short quoted phrases
 * (`said the plan was "a disaster" for farmers`: the clause, and the phrase as
 * a partial quote) if most of its words are its own; one that runs into a
 * longer quotation, or into one right at its start, is only the lead-in to
 * quoted words (`said that, over five months, "…"`): the statement is the
 * quote, so there is no reported clause.
 */
function clauseTo(doc: Doc, k: number, sentenceEnd: number): [number, number] | null {
  let end = k;
  let words = 0;
  let quotedWords = 0;
  const limit = Math.min(sentenceEnd, k + MAX_TOKENS);
  while (end < limit) {
    if (doc.quote[end] < 0 && !doc.isMark(end)) {
      if (doc.isWord(end)) words++;
      end++;
      continue;
    }
    if (words < LEAD_WORDS) return null;
    const phrase = quotedPhrase(doc, end, limit);
    if (!phrase) return null;
    quotedWords += phrase.words;
    end = phrase.end;
  }
  // Mostly quoted (`that the crisis "needs to be discussed at every table"`): the quote is the statement.
  if (quotedWords > words) return null;
  return end > k ? [k, end] : null;
}

/** The quoted phrase at `at`: its words and the token after it (marks included); null when it is a quoted statement, not a phrase. */
function quotedPhrase(doc: Doc, at: number, limit: number): { words: number; end: number } | null {
  let words = 0;
  let j = at;
  for (; j < limit && (doc.quote[j] >= 0 || doc.isMark(j)); j++) {
    if (doc.quote[j] >= 0 && doc.isWord(j)) words++;
    if (TERMINAL.has(doc.tokenText(j)) && doc.quote[j] >= 0 && j + 1 < limit && doc.isWord(j + 1) && doc.quote[j + 1] >= 0) return null;
  }
  return words <= PARTIAL_MAX_WORDS ? { words, end: j } : null;
}

function toQuote(doc: Doc, from: number, to: number, site: CueSite): Quote | null {
  let last = to - 1;
  while (last >= from && !doc.isWord(last)) last--;
  // A clause that ends on a quoted phrase ends with its closing mark.
  const phrase = last >= from ? doc.quote[last] : -1;
  if (phrase >= 0 && doc.closeToken[phrase] > last && doc.closeToken[phrase] < to) last = doc.closeToken[phrase];
  let first = from;
  while (first <= last && !doc.isWord(first)) first++;
  if (last - first + 1 < MIN_WORDS) return null;
  let words = 0;
  for (let k = first; k <= last; k++) if (doc.isWord(k)) words++;
  if (words < MIN_WORDS) return null;
  const start = doc.start[first];
  const end = doc.end[last];
  return {
    type: "indirect", speaker: site.subject?.name ?? "", speakerType: site.subject?.type ?? "", cue: site.text,
    text: doc.text.slice(start, end), start, end,
  };
}

/** Whether a quotation (or its mark) stands in tokens [from, to). */
function quoteIn(doc: Doc, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (doc.quote[k] >= 0 || doc.isMark(k)) return true;
  return false;
}
