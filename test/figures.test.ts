import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { findFigures, type FoundFigure } from "../src/figures/extract.ts";
import { tokenize } from "../src/figures/tokens.ts";
import { readDigits, readWords } from "../src/figures/numbers.ts";
import { figures } from "../src/stages/figures.ts";
import { emptyArticle } from "../src/pipeline.ts";
import { splitSentences } from "../src/nlp/sentences.ts";
import type { StageContext } from "../src/types.ts";
import { ROOT, SHARED } from "./helpers.ts";

/** The figures of `text` as "text|value|valueHigh|unit|currency|kind|qualifier" lines. */
function summary(text: string): string[] {
  return findFigures(text).map((f) => [f.text, f.value, f.valueHigh ?? "", f.unit, f.currency, f.kind, f.qualifier].join("|"));
}

test("money: symbols, prefixed symbols, codes and names map to ISO 4217", () => {
  assert.deepEqual(summary("Turnover hit 4.2 billion yuan (610 million U.S. dollars) last quarter."), [
    "4.2 billion yuan|4200000000||CNY|CNY|money|",
    "610 million U.S. dollars|610000000||USD|USD|money|",
  ]);
  assert.deepEqual(summary("It raised US$1.2 million, HK$500,000, €5bn, £3.5m and RMB 80 million."), [
    "US$1.2 million|1200000||USD|USD|money|",
    "HK$500,000|500000||HKD|HKD|money|",
    "€5bn|5000000000||EUR|EUR|money|",
    "£3.5m|3500000||GBP|GBP|money|",
    "RMB 80 million|80000000||CNY|CNY|money|",
  ]);
  assert.deepEqual(summary("The state spent ₹2,000 crore, Rs. 40 lakh, 900 million rupees, 12 billion yen and 30 million euros."), [
    "₹2,000 crore|20000000000||INR|INR|money|",
    "Rs. 40 lakh|4000000||INR|INR|money|",
    "900 million rupees|900000000||INR|INR|money|",
    "12 billion yen|12000000000||JPY|JPY|money|",
    "30 million euros|30000000||EUR|EUR|money|",
  ]);
  assert.deepEqual(summary("A ticket costs ¥80 or 75 cents."), ["¥80|80||CNY|CNY|money|", "75 cents|0.75||USD|USD|money|"]);
});

test("'pounds' is money with a scale word and a weight without one", () => {
  assert.deepEqual(summary("She lost 25 pounds; the club paid 40 million pounds."), [
    "25 pounds|25||lb||measure|",
    "40 million pounds|40000000||GBP|GBP|money|",
  ]);
});

test("digits, separators, scale words and abbreviations, number words", () => {
  assert.deepEqual(summary("The app has 7,250 reviewers, 1.5 billion downloads, $40k in prizes and 3 bn views."), [
    "7,250 reviewers|7250||reviewers||count|",
    "1.5 billion downloads|1500000000||downloads||count|",
    "$40k|40000||USD|USD|money|",
    "3 bn views|3000000000||views||count|",
  ]);
  // Single-letter scales only in money: "4K" is a resolution, "1.8m" a length.
  assert.deepEqual(summary("It streams in 4K on a 1.8m screen."), ["1.8m|1.8||m||measure|"]);
  assert.deepEqual(summary("Eleven judges heard three hundred and six complaints from twenty-four provinces and a dozen cities."), [
    "Eleven judges|11||judges||count|",
    "three hundred and six complaints|306||complaints||count|",
    "twenty-four provinces|24||provinces||count|",
    "a dozen cities|12||cities||count|",
  ]);
});

test("counted nouns: the words up to the plural head, with a coordinated plural", () => {
  assert.deepEqual(summary("Delegates came from 60 nations and territories; 800 million mobile subscribers, 40 cloud-based services and 5,000 staff."), [
    "60 nations and territories|60||nations and territories||count|",
    "800 million mobile subscribers|800000000||mobile subscribers||count|",
    "40 cloud-based services|40||cloud-based services||count|",
    "5,000 staff|5000||staff||count|",
  ]);
  assert.deepEqual(summary("Of those, 2.1 million were students."), ["2.1 million|2100000||||count|"]);
});

test("percentages and measures with units", () => {
  assert.deepEqual(summary("Exports grew 12.5% and imports 3 percent, a rise of 0.4 percentage points."), [
    "12.5%|12.5||%||percent|",
    "3 percent|3||%||percent|",
    "0.4 percentage points|0.4||percentage points||percent|",
  ]);
  assert.deepEqual(summary("The 1,200-kilometer cable runs 40 km at 10 Gbps; a 30-year-old engineer and a 2.5GHz chip with 64GB."), [
    "1,200-kilometer|1200||km||measure|",
    "40 km|40||km||measure|",
    "10 Gbps|10||Gbit/s||measure|",
    "30-year-old|30||year||measure|",
    "2.5GHz|2.5||GHz||measure|",
    "64GB|64||GB||measure|",
  ]);
  assert.deepEqual(summary("It was -12 degrees Celsius across 3 square kilometres."), [
    "-12 degrees Celsius|-12||°C||measure|",
    "3 square kilometres|3||km2||measure|",
  ]);
});

test("qualifiers: approx, over and under", () => {
  assert.deepEqual(summary("Roughly 400 firms, some 20 banks, more than 90 agencies, at least 7 mayors, fewer than 30 judges and up to 50 ships."), [
    "Roughly 400 firms|400||firms||count|approx",
    "some 20 banks|20||banks||count|approx",
    "more than 90 agencies|90||agencies||count|over",
    "at least 7 mayors|7||mayors||count|over",
    "fewer than 30 judges|30||judges||count|under",
    "up to 50 ships|50||ships||count|under",
  ]);
});

test("ranges keep the low value and value_high", () => {
  assert.deepEqual(summary("Prices rose 10 to 15 percent; the plan costs $3-4 billion; between 200 and 300 workers left."), [
    "10 to 15 percent|10|15|%||percent|",
    "$3-4 billion|3000000000|4000000000|USD|USD|money|",
    "200 and 300 workers|200|300|workers||count|",
  ]);
  // "from X to Y" is a change between two figures, not a range.
  assert.deepEqual(summary("Seats rose from 12 to 19 seats."), ["12|12||||count|", "19 seats|19||seats||count|"]);
});

test("not figures: years, dates, clock times, ordinals, names, labels, phone numbers, scores, chrome", () => {
  for (const text of [
    "The forum began in 2014 and the 2019 talks followed; since 1998.",
    "It opened on Nov. 19, 2014, on Dec.3 and on 12 July; see Dec. 16-18 and Nov. 16 to 18.",
    "Updated: 2015-12-19 09:13 and 2018/11/09 at 10 a.m. or 3pm.",
    "The 5th summit, the second largest firm, its fifth anniversary, the twenty-first meeting and one hundred twenty fifth.",
    "Talks on 5G, the G20, COVID-19, MP3 players, the Boeing 747, Windows 10 and Shenzhou-12.",
    "He ranked No. 1 in phase 3 of Article 5, item #2.",
    "Studies agree (14, 15) [3]; the embattled 737 Max jet; the Eagles (6-5, 3-4).",
    "Call +86 10 6512 3456 or 555-1234 or 010-12345678.",
    "Sweden beat Korea 1 – 0 and won 3-1.",
    "0 Comment(s) | 12 views | Print",
    "One of them met one another; the two spoke.",
    "Visit http://example.com/2019/05/page-12 for more.",
    "Copyright ©1999-2018 and the 1980s.",
    "Raising 2016 elections or the 2020 candidates; money from your 401(k) or a 501(c) group.",
  ]) {
    assert.deepEqual(summary(text), [], text);
  }
});

test("a coordinated noun with its own number is its own figure; money before a rate; kitchen measures; bare four-digit counts need a qualifier", () => {
  assert.deepEqual(summary("He had 10 assists and five rebounds, and two shotguns and hundreds of rounds."),
    ["10 assists|10||assists||count|", "five rebounds|5||rebounds||count|", "two shotguns|2||shotguns||count|"]);
  assert.deepEqual(summary("The $6.99-a-month service beat a $5-billion bid."), ["$6.99|6.99||USD|USD|money|"]);
  assert.deepEqual(summary("Stir in 6 tbsp sugar and 1 teaspoon salt."), ["6 tbsp|6||tbsp||measure|", "1 teaspoon|1||tsp||measure|"]);
  assert.deepEqual(summary("About 2000 people came, and 1,500 officials and experts."),
    ["About 2000 people|2000||people||count|approx", "1,500 officials and experts|1500||officials and experts||count|"]);
});

test("optional-style figures: hyphenated durations are measures, vague plurals are not figures", () => {
  assert.deepEqual(summary("The two-day meeting drew hundreds of guests and dozens of firms."), ["two-day|2||day||measure|"]);
});

test("the figures stage gives offsets into the clean text and the sentence", () => {
  const article = emptyArticle({ id: "a", sourceFile: "a.txt", format: "text", text: "", given: {} });
  const text = "The fund opened in 2014. It now manages 3.2 billion euros for 40 clients.";
  const out = figures({ ...article, text, sentences: splitSentences(text) }, {} as StageContext);
  assert.equal(out.figures.length, 2);
  for (const f of out.figures) {
    assert.equal(text.slice(f.start, f.end), f.text);
    assert.equal(f.sentence, "It now manages 3.2 billion euros for 40 clients.");
  }
  assert.deepEqual(out.figures.map((f) => [f.value, f.currency, f.unit]), [[3.2e9, "EUR", "EUR"], [40, "", "clients"]]);
});

// ---- the sample articles against their gold (same matching rule as the scorer) ----
test("sample articles: figures F1 >= 0.95 and every money figure carries its ISO code", () => {
  const goldDir = path.join(ROOT, "test", "gold");
  let tp = 0, fp = 0, fn = 0;
  for (const file of fs.readdirSync(goldDir).filter((f) => f.endsWith(".json"))) {
    const gold = JSON.parse(fs.readFileSync(path.join(goldDir, file), "utf8"));
    if (gold.figures_unscored) continue;
    const found = findFigures(fs.readFileSync(path.join(ROOT, "corpus", `${gold.article_id}.txt`), "utf8"));
    const pool = found.map((f) => ({ f, used: false }));
    const close = (a: number, b: number) => Math.abs(a - b) <= 0.005 * Math.max(1, Math.abs(b));
    const take = (value: number) => {
      const hit = pool.find((p) => !p.used && close(p.f.value, value));
      if (hit) hit.used = true;
      return hit;
    };
    for (const g of gold.figures ?? []) if (take(g.value)) tp++; else fn++;
    for (const g of gold.figures_optional ?? []) take(g.value);
    fp += pool.filter((p) => !p.used).length;
    for (const { f } of pool) {
      if (f.kind === "money") {
        assert.match(f.currency, /^[A-Z]{3}$/, f.text);
        assert.equal(f.unit, f.currency, f.text);
      }
    }
  }
  const f1 = (2 * tp) / (2 * tp + fp + fn);
  assert.ok(f1 >= 0.95, `figures F1 ${f1.toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn})`);
});

// ---- Microsoft Recognizers-Text cases (MIT), read from the shared datasets when present ----
const RT_DIR = path.join(SHARED, "datasets", "recognizers-text-figures");
const hasRecognizers = fs.existsSync(path.join(RT_DIR, "CurrencyModel.json"));

interface RtCase {
  Input: string;
  NotSupported?: string;
  Results?: { Text: string; Start: number; End: number; Resolution?: { value?: string | null; unit?: string; subtype?: string } }[];
}
const rtCases = (model: string): RtCase[] => JSON.parse(fs.readFileSync(path.join(RT_DIR, `${model}.json`), "utf8"));
/** Cases the JavaScript port of Recognizers-Text itself supports. */
const supported = (c: RtCase) => !/javascript/.test(c.NotSupported ?? "");
const near = (a: number, b: number) => Math.abs(a - b) <= 0.005 * Math.max(1, Math.abs(b));

test("Recognizers-Text currency, dimension and percent cases: values found in context", { skip: !hasRecognizers && "recognizers-text-figures dataset absent" }, () => {
  const floors: Record<string, number> = { CurrencyModel: 0.9, DimensionModel: 0.95, PercentModel: 0.75, TemperatureModel: 0.9, AgeModel: 0.9 };
  for (const [model, floor] of Object.entries(floors)) {
    let n = 0, hit = 0;
    for (const c of rtCases(model).filter(supported)) {
      const found = findFigures(c.Input);
      for (const r of c.Results ?? []) {
        const raw = r.Resolution?.value;
        if (raw == null || raw === "null") continue;
        // Cents and pence are hundredths of the main unit here ("50 cents" -> 0.5 USD).
        const value = Number(String(raw).replace("%", "")) / (/Cent|Pence|Penny/.test(r.Resolution?.unit ?? "") ? 100 : 1);
        n++;
        if (found.some((f) => near(f.value, value))) hit++;
      }
    }
    assert.ok(n > 10 && hit / n >= floor, `${model}: ${hit}/${n} below ${floor}`);
  }
});

test("Recognizers-Text number cases: integer and decimal expressions parse to their value", { skip: !hasRecognizers && "recognizers-text-figures dataset absent" }, () => {
  let n = 0, hit = 0;
  for (const c of rtCases("NumberModel").filter(supported)) {
    for (const r of c.Results ?? []) {
      if (r.Resolution?.subtype !== "integer" && r.Resolution?.subtype !== "decimal") continue;
      const tokens = tokenize(r.Text);
      const core = readDigits(tokens, 0) ?? readWords(tokens, 0);
      n++;
      if (core && core.last === tokens.length - 1 && near(core.value, Number(r.Resolution.value))) hit++;
    }
  }
  // Unsupported on purpose: spoken decimals ("point five"), space-grouped digits, letter scales outside money ("10k", "10G").
  assert.ok(n > 50 && hit / n >= 0.6, `NumberModel: ${hit}/${n}`);
});

test("Recognizers-Text ordinal cases are never figures", { skip: !hasRecognizers && "recognizers-text-figures dataset absent" }, () => {
  for (const c of rtCases("OrdinalModel")) {
    const found = findFigures(c.Input);
    for (const r of c.Results ?? []) {
      const overlapping = found.find((f) => f.start <= r.End && f.end > r.Start);
      assert.equal(overlapping, undefined, `${c.Input} -> ${overlapping?.text}`);
    }
  }
});

// ---- robustness ----
function checkInvariants(text: string, found: FoundFigure[]): void {
  let previousEnd = 0;
  for (const f of found) {
    assert.ok(f.start >= previousEnd && f.start < f.end && f.end <= text.length, `span ${f.start}-${f.end}`);
    assert.equal(f.text, text.slice(f.start, f.end));
    assert.ok(Number.isFinite(f.value));
    previousEnd = f.end;
  }
}

test("property: never throws; spans are ordered, inside the text and equal to its slice", () => {
  const piece = fc.oneof(
    fc.constantFrom("1", "12", "1,000", "3.5", "0", "2014", "-", "–", ",", ".", ":", "/", "%", "$", "US", "HK$", "€", "¥", "₹", " ", "\n",
      "million", "bn", "m", "k", "km", "GB", "one", "twenty", "hundred", "and", "to", "more than", "about", "nearly", "Nov.", "th", "G",
      "people", "yuan", "dollars", "pounds", "percent", "day", "year-old", "(", ")", "#", "+", "No.", "the", "a", "Comment(s)", "http://x.y/1"),
    fc.string({ maxLength: 4 }),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
      const text = pieces.join("");
      checkInvariants(text, findFigures(text));
    }),
    { numRuns: 2000 },
  );
});

test("linear time on hostile input", () => {
  const time = (texts: string[]) => {
    const t0 = performance.now();
    for (const t of texts) checkInvariants(t, findFigures(t));
    return performance.now() - t0;
  };
  // 100,000 digits grouped with commas: one token, no figure (too many digits to be a quantity).
  const digits = "1" + ",000".repeat(33_333);
  assert.ok(time([digits]) < 2000);
  assert.deepEqual(findFigures(digits), []);
  const hostile = (n: number) => [
    "1" + ",000".repeat(n), "1".repeat(n), "1-".repeat(n), "one ".repeat(n), "twenty-".repeat(n), "$".repeat(n),
    "more than ".repeat(n), "5 ".repeat(n), "1.".repeat(n), "a million ".repeat(n), "Nov. 5, ".repeat(n), "(".repeat(n) + "3%",
  ];
  time(hostile(2_000)); // warm up
  const small = time(hostile(10_000));
  const large = time(hostile(40_000));
  assert.ok(large < small * 10 + 100, `4x input took ${(large / small).toFixed(1)}x the time (${small.toFixed(0)} -> ${large.toFixed(0)} ms)`);
});
