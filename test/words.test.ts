// The shared scanning helpers: the character class table, the word scanner
// behind themes and keyphrases, and span lookups. Each is checked against the
// regex or Set it replaces.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { classOf, LETTER, MARK, NUMBER } from "../src/nlp/chars.ts";
import { SpanSet, wordIn, wordsOf } from "../src/nlp/words.ts";

const CLASSES = [[LETTER, /\p{L}/u], [NUMBER, /\p{N}/u], [MARK, /\p{M}/u]] as const;
const regexClass = (s: string) => CLASSES.reduce((f, [flag, re]) => (re.test(s) ? f | flag : f), 0);

test("the class table answers as the \\p{...} regexes do, for every BMP code unit and astral samples", () => {
  const category = (c: number) => classOf(c) & (LETTER | NUMBER | MARK);
  for (let c = 0; c <= 0xffff; c++) assert.equal(category(c), regexClass(String.fromCharCode(c)), `U+${c.toString(16)}`);
  for (const c of [0x1d400, 0x1d7d9, 0x10400, 0x1f600, 0x20000, 0xe0100]) assert.equal(category(c), regexClass(String.fromCodePoint(c)), `U+${c.toString(16)}`);
});

test("lower-casing keeps every code point's letter, digit and mark class; only U+0130 changes length", () => {
  // wordsOf scans the lower-cased text when its length is unchanged: this is what makes that exact.
  const grows: number[] = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const s = String.fromCodePoint(cp);
    const lower = s.toLowerCase();
    if (lower.length !== s.length) {
      grows.push(cp);
      continue;
    }
    const keep = LETTER | NUMBER | MARK;
    if ((classOf(cp) & keep) !== (classOf(lower.codePointAt(0)!) & keep)) assert.fail(`U+${cp.toString(16)} changes class when lower-cased`);
  }
  assert.deepEqual(grows, [0x130]);
});

const WORD = /[\p{L}\p{N}]+(?:['’]\p{L}+)*/gu;
const tricky = fc.oneof(
  fc.constantFrom("China's", "’s", "'", "’", "İstanbul", "ΣΑΣ", "K", "ﬁ", "é", "x2", "٣", "½", "𝐀𝐁", "😀", "\ud800", "\udc00", "-", " ", "\n", "O'Neil'", "1990's", "'tis"),
  fc.string({ maxLength: 5 }),
  fc.string({ unit: "binary", maxLength: 3 }),
);

test("wordsOf finds the words /[\\p{L}\\p{N}]+(?:['’]\\p{L}+)*/gu finds, lower-cased, with hashes SpanSet agrees with", () => {
  fc.assert(
    fc.property(fc.array(tricky, { maxLength: 12 }), (parts) => {
      const text = parts.join("");
      const words = wordsOf(text);
      const expected = [...text.matchAll(WORD)];
      assert.deepEqual(
        expected.map((m) => [m.index, m.index + m[0].length]),
        Array.from(words.starts, (s, i) => [s, words.ends[i]]),
      );
      // The text is lower-cased as a whole (final sigma depends on what follows), word by word only when that changes its length.
      const whole = text.toLowerCase();
      const lowered = expected.map((m) => (whole.length === text.length ? whole.slice(m.index, m.index + m[0].length) : m[0].toLowerCase()));
      assert.equal(words.count, expected.length);
      assert.deepEqual(Array.from(words.lowerStarts, (s, i) => words.lower.slice(s, words.lowerEnds[i])), lowered);
      // Half of the words in a set: wordIn (hash probe) and has (hash computed) agree with a Set.
      const inSet = lowered.filter((_, i) => i % 2 === 0);
      const set = new SpanSet(inSet);
      const reference = new Set(inSet);
      for (let i = 0; i < words.count; i++) {
        assert.equal(wordIn(set, words, i), reference.has(lowered[i]), lowered[i]);
        const cut = Math.min(1, lowered[i].length);
        assert.equal(wordIn(set, words, i, cut), reference.has(lowered[i].slice(0, lowered[i].length - cut)));
      }
    }),
    { numRuns: 500 },
  );
});

test("wordsOf keeps up with texts denser than prose (one-letter words, apostrophe groups before digits)", () => {
  const text = "a 1 b'c2 Ω; ".repeat(2000);
  const words = wordsOf(text);
  const expected = [...text.matchAll(WORD)];
  assert.equal(words.count, expected.length);
  assert.deepEqual(Array.from(words.ends), expected.map((m) => m.index + m[0].length));
});

test("SpanSet looks words up by span, exactly", () => {
  const set = new SpanSet(["the", "of", "said", "a"]);
  const text = "Then the thesis of said; a theory";
  const found = [...text.matchAll(/\p{L}+/gu)].filter((m) => set.has(text, m.index, m.index + m[0].length)).map((m) => m[0]);
  assert.deepEqual(found, ["the", "of", "said", "a"]);
  assert.equal(set.has(text, 0, 0), false);
});
