import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { splitSentences, sentenceAt } from "../src/nlp/sentences.ts";

const texts = (t: string) => splitSentences(t).map((s) => t.slice(s.start, s.end));

test("splits at terminal punctuation followed by a capital", () => {
  assert.deepEqual(texts("The summit opened. Leaders spoke! Did it work? Yes."), ["The summit opened.", "Leaders spoke!", "Did it work?", "Yes."]);
});

test("does not split after titles, months, initials or corporate abbreviations", () => {
  assert.deepEqual(texts("Dr. Smith met Makame M. Mbarawa on Nov. 19 at Acme Inc. headquarters."), [
    "Dr. Smith met Makame M. Mbarawa on Nov. 19 at Acme Inc. headquarters.",
  ]);
});

test("U.S. ends a sentence only before a sentence opener", () => {
  assert.deepEqual(texts("He met U.S. President Obama. Then he flew to the U.S. The trip was long."), [
    "He met U.S. President Obama.",
    "Then he flew to the U.S.",
    "The trip was long.",
  ]);
});

test("closing quotes stay with their sentence; paragraphs always split", () => {
  assert.deepEqual(texts('"It works," she said. "We agree."\n\nNew paragraph without stop\nNext'), [
    '"It works," she said.',
    '"We agree."',
    "New paragraph without stop",
    "Next",
  ]);
});

test("sentenceAt finds the sentence holding an offset", () => {
  const t = "One. Two here. Three.";
  const spans = splitSentences(t);
  assert.equal(sentenceAt(spans, t.indexOf("here")), 1);
  assert.equal(sentenceAt(spans, t.length + 5), -1);
});

test("spans are ordered, inside the text and never empty (property)", () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom("a", "B", ".", " ", "\n", "?", '"', "M", "U.S.", "Nov.") , maxLength: 400 }), (t) => {
      let last = 0;
      for (const s of splitSentences(t)) {
        assert.ok(s.start >= last && s.end > s.start && s.end <= t.length);
        last = s.end;
      }
    }),
  );
});
