// Corpus-wide theme counts per period: the only theme state kept across
// articles, a few numbers per (period, theme).
import type { ThemeMatch } from "../types.ts";
import type { Row } from "../schema.ts";
import type { ThemeTaxonomy } from "../stages/themes.ts";

export const PERIODS = ["year", "quarter", "month"] as const;
export type Period = (typeof PERIODS)[number];
export const UNKNOWN_PERIOD = "unknown";

/**
 * The period an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) falls in. When the date
 * is coarser than the period asked for, the coarser label is used ("2014" in a
 * monthly table), so no dated article is dropped.
 */
export function periodOf(published: string, period: Period): string {
  const m = /^(\d{4})(?:-(\d{2}))?/.exec(published);
  if (!m) return UNKNOWN_PERIOD;
  const [, year, month] = m;
  if (period === "year" || !month) return year;
  if (period === "month") return `${year}-${month}`;
  return `${year}-Q${Math.ceil(Number(month) / 3)}`;
}

/** Period labels in time order, `unknown` last. */
export function sortPeriods(keys: string[]): string[] {
  return [...keys].sort((a, b) => (a === UNKNOWN_PERIOD ? 1 : b === UNKNOWN_PERIOD ? -1 : a < b ? -1 : a > b ? 1 : 0));
}

/** An article's mentions per theme, in theme-id order: its article_themes rows. */
export function themeCounts(matches: readonly ThemeMatch[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const t of matches) counts.set(t.theme, (counts.get(t.theme) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export interface PeriodTotals {
  articles: number;
  words: number;
  themes: Map<string, { articles: number; mentions: number }>;
}

/** A ThemeAggregator's totals per period: what a checkpoint keeps of it. */
export type ThemeState = Map<string, PeriodTotals>;

export class ThemeAggregator {
  private periods: ThemeState = new Map();

  constructor(private readonly taxonomy: ThemeTaxonomy, private readonly period: Period) {}

  /** The totals so far (live: serialise them before the next add). */
  snapshot(): ThemeState {
    return this.periods;
  }

  /** Carries on from a snapshot's totals. */
  restore(state: ThemeState): void {
    this.periods = state;
  }

  /** Adds one article: its publication date, words and mentions per theme (see themeCounts). */
  add(published: string, words: number, counts: ReadonlyArray<readonly [string, number]>): void {
    const key = periodOf(published, this.period);
    let totals = this.periods.get(key);
    if (!totals) this.periods.set(key, (totals = { articles: 0, words: 0, themes: new Map() }));
    totals.articles++;
    totals.words += words;
    for (const [theme, mentions] of counts) {
      const agg = totals.themes.get(theme) ?? { articles: 0, mentions: 0 };
      agg.articles++;
      agg.mentions += mentions;
      totals.themes.set(theme, agg);
    }
  }

  /** One row per (period, theme) for every theme of the taxonomy, zeros included. */
  *rows(): Generator<Row<"themes">> {
    const keys = sortPeriods([...this.periods.keys()]);
    const themes = [...this.taxonomy.themes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const key of keys) {
      const totals = this.periods.get(key)!;
      for (const theme of themes) {
        const agg = totals.themes.get(theme.id) ?? { articles: 0, mentions: 0 };
        yield {
          period: key,
          theme: theme.id,
          label: theme.label,
          articles: agg.articles,
          mentions: agg.mentions,
          words: totals.words,
          per_10k_words: totals.words ? round((agg.mentions * 10000) / totals.words) : 0,
          share_of_articles: totals.articles ? round(agg.articles / totals.articles) : 0,
        };
      }
    }
  }
}

const round = (x: number) => Math.round(x * 10000) / 10000;
