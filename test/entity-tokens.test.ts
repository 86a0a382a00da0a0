// The entity tokenizer is a hand-written char-code scanner standing in for one
// Unicode regex; these tests pin it to that regex's behaviour (the reference
// below is the regex tokenizer it replaced), on tricky text and on random
// strings full of non-ASCII letters, marks, astral characters and joiners.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { keyOf } from "../src/entities/lexicon.ts";
import { tokenize } from "../src/entities/tokens.ts";
import type { Span } from "../src/types.ts";

const TOKEN = /(\p{Lu}\.(?:\p{Lu}\.)+)|([\p{L}\p{M}\p{N}]+(?:['’.\-][\p{L}\p{M}\p{N}]+)*)|(\S)/gu;
const OPENERS = new Set(["\"", "'", "“", "‘", "(", "[", "«", "—", "-", "•", "*"]);
const PARTICLE_NAME = /^(?:al|el|ad|ar|as|ash|at|az|bin|ibn|abu|de|da|di|du|van|von)-\p{Lu}/u;

/** The regex tokenizer the scanner replaced, field for field. */
function reference(text: string, sentences: readonly Span[]) {
  const out = [];
  let sentence = 0;
  let sentenceHasWord = false;
  let lastEnd = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const start = m.index;
    let end = start + m[0].length;
    let body = m[0];
    const word = m[3] === undefined;
    const possessive = m[2] !== undefined && body.length > 2 && /['’]s$/u.test(body);
    if (possessive) { body = body.slice(0, -2); end -= 2; }
    while (sentence < sentences.length && sentences[sentence].end <= start) { sentence++; sentenceHasWord = false; }
    const inSentence = sentence < sentences.length && sentences[sentence].start <= start;
    const initial = m[2] !== undefined && body.length === 1 && /^\p{Lu}/u.test(body) && text[end] === ".";
    if (initial) { end += 1; body += "."; TOKEN.lastIndex = end; }
    const cap = word && /^\p{Lu}/u.test(body);
    out.push({
      start, end, text: body, key: keyOf(body), word, cap,
      upper: cap && body.length >= 2 && !/\p{Ll}/u.test(body) && !initial,
      initial, possessive,
      sentenceStart: word && inSentence && !sentenceHasWord,
      lineStart: text.slice(lastEnd, start).includes("\n"),
      capWord: word && (cap || (/^\d/.test(body) && /\p{Lu}/u.test(body)) || PARTICLE_NAME.test(body)),
    });
    if (inSentence && (word || !OPENERS.has(body))) sentenceHasWord = true;
    lastEnd = possessive ? end + 2 : end;
    if (possessive) TOKEN.lastIndex = end + 2;
  }
  return out;
}

const scanned = (text: string, sentences: readonly Span[]) =>
  tokenize(text, sentences).map(({ start, end, text: body, key, word, cap, upper, initial, possessive, sentenceStart, lineStart, capWord }) =>
    ({ start, end, text: body, key, word, cap, upper, initial, possessive, sentenceStart, lineStart, capWord }));

const same = (text: string, sentences: readonly Span[] = [{ start: 0, end: text.length }]) =>
  assert.deepEqual(scanned(text, sentences), reference(text, sentences));

describe("entities: tokenizer", () => {
  it("splits names, initials, acronyms, possessives and domains as the regex did", () => {
    same("“U.S.A. Inc’s” M. Mbarawa of Al-Obibi's Amazon.com—NASA'S JOHN'S 3M al-Amr van-damme 5G 1990s rock’n’roll.\n\nA.B C.");
  });

  it("handles accents, marks, astral letters, emoji, lone surrogates and Unicode spaces", () => {
    same("Hélène Dufresne e\u0301te\u0301 𝐀.𝐁. 𝐀𝐁𝐂 𠀀x 😀 \uD800 \uDC00Z\u00a0Ωmega\u2003ß ǅungla İstanbul Ⅻ.");
  });

  it("matches the regex on random text", () => {
    const pieces = fc.constantFrom("a", "Z", "é", "É", "ß", "Ω", "\u0301", "𝐀", "𝐚", "𠀀", "😀", "\uD800", "\uDC00", "1", "9", "٣", "M",
      "'", "’", ".", "-", "s", "S", " ", "\n", "\u00a0", "\u2028", "“", "(", "—", ",", "&", "al-", "Mc", "U.", "’s");
    fc.assert(fc.property(fc.array(pieces, { maxLength: 40 }), fc.nat(), (ps, cut) => {
      const text = ps.join("");
      const mid = text.length ? cut % text.length : 0;
      same(text, [{ start: 0, end: mid }, { start: mid, end: text.length }]);
    }), { numRuns: 2000 });
  });
});
