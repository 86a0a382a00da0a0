// Direct and partial quotes: each quoted span is attributed by the grammar
// around it — `"…," X said` / `"…," said X` / `"…" - X` after it, or
// `X said (…), "…"` / `according to X, "…"` before it. A quote with no cue
// that stands as its own sentence continues the current speaker (split
// quotes, follow-on paragraphs). Quoted words that are embedded in a clause
// without any speaker (scare quotes, titles, slogans, nicknames) are not quotes.
import type { Quote } from "../types.ts";
import { firstSiteIn, lastSiteIn, type CueSite } from "./attribution.ts";
import { alnumAt, isUpperAt, wordEnd } from "./chars.ts";
import type { Doc } from "./doc.ts";
import type { QuotedSpan } from "./marks.ts";
import { CONNECTIVES, DETERMINERS, GROUP_PRONOUNS, NAMING_VERBS, PERSON_PRONOUNS, TITLE_SMALL_WORDS, cueAt, isStop } from "./lexicon.ts";
import type { Speaker, Speakers } from "./speakers.ts";

/** Longest quoted phrase, in words, that still reads as a partial quote when embedded in a clause. */
export const PARTIAL_MAX_WORDS = 20;
/** How far after a closing mark the attribution's cue may stand. */
const AFTER_WINDOW = 30;
/** Words of title that may stand between a closing mark and the subject after it. */
const SUBJECT_TITLE_MAX = 6;
/** Trailing attribution after a dash (`"…" - Matthew Ingram`), in tokens. */
const DASH_NAME_MAX = 6;
/** Paragraphs a follow-on quote looks back for its speaker. */
const INHERIT_PARAGRAPHS = 2;
const TITLE_MAX_WORDS = 8;
/** Quoted words with no named speaker must be at least this long to count (shorter ones are scare quotes). */
const MIN_UNATTRIBUTED_WORDS = 3;
const CONNECTIVE_MAX = 8;

const TERMINAL = new Set([".", "!", "?"]);
const COMMA = 0x2c;
const COLON = 0x3a;
const SEMICOLON = 0x3b;
const SMALL_WORD_MAX = Math.max(...[...TITLE_SMALL_WORDS].map((w) => w.length));
const DASHES = new Set(["-", "—", "–"]);
const SENTENCE_BREAK = /[.!?]["'”’)\]]*\s+\p{Lu}/u;
/** Speech ends with a full stop, question or exclamation mark (or trails off); a heading does not. */
const HEADING_END = /[.!?…]$/;
/** A list item's number or bullet before a quoted heading: `6.`, `b)`, `•`. */
const LIST_MARKER = /^(?:\d{1,3}|\p{L}|[.)•*–—-])$/u;
const LIST_MARKER_TOKENS = 2;

interface Attribution {
  speaker: Speaker | null;
  cue: string;
}

export function directQuotes(doc: Doc, sites: CueSite[], speakers: Speakers): Quote[] {
  const { quoted } = doc;
  const quotes: Quote[] = [];
  /** Speakers of the quotes kept so far, by token of their opening mark. */
  const quoteSpeakers: Array<{ token: number; speaker: Speaker }> = [];

  for (let qi = 0; qi < quoted.length; qi++) {
    const q = quoted[qi];
    const open = doc.openToken[qi];
    const close = doc.closeToken[qi];
    if (open < 0 || close < open) continue;
    const text = quoteText(doc.text, q);
    const words = countWords(text);
    if (!words || isQuotedHeading(doc, open, close, text)) continue;
    const prev = open - 1;
    const prevText = doc.tokenText(prev);
    const paragraphInitial = prev < 0 || doc.paragraph[prev] !== doc.paragraph[open];
    const standalone = paragraphInitial || doc.sentence[prev] !== doc.sentence[open] || TERMINAL.has(prevText);

    let after = q.close >= 0 ? afterAttribution(doc, sites, speakers, qi, close) : null;
    const before = after?.speaker ? null : beforeAttribution(doc, sites, open, paragraphInitial);
    // `X notes, "…", highlighting …`: a named speaker before beats a speakerless verb after.
    if (after && before?.speaker) after = null;
    const introduced = standalone || (prev >= 0 && (prevText === "," || prevText === ":" || doc.isMark(prev) ||
      DASHES.has(prevText) || isVerbCueEnd(doc, sites, prev)));

    let speaker: Speaker | null = null;
    let cue = "";
    if (after) {
      ({ speaker, cue } = after);
    } else if (before && (before.speaker || (introduced && words >= MIN_UNATTRIBUTED_WORDS)) && !isTitleLike(text) && !namesRatherThanQuotes(doc, before, prev)) {
      ({ speaker, cue } = before);
    } else if (words >= MIN_UNATTRIBUTED_WORDS && (standalone || continuesPrevious(doc, qi)) && !isTitleLike(text)) {
      speaker = inherited(doc, speakers, quoteSpeakers, open, paragraphInitial);
    } else continue;

    const embedded = !introduced;
    const type = embedded && words <= PARTIAL_MAX_WORDS && !SENTENCE_BREAK.test(text) ? "partial" : "direct";
    const first = q.pieces[0];
    const last = q.pieces[q.pieces.length - 1];
    quotes.push({
      type, speaker: speaker?.name ?? "", speakerType: speaker?.type ?? "", cue, text,
      start: first.start, end: last.end,
    });
    if (speaker) quoteSpeakers.push({ token: open, speaker });
  }
  return quotes;
}

/** `"…," X said.` / `"…," said X.` / `"…" - X`: the attribution right after the closing mark. */
function afterAttribution(doc: Doc, sites: CueSite[], speakers: Speakers, qi: number, close: number): Attribution | null {
  let k = close + 1;
  if (k >= doc.size || doc.paragraph[k] !== doc.paragraph[close]) return null;
  const pieces = doc.quoted[qi].pieces;
  const lastChar = doc.text[pieces[pieces.length - 1].end - 1];
  let limit = regionEnd(doc, qi, close);
  // `"…!" Trump tweeted.`: the sentence splitter ends the sentence at the mark, yet a subject and verb right after it attribute.
  const crossed = limit === k && (lastChar === "!" || lastChar === "?");
  if (crossed) limit = regionEnd(doc, qi, k);
  while (k < limit && doc.is(k, COMMA)) k++;
  if (k >= limit) return null;
  if (DASHES.has(doc.tokenText(k))) {
    const end = paragraphEnd(doc, k);
    if (end - (k + 1) > DASH_NAME_MAX) return null;
    const speaker = speakers.nameAt(k + 1, end - 1);
    return speaker ? { speaker, cue: "" } : null;
  }
  const si = firstSiteIn(sites, k, Math.min(limit, k + AFTER_WINDOW));
  if (si < 0) return null;
  const site = sites[si];
  // Between the mark and the cue only the subject may stand (`"…," the minister, X, said`).
  for (let j = k; j < site.first; j++) if (isStop(doc, j) || doc.is(j, SEMICOLON) || doc.isMark(j)) return null;
  if (site.first > k && !site.subject && site.first - k > 4) return null;
  // A subject before its verb may carry a title (`"…" chairman and CEO X said`) but must open the attribution.
  if (site.subject && !site.inverted && site.subject.first - k > SUBJECT_TITLE_MAX) return null;
  // `"…" X asserted that …` opens a new statement rather than attributing this one.
  if (doc.lower(site.last + 1) === "that") return null;
  // News sets the attribution off with a comma (`"…," X said`, `"…", said X`); without one,
  // only a subject and verb right at the mark attribute (`"…" he said`), not `the "History" section … explains`.
  const setOff = k > close + 1 || ",!?.".includes(lastChar);
  const adjacent = !!site.subject && site.subject.first === k && site.first - site.subject.last <= 2;
  if (crossed ? !adjacent : !setOff && !adjacent && site.first !== k) return null;
  return { speaker: site.subject, cue: site.text };
}

/** `"…", it added; and, later, "…"`: only connectives (and the previous quote's `it added`) stand between this quote and the previous one. */
function continuesPrevious(doc: Doc, qi: number): boolean {
  if (qi === 0) return false;
  const from = doc.closeToken[qi - 1] + 1;
  const to = doc.openToken[qi];
  if (to - from > CONNECTIVE_MAX || doc.paragraph[from] !== doc.paragraph[to]) return false;
  for (let k = from; k < to; k++) {
    const lower = doc.lower(k);
    const attributionWord = PERSON_PRONOUNS.has(lower) || GROUP_PRONOUNS.has(lower) || cueAt(doc, k) !== null;
    if (doc.isWord(k) && !CONNECTIVES.has(lower) && !attributionWord) return false;
  }
  return true;
}

/** `X said at the ceremony, "…"`: the last cue in the clause before the opening mark, or ending the previous paragraph. */
function beforeAttribution(doc: Doc, sites: CueSite[], open: number, paragraphInitial: boolean): Attribution | null {
  const clauseStart = clauseStartBefore(doc, open);
  let si = lastSiteIn(sites, clauseStart, open);
  const prev = open - 1;
  if (si < 0 && prev >= 0 && (doc.is(prev, COLON) || (paragraphInitial && doc.is(prev, COMMA)))) {
    // `X defended …, promising a "…" from Y: "…"`, `X stated,` / `Obama tweeted:` closing the previous paragraph.
    si = lastSiteIn(sites, doc.sentenceStart[doc.sentence[prev]], open);
  }
  if (si < 0) return null;
  const site = sites[si];
  return { speaker: site.subject, cue: site.text };
}

/** `a show called "X"`, `what he called "X"`: a naming verb quotes nobody unless a named speaker calls an object something. */
function namesRatherThanQuotes(doc: Doc, before: Attribution, prev: number): boolean {
  return NAMING_VERBS.has(before.cue) && (!before.speaker || NAMING_VERBS.has(doc.lower(prev)));
}

/** Speaker of a quote with no cue: the latest speaker in this paragraph, else in the paragraphs just before. */
function inherited(
  doc: Doc, speakers: Speakers, quoteSpeakers: Array<{ token: number; speaker: Speaker }>, open: number, paragraphInitial: boolean,
): Speaker | null {
  const paragraph = doc.paragraph[open];
  const from = paragraphInitial ? Math.max(0, paragraph - INHERIT_PARAGRAPHS) : paragraph;
  const event = speakers.latestBefore(open, from);
  const lastQuote = quoteSpeakers.length ? quoteSpeakers[quoteSpeakers.length - 1] : null;
  const quoteOk = lastQuote && doc.paragraph[lastQuote.token] >= from ? lastQuote : null;
  if (event && (!quoteOk || event.token > quoteOk.token)) return { name: event.name, type: event.type };
  if (quoteOk) return quoteOk.speaker;
  // No speaker yet: the subject of the sentence that leads into the quote
  // (`X issued a statement. "…"`, or a previous paragraph ending in a colon).
  const prev = open - 1;
  if (prev < 0) return null;
  if (!paragraphInitial) return doc.sentence[prev] > 0 ? speakers.sentenceSubject(doc.sentence[open] - 1) : null;
  return doc.is(prev, COLON) ? speakers.sentenceSubject(doc.sentence[prev]) : null;
}

/** `X says "…"`: the token is the end of a cue used as a verb (not "the report" or "a note"). */
function isVerbCueEnd(doc: Doc, sites: CueSite[], token: number): boolean {
  const i = lastSiteIn(sites, 0, token + 1);
  if (i < 0 || sites[i].last !== token) return false;
  const before = sites[i].first - 1;
  return !!sites[i].subject || before < 0 || !DETERMINERS.has(doc.lower(before));
}

/** Start of the clause before token `open`: the sentence start or just after a preceding quotation. */
function clauseStartBefore(doc: Doc, open: number): number {
  const sentenceStart = doc.sentenceStart[doc.sentence[open]];
  let k = open - 1;
  while (k >= sentenceStart && doc.quote[k] < 0 && !doc.isMark(k) && !doc.is(k, SEMICOLON)) k--;
  return k + 1;
}

/** End (exclusive) of the stretch after a closing mark that can hold its attribution. */
function regionEnd(doc: Doc, qi: number, close: number): number {
  const nextOpen = qi + 1 < doc.quoted.length && doc.openToken[qi + 1] >= 0 ? doc.openToken[qi + 1] : doc.size;
  const sentenceEnd = doc.sentenceStart[doc.sentence[close] + 1] ?? doc.size;
  return Math.min(nextOpen, sentenceEnd, paragraphEnd(doc, close));
}

function paragraphEnd(doc: Doc, token: number): number {
  return doc.paragraphStart[doc.paragraph[token] + 1] ?? doc.size;
}

/** The quoted words without marks; paragraphs of a long quote joined by a space. */
function quoteText(text: string, q: QuotedSpan): string {
  const joined = q.pieces.map((p) => text.slice(p.start, p.end)).join(" ");
  let end = joined.length;
  while (end > 0 && " \t\n,;:".includes(joined[end - 1])) end--;
  return joined.slice(0, end);
}

/**
 * Words as `[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*` finds them, counted up to
 * one past the longest partial quote (no threshold is higher).
 */
function countWords(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length && n <= PARTIAL_MAX_WORDS; ) {
    if (alnumAt(text, i)) {
      n++;
      i = wordEnd(text, i);
    } else i++;
  }
  return n;
}

/**
 * `6. "The Gordon problem"`, `"We write with urgency"`: a quoted phrase that is its paragraph's only words
 * (but a list number) and ends without a full stop is a heading or list item, not speech.
 */
function isQuotedHeading(doc: Doc, open: number, close: number, text: string): boolean {
  if (HEADING_END.test(text) || doc.paragraph[close] !== doc.paragraph[open] || close + 1 < paragraphEnd(doc, close)) return false;
  const first = doc.paragraphStart[doc.paragraph[open]];
  if (open - first > LIST_MARKER_TOKENS) return false;
  for (let k = first; k < open; k++) if (!LIST_MARKER.test(doc.tokenText(k))) return false;
  return true;
}

/** A short run of mostly capitalised words: a title, name or slogan rather than speech. */
function isTitleLike(text: string): boolean {
  if (SENTENCE_BREAK.test(text)) return false;
  let content = 0;
  let capital = 0;
  let all = 0;
  for (let i = 0; i < text.length; ) {
    if (!alnumAt(text, i)) {
      i++;
      continue;
    }
    const end = wordEnd(text, i);
    all++;
    // Small words are plain ASCII: a longer word cannot lower-case to one.
    const small = end - i <= SMALL_WORD_MAX && TITLE_SMALL_WORDS.has(text.slice(i, end).toLowerCase());
    if (!small) {
      content++;
      if (isUpperAt(text, i)) capital++;
      if (all > TITLE_MAX_WORDS + 4) return false;
    }
    i = end;
  }
  return content > 0 && content <= TITLE_MAX_WORDS && capital / content >= 0.6;
}
