// A small one-pass tokenizer for figure finding: digit runs (with thousands
// separators and one decimal part), words (with inner apostrophes and dotted
// abbreviations like "U.S."), URLs (kept whole so their digits are never read),
// and single symbols. Linear in the text length; never throws.
import { classOf, LETTER, MARK } from "../nlp/chars.ts";
import { lowerCaseOf } from "../nlp/words.ts";

export type TokenKind = "num" | "word" | "sym" | "url";

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  text: string;
  /** Lower-cased text (words only; same as text otherwise). */
  lower: string;
  /** Whitespace separates this token from the previous one. */
  spaced: boolean;
  /** A line break separates this token from the previous one. */
  newline: boolean;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
/** Letters and combining marks, one UTF-16 code unit at a time (a surrogate is neither). */
const LETTER_OR_MARK = LETTER | MARK;
function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  if (c < 128 || Number.isNaN(c)) return false;
  return (classOf(c) & LETTER_OR_MARK) !== 0;
}
export const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;

/** End of a digit run starting at i, with ",ddd" groups and one ".d+" decimal part. */
function numberEnd(text: string, i: number): number {
  let j = i;
  while (isDigit(text.charCodeAt(j))) j++;
  if (j - i <= 3) {
    // Thousands groups: exactly three digits after each comma.
    while (
      text.charCodeAt(j) === 44 &&
      isDigit(text.charCodeAt(j + 1)) && isDigit(text.charCodeAt(j + 2)) && isDigit(text.charCodeAt(j + 3)) &&
      !isDigit(text.charCodeAt(j + 4))
    ) j += 4;
  }
  if (text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) {
    j += 1;
    while (j < text.length && isDigit(text.charCodeAt(j))) j++;
  }
  return j;
}

/** End of a word starting at i: letters, inner apostrophes, and "U.S."-style dotted initials. */
function wordEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && isLetterAt(text, j)) j++;
  // Dotted abbreviation: single letters separated by dots ("U.S.", "a.m.").
  if (j - i === 1 && text.charCodeAt(j) === 46 && isLetterAt(text, j + 1) && !isLetterAt(text, j + 2)) {
    let k = j;
    while (text.charCodeAt(k) === 46 && isLetterAt(text, k + 1) && !isLetterAt(text, k + 2)) k += 2;
    return text.charCodeAt(k) === 46 ? k + 1 : k;
  }
  // Inner apostrophes: "don't", "China's".
  while ((text[j] === "'" || text[j] === "’") && isLetterAt(text, j + 1)) {
    j++;
    while (j < text.length && isLetterAt(text, j)) j++;
  }
  return j;
}

function urlEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && !isSpace(text.charCodeAt(j))) j++;
  return j;
}

const startsUrl = (text: string, i: number, c: number) =>
  (c === 104 /* h */ && (text.startsWith("http://", i) || text.startsWith("https://", i))) || (c === 119 /* w */ && text.startsWith("www.", i));

let sigmaText: string | undefined;
let sigmaFrom = 0;
let sigmaAt = -1;

/**
 * text.indexOf("Σ", from), remembering the last answer: segments come in text
 * order, so the search resumes where it stopped instead of rescanning the
 * rest of the text for every segment.
 */
function nextSigma(text: string, from: number): number {
  if (text !== sigmaText || from < sigmaFrom || (sigmaAt >= 0 && sigmaAt < from)) {
    sigmaText = text;
    sigmaAt = text.indexOf("Σ", from);
  }
  sigmaFrom = from;
  return sigmaAt;
}

/** Tokens of text[from, to); `from` should sit on a token boundary (whitespace or text start). */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let i = from;
  let spaced = true;
  // Whether the whitespace before `from` holds a line break (the run is consumed once per segment).
  let newline = from === 0;
  for (let j = from - 1; j >= 0 && !newline && isSpace(text.charCodeAt(j)); j--) newline = text.charCodeAt(j) === 10;
  if (from > 0 && !isSpace(text.charCodeAt(from - 1))) spaced = false;
  // Words are sliced from the lower-cased text (lower-cased once, not per
  // word). That equals lower-casing each word alone unless lower-casing changes
  // the text's length ("İ") or depends on the next word (final sigma, "Σ", in
  // this segment); then words are done one by one.
  const lower = lowerCaseOf(text);
  const sigma = nextSigma(text, from);
  const sliceLower = lower.length === text.length && (sigma < 0 || sigma >= to);
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      spaced = true;
      if (c === 10) newline = true;
      i++;
      continue;
    }
    let kind: TokenKind;
    let end: number;
    if (isDigit(c)) {
      kind = "num";
      end = numberEnd(text, i);
    } else if (isLetterAt(text, i)) {
      if (startsUrl(text, i, c)) {
        kind = "url";
        end = urlEnd(text, i);
      } else {
        kind = "word";
        end = wordEnd(text, i);
      }
    } else {
      kind = "sym";
      end = i + (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1);
    }
    const tokenText = text.slice(i, end);
    tokens.push({ kind, start: i, end, text: tokenText, lower: kind !== "word" ? tokenText : sliceLower ? lower.slice(i, end) : tokenText.toLowerCase(), spaced, newline });
    spaced = false;
    newline = false;
    i = end;
  }
  return tokens;
}
