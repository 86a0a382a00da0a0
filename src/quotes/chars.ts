// Text helpers for the quote grammar's scanners: the regex classes \p{L},
// \p{N}, \s and \p{Lu}, looked up in the shared class table.
import { CASED_UPPER, classOf, LETTER, SPACE, UPPER, WORD } from "../nlp/chars.ts";

/** UTF-16 units of the code point at `i`: 2 for a surrogate pair, else 1. */
export function width(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return 1;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
}

/** Whether the unit `c` is white space (`\s`). */
export function isSpaceCode(c: number): boolean {
  return (classOf(c) & SPACE) !== 0;
}

/** Units of the letter or digit at `i`, or 0 when there is none. */
export function alnumAt(text: string, i: number): number {
  if (i >= text.length) return 0;
  const cp = text.codePointAt(i)!;
  return classOf(cp) & WORD ? (cp > 0xffff ? 2 : 1) : 0;
}

/** Whether text[from, to) holds a letter (`\p{L}`). */
export function hasLetter(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (classOf(text.charCodeAt(i)) & LETTER) return true;
    if (i + 1 < to && width(text, i) === 2 && classOf(text.codePointAt(i)!) & LETTER) return true;
  }
  return false;
}

/** Whether the code point at `i` is an upper-case letter (`^\p{Lu}`). */
export function isUpperAt(text: string, i: number): boolean {
  if (classOf(text.charCodeAt(i)) & UPPER) return true;
  return width(text, i) === 2 && (classOf(text.codePointAt(i)!) & UPPER) !== 0;
}

/**
 * Whether a word starting at `i` is capitalised: an upper-case letter that
 * lower-casing changes (`Σ`, not `ℍ`).
 */
export function isCasedUpperAt(text: string, i: number, end: number): boolean {
  const cp = text.codePointAt(i)!;
  return (cp <= 0xffff || end - i >= 2) && (classOf(cp) & CASED_UPPER) !== 0;
}

/**
 * End of the word starting at `i` (which holds a letter or digit): runs of
 * letters and digits joined by ' ’ -, as `[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*` matches.
 */
export function wordEnd(text: string, i: number): number {
  let j = i;
  let w = alnumAt(text, j);
  for (;;) {
    while (w) {
      j += w;
      w = alnumAt(text, j);
    }
    const c = text.charCodeAt(j);
    if (c !== 0x27 && c !== 0x2019 && c !== 0x2d) return j;
    w = alnumAt(text, j + 1);
    if (!w) return j;
    j++;
  }
}
