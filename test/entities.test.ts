// The entities stage: rules one at a time on news-shaped sentences, a
// property test (never throws, offsets always point at the surface), and the
// people / companies / countries floors on the sample corpus and, when the
// shared data is present, on the 24 GUM Wikinews articles.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import fc from "fast-check";
import { splitSentences } from "../src/nlp/sentences.ts";
import { normaliseText } from "../src/nlp/normalise.ts";
import { emptyArticle, STAGES } from "../src/pipeline.ts";
import { findMentions } from "../src/stages/entities.ts";
import type { Article, Mention, StageContext } from "../src/types.ts";
import { ROOT, SHARED } from "./helpers.ts";

const mentions = (text: string) => findMentions(text, splitSentences(text));
const names = (ms: Mention[], type: Mention["type"]) => [...new Set(ms.filter((m) => m.type === type).map((m) => m.name))];
const at = (ms: Mention[], surface: string) => ms.filter((m) => m.surface === surface);

describe("entities: people", () => {
  it("strips demonyms, titles and roles, and keeps the demonym as a country mention", () => {
    const ms = mentions("Indonesian Vice-Premier Budi Santoso opened the fair, and the founder of Nordwind Lab Anton Berger spoke after him.");
    assert.deepEqual(names(ms, "person"), ["Budi Santoso", "Anton Berger"]);
    assert.deepEqual(names(ms, "company"), ["Nordwind Lab"]);
    const demonym = at(ms, "Indonesian")[0];
    assert.equal(demonym.type, "country");
    assert.equal(demonym.name, "Indonesia");
    assert.equal(demonym.code, "ID");
  });

  it("does not take products, teams, days, laws, buildings or a title's domain for people", () => {
    const ms = mentions("Fans bought Apple CarPlay kits and Powerbeats3 Wireless Earphones on Black Friday, then saw the Cleveland Browns " +
      "near Heinz Field. He went to Walter Reed hospital. The Logan Act and the Philip K. Dick Award were cited. " +
      "The United Nations High Commissioner for Human Rights spoke, and Mourinho won three Premier League titles.");
    assert.deepEqual(names(ms, "person"), []);
  });

  it("a product's model or edition word ends no person's name; a given name before a surname-like head still does", () => {
    const ms = mentions("Reviewers tried the MacBook Pro, the Stadia Pro tier and the Mavic Mini drone before the World Series, " +
      "and Doris Day sang.");
    assert.deepEqual(names(ms, "person"), ["Doris Day"]);
  });

  it("drops descriptors, position letters and compound adjectives before a name", () => {
    const ms = mentions("Defenseman Jonas Brodin scored.\nS Sheldrick Redwine 33 45% 1 tackle.\nSacramento-based Lorna Kell spoke, " +
      "and LOS ANGELES (AP) — To LeBron James, wins matter. Vice President Pence and Kim Jong-un met Chris RuiWen Kuo.");
    assert.deepEqual(names(ms, "person"), ["Jonas Brodin", "Sheldrick Redwine", "Lorna Kell", "LeBron James", "Pence", "Kim Jong-un", "Chris RuiWen Kuo"]);
  });

  it("reads Chinese-order names, hyphens, accents and middle initials", () => {
    const ms = mentions("Premier Li Qiang met Kim Jong-un, Hélène Dufresne and Jomo K. Mwangi on Monday.");
    assert.deepEqual(names(ms, "person"), ["Li Qiang", "Kim Jong-un", "Hélène Dufresne", "Jomo K. Mwangi"]);
  });

  it("a one-syllable given name that is also a function word ends a Chinese-order name ('Liu He'); after other names it does not", () => {
    const ms = mentions("Chinese Vice Premier Liu He said talks went well. A photo of Regina Ip In the hall was shown.");
    assert.deepEqual(names(ms, "person"), ["Liu He", "Regina Ip"]);
  });

  it("resolves a lone surname to the nearest preceding full name that fits", () => {
    const text = "Vice-Premier Ma Kai spoke first. Ma added that roads come first. " +
      "Later, Jack Ma took the stage. Ma said trade would grow.";
    const ms = mentions(text).filter((m) => m.surface === "Ma");
    assert.deepEqual(ms.map((m) => m.name), ["Ma Kai", "Jack Ma"]);
    for (const m of ms) assert.equal(text.slice(m.start, m.end), "Ma");
  });

  it("resolves a lone middle name and a surname after an honorific", () => {
    const ms = mentions("President Luiz Carlos Lula da Costa arrived. Lula said Mr. Hartley was late.");
    assert.deepEqual(ms.filter((m) => m.type === "person").map((m) => `${m.surface}=${m.name}`),
      ["Luiz Carlos Lula da Costa=Luiz Carlos Lula da Costa", "Lula=Luiz Carlos Lula da Costa", "Hartley=Hartley"]);
  });

  it("counts every bare mention of a name first given with a title, before a verb, after a dash or possessive", () => {
    const text = "Grant won Ohio. Then Senator Halvorsen spoke. “We won,” Halvorsen said.\n\nHalvorsen thought so. " +
      "Voters handed Halvorsen a win — Halvorsen’s plan worked, and the Halvorsen campaign grew.";
    const ms = mentions(text).filter((m) => m.type === "person");
    assert.deepEqual(ms.map((m) => `${text.slice(m.start, m.end)}=${m.name}`), Array(6).fill("Halvorsen=Halvorsen"));
  });

  it("counts a sentence-initial surname that is an everyday word only for a person named in full", () => {
    const text = "Dana Pockets founded the club in Leeds.\n\nPockets would leave early, she said. Wells ran dry.";
    const ms = mentions(text).filter((m) => m.type === "person");
    assert.deepEqual(ms.map((m) => `${m.surface}=${m.name}`), ["Dana Pockets=Dana Pockets", "Pockets=Dana Pockets"]);
  });

  it("reads a sentence-initial Chinese surname that is an English word as a name only before a Pinyin given name", () => {
    const ms = mentions("Talks stalled. He Xuefang, a former trade official, said so. He Said She Said opened. He Went Home. He told us.");
    assert.deepEqual(names(ms, "person"), ["He Xuefang"]);
  });

  it("names an all-caps byline in title case", () => {
    assert.deepEqual(names(mentions("By AMINA YUSUF\nThe talks ended on Friday."), "person"), ["Amina Yusuf"]);
  });

  it("does not take a title alone, a place or a work's name for a person", () => {
    const ms = mentions("The President arrived in North Carolina to watch Star Wars at the Red Cross hall.");
    assert.deepEqual(names(ms, "person"), []);
    assert.deepEqual(names(ms, "place"), ["North Carolina"]);
  });
});

describe("entities: companies and organisations", () => {
  it("gives a company one canonical name whatever legal form is written", () => {
    const text = "Shares of Zentrix Group Holding Ltd rose. Zentrix Group said profits doubled, and the Zentrix chairman was pleased.";
    const ms = mentions(text);
    assert.deepEqual(names(ms, "company"), ["Zentrix"]);
    assert.deepEqual(ms.filter((m) => m.type === "company").map((m) => m.surface), ["Zentrix Group Holding Ltd", "Zentrix Group", "Zentrix"]);
  });

  it("splits the employer from the person after a business title", () => {
    const ms = mentions("Chairman and CEO of Weilong Zhao Minghui and Senior Vice President of KPX Anna Lindqvist attended.");
    assert.deepEqual(names(ms, "company"), ["Weilong", "KPX"]);
    assert.deepEqual(names(ms, "person"), ["Zhao Minghui", "Anna Lindqvist"]);
  });

  it("types a lone word before a business role, and words coordinated with a company, as companies", () => {
    const ms = mentions("Shares fell after Apple CEO Tim Cook spoke. Zorvex, Microsoft and Quantil all had stands.");
    assert.deepEqual(names(ms, "company"), ["Apple", "Zorvex", "Microsoft", "Quantil"]);
    assert.deepEqual(names(ms, "person"), ["Tim Cook"]);
  });

  it("types names listed after a company noun as companies", () => {
    const ms = mentions("Tech giants including Apple, Amazon and Google joined.");
    assert.deepEqual(names(ms, "company"), ["Apple", "Amazon", "Google"]);
  });

  it("keeps organisations and places apart from companies", () => {
    const ms = mentions("The Cyberspace Administration of China and the World Economic Forum met in Brussels and in Zhejiang Province.");
    assert.deepEqual(names(ms, "organization"), ["Cyberspace Administration of China", "World Economic Forum"]);
    assert.deepEqual(names(ms, "place"), ["Brussels", "Zhejiang Province"]);
    assert.deepEqual(names(ms, "company"), []);
  });

  it("reads companies from business context: roles, employers, appositives, lists and tickers", () => {
    const ms = mentions("Wexley Fargill analyst Dana Whitcombe said shares of construction goods giant Home Depot fell, " +
      "said Matt Orlov, equity strategist at Kessler Brandt. Flexlane, a freight forwarding startup based in Ohio, grew. " +
      "The team includes Boeing, Lockheed Martin, and Northwood Grumby. Northwood Grumby also sued. Acme Widgets (NYSE: ACW) rose.");
    assert.deepEqual(names(ms, "company"), ["Wexley Fargill", "Home Depot", "Kessler Brandt", "Flexlane", "Boeing", "Lockheed", "Northwood Grumby", "Acme Widgets"]);
    assert.deepEqual(names(ms, "person"), ["Dana Whitcombe", "Matt Orlov"]);
  });

  it("types an acronym before a company role as a company, not one before a spokesman or employees", () => {
    const ms = mentions("An LG analyst and HP chief executive Enrique Lores spoke; the FBI spokesman and KSC employees listened.");
    assert.deepEqual(names(ms, "company"), ["LG", "HP"]);
    assert.deepEqual(names(ms, "organization"), ["FBI", "KSC"]);
  });

  it("does not join two companies over \"and\", nor read an appositive about a person as a company", () => {
    const ms = mentions("Gannett and GateHouse Media merged. Jane Dorsey, a bank teller, and Omar Reyes, a startup founder, spoke.");
    assert.deepEqual(names(ms, "company"), ["Gannett", "GateHouse Media"]);
    assert.deepEqual(names(ms, "person"), ["Jane Dorsey", "Omar Reyes"]);
  });

  it("types names headed by Productions, Pictures or Records as companies", () => {
    const ms = mentions("Tilda Ward Productions and Orlov Pictures signed a deal with Quenby Records.");
    assert.deepEqual(names(ms, "company"), ["Tilda Ward Productions", "Orlov Pictures", "Quenby Records"]);
    assert.deepEqual(names(ms, "person"), []);
  });

  it("does not read a name in apposition to a company (comma only) as a listed company", () => {
    const ms = mentions("The firm that runs the Zarlies, Tilda Ward Productions, denied it. Zarlies fans were angry.");
    assert.deepEqual(names(ms, "company"), ["Tilda Ward Productions"]);
  });

  it("reads the words of a company's name before its heads, written alone, as that company", () => {
    const ms = mentions("Critics said they do not run Quill Stone. Ada Fenn signed with Quill Stone Label Group in 2005. " +
      "Quill Stone denied it, and Quill Stone Records agreed. The Quill Stone Party met.");
    assert.deepEqual(ms.filter((m) => m.type === "company").map((m) => `${m.surface}=${m.name}`), [
      "Quill Stone=Quill Stone Label Group", "Quill Stone Label Group=Quill Stone Label Group",
      "Quill Stone=Quill Stone Label Group", "Quill Stone Records=Quill Stone Records",
    ]);
  });

  it("resolves an acronym defined in brackets to the name it spells, there and later", () => {
    const ms = mentions("Officers of U.S. Customs and Border Protection (CBP) met the Nordwind Holding Corporation (NHC) board. " +
      "CBP said NHC had complied. The Central Mining Bureau (CMB) agreed.");
    const pairs = ms.filter((m) => m.type !== "country").map((m) => `${m.surface}=${m.name}:${m.type}`);
    assert.deepEqual(pairs, [
      "Customs and Border Protection=Customs and Border Protection:organization", "CBP=Customs and Border Protection:organization",
      "Nordwind Holding Corporation=Nordwind:company", "NHC=Nordwind:company",
      "CBP=Customs and Border Protection:organization", "NHC=Nordwind:company",
      "Central Mining Bureau=Central Mining Bureau:organization", "CMB=Central Mining Bureau:organization",
    ]);
  });

  it("keeps a person and the company named after him, each typed right", () => {
    const ms = mentions("Eugene Kaspersky founded Kaspersky Lab in Moscow.");
    assert.deepEqual(names(ms, "person"), ["Eugene Kaspersky"]);
    assert.deepEqual(names(ms, "company"), ["Kaspersky Lab"]);
  });
});

describe("entities: countries", () => {
  it("maps names, abbreviations and demonyms to the common short name and ISO code", () => {
    const ms = mentions("The UK, the U.S. and the Republic of Korea signed; Afghan and Tanzanian envoys watched.");
    const countries = ms.filter((m) => m.type === "country").map((m) => `${m.surface}=${m.name}/${m.code}`);
    assert.deepEqual(countries, ["UK=United Kingdom/GB", "U.S.=United States/US", "Republic of Korea=South Korea/KR", "Afghan=Afghanistan/AF", "Tanzanian=Tanzania/TZ"]);
  });

  it("does not read regions or countries inside other names as countries", () => {
    const ms = mentions("Investors in Latin America and Southeast Asia flew to Mexico City, Inner Mongolia and Northern Ireland. " +
      "Enter South Dakota. Emirates Airline flew; Emirates said so.");
    assert.deepEqual(names(ms, "country"), []);
    assert.deepEqual(names(ms, "place"), ["Mexico City", "Inner Mongolia", "Northern Ireland", "South Dakota"]);
  });
});

describe("entities: any input", () => {
  it("never throws and every mention's offsets point at its surface", () => {
    const words = fc.constantFrom("China", "Chinese", "Ma", "Kai", "said", "Group", "Ltd", "of", "the", "CEO", "M.", "U.S.", "Al-Obibi", "Forum", "and", ",", ".", "\n", "'s", "“", "Jack", "President", "é", "5G",
      "Inner", "Northern", "WeWork", "analyst", "at", "a", "startup", "giant", "Sacramento-based", "S", "The", "Browns", "(", "NYSE", ":");
    fc.assert(fc.property(fc.array(words, { maxLength: 60 }), fc.string({ maxLength: 40 }), (ws, noise) => {
      const text = ws.join(" ") + noise;
      for (const m of mentions(text)) {
        assert.equal(text.slice(m.start, m.end), m.surface);
        assert.ok(m.name.length > 0);
        assert.equal(m.code !== "", m.type === "country");
      }
    }), { numRuns: 300 });
  });

  it("stays linear on long runs of names, lone words and appositives", () => {
    const time = (n: number) => {
      const text = "Zorb WeWork ".repeat(n) + ". " + "Jane Quux, a startup and Quux. ".repeat(n) + "giant Home Depot ".repeat(n);
      const t0 = performance.now();
      mentions(text);
      return performance.now() - t0;
    };
    time(500);
    assert.ok(time(8000) < 10_000);
  });
});

// ---- corpus floors, scored like ../shared/eval/score.mjs (names per article, aliases, optional absorbs) ----
const norm = (s: string) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[’‘`]/g, "'")
  .replace(/'s\b/g, "s").replace(/[^a-z0-9]+/g, " ").trim();
type GoldList = Array<string | string[]>;
interface Counts { tp: number; fp: number; fn: number }

function score(c: Counts, predicted: string[], gold: GoldList = [], optional: GoldList = []): void {
  const g = gold.map((e) => (Array.isArray(e) ? e : [e]).map(norm));
  const o = optional.map((e) => (Array.isArray(e) ? e : [e]).map(norm));
  const hit = new Set<number>();
  for (const n of new Set(predicted.map(norm))) {
    const gi = g.findIndex((a) => a.includes(n));
    if (gi >= 0) { if (hit.has(gi)) c.fp++; else { hit.add(gi); c.tp++; } continue; }
    if (!o.some((a) => a.includes(n))) c.fp++;
  }
  c.fn += g.length - hit.size;
}
const f1 = (c: Counts) => (2 * c.tp) / (2 * c.tp + c.fp + c.fn);

function analyseUpToEntities(file: string): Article {
  const doc = { id: path.basename(file, ".txt"), sourceFile: file, format: "text" as const, text: normaliseText(fs.readFileSync(file, "utf8")), given: {} };
  let a = emptyArticle(doc);
  for (const [name, stage] of STAGES) {
    a = stage(a, {} as StageContext);
    if (name === "entities") break;
  }
  return a;
}

function corpusF1(corpusDir: string, goldDir: string) {
  const c = { people: { tp: 0, fp: 0, fn: 0 }, companies: { tp: 0, fp: 0, fn: 0 }, countries: { tp: 0, fp: 0, fn: 0 } };
  for (const f of fs.readdirSync(goldDir).filter((x) => x.endsWith(".json"))) {
    const gold = JSON.parse(fs.readFileSync(path.join(goldDir, f), "utf8"));
    const ms = analyseUpToEntities(path.join(corpusDir, `${gold.article_id}.txt`)).mentions;
    score(c.people, names(ms, "person"), gold.people, gold.people_optional);
    score(c.companies, names(ms, "company"), gold.companies, gold.companies_optional);
    score(c.countries, names(ms, "country"), gold.countries, gold.countries_optional);
  }
  return { people: f1(c.people), companies: f1(c.companies), countries: f1(c.countries) };
}

describe("entities: corpus floors", () => {
  it("reaches F1 >= 0.95 for people, companies and countries on the sample corpus", () => {
    const r = corpusF1(path.join(ROOT, "corpus"), path.join(ROOT, "test", "gold"));
    for (const [k, v] of Object.entries(r)) assert.ok(v >= 0.95, `${k} F1 ${v.toFixed(3)}`);
  });

  const gum = path.join(SHARED, "datasets", "gum-news");
  it("reaches F1 >= 0.85 for people and countries on the GUM Wikinews articles", { skip: !fs.existsSync(path.join(gum, "gold")) && "shared GUM data set not present" }, () => {
    const r = corpusF1(path.join(gum, "corpus"), path.join(gum, "gold"));
    assert.ok(r.people >= 0.85, `people F1 ${r.people.toFixed(3)}`);
    assert.ok(r.countries >= 0.85, `countries F1 ${r.countries.toFixed(3)}`);
  });
});
