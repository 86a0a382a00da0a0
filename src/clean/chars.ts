// Unicode character classes answered by table look-up instead of a \p{…}
// regex per character: each Basic Multilingual Plane code point is classified
// once, on first sight, by the very regexes the classes are defined by, so the
// answers are the regexes' answers. Code points above the BMP (rare in news
// text) are classified on every call.

/** A letter or digit: /[\p{L}\p{N}]/u. */
export const WORD = 1;
/** A letter: /\p{L}/u. */
export const LETTER = 2;
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
/** White space: /\s/. */
export const SPACE = 128;
const KNOWN = 256;

const WORD_RE = /[\p{L}\p{N}]/u;
const LETTER_RE = /\p{L}/u;
const LOWER_RE = /\p{Ll}/u;
const UPPER_RE = /\p{Lu}/u;
const UNSPACED_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const OPENER_RE = /^(?:[\p{Lu}\p{N}]|(?![\p{Ll}])\p{L})$/u;
const SPACE_RE = /^\s$/u;

function classify(cp: number): number {
  const c = String.fromCodePoint(cp);
  return (
    KNOWN |
    (WORD_RE.test(c) ? WORD : 0) |
    (LETTER_RE.test(c) ? LETTER : 0) |
    (LOWER_RE.test(c) ? LOWER : 0) |
    (UPPER_RE.test(c) ? UPPER : 0) |
    (c !== c.toLowerCase() ? CASED : 0) |
    (UNSPACED_RE.test(c) ? UNSPACED : 0) |
    (OPENER_RE.test(c) ? OPENER : 0) |
    (SPACE_RE.test(c) ? SPACE : 0)
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

/** /\s/ for one UTF-16 unit, ASCII without a table look-up. */
export function isSpaceUnit(code: number): boolean {
  if (code < 0x80) return code === 32 || (code >= 9 && code <= 13);
  return (classOf(code) & SPACE) !== 0;
}

/** A letter or digit at the UTF-16 unit level: astral letters, split into surrogates, are not. */
export function isWordUnit(code: number): boolean {
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  return (classOf(code) & WORD) !== 0;
}

const utf16 = new TextDecoder("utf-16le");

/** The string of the first `length` UTF-16 units of `units` (no lone surrogates among them). */
export function unitsToString(units: Uint16Array, length: number): string {
  return utf16.decode(units.subarray(0, length));
}
