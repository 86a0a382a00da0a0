// Reading the numeric core of a figure from tokens: a digit string with glued
// scale ("10bn"), or a run of number words ("three hundred and six",
// "twenty-one", "a million"), each followed by spaced scale words
// ("1.5 billion", "three lakh crore"). Every reader consumes its whole run, so
// the scan stays linear even on long runs of number words.
import type { Token } from "./tokens.ts";
import { ARTICLE_SCALES, LONELY_WORDS, NUMBER_WORDS, SCALE_ABBREVIATIONS, SCALE_WORDS } from "./lexicon.ts";

export interface Core {
  value: number;
  /** Index of the first and last token of the core (scales included). */
  first: number;
  last: number;
  /** Product of the scale words applied (1 when none). */
  scale: number;
  /** Written with words ("twelve") rather than digits. */
  fromWords: boolean;
  /** A single "one"/"zero" with no scale: usually a pronoun or determiner. */
  lonely: boolean;
  /** Digits only, four of them, in the range of calendar years. */
  yearLike: boolean;
}

/** Integer digits beyond this are identifiers or garbage, not quantities (and lose precision). */
const MAX_INTEGER_DIGITS = 15;

const adjacent = (tokens: Token[], j: number) => j < tokens.length && !tokens[j].spaced;
const sameLine = (tokens: Token[], j: number) => j < tokens.length && !tokens[j].newline;

/** Value of a digit token, or null when it is not a plausible quantity (leading zero, too long). */
export function digitValue(text: string): number | null {
  const digits = text.replace(/,/g, "");
  const dot = digits.indexOf(".");
  const integer = dot < 0 ? digits : digits.slice(0, dot);
  if (integer.length > MAX_INTEGER_DIGITS) return null;
  if (integer.length > 1 && integer[0] === "0") return null; // "09", "007": codes and clock parts
  const value = Number(digits);
  return Number.isFinite(value) ? value : null;
}

/** Spaced scale words after the core ("1.5 billion"); spaced abbreviations only when unambiguous ("5 bn"). */
function readScales(tokens: Token[], core: Core): Core {
  let j = core.last + 1;
  let { value, scale } = core;
  while (j < tokens.length && tokens[j].kind === "word" && sameLine(tokens, j)) {
    const t = tokens[j];
    const s = SCALE_WORDS.get(t.lower) ?? (t.text.length > 1 ? SCALE_ABBREVIATIONS.get(t.text) : undefined);
    if (s === undefined) break;
    value *= s;
    scale *= s;
    j++;
  }
  return { ...core, value, scale, last: j - 1, lonely: core.lonely && j - 1 === core.last };
}

/** A digit token at i, with any glued scale abbreviation ("10bn", "$5k"); null if token i is not digits. */
export function readDigits(tokens: Token[], i: number): Core | null {
  const t = tokens[i];
  if (!t || t.kind !== "num") return null;
  const value = digitValue(t.text);
  if (value === null) return null;
  const core: Core = {
    value, first: i, last: i, scale: 1, fromWords: false, lonely: false,
    yearLike: /^\d{4}$/.test(t.text) && value >= 1000 && value <= 2100,
  };
  const next = tokens[i + 1];
  if (next && next.kind === "word" && adjacent(tokens, i + 1)) {
    const s = SCALE_ABBREVIATIONS.get(next.text) ?? SCALE_WORDS.get(next.lower);
    if (s !== undefined) {
      return readScales(tokens, { ...core, value: value * s, scale: s, last: i + 1, yearLike: false });
    }
  }
  return readScales(tokens, core);
}

/**
 * A run of number words at i ("Twelve", "three hundred and six", "twenty-one",
 * "a million"); null if token i does not start one.
 */
export function readWords(tokens: Token[], i: number): Core | null {
  const t = tokens[i];
  if (!t || t.kind !== "word") return null;
  let j = i;
  let total = 0;
  let current = 0;
  let scale = 1;
  let words = 0;
  // "a million", "a dozen": the article counts as one before a scale word.
  if (t.lower === "a" || t.lower === "an") {
    const next = tokens[i + 1];
    if (!next || next.kind !== "word" || !ARTICLE_SCALES.has(next.lower) || !sameLine(tokens, i + 1)) return null;
    current = 1;
    words = 1;
    j = i + 1;
  } else if (!NUMBER_WORDS.has(t.lower)) {
    return null;
  }
  let last = i;
  let lastKind: "unit" | "tens" | "scale" | "none" = "none";
  while (j < tokens.length) {
    const tok = tokens[j];
    if (tok.kind !== "word" || (j > i && !sameLine(tokens, j))) break;
    const n = NUMBER_WORDS.get(tok.lower);
    const s = SCALE_WORDS.get(tok.lower);
    if (n !== undefined) {
      // "twenty one" continues; "five six" does not.
      if (lastKind === "unit" || (lastKind === "tens" && (n >= 10 || n === 0))) break;
      current += n;
      lastKind = n >= 20 ? "tens" : "unit";
    } else if (s !== undefined && words > 0) {
      if (s === 100) current = (current || 1) * 100;
      else if (current === 0) total = (total || 1) * s; // "three lakh crore"
      else { total += current * s; current = 0; }
      scale *= s;
      lastKind = "scale";
    } else {
      break;
    }
    words++;
    last = j;
    // Joiners inside the number: "twenty-one", "hundred and six".
    const joiner = tokens[j + 1];
    const after = tokens[j + 2];
    if (joiner && after && after.kind === "word" && NUMBER_WORDS.has(after.lower)) {
      const hyphen = joiner.text === "-" && adjacent(tokens, j + 1) && adjacent(tokens, j + 2) && lastKind === "tens";
      const and = joiner.lower === "and" && lastKind === "scale" && (NUMBER_WORDS.get(after.lower) ?? 100) < 100;
      if (hyphen || and) { j += 2; continue; }
    }
    j++;
  }
  if (words === 0) return null;
  const value = total + current;
  const lonely = words === 1 && LONELY_WORDS.has(t.lower);
  return { value, first: i, last, scale, fromWords: true, lonely, yearLike: false };
}
