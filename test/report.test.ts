// report.html: rendered in headless Chromium (Debian's `chromium` package) to
// check the chart and that the page asks the network for nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "csv-parse/sync";
import { loadTaxonomy } from "../src/stages/themes.ts";
import { ThemeAggregator } from "../src/output/theme-periods.ts";
import { KeyphraseAggregator } from "../src/output/keyphrases.ts";
import { ReportAggregator, reportInput } from "../src/report/aggregate.ts";
import { renderReport, themeSeries } from "../src/report/html.ts";
import { addPhrases, addThemes, ROOT, runCli, tempDir, themedArticle } from "./helpers.ts";

/** Debian's chromium package; CHROMIUM_PATH points elsewhere (and lets one check the skip path). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const noChromium = fs.existsSync(CHROMIUM) ? false : "chromium not installed";
const taxonomy = loadTaxonomy();

const article = themedArticle;

/** Three dated years and one undated article; big data, cloud, AI and 5G appear. */
function syntheticReport(): { html: string; themes: string[] } {
  const themes = new ThemeAggregator(taxonomy, "year");
  const keyphrases = new KeyphraseAggregator({ period: "year" });
  const agg = new ReportAggregator();
  const articles = [
    article("a", "2016-05-01", "Big data firms grew. Cloud computing spread across the region."),
    article("b", "2017-05-01", "Big data and artificial intelligence led the show."),
    article("c", "2018-05-01", "5G networks and AI labs opened; cloud computing costs fell.", {
      quotes: [{ type: "direct", speaker: "Ada <Lovelace>", speakerType: "person", cue: "said", text: "We build <b>engines</b>", start: 0, end: 5 }],
      figures: [{ kind: "money", value: 5e9, valueHigh: null, unit: "USD", currency: "USD", qualifier: "", text: "$5 billion", sentence: "It cost $5 billion.", start: 0, end: 3 }],
    }),
    article("d", "", "Privacy rules were discussed."),
  ];
  for (const a of articles) {
    addThemes(themes, a);
    addPhrases(keyphrases, a);
    agg.add(reportInput(a));
  }
  const html = renderReport({
    period: "year",
    themeRows: [...themes.rows()],
    keyphrases: [...keyphrases.rows()],
    entities: new Map([
      ["p", { name: "Ada <Lovelace>", type: "person" as const, articles: 1, mentions: 2 }],
      ["c", { name: "Acme Analytics", type: "company" as const, articles: 1, mentions: 1 }],
    ]).values(),
    aggregate: agg,
    counts: { articles: 4, errors: 0, seconds: 1.23 },
  });
  return { html, themes: ["big-data", "cloud", "ai", "5g"] };
}

test("the report is self-contained: no external URL, no script, markup in data is escaped", () => {
  const { html } = syntheticReport();
  assert.doesNotMatch(html.replace('xmlns="http://www.w3.org/2000/svg"', ""), /https?:|<script|<link|<img|@import/i);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.match(html, /Ada &lt;Lovelace&gt;/);
  assert.match(html, /Top companies<\/h2>\n<table>.*Acme Analytics/s, "entities given as an iterator serve every table");
  assert.match(html, /We build &lt;b&gt;engines&lt;\/b&gt;/);
  assert.doesNotMatch(html, /1\.23/, "clock times stay out, so two runs write the same file");
});

test("chart series: one per theme mentioned in a dated period; the undated period is not on the time axis", () => {
  const themes = new ThemeAggregator(taxonomy, "year");
  addThemes(themes, article("a", "2016", "Big data. Big data."));
  addThemes(themes, article("b", "", "Privacy matters online."));
  const { periods, series } = themeSeries([...themes.rows()]);
  assert.deepEqual(periods, ["2016"]);
  assert.deepEqual(series.map((s) => [s.id, s.values]), [["big-data", [5000]]]);
});

async function withPage<T>(file: string, fn: (page: import("playwright-core").Page, requests: string[]) => Promise<T>): Promise<T> {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const url = pathToFileURL(file).href;
    const requests: string[] = [];
    page.on("request", (r) => {
      if (r.url() !== url) requests.push(r.url());
    });
    await page.goto(url, { waitUntil: "load" });
    return await fn(page, requests);
  } finally {
    await browser.close();
  }
}

test("report.html in Chromium: one line per theme present, a legend entry each, no network request", { skip: noChromium }, async () => {
  const { html, themes } = syntheticReport();
  const file = path.join(tempDir(), "report.html");
  fs.writeFileSync(file, html);
  await withPage(file, async (page, requests) => {
    const lines = await page.$$eval("svg.chart path.theme-line", (els) => els.map((e) => ({ theme: e.getAttribute("data-theme"), d: e.getAttribute("d") ?? "", width: e.getBoundingClientRect().width })));
    assert.deepEqual(lines.map((l) => l.theme).sort(), [...themes].sort());
    for (const l of lines.filter((x) => ["big-data", "cloud", "ai"].includes(x.theme!))) assert.ok(l.width > 0, `${l.theme} line is drawn`);
    const legend = await page.$$eval("svg.chart .legend-item", (els) => els.map((e) => e.textContent));
    assert.equal(legend.length, themes.length);
    assert.ok(legend.includes("Big data"));
    assert.deepEqual(requests, []);
  });
});

test("report.html of the bundled corpus in Chromium matches themes.csv; screenshot to docs/report.png", { skip: noChromium }, async () => {
  const out = path.join(tempDir(), "out");
  const r = runCli(["extract", "--input", "corpus", "--output", out, "--quiet"]);
  assert.equal(r.status, 0, r.stderr);
  const rows = parse(fs.readFileSync(path.join(out, "themes.csv"), "utf8"), { columns: true }) as Array<{ period: string; theme: string; mentions: string }>;
  const present = [...new Set(rows.filter((x) => x.period !== "unknown" && Number(x.mentions) > 0).map((x) => x.theme))].sort();
  await withPage(path.join(out, "report.html"), async (page, requests) => {
    const lines = await page.$$eval("svg.chart path.theme-line", (els) => els.map((e) => e.getAttribute("data-theme")));
    assert.deepEqual(lines.sort(), present);
    assert.deepEqual(requests, []);
    fs.mkdirSync(path.join(ROOT, "docs"), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, "docs", "report.png"), fullPage: true });
  });
});
