// Reported speech: `X said (that) …`, `…, X said.` / `…, said X.`, and
// `according to X, …` / `…, according to X.` The reported words run to the
// sentence end (or from the sentence start to the comma before the
// attribution) and stop at any quotation mark: quoted words are direct quotes.
import type { Quote } from "../types.ts";
import type { CueSite } from "./attribution.ts";
import { isMarkToken, type Doc } from "./doc.ts";
import {
  ADJUNCT_STARTERS, AUXILIARIES, BARE_CLAUSE_VERBS, COMPLEMENTIZERS, DETERMINERS, NOUN_OBJECT_VERBS, OBJECTS, PREPOSITIONS, RECIPIENT_VERBS,
  RELATIVE_PRONOUNS, SUBJECT_PRONOUNS, TIME_ADJUNCTS, cueAt,
} from "./lexicon.ts";
import type { Speakers } from "./speakers.ts";

const MIN_WORDS = 4;
/** Tokens a source phrase may run on after its name before the comma (`(CNNIC),`). */
const SOURCE_TAIL = 8;
/** Longest reported clause read, in tokens (keeps run-on input linear). */
const MAX_TOKENS = 150;
/** How far a complementizer may stand after the verb (`told LA Weekly in a statement that`). */
const THAT_WINDOW = 10;
const TERMINAL = new Set([".", "!", "?", ";"]);

export function indirectQuotes(doc: Doc, sites: CueSite[], speakers: Speakers): Quote[] {
  const quotes: Quote[] = [];
  let reportedUpTo = 0;
  for (let i = 0; i < sites.length; i++) {
    const site = sites[i];
    if (!site.subject || site.kind === "framing") continue;
    const sentence = doc.tokens[site.first].sentence;
    const sentenceStart = doc.sentenceStart[sentence];
    const sentenceEnd = doc.sentenceStart[sentence + 1] ?? doc.tokens.length;
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

/** Past a time adjunct right after the verb (`said on Tuesday`, `said yesterday`). */
function skipTimeAdjunct(doc: Doc, k: number): number {
  const { tokens } = doc;
  if (k >= tokens.length || !TIME_ADJUNCTS.has(tokens[k].lower)) return k;
  if (tokens[k].lower !== "on") return k + 1;
  return tokens[k + 1]?.cap && tokens[k + 1].word ? k + 2 : k;
}

/** `X said (that) CLAUSE` / `X told Y (that) CLAUSE`: token range of CLAUSE. */
function reportedAfter(doc: Doc, speakers: Speakers, site: CueSite, sentenceEnd: number): [number, number] | null {
  const { tokens } = doc;
  let k = skipTimeAdjunct(doc, site.last + 1);
  if (k >= sentenceEnd) return null;
  const that = complementizerFrom(doc, k, sentenceEnd, RECIPIENT_VERBS.has(site.text));
  // `which it said crashed …`: a relative clause whose reported words lack their subject
  // (not `in which he said others had …`, where the relative belongs to the preposition).
  const rel = site.subject ? site.subject.first - 1 : -1;
  if (that < 0 && rel > 0 && RELATIVE_PRONOUNS.has(tokens[rel].lower) && !PREPOSITIONS.has(tokens[rel - 1].lower)) return null;
  if (that >= 0) k = that + 1;
  else if (RECIPIENT_VERBS.has(site.text)) {
    const object = speakers.mentionEndingFrom(k);
    if (object >= 0) k = object + 1;
    else if (DETERMINERS.has(tokens[k].lower)) k += 2;
    else if (OBJECTS.has(tokens[k].lower)) k += 1;
    else return null;
    // `told reporters at the headquarters …`: an adjunct, not a reported clause.
    if (k >= sentenceEnd || ADJUNCT_STARTERS.has(tokens[k].lower) || !tokens[k].word) return null;
  } else if (ADJUNCT_STARTERS.has(tokens[k].lower) || !tokens[k].word || !BARE_CLAUSE_VERBS.has(site.text)) return null;
  // `Marchand added three assists`, `she wrote hundreds of songs`: an object, unless a subject pronoun opens a clause.
  else if (NOUN_OBJECT_VERBS.has(site.text) && !SUBJECT_PRONOUNS.has(tokens[k].lower)) return null;
  return clauseTo(doc, k, sentenceEnd);
}

/** `CLAUSE, X said.` / `CLAUSE, said X in a speech.`: token range of CLAUSE. */
function reportedBefore(doc: Doc, site: CueSite, sentenceStart: number, sentenceEnd: number): [number, number] | null {
  const { tokens } = doc;
  const subject = site.subject!;
  const comma = (site.inverted ? site.first : subject.first) - 1;
  if (comma <= sentenceStart || tokens[comma].text !== ",") return null;
  // `, X said` with X right before the verb (not a subject shared with an earlier verb).
  if (!site.inverted) for (let k = subject.last + 1; k < site.first; k++) if (!AUXILIARIES.has(tokens[k].lower)) return null;
  const rest = (site.inverted ? subject.last : site.last) + 1;
  if (rest < sentenceEnd && !TERMINAL.has(tokens[rest].text) && !ADJUNCT_STARTERS.has(tokens[rest].lower) && tokens[rest].text !== ",") return null;
  // Nothing after the attribution may start a clause or a quotation (`…, X said, "…"` is a direct quote's lead-in),
  // up to a further attribution of the same speaker (`…, Li said, adding that …`).
  for (let k = rest; k < sentenceEnd && k < rest + MAX_TOKENS; k++) {
    if (tokens[k].text === "," && cueAt(tokens, k + 1)) break;
    if (COMPLEMENTIZERS.has(tokens[k].lower) || tokens[k].quote >= 0 || isMarkToken(tokens[k])) return null;
  }
  if (comma - sentenceStart > MAX_TOKENS) return null;
  for (let k = sentenceStart; k < comma; k++) if (tokens[k].quote >= 0 || isMarkToken(tokens[k])) return null;
  return [sentenceStart, comma];
}

/** `according to X, CLAUSE` / `CLAUSE, according to X.` */
function sourcedClause(doc: Doc, sites: CueSite[], i: number, sentenceStart: number, sentenceEnd: number): [number, number] | null {
  const { tokens } = doc;
  const site = sites[i];
  const subject = site.subject!;
  // A reporting verb with its own speaker in the same sentence carries the statement itself.
  for (let j = i + 1; j < sites.length && sites[j].first < sentenceEnd; j++) if (sites[j].subject) return null;
  for (let j = i - 1; j >= 0 && sites[j].first >= sentenceStart; j--) if (sites[j].subject) return null;
  if (site.first === sentenceStart) {
    // The source phrase runs to its comma: `According to a report by X (XY), …`.
    let k = subject.last + 1;
    for (let j = k; j < Math.min(sentenceEnd, k + SOURCE_TAIL); j++) {
      if (tokens[j].text === ",") {
        k = j + 1;
        break;
      }
    }
    return clauseTo(doc, k, sentenceEnd);
  }
  if (tokens[site.first - 1].text === ",") {
    const comma = site.first - 1;
    for (let k = sentenceStart; k < comma; k++) if (tokens[k].quote >= 0 || isMarkToken(tokens[k])) return null;
    return comma - sentenceStart <= MAX_TOKENS ? [sentenceStart, comma] : null;
  }
  return null;
}

/** A `that` right after the verb, after an adjunct (`said on Tuesday that`) or after the addressee (`told LA Weekly that`). */
function complementizerFrom(doc: Doc, k: number, sentenceEnd: number, afterObject: boolean): number {
  const { tokens } = doc;
  for (let j = k; j < Math.min(sentenceEnd, k + THAT_WINDOW); j++) {
    const t = tokens[j];
    if (COMPLEMENTIZERS.has(t.lower)) return j === k || afterObject || ADJUNCT_STARTERS.has(tokens[k].lower) ? j : -1;
    if (TERMINAL.has(t.text) || isMarkToken(t) || t.quote >= 0) return -1;
  }
  return -1;
}

/**
 * From token `k` to the sentence end. A clause that runs into a quotation is
 * only the lead-in to quoted words (`said that, over five months, "…"`): the
 * statement is the quote, so there is no reported clause.
 */
function clauseTo(doc: Doc, k: number, sentenceEnd: number): [number, number] | null {
  const { tokens } = doc;
  let end = k;
  const limit = Math.min(sentenceEnd, k + MAX_TOKENS);
  while (end < limit && tokens[end].quote < 0 && !isMarkToken(tokens[end])) end++;
  if (end < limit) return null;
  return end > k ? [k, end] : null;
}

function toQuote(doc: Doc, from: number, to: number, site: CueSite): Quote | null {
  const { tokens } = doc;
  let last = to - 1;
  while (last >= from && !tokens[last].word) last--;
  let first = from;
  while (first <= last && !tokens[first].word) first++;
  if (last - first + 1 < MIN_WORDS) return null;
  let words = 0;
  for (let k = first; k <= last; k++) if (tokens[k].word) words++;
  if (words < MIN_WORDS) return null;
  const start = tokens[first].start;
  const end = tokens[last].end;
  return {
    type: "indirect", speaker: site.subject?.name ?? "", speakerType: site.subject?.type ?? "", cue: site.text,
    text: doc.text.slice(start, end), start, end,
  };
}
