// A small, linear tokenizer for entity spotting: words (with inner hyphens,
// apostrophes and dots, so "Al-Obibi", "U.S." and "Amazon.com" stay whole),
// initials with their period ("M."), and single punctuation marks.
import type { Span } from "../types.ts";
import { keyOf } from "./lexicon.ts";

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
}

const TOKEN = /(\p{Lu}\.(?:\p{Lu}\.)+)|([\p{L}\p{M}\p{N}]+(?:['’.\-][\p{L}\p{M}\p{N}]+)*)|(\S)/gu;
const POSSESSIVE = /['’]s$/u;
const UPPER_START = /^\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;
const OPENERS = new Set(["\"", "'", "“", "‘", "(", "[", "«", "—", "-", "•", "*"]);

export function tokenize(text: string, sentences: readonly Span[]): Token[] {
  const tokens: Token[] = [];
  let sentence = 0;
  let sentenceHasWord = false;
  let lastEnd = 0;
  let nextNewline = -1;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const start = m.index;
    let end = start + m[0].length;
    let body = m[0];
    const word = m[3] === undefined;
    let possessive = false;
    const lastChar = body.charCodeAt(body.length - 1);
    if (m[2] !== undefined && (lastChar === 115 || lastChar === 83) && body.length > 2 && POSSESSIVE.test(body)) {
      possessive = true;
      body = body.slice(0, -2);
      end -= 2;
    }
    while (sentence < sentences.length && sentences[sentence].end <= start) {
      sentence++;
      sentenceHasWord = false;
    }
    const inSentence = sentence < sentences.length && sentences[sentence].start <= start;
    let initial = false;
    if (m[2] !== undefined && body.length === 1 && UPPER_START.test(body) && text[end] === ".") {
      initial = true;
      end += 1;
      body += ".";
      TOKEN.lastIndex = end;
    }
    const c0 = body.charCodeAt(0);
    const cap = word && (c0 >= 65 && c0 <= 90 || (c0 > 127 && UPPER_START.test(body)));
    if (nextNewline < lastEnd) nextNewline = text.indexOf("\n", lastEnd) >>> 0; // -1 becomes 2^32-1
    const lineStart = nextNewline < start;
    tokens.push({
      start, end, text: body, key: keyOf(body), word, cap,
      upper: cap && body.length >= 2 && !HAS_LOWER.test(body) && !initial,
      initial,
      possessive,
      sentenceStart: word && inSentence && !sentenceHasWord,
      lineStart,
    });
    if (word && inSentence) sentenceHasWord = true;
    else if (!word && !OPENERS.has(body) && inSentence) sentenceHasWord = true;
    lastEnd = possessive ? end + 2 : end;
    if (possessive) TOKEN.lastIndex = end + 2;
  }
  return tokens;
}
