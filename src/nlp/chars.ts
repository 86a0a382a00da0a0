// The one table of Unicode character classes every scanner reads: asking a
// \p{...} regex per character cost more than the scanners' own work. Each class
// is computed from the regex (or string method) that defines it, so answers are
// identical; a Basic Multilingual Plane code point is classified the first time
// it is asked about, astral ones are remembered in a bounded cache.

// Bits of classOf().
/** A letter: /\p{L}/u. */
export const LETTER = 1;
/** A letter or digit: /[\p{L}\p{N}]/u. */
export const WORD = 2;
/** A lower-case letter: /\p{Ll}/u. */
export const LOWER = 4;
/** An upper-case letter: /\p{Lu}/u. */
export const UPPER = 8;
/** Changed by toLowerCase() (capitals, title-case letters, Roman numerals). */
export const CASED = 16;
/** A script written without spaces between words (Han, Kana, Thai). */
export const UNSPACED = 32;
/** Can open a sentence: a digit or a letter other than a lower-case one. */
export const OPENER = 64;
/** White space: /\s/u (the same set as /\s/ for every BMP unit). */
export const SPACE = 128;
/** A digit: /\p{N}/u. */
export const NUMBER = 256;
/** A combining mark: /\p{M}/u. */
export const MARK = 512;
/**
 * An upper-case letter whose lower-case form differs in its first UTF-16 unit: UPPER & CASED for the
 * BMP, but not for astral capitals whose lower case shares their lead surrogate (Deseret 𐐀 → 𐐨).
 */
export const CASED_UPPER = 1024;
/** Classified (0 in the table: not yet). */
const KNOWN = 2048;
/** A letter, digit or combining mark: /[\p{L}\p{M}\p{N}]/u. */
export const WORD_OR_MARK = WORD | MARK;

const LETTER_RE = /\p{L}/u;
const DIGIT_RE = /\p{N}/u;
const COMBINING_RE = /\p{M}/u;
const LOWER_RE = /\p{Ll}/u;
const UPPER_RE = /\p{Lu}/u;
const UNSPACED_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const SPACE_RE = /^\s$/u;

function classify(cp: number): number {
  const c = String.fromCodePoint(cp);
  const lower = c.toLowerCase();
  const letter = LETTER_RE.test(c);
  const digit = DIGIT_RE.test(c);
  const lowerCase = LOWER_RE.test(c);
  const upperCase = UPPER_RE.test(c);
  return (
    KNOWN |
    (letter ? LETTER : 0) |
    (letter || digit ? WORD : 0) |
    (lowerCase ? LOWER : 0) |
    (upperCase ? UPPER : 0) |
    (c !== lower ? CASED : 0) |
    (UNSPACED_RE.test(c) ? UNSPACED : 0) |
    (digit || (letter && !lowerCase) ? OPENER : 0) |
    (SPACE_RE.test(c) ? SPACE : 0) |
    (digit ? NUMBER : 0) |
    (COMBINING_RE.test(c) ? MARK : 0) |
    (upperCase && lower.charCodeAt(0) !== c.charCodeAt(0) ? CASED_UPPER : 0)
  );
}

const BMP = new Uint16Array(0x10000);
const ASTRAL = new Map<number, number>();
/** Astral code points remembered at most (a hostile text must not grow the cache without bound). */
const ASTRAL_CACHE_SIZE = 4096;

/** The class bits of a code point (a lone surrogate is a code point of its own, in no class). */
export function classOf(cp: number): number {
  if (cp > 0xffff) {
    let known = ASTRAL.get(cp);
    if (known === undefined) {
      known = classify(cp);
      if (ASTRAL.size < ASTRAL_CACHE_SIZE) ASTRAL.set(cp, known);
    }
    return known;
  }
  const known = BMP[cp];
  return known !== 0 ? known : (BMP[cp] = classify(cp));
}

/**
 * The same characters in one flat string. Text built by concatenation is a rope,
 * on which every charCodeAt walks the rope's structure; the stages read the
 * clean text character by character many times, so one copy pays. A UTF-16 round trip keeps every unit, lone surrogates included.
 */
export function flatCopy(text: string): string {
  return Buffer.from(text, "utf16le").toString("utf16le");
}
