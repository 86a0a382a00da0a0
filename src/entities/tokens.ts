// A small, linear tokenizer for entity spotting: words (with inner hyphens,
// apostrophes and dots, so "Al-Obibi", "U.S." and "Amazon.com" stay whole),
// initials with their period ("M."), and single punctuation marks.
// A hand-written scanner over char codes (a Unicode regex per token costs
// several times more); it matches exactly what this regex would, with /gu:
//   (\p{Lu}\.(?:\p{Lu}\.)+) | ([\p{L}\p{M}\p{N}]+(?:['’.\-][\p{L}\p{M}\p{N}]+)*) | (\S)
import type { Span } from "../types.ts";
import { classOf, LOWER, SPACE, UPPER, WORD_OR_MARK } from "../nlp/chars.ts";
import { type GazetteerEntry, keyOf, knownWord, rememberWord, type WordInfo } from "./lexicon.ts";

export interface Token {
  start: number;
  end: number;
  text: string;
  /** keyOf(text) */
  key: string;
  word: boolean;
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** Two or more letters, all upper case (an acronym or an all-caps word). */
  upper: boolean;
  /** A single capital with its period ("M."). */
  initial: boolean;
  /** Followed by a possessive 's (not part of `text`). */
  possessive: boolean;
  /** First word of its sentence (after any opening quotes or brackets). */
  sentenceStart: boolean;
  /** A line break separates it from the previous token. */
  lineStart: boolean;
  /**
   * May stand in a capitalised run: a capitalised word, a digit-led word holding a capital ("3M"), or a
   * lower-case particle joined to a name ("al-Amr").
   */
  capWord: boolean;
  /**
   * The lists holding the word; undefined until first asked for (most lower-case words never are), while words
   * whose key needs case folding get it at once, key included.
   */
  info: WordInfo | undefined;
}

/** The token's WordInfo, looked up on first asking. */
const infoOf = (t: Token): WordInfo => t.info ?? (t.info = knownWord(t.text) ?? rememberWord(t.text, t.key));
/** Whether the KEY_LIST list `list` holds the token's key. */
export const inList = (t: Token, list: number): boolean => (infoOf(t).lists & list) !== 0;
/** Whether the NAME_LIST list `list` holds the token's text. */
export const inNames = (t: Token, list: number): boolean => (infoOf(t).names & list) !== 0;
/** The gazetteer entries starting with the token's key, longest first; undefined when none does. */
export const phrasesOf = (t: Token): readonly GazetteerEntry[] | undefined => infoOf(t).phrases;

/** Only in the bits a scan collects, above every class bit: the key needs full case folding. */
const NON_ASCII = 1 << 16;
/** Marks that open a sentence without being its first word. */
const OPENERS = new Set(["\"", "'", "“", "‘", "(", "[", "«", "—", "-", "•", "*"].map((mark) => mark.charCodeAt(0)));

const APOSTROPHE = 39;
const CURLY_APOSTROPHE = 0x2019;
const DOT = 46;
const HYPHEN = 45;
const isJoiner = (c: number) => c === APOSTROPHE || c === CURLY_APOSTROPHE || c === DOT || c === HYPHEN;
/** "al-Amr", "el-Sisi", "bin-Salman": a lower-case particle joined to a capitalised name. */
export const PARTICLE_NAME = /^(?:al|el|ad|ar|as|ash|at|az|bin|ibn|abu|de|da|di|du|van|von)-\p{Lu}/u;

/** Length in code units of the code point `cp`. */
const width = (cp: number) => (cp > 0xffff ? 2 : 1);

/** Class bits of the characters the last scan passed over (NON_ASCII included). */
let scanned = 0;

/** End of the dotted capitals ("U.S.") starting at `i`, or -1 when fewer than two capital-dot pairs are there. */
function dottedCapitalsEnd(text: string, i: number): number {
  let j = i;
  let pairs = 0;
  scanned = 0;
  for (;;) {
    const cp = text.codePointAt(j);
    if (cp === undefined) break;
    const k = classOf(cp);
    if (!(k & UPPER)) break;
    const dot = j + width(cp);
    if (text.charCodeAt(dot) !== DOT) break;
    scanned |= cp > 127 ? k | NON_ASCII : k;
    j = dot + 1;
    pairs++;
  }
  return pairs >= 2 ? j : -1;
}

/** End of the word (letters, marks, digits, inner joiners) starting at `i`. */
function wordEnd(text: string, i: number): number {
  const n = text.length;
  let j = i;
  let seen = 0;
  for (;;) {
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c < 128) {
        const k = classOf(c);
        if (!(k & WORD_OR_MARK)) break;
        seen |= k;
        j++;
      } else {
        const cp = text.codePointAt(j)!;
        const k = classOf(cp);
        if (!(k & WORD_OR_MARK)) break;
        seen |= k | NON_ASCII;
        j += width(cp);
      }
    }
    const joiner = text.charCodeAt(j);
    const after = isJoiner(joiner) ? text.codePointAt(j + 1) : undefined;
    if (after === undefined || !(classOf(after) & WORD_OR_MARK)) {
      scanned = seen;
      return j;
    }
    if (joiner > 127) seen |= NON_ASCII;
    j++;
  }
}

/**
 * The WordInfo of a body whose characters have the class bits `bits` when its key needs case folding: the memo
 * holds most words' keys, and folding a slice of a two-byte text is slow. Undefined when the body is its own key.
 */
function infoOfScanned(body: string, bits: number): WordInfo | undefined {
  if (!(bits & (NON_ASCII | UPPER))) return undefined;
  return knownWord(body) ?? rememberWord(body, bits & NON_ASCII ? keyOf(body) : body.toLowerCase());
}

/** Whether any code point of `s` is lower case. */
function hasLower(s: string): boolean {
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    if (classOf(cp) & LOWER) return true;
    i += width(cp);
  }
  return false;
}

/** See Token.capWord, for a word that is not capitalised but holds a capital somewhere. */
function isInnerCapWord(body: string): boolean {
  const c0 = body.charCodeAt(0);
  return (c0 >= 48 && c0 <= 57) ||
    (c0 >= 97 && c0 <= 122 && (body.charCodeAt(2) === HYPHEN || body.charCodeAt(3) === HYPHEN) && PARTICLE_NAME.test(body));
}

export function tokenize(text: string, sentences: readonly Span[]): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let sentence = 0;
  let sentenceHasWord = false;
  let lastEnd = 0;
  let nextNewline = -1;
  let i = 0;
  for (;;) {
    let c = 0;
    while (i < n && classOf((c = text.charCodeAt(i))) & SPACE) i++;
    if (i >= n) break;
    const start = i;
    const cp = c < 0xd800 ? c : text.codePointAt(i)!;
    const k0 = classOf(cp);
    let end = -1;
    let word = true;
    let plainWord = false; // the second alternative: a word, not dotted capitals
    if (k0 & UPPER && text.charCodeAt(i + width(cp)) === DOT) end = dottedCapitalsEnd(text, i);
    if (end < 0) {
      if (k0 & WORD_OR_MARK) {
        end = wordEnd(text, i);
        plainWord = true;
      } else {
        end = i + width(cp);
        word = false;
        scanned = cp > 127 ? NON_ASCII : 0;
      }
    }
    let next = end;
    let len = end - start;
    let possessive = false; // a trailing 's (lower-case s only: "CEO'S" keeps it)
    if (plainWord && len > 2) {
      const last = text.charCodeAt(end - 1);
      const apostrophe = text.charCodeAt(end - 2);
      if (last === 115 && (apostrophe === APOSTROPHE || apostrophe === CURLY_APOSTROPHE)) {
        possessive = true;
        end -= 2;
        len -= 2;
      }
    }
    let initial = false;
    if (plainWord && len === 1 && k0 & UPPER && text.charCodeAt(end) === DOT) {
      initial = true;
      end += 1;
      next = end;
    }
    const body = text.slice(start, end);
    const bits = scanned; // of the word with any possessive 's
    while (sentence < sentences.length && sentences[sentence].end <= start) {
      sentence++;
      sentenceHasWord = false;
    }
    const inSentence = sentence < sentences.length && sentences[sentence].start <= start;
    const cap = word && (k0 & UPPER) !== 0;
    if (nextNewline < lastEnd) nextNewline = text.indexOf("\n", lastEnd) >>> 0; // -1 becomes 2^32-1
    const lineStart = nextNewline < start;
    const info = infoOfScanned(body, bits);
    tokens.push({
      start, end, text: body, key: info ? info.key : body, word, cap,
      upper: cap && len >= 2 && !initial && !(bits & LOWER && (!possessive || hasLower(body))),
      initial,
      possessive,
      sentenceStart: word && inSentence && !sentenceHasWord,
      lineStart,
      capWord: cap || (word && (bits & UPPER) !== 0 && isInnerCapWord(body)),
      info,
    });
    if (word && inSentence) sentenceHasWord = true;
    else if (!word && !OPENERS.has(cp) && inSentence) sentenceHasWord = true;
    lastEnd = next;
    i = next;
  }
  return tokens;
}
