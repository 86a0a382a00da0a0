// Line-level text features shared by the cleaner and the metadata stage:
// tokens (with glued navigation runs split apart), word-shape counts and a
// phrase key for whole-word vocabulary look-ups. Everything here is one
// linear pass over the line.
import { isSpaceUnit, isWordUnit, unitsToString } from "./chars.ts";
import { CASED, classOf, LETTER, LOWER, OPENER, SPACE, UNSPACED, UPPER, WORD } from "../nlp/chars.ts";

/** Lines longer than this are article prose by construction: no chrome is that long. */
export const MAX_CHROME_CHARS = 600;

// Glued boundaries: a position inside a token where a capital follows two
// lower-case letters or a closing bracket ("storiesGet", "Comment(s)Print"; two
// letters, so "McDonald" and "iPhone" stay whole), or where an upper-case run
// meets a capitalised word ("RSSNewsletter"). Letters are code points, as in
// /(?<=\p{Ll}{2}|\))(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll}{2})/u.

const HIGH_SURROGATE = (code: number) => code >= 0xd800 && code <= 0xdbff;
const LOW_SURROGATE = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Start of the code point that ends at `end` (exclusive), not reaching before `from`. */
function codePointStartBefore(text: string, from: number, end: number): number {
  return end - 2 >= from && LOW_SURROGATE(text.charCodeAt(end - 1)) && HIGH_SURROGATE(text.charCodeAt(end - 2)) ? end - 2 : end - 1;
}

/** Whether the token text[from, to) has a glued boundary at `at`, where an upper-case code point `cp` starts. */
function isGluedBoundary(text: string, from: number, to: number, at: number, cp: number): boolean {
  if (text.charCodeAt(at - 1) === 41) return true; // ")"
  const prevStart = codePointStartBefore(text, from, at);
  const prev = classOf(text.codePointAt(prevStart)!);
  if (prev & LOWER) return prevStart > from && (classOf(text.codePointAt(codePointStartBefore(text, from, prevStart))!) & LOWER) !== 0;
  if (!(prev & UPPER)) return false;
  const next = at + (cp > 0xffff ? 2 : 1);
  if (next >= to) return false;
  const second = text.codePointAt(next)!;
  if (!(classOf(second) & LOWER)) return false;
  const third = next + (second > 0xffff ? 2 : 1);
  return third < to && (classOf(text.codePointAt(third)!) & LOWER) !== 0;
}

/** The first glued boundary of the token text[from, to) after `after`, or -1. */
function nextGluedBoundary(text: string, from: number, to: number, after: number): number {
  for (let i = after + 1; i < to; ) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      if (code >= 65 && code <= 90 && isGluedBoundary(text, from, to, i, code)) return i;
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    if (classOf(cp) & UPPER && isGluedBoundary(text, from, to, i, cp)) return i;
    i += cp > 0xffff ? 2 : 1;
  }
  return -1;
}

/** End of the whitespace token starting at `from`. */
function tokenEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isSpaceUnit(text.charCodeAt(i))) i++;
  return i;
}

/** Whitespace tokens of a line, with glued runs ("Send your storiesGet more") split. */
export function splitTokens(line: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < line.length; ) {
    if (isSpaceUnit(line.charCodeAt(i))) { i++; continue; }
    const end = tokenEnd(line, i);
    // Domains and URLs keep their dots and case ("China.org.cnMobile" still splits at "cnM").
    let piece = i;
    for (let b = nextGluedBoundary(line, i, end, i); b >= 0; b = nextGluedBoundary(line, i, end, b)) {
      out.push(line.slice(piece, b));
      piece = b;
    }
    out.push(line.slice(piece, end));
    i = end;
  }
  return out;
}

/** How many glued word boundaries a line has (navigation runs pasted without spaces). */
export function gluedBoundaries(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; ) {
    if (isSpaceUnit(line.charCodeAt(i))) { i++; continue; }
    const end = tokenEnd(line, i);
    // URLs and e-mail addresses legitimately mix case.
    const token = line.slice(i, end);
    if (!token.includes("://") && !token.includes("@")) {
      for (let b = nextGluedBoundary(line, i, end, i); b >= 0; b = nextGluedBoundary(line, i, end, b)) n++;
    }
    i = end;
  }
  return n;
}

/** Output buffer of the phrase-key writer, grown as needed. */
let keyUnits = new Uint16Array(1024);

/**
 * Writes the phrase key of `lower` (a lower-cased text) into keyUnits and returns its length, or
 * stops as soon as it is longer than `limit` units and returns that length.
 */
function writePhraseKey(lower: string, limit: number): number {
  const n = lower.length;
  // Each unit of the text adds at most two to the key ("+" and a space), after the opening space.
  if (keyUnits.length < 2 * n + 1) keyUnits = new Uint16Array(2 * n + 1);
  const out = keyUnits;
  out[0] = 32;
  let o = 1;
  let wordLength = 0;
  for (let i = 0; i < n && o <= limit; i++) {
    let c = lower.charCodeAt(i);
    if (c === 40 && lower.charCodeAt(i + 1) === 115 && lower.charCodeAt(i + 2) === 41) { i += 2; continue; } // "(s)"
    if (isWordUnit(c)) { out[o++] = c; wordLength++; continue; }
    if (c === 0x2019 || c === 0x2018 || c === 96) c = 39; // ’ ‘ ` → '
    if (c === 39 && wordLength && i + 1 < n && isWordUnit(lower.charCodeAt(i + 1))) { out[o++] = c; wordLength++; continue; }
    if (c === 43 && wordLength) out[o++] = c; // "+"
    if (wordLength) { out[o++] = 32; wordLength = 0; }
  }
  if (wordLength) out[o++] = 32;
  return o;
}

/**
 * Lower-case, punctuation-free form of a phrase, padded with spaces for
 * whole-word `includes`: "Comment(s)Print E-mail" → " commentprint e mail ".
 * Keeps apostrophes inside words and a trailing "+" ("A+"). Works on UTF-16
 * units: the halves of an astral letter are not word characters.
 */
export function phraseKey(text: string): string {
  const lower = text.toLowerCase();
  // A plain word (most tokens) is its own key: no buffer to fill and decode.
  if (isPlainWord(lower)) return ` ${lower} `;
  const length = writePhraseKey(lower, Infinity); // may replace keyUnits with a larger buffer
  return unitsToString(keyUnits, length);
}

/** Non-empty, and only ASCII lower-case letters and digits. */
function isPlainWord(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) return false;
  }
  return text.length > 0;
}

/** Whether phraseKey(text) is `key`; on a longer text only the first words are keyed. */
export function hasPhraseKey(text: string, key: string): boolean {
  const length = writePhraseKey(text.toLowerCase(), key.length);
  if (length !== key.length) return false;
  for (let i = 0; i < length; i++) if (keyUnits[i] !== key.charCodeAt(i)) return false;
  return true;
}

/** Words of a phrase key. */
export function keyWords(key: string): string[] {
  const words: string[] = [];
  const text = key.trim();
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf(" ", start);
    if (end < 0) end = text.length;
    if (end > start) words.push(text.slice(start, end));
    start = end + 1;
  }
  return words;
}

export interface LineShape {
  words: number;
  /** Words starting with a lower-case letter. */
  lower: number;
  /** Words starting with an upper-case letter. */
  capital: number;
  /** Ends with . ! ? or … (closing quotes, brackets and a bracketed credit allowed after). */
  terminal: boolean;
  /** Starts like a sentence: capital, digit or opening quote. */
  opens: boolean;
}

const isTerminalUnit = (code: number) =>
  code === 46 || code === 33 || code === 63 || code === 0x2026 || code === 0x3002 || code === 0xff01 || code === 0xff1f; // . ! ? … 。 ！ ？
const isCloserUnit = (code: number) =>
  code === 34 || code === 39 || code === 0x201d || code === 0x2019 || code === 41 || code === 93 || code === 0x300d || code === 0x300f; // " ' ” ’ ) ] 」 』
const isBracketUnit = (code: number) => code === 40 || code === 41 || code === 91 || code === 93;
const isOpenQuoteUnit = (code: number) =>
  code === 34 || code === 39 || code === 0x201c || code === 0x2018 || code === 40 || code === 91 || code === 0x300c || code === 0x300e; // " ' “ ‘ ( [ 「 『
/** Longest bracketed credit after the final stop, in code points. */
const MAX_CREDIT = 60;

/** Whether terminal punctuation, then closers, end text[0, end). */
function terminalBefore(text: string, end: number): boolean {
  let i = end;
  while (i > 0 && isCloserUnit(text.charCodeAt(i - 1))) i--;
  return i > 0 && isTerminalUnit(text.charCodeAt(i - 1));
}

/**
 * Ends with . ! ? … (closing quotes and brackets allowed after), or with such an
 * end followed by a bracketed credit: "… on July 18, 2023. (Reuters/Jane Doe)".
 * The scan runs backwards from the end, as
 * /[.!?…。！？]["'”’)\]」』]*(?:\s*[(\[][^()[\]]{1,60}[)\]])?$/u would match.
 */
function endsTerminal(line: string): boolean {
  if (terminalBefore(line, line.length)) return true;
  const last = line.charCodeAt(line.length - 1);
  if (last !== 41 && last !== 93) return false;
  let i = line.length - 1;
  let credit = 0;
  while (i > 0 && !isBracketUnit(line.charCodeAt(i - 1))) {
    i = codePointStartBefore(line, 0, i);
    if (++credit > MAX_CREDIT) return false;
  }
  const open = line.charCodeAt(i - 1);
  if (credit === 0 || (open !== 40 && open !== 91)) return false;
  i--;
  while (i > 0 && isSpaceUnit(line.charCodeAt(i - 1))) i--;
  return terminalBefore(line, i);
}

/** Starts like a sentence: an opening quote or bracket at most, then a capital, a digit or a caseless letter. */
function opensSentence(line: string): boolean {
  const at = line.length > 0 && isOpenQuoteUnit(line.charCodeAt(0)) ? 1 : 0;
  return at < line.length && (classOf(line.codePointAt(at)!) & OPENER) !== 0;
}

/**
 * Word-shape counts of a line: whitespace tokens with a letter or digit are
 * words, cased by their first one; in scripts written without spaces every
 * two characters of a token count as a word. One pass over the line.
 */
export function lineShape(line: string): LineShape {
  let words = 0, lower = 0, capital = 0;
  const length = line.length;
  for (let i = 0; i < length; ) {
    if (isSpaceUnit(line.charCodeAt(i))) { i++; continue; }
    const start = i;
    let first = 0; // class of the token's first letter or digit
    while (i < length) {
      const code = line.charCodeAt(i);
      if (code < 0x80) {
        if (code === 32 || (code >= 9 && code <= 13)) break;
        if (first === 0 && ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57))) first = classOf(code);
        i++;
      } else if (first !== 0 && (code < 0xd800 || code > 0xdfff)) {
        if (classOf(code) & SPACE) break;
        i++;
      } else {
        const cp = line.codePointAt(i)!;
        const cls = classOf(cp);
        if (cls & SPACE) break;
        if (first === 0 && cls & WORD) first = cls;
        i += cp > 0xffff ? 2 : 1;
      }
    }
    if (first === 0) continue;
    const n = first & UNSPACED ? Math.ceil((i - start) / 2) : 1;
    words += n;
    // Lower-case and caseless letters (Arabic, Korean, Chinese …) are running words.
    if (first & CASED) capital += n;
    else if (first & LETTER) lower += n;
  }
  return { words, lower, capital, terminal: endsTerminal(line), opens: opensSentence(line) };
}

/** Share of running (lower-case) words among words that start with a letter. */
const lowerShare = (s: LineShape) => (s.lower + s.capital ? s.lower / (s.lower + s.capital) : 0);

/** A complete sentence: opens like one, ends with terminal punctuation, mostly running words. */
export function isSentenceLike(s: LineShape): boolean {
  return s.words >= 3 && s.terminal && s.opens && lowerShare(s) >= 0.35;
}

/** Article prose: a long run of running words (captions count), punctuated or very long. */
export function isProse(s: LineShape): boolean {
  if (s.words < 8) return false;
  return s.terminal ? lowerShare(s) >= 0.3 : s.words >= 15 && lowerShare(s) >= 0.4;
}

/** A sub-headline or standfirst: running words without a final stop. */
export function isDeck(s: LineShape): boolean {
  return s.words >= 6 && lowerShare(s) >= 0.5;
}

/** A headline: a short line that does not end with a period. */
export function isHeadlineShaped(line: string, s: LineShape): boolean {
  if (s.words < 3 || s.words > 30) return false;
  if (/[.:;,]["'”’]?$/u.test(line)) return false;
  // A full stop inside the line ends a sentence: a caption or a lead, not a headline.
  if (/(?:\p{Ll}{3}|\d{4})[.!?]["'”’]?\s+\S/u.test(line)) return false;
  return s.opens;
}
