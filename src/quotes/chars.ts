// Character classes for the quote grammar's scanners, exactly as the regex
// classes \p{L}, \p{N}, \s and \p{Lu} define them, looked up in a table of
// the Basic Multilingual Plane (built once from the regexes themselves)
// instead of running a Unicode regex per character. Code points outside the
// BMP (surrogate pairs) are rare and still go through the regexes.

const LETTER = 1;
const DIGIT = 2;
const SPACE = 4;
/** \p{Lu} */
const UPPER = 8;
/** \p{Lu} whose lower-case form differs (in its first UTF-16 unit). */
const CASED_UPPER = 16;
const ALNUM = LETTER | DIGIT;

const BMP = new Uint8Array(0x10000);
{
  const letter = /\p{L}/u;
  const digit = /\p{N}/u;
  const space = /\s/;
  const upper = /\p{Lu}/u;
  for (let c = 0; c < 0xd800; c++) BMP[c] = classOf(String.fromCharCode(c));
  // 0xd800-0xdfff: lone surrogates are none of these.
  for (let c = 0xe000; c < 0x10000; c++) BMP[c] = classOf(String.fromCharCode(c));

  function classOf(ch: string): number {
    let cls = letter.test(ch) ? LETTER : digit.test(ch) ? DIGIT : space.test(ch) ? SPACE : 0;
    if (upper.test(ch)) cls |= ch.toLowerCase().charCodeAt(0) !== ch.charCodeAt(0) ? UPPER | CASED_UPPER : UPPER;
    return cls;
  }
}
const ASTRAL_ALNUM = /^[\p{L}\p{N}]/u;
const ASTRAL_LETTER = /^\p{L}/u;
const ASTRAL_UPPER = /^\p{Lu}/u;

/** UTF-16 units of the code point at `i`: 2 for a surrogate pair, else 1. */
export function width(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return 1;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
}

/** Whether the unit `c` is a letter or digit of the BMP. */
export function isAlnumCode(c: number): boolean {
  return (BMP[c] & ALNUM) !== 0;
}

/** Whether the unit `c` is white space (`\s`). */
export function isSpaceCode(c: number): boolean {
  return (BMP[c] & SPACE) !== 0;
}

/** Units of the letter or digit at `i`, or 0 when there is none. */
export function alnumAt(text: string, i: number): number {
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  if (BMP[c] & ALNUM) return 1;
  return width(text, i) === 2 && ASTRAL_ALNUM.test(text.slice(i, i + 2)) ? 2 : 0;
}

/** Whether text[from, to) holds a letter (`\p{L}`). */
export function hasLetter(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (BMP[text.charCodeAt(i)] & LETTER) return true;
    if (i + 1 < to && width(text, i) === 2 && ASTRAL_LETTER.test(text.slice(i, i + 2))) return true;
  }
  return false;
}

/** Whether the code point at `i` is an upper-case letter (`^\p{Lu}`). */
export function isUpperAt(text: string, i: number): boolean {
  if (BMP[text.charCodeAt(i)] & UPPER) return true;
  return width(text, i) === 2 && ASTRAL_UPPER.test(text.slice(i, i + 2));
}

/**
 * Whether a word starting at `i` is capitalised: an upper-case letter that
 * lower-casing changes (`Σ`, not `ℍ`).
 */
export function isCasedUpperAt(text: string, i: number, end: number): boolean {
  if (width(text, i) === 1) return (BMP[text.charCodeAt(i)] & CASED_UPPER) !== 0;
  const t = text.slice(i, end);
  return t.toLowerCase().charCodeAt(0) !== t.charCodeAt(0) && ASTRAL_UPPER.test(t);
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
