// The hand-written scanners that replaced per-character \p{…} regexes (line
// shapes, phrase keys, glued boundaries, word counts): each is checked against
// the regex it stands for, on real text and on random Unicode strings.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { CASED, classOf, LETTER, LOWER, OPENER, SPACE, UNSPACED, UPPER, WORD } from "../src/nlp/chars.ts";
import { gluedBoundaries, hasPhraseKey, lineShape, phraseKey, splitTokens } from "../src/clean/lines.ts";
import { literalAlternation } from "../src/clean/vocabulary.ts";
import { countWords } from "../src/stages/segment.ts";

// Random strings drawn from characters the scanners treat specially.
const tricky = fc.string({
  unit: fc.constantFrom(..."aZ9 .,!?…。()[]\"'’“”「」\t\u00a0\u2028İΣσé中カไ한Ⅰ\u{1D400}\u{1D41A}😀\ud800".match(/[\s\S]/gu)!, "Comment(s)", "storiesGet", "RSSNews", "(Reuters/Jane Doe)"),
  maxLength: 80,
});

describe("character classes", () => {
  it("answer like the Unicode property regexes", () => {
    const cases: Array<[string, number]> = [
      ["A", WORD | LETTER | UPPER | CASED | OPENER],
      ["é", WORD | LETTER | LOWER],
      ["中", WORD | LETTER | UNSPACED | OPENER],
      ["Ⅰ", WORD | CASED | OPENER], // a Roman numeral: a number with a lower-case form
      ["7", WORD | OPENER],
      ["\u00a0", SPACE],
      ["\u{1D400}", WORD | LETTER | UPPER | OPENER], // mathematical bold A: no lower-case form
      ["-", 0],
    ];
    for (const [c, bits] of cases) assert.equal(classOf(c.codePointAt(0)!) & 0xff, bits, c);
  });
});

describe("lineShape", () => {
  const TERMINAL = /[.!?…。！？]["'”’)\]」』]*(?:\s*[(\[][^()[\]]{1,60}[)\]])?$/u;
  const OPENS = /^["'“‘(\[「『]?(?:[\p{Lu}\p{N}]|(?![\p{Ll}])\p{L})/u;

  it("counts words and their case on real lines", () => {
    assert.deepEqual(lineShape("The bank raised rates on Wednesday."), { words: 6, lower: 4, capital: 2, terminal: true, opens: true });
    assert.deepEqual(lineShape("« home › NEWS »"), { words: 2, lower: 1, capital: 1, terminal: false, opens: false });
    // Unspaced scripts count every two characters as a word.
    assert.equal(lineShape("中国日报网 报道").words, 4);
  });

  it("takes a bracketed credit of up to 60 characters after the final stop", () => {
    assert.equal(lineShape(`It rained. (${"x".repeat(60)})`).terminal, true);
    assert.equal(lineShape(`It rained. (${"x".repeat(61)})`).terminal, false);
    // Counted in code points, as the regex does.
    assert.equal(lineShape(`It rained. (${"\u{1D41A}".repeat(60)})`).terminal, true);
  });

  it("ends and opens a line as the regexes say", () => {
    fc.assert(fc.property(tricky, (line) => {
      const shape = lineShape(line);
      assert.equal(shape.terminal, TERMINAL.test(line));
      assert.equal(shape.opens, OPENS.test(line));
    }), { numRuns: 3000 });
  });
});

describe("glued navigation boundaries", () => {
  const BOUNDARY = /(?<=\p{Ll}{2}|\))(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll}{2})/u;

  it("splits glued labels and keeps names whole", () => {
    assert.deepEqual(splitTokens("Send your storiesGet more RSSNewsletter Comment(s)Print McDonald iPhone"),
      ["Send", "your", "stories", "Get", "more", "RSS", "Newsletter", "Comment(s)", "Print", "McDonald", "iPhone"]);
    assert.equal(gluedBoundaries("storiesGet moreRSSNewsletter https://site.com/NewsToday"), 3);
  });

  it("counts a boundary before an astral capital once, and stops", () => {
    assert.equal(gluedBoundaries("aa\u{1D400}b"), 1);
  });

  it("splits where the regex splits", () => {
    fc.assert(fc.property(tricky, (line) => {
      const expected = line.split(/\s+/).flatMap((raw) => raw.split(BOUNDARY)).filter(Boolean);
      assert.deepEqual(splitTokens(line), expected);
    }), { numRuns: 3000 });
  });
});

describe("phrase keys", () => {
  it("lower-cases and drops punctuation", () => {
    assert.equal(phraseKey("Comment(s)Print E-mail"), " commentprint e mail ");
    assert.equal(phraseKey("Editor’s picks: A+ rated!"), " editor's picks a+ rated ");
  });

  it("grows its buffer for long texts, where every '+' adds a space", () => {
    assert.equal(phraseKey("a+".repeat(1500)), " " + "a+ ".repeat(1500));
  });

  it("compares a line's key with a short key without keying the whole line", () => {
    const title = phraseKey("Hong Kong votes");
    assert.equal(hasPhraseKey("HONG KONG — votes!", title), true);
    assert.equal(hasPhraseKey("Hong Kong votes for a new legislature today, officials said.", title), false);
    assert.equal(hasPhraseKey("Hong Kong", title), false);
    fc.assert(fc.property(tricky, tricky, (a, b) => {
      assert.equal(hasPhraseKey(a, phraseKey(b)), phraseKey(a) === phraseKey(b));
    }), { numRuns: 2000 });
  });

  it("finds listed phrases as a literal regex alternation", () => {
    const phrases = literalAlternation([" all rights reserved ", " a+ "]);
    assert.equal(phrases.test(phraseKey("2024 Example News. All Rights Reserved.")), true);
    assert.equal(phrases.test(phraseKey("Rated A+ by critics")), true);
    assert.equal(phrases.test(phraseKey("Rated A by critics")), false);
    assert.equal(literalAlternation([]).test("anything"), false);
  });
});

describe("countWords", () => {
  const WORDS = /[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu;

  it("joins words over one apostrophe, full stop or hyphen", () => {
    assert.equal(countWords("Don't e-mail the U.S. office — it's 9.30 a.m. there."), 9);
  });

  it("counts what the word regex matches", () => {
    fc.assert(fc.property(tricky, (text) => {
      assert.equal(countWords(text), text.match(WORDS)?.length ?? 0);
    }), { numRuns: 3000 });
  });
});
