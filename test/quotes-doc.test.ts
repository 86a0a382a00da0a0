// The quote grammar's char-code scanners must read text exactly as the Unicode
// regexes they replace: these tests hold them to the regexes on mixed-script
// text (accents, Greek, Turkish İ, the Kelvin sign, astral letters, emoji,
// lone surrogates, odd spaces).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { alnumAt, hasLetter, isCasedUpperAt, isUpperAt, wordEnd } from "../src/quotes/chars.ts";
import { flatCopy } from "../src/nlp/chars.ts";
import { Doc } from "../src/quotes/doc.ts";
import { findQuotedSpans } from "../src/quotes/marks.ts";
import { TokenSet } from "../src/quotes/token-set.ts";
import { splitSentences } from "../src/nlp/sentences.ts";

const PIECES = [
  "said", "Said", "SAID", "the", "The", "according", "to", "Smith", "O'Brien", "don’t", "AT&T", "U.S.", "3.5", "rock-and-roll",
  " ", " ", "\n", "\n\n", "\t", "\u00a0", "\u2028", "\ufeff", ".", ",", ";", "!", "-", "—", "&", "'", "’", "‘", '"', "“", "”", "«", "»",
  "é", "École", "İstanbul", "İ", "Σ", "ΣΑΣ", "ß", "ǅ", "\u212Aay", "ℍ", "𝐀", "𝐀bc", "𐐀x", "😀", "\uD800", "\uDC00", "٣", "Ⅻ", "ʼ",
];
const mixedText = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(""));

/** Tokens as the regex the Doc scanner replaces reads them. */
function regexTokens(text: string): Array<[number, number, boolean, boolean]> {
  const out: Array<[number, number, boolean, boolean]> = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:['’\-.&][\p{L}\p{N}]+)*|\S/gu)) {
    const t = m[0];
    const word = t.length > 1 || /^[\p{L}\p{N}]/u.test(t);
    const lower = word ? t.toLowerCase() : t;
    out.push([m.index, m.index + t.length, word, word && lower.charCodeAt(0) !== t.charCodeAt(0) && /^\p{Lu}/u.test(t)]);
  }
  return out;
}

test("Doc tokens, words and capitals match the token regex on mixed-script text", () => {
  fc.assert(fc.property(mixedText, (text) => {
    const doc = new Doc(text, splitSentences(text), findQuotedSpans(text));
    const got: Array<[number, number, boolean, boolean]> = [];
    for (let k = 0; k < doc.size; k++) got.push([doc.start[k], doc.end[k], doc.isWord(k), doc.isCap(k)]);
    assert.deepEqual(got, regexTokens(text));
    for (let k = 0; k < doc.size; k++) {
      const t = text.slice(doc.start[k], doc.end[k]);
      assert.equal(doc.tokenText(k), t);
      assert.equal(doc.lower(k), doc.isWord(k) ? t.toLowerCase() : t);
    }
  }), { numRuns: 2000 });
});

test("a token set answers as a Set of lower-case words would, also for tokens it rejects by hash", () => {
  // An all-ASCII set rejects by hash; one with other characters always looks the word up.
  for (const words of [["said", "according", "the", "k", "kay", ",", "don't", "at&t"], ["said", "é", "ß", "σας", "kay"]]) {
    const set = TokenSet.of(words);
    fc.assert(fc.property(mixedText, (text) => {
      const doc = new Doc(text, [], []);
      for (let k = -1; k <= doc.size; k++) assert.equal(set.has(doc, k), words.includes(doc.lower(k)), `token ${k} of ${JSON.stringify(text)}`);
    }), { numRuns: 1000 });
    // The Kelvin sign lower-cases to an ASCII k: the hash must not reject it.
    const kelvin = new Doc("\u212Aay SAID", [], []);
    assert.equal(set.has(kelvin, 0), true);
    assert.equal(set.has(kelvin, 1), true);
  }
});

test("character classes match \\p{L}, \\p{N}, \\p{Lu} and the quote-word regex", () => {
  fc.assert(fc.property(mixedText, (text) => {
    for (let i = 0; i < text.length; i++) {
      const cp = String.fromCodePoint(text.codePointAt(i)!);
      const alnum = /^[\p{L}\p{N}]/u.test(text.slice(i));
      assert.equal(alnumAt(text, i) > 0, alnum);
      if (alnum) assert.equal(alnumAt(text, i), cp.length);
      assert.equal(isUpperAt(text, i), /^\p{Lu}/u.test(text.slice(i)));
      assert.equal(isCasedUpperAt(text, i, i + cp.length), cp.toLowerCase().charCodeAt(0) !== cp.charCodeAt(0) && /^\p{Lu}/u.test(cp));
    }
    assert.equal(hasLetter(text, 0, text.length), /\p{L}/u.test(text));
    const words = [...text.matchAll(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu)].map((m) => [m.index, m.index + m[0].length]);
    const scanned: number[][] = [];
    for (let i = 0; i < text.length; ) {
      if (alnumAt(text, i)) {
        const end = wordEnd(text, i);
        scanned.push([i, end]);
        i = end;
      } else i++;
    }
    assert.deepEqual(scanned, words);
  }), { numRuns: 1000 });
});

test("flatCopy keeps every UTF-16 unit, lone surrogates included", () => {
  const text = "a\uD800b\uDC00c😀é“x”" + "ΣΑΣ ".repeat(10);
  const rope = text.slice(0, 7) + text.slice(7);
  assert.equal(flatCopy(rope), text);
});
