// The project's evaluator: scores an output folder against gold annotations
// (format: ../shared/eval/GOLD_FORMAT.md) with the same matching rules as the
// shared scorer, so its numbers agree with `node ../shared/eval/score.mjs`.
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";

type Alias = string | string[];
interface GoldFigure {
  value: number;
  text: string;
}
interface GoldQuote {
  type: "direct" | "indirect" | "partial";
  speaker: string[];
  text: string;
}
export interface Gold {
  article_id: string;
  published: string | null;
  title: string | null;
  publisher: Alias | null;
  authors: Alias[];
  boilerplate?: string[];
  keep?: string[];
  people?: Alias[];
  people_optional?: Alias[];
  companies?: Alias[];
  companies_optional?: Alias[];
  countries?: Alias[];
  countries_optional?: Alias[];
  figures?: GoldFigure[];
  figures_optional?: GoldFigure[];
  figures_unscored?: boolean;
  quotes?: GoldQuote[];
  quotes_optional?: GoldQuote[];
  indirect_unscored?: boolean;
  themes?: string[];
}

type CsvRow = Record<string, string>;

/** Normalisation shared with the gold format: case, accents and punctuation ignored. */
export const norm = (s: unknown): string =>
  String(s ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/'s\b/g, "s")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
const aliases = (e: Alias): string[] => (Array.isArray(e) ? e : [e]).map(norm);
const words = (s: string): string[] => norm(s).split(" ").filter(Boolean);

/** Precision / recall / F1 counts with the misses behind them. */
export class PRF {
  tp = 0;
  fp = 0;
  fn = 0;
  dup = 0;
  fpList: string[] = [];
  fnList: string[] = [];
  get p(): number {
    return this.tp + this.fp ? this.tp / (this.tp + this.fp) : 1;
  }
  get r(): number {
    return this.tp + this.fn ? this.tp / (this.tp + this.fn) : 1;
  }
  get f(): number | null {
    if (this.tp + this.fp + this.fn === 0) return null;
    const { p, r } = this;
    return p + r ? (2 * p * r) / (p + r) : 0;
  }
}

class Ratio {
  ok = 0;
  n = 0;
  misses: string[] = [];
  check(pass: boolean, miss: string): void {
    this.n++;
    if (pass) this.ok++;
    else this.misses.push(miss);
  }
  get value(): number | null {
    return this.n ? this.ok / this.n : null;
  }
}

function scoreSet(m: PRF, id: string, predicted: string[], gold: Alias[] = [], optional: Alias[] = []): void {
  const g = gold.map(aliases);
  const o = optional.map(aliases);
  const hit = new Set<number>();
  const seen = new Set<string>();
  for (const name of new Set(predicted)) {
    const n = norm(name);
    if (!n) continue;
    const gi = g.findIndex((a) => a.includes(n));
    if (gi >= 0) {
      if (hit.has(gi)) {
        m.fp++;
        m.dup++;
        m.fpList.push(`${id}: ${name} (duplicate)`);
      } else {
        hit.add(gi);
        m.tp++;
      }
      continue;
    }
    if (o.some((a) => a.includes(n))) continue;
    if (seen.has(n)) continue;
    seen.add(n);
    m.fp++;
    m.fpList.push(`${id}: ${name}`);
  }
  g.forEach((_, i) => {
    if (!hit.has(i)) {
      m.fn++;
      const first = gold[i];
      m.fnList.push(`${id}: ${Array.isArray(first) ? first[0] : first}`);
    }
  });
}

function scoreFigures(m: PRF, id: string, predicted: GoldFigure[], gold: GoldFigure[] = [], optional: GoldFigure[] = []): void {
  const close = (a: number, b: number) => Math.abs(a - b) <= 0.005 * Math.max(1, Math.abs(b));
  const pool = predicted.map((p) => ({ ...p, used: false }));
  for (const g of gold) {
    const hit = pool.find((p) => !p.used && close(p.value, g.value));
    if (hit) {
      hit.used = true;
      m.tp++;
    } else {
      m.fn++;
      m.fnList.push(`${id}: ${g.text} (${g.value})`);
    }
  }
  for (const g of optional) {
    const hit = pool.find((p) => !p.used && close(p.value, g.value));
    if (hit) hit.used = true;
  }
  for (const p of pool) {
    if (!p.used) {
      m.fp++;
      m.fpList.push(`${id}: ${p.text} (${p.value})`);
    }
  }
}

/** Share of a's words found in b. */
function overlap(a: string, b: string): number {
  const A = words(a);
  const B = new Set(words(b));
  if (!A.length) return 0;
  return A.filter((w) => B.has(w)).length / A.length;
}
const quoteMatch = (p: CsvRow, g: GoldQuote) => overlap(g.text, p.text) >= 0.6 && overlap(p.text, g.text) >= 0.6;
const speakerOk = (p: CsvRow, g: GoldQuote) => {
  const n = norm(p.speaker);
  return !!n && aliases(g.speaker).includes(n);
};

export interface EvalReport {
  metrics: Record<string, number | null>;
  problems: string[];
  lines: Array<[string, PRF | Ratio]>;
}

export async function evaluate(goldDir: string, outDir: string): Promise<EvalReport> {
  const problems: string[] = [];
  const readCsv = (name: string, required: string[]): CsvRow[] => {
    const p = path.join(outDir, name);
    if (!fs.existsSync(p)) {
      problems.push(`missing ${name}`);
      return [];
    }
    const text = fs.readFileSync(p, "utf8");
    const rows = parse(text, { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true }) as CsvRow[];
    const header = (text.replace(/^\uFEFF/, "").split(/\r?\n/)[0] ?? "").split(",");
    for (const c of required) if (!header.includes(c)) problems.push(`${name} lacks column ${c}`);
    return rows;
  };

  const golds = fs
    .readdirSync(goldDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(goldDir, f), "utf8")) as Gold);

  const articles = readCsv("articles.csv", ["article_id", "title", "published", "publisher", "authors"]);
  const mentions = readCsv("mentions.csv", ["article_id", "name", "type"]);
  const figures = readCsv("figures.csv", ["article_id", "value", "text"]);
  const quotes = readCsv("quotes.csv", ["article_id", "type", "speaker", "text"]);
  const artThemes = readCsv("article_themes.csv", ["article_id", "theme"]);
  readCsv("themes.csv", ["period", "theme", "articles", "mentions", "words"]);
  readCsv("entities.csv", ["entity_id", "name", "type", "articles", "mentions"]);

  const by = (rows: CsvRow[], id: string) => rows.filter((r) => r.article_id === id);
  const M = {
    people: new PRF(),
    companies: new PRF(),
    countries: new PRF(),
    figures: new PRF(),
    direct: new PRF(),
    indirect: new PRF(),
    attributed: new PRF(),
    themes: new PRF(),
    authors: new PRF(),
  };
  const R = {
    speaker: new Ratio(),
    published: new Ratio(),
    year: new Ratio(),
    title: new Ratio(),
    publisher: new Ratio(),
    boilerplate: new Ratio(),
    kept: new Ratio(),
  };

  for (const g of golds) {
    const id = g.article_id;
    const a = articles.find((r) => r.article_id === id);
    if (!a) problems.push(`articles.csv has no row for ${id}`);
    const pub = (a?.published ?? "").trim();
    R.published.check(g.published ? pub.startsWith(g.published) : !pub, `${id}: ${pub || "(none)"} vs ${g.published}`);
    if (g.published) R.year.check(pub.slice(0, 4) === g.published.slice(0, 4), `${id}: ${pub || "(none)"} vs ${g.published}`);
    R.title.check(norm(a?.title) === norm(g.title), `${id}: "${a?.title ?? ""}" vs "${g.title ?? ""}"`);
    R.publisher.check(
      g.publisher ? aliases(g.publisher).includes(norm(a?.publisher)) : !norm(a?.publisher),
      `${id}: "${a?.publisher ?? ""}" vs ${JSON.stringify(g.publisher)}`,
    );
    scoreSet(M.authors, id, (a?.authors ?? "").split(";").map((s) => s.trim()).filter(Boolean), g.authors, []);

    const cleanPath = path.join(outDir, "clean", `${id}.txt`);
    const clean = fs.existsSync(cleanPath) ? fs.readFileSync(cleanPath, "utf8") : null;
    if (clean === null) problems.push(`missing clean/${id}.txt`);
    const cleanLines = new Set((clean ?? "").split(/\r?\n/).map(norm).filter(Boolean));
    const cleanAll = norm(clean ?? "");
    for (const b of g.boilerplate ?? []) {
      const nb = norm(b);
      const present = clean !== null && (cleanLines.has(nb) || (nb.length >= 25 && cleanAll.includes(nb)));
      R.boilerplate.check(!present && clean !== null, `${id}: ${b}`);
    }
    for (const k of g.keep ?? []) R.kept.check(clean !== null && cleanAll.includes(norm(k)), `${id}: ${k}`);

    const ms = by(mentions, id);
    const names = (t: string) => ms.filter((r) => r.type === t).map((r) => r.name);
    scoreSet(M.people, id, names("person"), g.people, g.people_optional);
    scoreSet(M.companies, id, names("company"), g.companies, g.companies_optional);
    scoreSet(M.countries, id, names("country"), g.countries, g.countries_optional);

    const predictedFigures = by(figures, id)
      .map((r) => ({ value: Number(r.value), text: r.text }))
      .filter((r) => r.text !== undefined && Number.isFinite(r.value));
    if (!g.figures_unscored) scoreFigures(M.figures, id, predictedFigures, g.figures, g.figures_optional);

    const qs = by(quotes, id).filter((q) => !(g.indirect_unscored && q.type === "indirect"));
    const gq = g.quotes ?? [];
    const oq = g.quotes_optional ?? [];
    for (const t of g.indirect_unscored ? (["direct"] as const) : (["direct", "indirect"] as const)) {
      const m = M[t];
      const preds = qs.filter((q) => q.type === t);
      const used = new Set<number>();
      for (const gg of gq.filter((q) => q.type === t)) {
        const i = preds.findIndex((p, j) => !used.has(j) && quoteMatch(p, gg));
        if (i >= 0) {
          used.add(i);
          m.tp++;
        } else {
          m.fn++;
          m.fnList.push(`${id}: ${gg.text.slice(0, 70)}`);
        }
      }
      preds.forEach((p, j) => {
        if (used.has(j)) return;
        if ([...gq, ...oq].some((gg) => quoteMatch(p, gg))) return; // right words, other type
        m.fp++;
        m.fpList.push(`${id}: ${p.text.slice(0, 70)}`);
      });
    }
    const used = new Set<number>();
    for (const gg of gq) {
      const i = qs.findIndex((p, j) => !used.has(j) && quoteMatch(p, gg));
      if (i < 0) {
        M.attributed.fn++;
        M.attributed.fnList.push(`${id}: ${gg.speaker[0]}: ${gg.text.slice(0, 60)}`);
        continue;
      }
      used.add(i);
      const ok = speakerOk(qs[i], gg);
      R.speaker.check(ok, `${id}: "${qs[i].speaker}" vs ${gg.speaker[0]}: ${gg.text.slice(0, 50)}`);
      if (ok) M.attributed.tp++;
      else {
        M.attributed.fn++;
        M.attributed.fp++;
        M.attributed.fnList.push(`${id}: ${gg.speaker[0]}: ${gg.text.slice(0, 60)} (speaker "${qs[i].speaker}")`);
      }
    }
    qs.forEach((p, j) => {
      if (used.has(j)) return;
      const o = oq.find((gg) => quoteMatch(p, gg));
      if (o && (!p.speaker || speakerOk(p, o))) return;
      M.attributed.fp++;
      M.attributed.fpList.push(`${id}: ${p.speaker}: ${p.text.slice(0, 60)}`);
    });

    if (g.themes) scoreSet(M.themes, id, by(artThemes, id).map((r) => r.theme), g.themes, []);
  }

  const entities = new PRF();
  for (const m of [M.people, M.companies, M.countries]) {
    entities.tp += m.tp;
    entities.fp += m.fp;
    entities.fn += m.fn;
  }
  const metrics: Record<string, number | null> = {
    articles: golds.length,
    people_f1: M.people.f,
    companies_f1: M.companies.f,
    countries_f1: M.countries.f,
    entities_f1: entities.f,
    figures_f1: M.figures.f,
    quotes_direct_f1: M.direct.f,
    quotes_indirect_f1: M.indirect.f,
    quotes_attributed_f1: M.attributed.f,
    speaker_accuracy: R.speaker.value,
    published_accuracy: R.published.value,
    year_accuracy: R.year.value,
    title_accuracy: R.title.value,
    publisher_accuracy: R.publisher.value,
    authors_f1: M.authors.f,
    boilerplate_removed: R.boilerplate.value,
    body_kept: R.kept.value,
    themes_f1: M.themes.f,
  };
  return {
    metrics,
    problems,
    // Printed in the shared scorer's order.
    lines: [
      ["people", M.people],
      ["companies", M.companies],
      ["countries", M.countries],
      ["entities (all)", entities],
      ["figures", M.figures],
      ["quotes direct", M.direct],
      ["quotes indirect", M.indirect],
      ["quotes attributed", M.attributed],
      ["speaker accuracy", R.speaker],
      ["published date", R.published],
      ["published year", R.year],
      ["title", R.title],
      ["publisher", R.publisher],
      ["authors", M.authors],
      ["boilerplate removed", R.boilerplate],
      ["body kept", R.kept],
      ["themes", M.themes],
    ],
  };
}

const pct = (x: number | null) => (x === null ? "n/a" : (100 * x).toFixed(1));
const fix = (x: number | null) => (x === null ? "n/a" : x.toFixed(3));

export function formatReport(report: EvalReport, verbose: boolean): string {
  const out: string[] = report.problems.map((p) => `PROBLEM ${p}`);
  for (const [label, m] of report.lines) {
    if (m instanceof PRF) {
      out.push(`${label.padEnd(20)} P ${pct(m.p)}  R ${pct(m.r)}  F1 ${pct(m.f)}   (tp ${m.tp}, fp ${m.fp}${m.dup ? `, ${m.dup} duplicates` : ""}, fn ${m.fn})`);
      if (verbose) for (const x of m.fpList) out.push(`    + ${x}`);
      if (verbose) for (const x of m.fnList) out.push(`    - ${x}`);
    } else {
      out.push(`${label.padEnd(20)} ${m.n ? pct(m.ok / m.n) + "%" : "n/a"}  (${m.ok}/${m.n})`);
      if (verbose) for (const x of m.misses) out.push(`    ! ${x}`);
    }
  }
  const m = report.metrics;
  out.push(
    `SCORE entities_f1=${fix(m.entities_f1)} figures_f1=${fix(m.figures_f1)} quotes_attributed_f1=${fix(m.quotes_attributed_f1)} published=${fix(m.published_accuracy)} boilerplate=${fix(m.boilerplate_removed)} kept=${fix(m.body_kept)} themes_f1=${fix(m.themes_f1)}${report.problems.length ? ` problems=${report.problems.length}` : ""}`,
  );
  return out.join("\n") + "\n";
}
