// report.html: one self-contained page (inline CSS and SVG, no scripts, a CSP
// that forbids every request) so it opens offline and can be mailed around.
// Deterministic like the CSVs: no clock, no paths, nothing that varies by run.
import type { Row } from "../schema.ts";
import type { EntityType } from "../types.ts";
import type { ReportAggregator, TopFigure } from "./aggregate.ts";
import { escapeXml as esc, lineChart, type Series } from "./svg.ts";
import { UNKNOWN_PERIOD } from "../output/theme-periods.ts";

export interface ReportEntity {
  name: string;
  type: EntityType;
  articles: number;
  mentions: number;
}

export interface ReportInput {
  period: string;
  themeRows: Array<Row<"themes">>;
  keyphrases: Array<Row<"keyphrases">>;
  entities: Iterable<ReportEntity>;
  aggregate: ReportAggregator;
  /** Run counts (articles, entities, ...); only numbers are shown. */
  counts: Record<string, unknown>;
}

/** The counts the page shows, in this order; clock times are left out to keep the file reproducible. */
const COUNT_LABELS: Array<[string, string]> = [
  ["files", "input files"],
  ["skipped", "files skipped"],
  ["articles", "articles"],
  ["mentions", "entity mentions"],
  ["entities", "distinct entities"],
  ["figures", "figures"],
  ["quotes", "quotes"],
  ["errors", "errors"],
];

const TOP_ENTITIES = 10;

/** Themes with at least one mention in a dated period, one series each (per 10k words). */
export function themeSeries(rows: Array<Row<"themes">>): { periods: string[]; series: Series[] } {
  const periods = [...new Set(rows.map((r) => r.period))].filter((p) => p !== UNKNOWN_PERIOD);
  const byTheme = new Map<string, { label: string; values: Map<string, number>; mentions: number }>();
  for (const r of rows) {
    if (r.period === UNKNOWN_PERIOD) continue;
    let t = byTheme.get(r.theme);
    if (!t) byTheme.set(r.theme, (t = { label: r.label, values: new Map(), mentions: 0 }));
    t.values.set(r.period, r.per_10k_words);
    t.mentions += r.mentions;
  }
  const series = [...byTheme.entries()]
    .filter(([, t]) => t.mentions > 0)
    .sort(([, a], [, b]) => b.mentions - a.mentions || (a.label < b.label ? -1 : 1))
    .map(([id, t]) => ({ id, label: t.label, values: periods.map((p) => t.values.get(p) ?? null) }));
  return { periods, series };
}

export function renderReport(input: ReportInput): string {
  const { periods, series } = themeSeries(input.themeRows);
  const words = wordsOfRun(input.themeRows);
  const entities = [...input.entities];
  const sections = [
    section("Run", countsTable(input.counts, words)),
    section(
      "Themes over time",
      series.length
        ? lineChart({ title: `Theme mentions per 10,000 words, by ${input.period}`, xLabels: periods, yLabel: "mentions per 10k words", series })
        : `<p class="note">No theme was found in a dated article, so there is nothing to draw over time.</p>`,
      themeTable(input.themeRows),
    ),
    section("Top people", entityTable(entities, "person")),
    section("Top companies", entityTable(entities, "company")),
    section("Top countries", entityTable(entities, "country")),
    section("Largest sums of money", figureTable(input.aggregate.largestFigures("money"), "Values as written; currencies differ, so compare within one currency.")),
    section("Largest counts", figureTable(input.aggregate.largestFigures("count"), "")),
    section("Quotes by speaker", speakerTable(input.aggregate)),
    section("Distinctive phrases by period", keyphraseTable(input.keyphrases)),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsmine report</title>
<style>${CSS}</style>
</head>
<body>
<h1>newsmine report</h1>
${sections.join("\n")}
</body>
</html>
`;
}

function wordsOfRun(rows: Array<Row<"themes">>): number {
  const perPeriod = new Map<string, number>();
  for (const r of rows) perPeriod.set(r.period, r.words);
  let sum = 0;
  for (const w of perPeriod.values()) sum += w;
  return sum;
}

function section(title: string, ...body: string[]): string {
  return `<section><h2>${esc(title)}</h2>\n${body.join("\n")}\n</section>`;
}

function table(head: string[], rows: Array<Array<string | number>>, numeric: boolean[] = []): string {
  if (!rows.length) return `<p class="note">None found.</p>`;
  const th = head.map((h, i) => `<th${numeric[i] ? ' class="num"' : ""}>${esc(h)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric[i] ? ' class="num"' : ""}>${typeof c === "number" ? fmtNumber(c) : esc(c)}</td>`).join("")}</tr>`).join("\n");
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

// What toLocaleString does, with its formatters made once: it makes one per call, and the report has thousands of numbers.
const WHOLE = new Intl.NumberFormat("en-US");
const FRACTION = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const fmtNumber = (n: number) => (Number.isInteger(n) ? WHOLE : FRACTION).format(n);

function countsTable(counts: Record<string, unknown>, words: number): string {
  const rows: Array<[string, number]> = [];
  for (const [key, label] of COUNT_LABELS) if (typeof counts[key] === "number") rows.push([label, counts[key] as number]);
  rows.push(["words in clean bodies", words]);
  return `<dl class="counts">${rows.map(([l, n]) => `<div><dt>${esc(l)}</dt><dd>${fmtNumber(n)}</dd></div>`).join("")}</dl>`;
}

function themeTable(rows: Array<Row<"themes">>): string {
  const mentioned = rows.filter((r) => r.mentions > 0);
  return `<details><summary>Table: themes per ${mentioned.length ? "period" : "period (none)"}</summary>\n${table(
    ["period", "theme", "articles", "mentions", "per 10k words", "share of articles"],
    mentioned.map((r) => [r.period, r.label, r.articles, r.mentions, r.per_10k_words, r.share_of_articles]),
    [false, false, true, true, true, true],
  )}</details>`;
}

function entityTable(entities: ReportEntity[], type: EntityType): string {
  const top = entities
    .filter((e) => e.type === type)
    .sort((a, b) => b.articles - a.articles || b.mentions - a.mentions || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, TOP_ENTITIES);
  return table(["name", "articles", "mentions"], top.map((e) => [e.name, e.articles, e.mentions]), [false, true, true]);
}

function figureTable(figures: TopFigure[], note: string): string {
  const t = table(
    ["value", "unit", "as written", "article", "sentence"],
    figures.map((f) => [f.value, f.currency || f.unit, f.text, f.articleId, f.sentence]),
    [true, false, false, false, false],
  );
  return note && figures.length ? `<p class="note">${esc(note)}</p>\n${t}` : t;
}

function speakerTable(agg: ReportAggregator): string {
  return table(
    ["speaker", "quotes", "articles", "for example"],
    agg.topSpeakers().map((s) => [s.speaker, s.quotes, s.articles, s.example]),
    [false, true, true, false],
  );
}

function keyphraseTable(rows: Array<Row<"keyphrases">>): string {
  const byPeriod = new Map<string, string[]>();
  for (const r of rows) {
    if (r.rank > 10) continue;
    byPeriod.set(r.period, [...(byPeriod.get(r.period) ?? []), r.phrase]);
  }
  return table(["period", "top phrases"], [...byPeriod].map(([p, list]) => [p, list.join(" · ")]));
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;max-width:1100px;margin:24px auto;padding:0 16px}
h1{font-size:24px;margin:0 0 8px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eee;vertical-align:top}
th{background:#f6f6f6}.num{text-align:right;white-space:nowrap}.note{color:#666}
.counts{display:flex;flex-wrap:wrap;gap:10px;margin:0}.counts div{background:#f6f6f6;border-radius:6px;padding:8px 12px}
.counts dt{color:#666;font-size:12px}.counts dd{margin:0;font-size:20px;font-weight:600}
.chart{max-width:100%;height:auto}.chart text{font-size:12px;fill:#333}.chart .chart-title{font-size:14px;font-weight:600}
.chart .grid{stroke:#eee}.chart .axis{stroke:#999}.chart .tick{fill:#666}
details{margin-top:8px}summary{cursor:pointer;color:#444}
`;
