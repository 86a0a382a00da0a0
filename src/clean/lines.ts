// Line-level text features shared by the cleaner and the metadata stage:
// tokens (with glued navigation runs split apart), word-shape counts and a
// phrase key for whole-word vocabulary look-ups. Everything here is one
// linear pass over the line.

/** Lines longer than this are article prose by construction: no chrome is that long. */
export const MAX_CHROME_CHARS = 600;

// A lowercase letter (two of them, so "McDonald" and "iPhone" stay whole) or a
// closing bracket directly followed by a capital: "storiesGet", "Comment(s)Print".
// An upper-case run followed by a capitalised word: "RSSNewsletter".
const GLUED_BOUNDARY = /(?<=\p{Ll}{2}|\))(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll}{2})/u;
const GLUED_BOUNDARY_G = new RegExp(GLUED_BOUNDARY.source, "gu");

/** Whitespace tokens of a line, with glued runs ("Send your storiesGet more") split. */
export function splitTokens(line: string): string[] {
  const out: string[] = [];
  for (const raw of line.split(/\s+/)) {
    if (!raw) continue;
    // Domains and URLs keep their dots and case ("China.org.cnMobile" still splits at "cnM").
    for (const part of raw.split(GLUED_BOUNDARY)) if (part) out.push(part);
  }
  return out;
}

/** How many glued word boundaries a line has (navigation runs pasted without spaces). */
export function gluedBoundaries(line: string): number {
  let n = 0;
  for (const raw of line.split(/\s+/)) {
    // URLs and e-mail addresses legitimately mix case.
    if (raw.includes("://") || raw.includes("@")) continue;
    GLUED_BOUNDARY_G.lastIndex = 0;
    while (GLUED_BOUNDARY_G.exec(raw)) {
      n++;
      GLUED_BOUNDARY_G.lastIndex++;
    }
  }
  return n;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const isWordChar = (c: string) => (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || (c > "\x7f" && WORD_CHAR.test(c));

/**
 * Lower-case, punctuation-free form of a phrase, padded with spaces for
 * whole-word `includes`: "Comment(s)Print E-mail" → " commentprint e mail ".
 * Keeps apostrophes inside words and a trailing "+" ("A+"). One pass, no regex per character for ASCII.
 */
export function phraseKey(text: string): string {
  const lower = text.toLowerCase();
  let out = " ";
  let word = "";
  for (let i = 0; i <= lower.length; i++) {
    let c = i < lower.length ? lower[i] : " ";
    if (c === "(" && lower[i + 1] === "s" && lower[i + 2] === ")") { i += 2; continue; }
    if (c === "’" || c === "‘" || c === "`") c = "'";
    if (isWordChar(c)) { word += c; continue; }
    if (c === "'" && word && isWordChar(lower[i + 1] ?? "")) { word += c; continue; }
    if (c === "+" && word) word += c;
    if (word) out += word + " ";
    word = "";
  }
  return out;
}

/** Words of a phrase key. */
export function keyWords(key: string): string[] {
  return key.trim().split(" ").filter(Boolean);
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

// A bracketed credit may follow the final stop: "… on July 18, 2023. (Reuters/Jane Doe)".
const TERMINAL = /[.!?…。！？]["'”’)\]」』]*(?:\s*[(\[][^()[\]]{1,60}[)\]])?$/u;
// Caseless scripts open a sentence with any letter.
const OPENS = /^["'“‘(\[「『]?(?:[\p{Lu}\p{N}]|(?![\p{Ll}])\p{L})/u;

// Scripts written without spaces: every two characters count as a word.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

/** The first letter or digit of a token; the ASCII prefix is scanned without a regex. */
function firstWordChar(tok: string): string | null {
  for (let i = 0; i < tok.length; i++) {
    const code = tok.charCodeAt(i);
    if (code >= 0x80) return WORD_CHAR.exec(tok.slice(i))?.[0] ?? null;
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)) return tok[i];
  }
  return null;
}

export function lineShape(line: string): LineShape {
  let words = 0, lower = 0, capital = 0;
  for (const tok of line.split(/\s+/)) {
    const c = firstWordChar(tok);
    if (c === null) continue;
    const n = UNSPACED.test(c) ? Math.ceil(tok.length / 2) : 1;
    words += n;
    if (c !== c.toLowerCase()) capital += n;
    // Lower-case and caseless letters (Arabic, Korean, Chinese …) are running words.
    else if (/\p{L}/u.test(c)) lower += n;
  }
  return { words, lower, capital, terminal: TERMINAL.test(line), opens: OPENS.test(line) };
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
