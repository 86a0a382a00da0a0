import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { loadTaxonomy, matchThemes, validateTaxonomy, foldInflection, type ThemeTaxonomy } from "../src/stages/themes.ts";
import { splitSentences } from "../src/nlp/sentences.ts";
import { ThemeAggregator, periodOf } from "../src/output/theme-periods.ts";
import { KeyphraseAggregator, candidatePhrases } from "../src/output/keyphrases.ts";
import { evaluate } from "../src/eval/score.ts";
import type { ThemeMatch } from "../src/types.ts";
import { addPhrases, addThemes, ROOT, runCli, tempDir, themedArticle } from "./helpers.ts";

const taxonomy = loadTaxonomy();
const match = (text: string, t: ThemeTaxonomy = taxonomy) => matchThemes(text, splitSentences(text), t);
const themesOf = (text: string, t?: ThemeTaxonomy) => [...new Set(match(text, t).map((m) => m.theme))].sort();

const CONTRACT_IDS = ["cybersecurity", "governance", "sovereignty", "cooperation", "shared-future", "ecommerce", "digital-economy", "ai", "big-data", "cloud", "5g", "iot", "mobile-internet", "infrastructure", "innovation", "privacy", "cybercrime", "digital-divide", "fintech"];

test("the default taxonomy has exactly the contract's theme ids, each with a label", () => {
  assert.deepEqual(taxonomy.themes.map((t) => t.id).sort(), [...CONTRACT_IDS].sort());
  for (const t of taxonomy.themes) assert.ok(t.label.length > 0, t.id);
});

test("inflected, hyphenated and spaced forms match; offsets point at the words", () => {
  const text = "Banks faced cyber-attacks last year. Cybersecurity firms and cyber security experts met hackers.";
  const found = match(text);
  for (const m of found) assert.equal(text.slice(m.start, m.end), m.surface);
  assert.deepEqual(
    found.map((m) => [m.theme, m.surface]),
    [
      ["cybercrime", "cyber-attacks"],
      ["cybersecurity", "Cybersecurity"],
      ["cybersecurity", "cyber security"],
      ["cybercrime", "hackers"],
    ],
  );
});

test("overlapping phrases of one theme count once, the longest wins", () => {
  const t = validateTaxonomy({ themes: [{ id: "sec", label: "Security", phrases: ["security", "cyberspace security", "cyberspace"] }] }, "inline");
  const found = match("They called for cyberspace security and security at home.", t);
  assert.deepEqual(found.map((m) => m.surface), ["cyberspace security", "security"]);
});

test("different themes may share words: each theme counts its own match", () => {
  const found = match("Mobile payments are spreading.");
  assert.deepEqual(found.map((m) => [m.theme, m.surface]), [["fintech", "Mobile payments"], ["mobile-internet", "Mobile payments"]]);
});

test("ambiguous words count only next to a digital context word in the same sentence", () => {
  assert.deepEqual(themesOf("Street crime rose in the city. The mayor spoke about governance."), []);
  assert.deepEqual(themesOf("The Internet must not become a hotbed of crime."), ["cybercrime"]);
  assert.deepEqual(themesOf("Internet governance was debated."), ["governance"]);
  // A theme may bring its own context words: cooperation counts on the international scene only.
  assert.deepEqual(themesOf("The suspect cooperated with the police. Citing privacy rules, officials said no more."), []);
  assert.deepEqual(themesOf("The two countries agreed to cooperate. Online privacy worries users."), ["cooperation", "privacy"]);
});

test("derived words are not conflated: government is not governance; capitalised phrases keep their case", () => {
  assert.deepEqual(themesOf("The government of the online shop met officials."), ["ecommerce"]);
  assert.deepEqual(themesOf("Ai Weiwei opened a show."), []);
  assert.deepEqual(themesOf("AI and IoT were on the agenda, with 5G networks."), ["5g", "ai", "iot"]);
});

test("inflection folding keeps acronyms and -ss/-us/-is words", () => {
  assert.deepEqual(["hackers", "cities", "China's", "businesses", "GPS", "crisis", "status", "data"].map(foldInflection), ["hacker", "city", "China", "business", "GPS", "crisis", "status", "data"]);
  // -es after x, ch, sh, ss; short words only lose the s.
  assert.deepEqual(["boxes", "churches", "wishes", "taxes", "axes", "ties", "gases", "policies", "news’s"].map(foldInflection), ["box", "church", "wish", "tax", "axe", "tie", "gase", "policy", "news"]);
});

test("matching never throws, surfaces equal their offsets, one theme's matches never overlap", () => {
  const pieces = fc.constantFrom("cyber", "security", "-", " ", "big data", "Internet", "crime", ". ", "\n", "AI", "e-commerce", "é", "’s", "5G", "of things", "internet");
  fc.assert(
    fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 40 }), (parts) => {
      const text = parts.join("");
      const found: ThemeMatch[] = match(text);
      const lastEnd = new Map<string, number>();
      for (const m of found) {
        assert.equal(text.slice(m.start, m.end), m.surface);
        assert.ok((lastEnd.get(m.theme) ?? -1) <= m.start, `${m.theme} overlaps`);
        lastEnd.set(m.theme, m.end);
      }
    }),
  );
});

test("min_mentions drops themes an article mentions too rarely", () => {
  const t = validateTaxonomy({ min_mentions: 2, themes: [{ id: "cloud", label: "Cloud", phrases: ["cloud computing"] }, { id: "ai", label: "AI", phrases: ["AI"] }] }, "inline");
  assert.deepEqual(themesOf("Cloud computing grew. AI too. Cloud computing again.", t), ["cloud"]);
});

test("a bad taxonomy file is rejected with the file and the bad entry named", () => {
  const dir = tempDir();
  const write = (name: string, body: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, body);
    return p;
  };
  const noLabel = write("a.yaml", "themes:\n  - id: ok\n    label: OK\n    phrases: [x]\n  - id: broken\n    phrases: [y]\n");
  assert.throws(() => loadTaxonomy(noLabel), (e: Error) => e.message.includes(noLabel) && e.message.includes('themes[1] (id "broken").label'));
  const dup = write("b.json", JSON.stringify({ themes: [{ id: "a", label: "A", phrases: ["x"] }, { id: "a", label: "B", phrases: ["y"] }] }));
  assert.throws(() => loadTaxonomy(dup), /b\.json: themes\[1\] \(id "a"\): duplicate id/);
  const typo = write("c.yaml", "themes:\n  - id: a\n    label: A\n    phrase: [x]\n");
  assert.throws(() => loadTaxonomy(typo), /c\.yaml: themes\[0\] \(id "a"\).*phrase/);
  assert.throws(() => loadTaxonomy(write("d.json", "{ themes: ")), /d\.json: not valid JSON/);
  assert.throws(() => loadTaxonomy(path.join(dir, "missing.yaml")), /missing\.yaml: cannot read it \(ENOENT\)/);
  assert.throws(() => loadTaxonomy(write("e.yaml", "themes:\n  - id: a\n    label: A\n    phrases: ['--']\n")), /phrase "--" has no words/);
});

test("periods: year, quarter and month labels; undated articles go to 'unknown'", () => {
  assert.equal(periodOf("2015-12-19", "year"), "2015");
  assert.equal(periodOf("2015-12-19", "quarter"), "2015-Q4");
  assert.equal(periodOf("2015-02", "month"), "2015-02");
  assert.equal(periodOf("2014", "month"), "2014");
  assert.equal(periodOf("", "year"), "unknown");
});

const article = themedArticle;

test("themes.csv rows: per-period articles, mentions, words, per 10k words and share of articles", () => {
  const agg = new ThemeAggregator(taxonomy, "year");
  addThemes(agg, article("a", "2016-03-01", "Big data and big data again, and cloud computing."));
  addThemes(agg, article("b", "2016-07-01", "Nothing relevant here at all today."));
  addThemes(agg, article("c", "", "Big data."));
  const rows = [...agg.rows()];
  assert.equal(rows.length, 2 * taxonomy.themes.length, "every theme in every period, zeros included");
  const bigData2016 = rows.find((r) => r.period === "2016" && r.theme === "big-data")!;
  assert.deepEqual(
    { articles: bigData2016.articles, mentions: bigData2016.mentions, words: bigData2016.words, per: bigData2016.per_10k_words, share: bigData2016.share_of_articles },
    { articles: 1, mentions: 2, words: 15, per: 1333.3333, share: 0.5 },
  );
  assert.equal(rows.at(-1)!.period, "unknown");
  assert.equal(rows.find((r) => r.period === "unknown" && r.theme === "big-data")!.mentions, 1);
});

test("keyphrase candidates are stop-word-free runs of 2-4 words that never cross punctuation", () => {
  assert.deepEqual(candidatePhrases("The World Internet Conference opened in Wuzhen, and cross-border e-commerce boomed. Big data centres").map((c) => c.phrase), [
    "world internet conference",
    "cross border",
    "big data centres",
  ]);
});

test("keyphrases rank what is distinctive for a period; memory stays bounded", () => {
  const agg = new KeyphraseAggregator({ period: "year", top: 3 });
  // "internet users" is more frequent in each period, but common to both: not distinctive.
  addPhrases(agg, article("a", "2014-01-01", "Cloud storage is cheap. Cloud storage grows. Internet users rise. Internet users shop. Internet users rise."));
  addPhrases(agg, article("b", "2015-01-01", "Quantum computing arrives. Quantum computing is here. Internet users rise. Internet users shop. Internet users rise."));
  const rows = [...agg.rows()];
  assert.deepEqual(rows.filter((r) => r.rank === 1).map((r) => [r.period, r.phrase]), [["2014", "cloud storage"], ["2015", "quantum computing"]]);

  const small = new KeyphraseAggregator({ period: "year", capacity: 100 });
  const words = Array.from({ length: 400 }, (_, i) => `alpha${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))} beta`);
  for (let i = 0; i < 20; i++) addPhrases(small, article(`x${i}`, "2020", `${words.join(". ")}. Steady phrase. Steady phrase.`));
  const top = [...small.rows()];
  assert.ok(small.held <= 100, `${small.held} phrases held`);
  assert.ok(top.length <= 20);
  assert.equal(top[0].phrase, "steady phrase");
  assert.equal(top[0].mentions, 40);

  // The top of a long list is the head of the full ranking: score first, then phrase.
  const all = new KeyphraseAggregator({ period: "year", top: 1000 });
  const few = new KeyphraseAggregator({ period: "year", top: 5 });
  for (const [i, w] of words.slice(0, 60).entries()) {
    const text = `${w}. ${words[(i * 7) % 60]}. Steady phrase. ${i % 3 ? "Cloud storage." : ""}`;
    addPhrases(all, article(`y${i}`, "2021", text));
    addPhrases(few, article(`y${i}`, "2021", text));
  }
  const ranked = [...all.rows()];
  assert.ok(ranked.length > 20);
  assert.deepEqual([...few.rows()], ranked.slice(0, 5));
  for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i - 1].score > ranked[i].score || (ranked[i - 1].score === ranked[i].score && ranked[i - 1].phrase < ranked[i].phrase), `${ranked[i - 1].phrase} before ${ranked[i].phrase}`);

  // Many periods share one memory budget.
  const monthly = new KeyphraseAggregator({ period: "month", budget: 300 });
  for (let m = 1; m <= 12; m++) addPhrases(monthly, article(`m${m}`, `2020-${String(m).padStart(2, "0")}`, `${words.slice(0, 100).join(". ")}. Steady phrase. Steady phrase.`));
  assert.ok(monthly.held <= 300, `${monthly.held} phrases held`);
  const kept = [...monthly.rows()];
  assert.equal(kept.filter((r) => r.phrase === "steady phrase").length, 12, "frequent phrases survive pruning in every period");
});

test("on the bundled samples, themes F1 >= 0.90 and --themes replaces the taxonomy", () => {
  const out = path.join(tempDir(), "out");
  const r = runCli(["extract", "--input", "corpus", "--output", out, "--quiet"]);
  assert.equal(r.status, 0, r.stderr);
  return evaluate(path.join(ROOT, "test", "gold"), out).then((report) => {
    assert.ok((report.metrics.themes_f1 ?? 0) >= 0.9, `themes F1 ${report.metrics.themes_f1}`);

    const custom = path.join(tempDir(), "mine.json");
    fs.writeFileSync(custom, JSON.stringify({ themes: [{ id: "summits", label: "Summits", phrases: ["conference", "summit"] }] }));
    const out2 = path.join(tempDir(), "out");
    const r2 = runCli(["extract", "--input", "corpus", "--output", out2, "--quiet", "--themes", custom]);
    assert.equal(r2.status, 0, r2.stderr);
    const rows = parse(fs.readFileSync(path.join(out2, "article_themes.csv"), "utf8"), { columns: true }) as Array<{ theme: string }>;
    assert.ok(rows.length >= 5);
    assert.deepEqual([...new Set(rows.map((x) => x.theme))], ["summits"]);
  });
});
