// What report.html needs from the streamed articles, kept small: the largest
// figures (top N per kind) and quote counts per speaker. Everything else the
// report shows comes from aggregates the writer keeps anyway.
import type { Article, Figure, FigureKind, Quote } from "../types.ts";

export interface TopFigure {
  articleId: string;
  value: number;
  unit: string;
  currency: string;
  kind: FigureKind;
  text: string;
  sentence: string;
}

export interface SpeakerQuotes {
  speaker: string;
  quotes: number;
  articles: number;
  /** The first direct quote heard from this speaker (or the first quote of any type). */
  example: string;
  exampleArticle: string;
  lastArticle: string;
  exampleIsDirect: boolean;
}

/** Kinds whose values are comparable enough to rank ("largest"): sums of money and counts. */
const RANKED_KINDS: FigureKind[] = ["money", "count"];
const MAX_SENTENCE = 240;
const MAX_QUOTE = 280;

/** What the report takes from one article: its speakers' quotes, and the figures that could rank among the largest. */
export interface ReportInput {
  id: string;
  figures: Array<Pick<Figure, "kind" | "value" | "unit" | "currency" | "text" | "sentence">>;
  quotes: Array<Pick<Quote, "speaker" | "type" | "text">>;
}

/** Largest figures kept per kind. */
const TOP_FIGURES = 10;

/**
 * An article's ReportInput, small enough to cross threads and sit in the
 * --incremental cache: the TOP_FIGURES largest finite figures per ranked
 * kind (no other figure of the article can rank), in text order, and the quotes that have a speaker.
 */
export function reportInput(a: Pick<Article, "id" | "figures" | "quotes">): ReportInput {
  const figures = RANKED_KINDS.flatMap((kind) => {
    const ofKind = a.figures.filter((f) => f.kind === kind && Number.isFinite(f.value));
    // Stable: equal values keep text order, as the aggregator would.
    const top = new Set([...ofKind].sort((x, y) => y.value - x.value).slice(0, TOP_FIGURES));
    return ofKind.filter((f) => top.has(f)).map(({ kind, value, unit, currency, text, sentence }) => ({ kind, value, unit, currency, text, sentence: clip(sentence, MAX_SENTENCE) }));
  });
  const quotes = a.quotes.filter((q) => q.speaker).map(({ speaker, type, text }) => ({ speaker, type, text: clip(text, MAX_QUOTE) }));
  return { id: a.id, figures, quotes };
}

/** A ReportAggregator's largest figures and speakers: what a checkpoint keeps of it. */
export interface ReportState {
  figures: Map<FigureKind, TopFigure[]>;
  speakers: Map<string, SpeakerQuotes>;
}

export class ReportAggregator {
  private figures = new Map<FigureKind, TopFigure[]>(RANKED_KINDS.map((k) => [k, []]));
  private speakers = new Map<string, SpeakerQuotes>();

  constructor(private readonly topN = TOP_FIGURES) {}

  /** The figures and speakers so far (live: serialise them before the next add). */
  snapshot(): ReportState {
    return { figures: this.figures, speakers: this.speakers };
  }

  /** Carries on from a snapshot's figures and speakers. */
  restore(state: ReportState): void {
    this.figures = state.figures;
    this.speakers = state.speakers;
  }

  add(a: ReportInput): void {
    for (const f of a.figures) this.addFigure(a.id, f);
    for (const q of a.quotes) {
      if (!q.speaker) continue;
      let s = this.speakers.get(q.speaker);
      if (!s) {
        s = { speaker: q.speaker, quotes: 0, articles: 0, example: "", exampleArticle: "", lastArticle: "", exampleIsDirect: false };
        this.speakers.set(q.speaker, s);
      }
      s.quotes++;
      if (s.lastArticle !== a.id) {
        s.articles++;
        s.lastArticle = a.id;
      }
      if (!s.example || (!s.exampleIsDirect && q.type === "direct")) {
        s.example = q.text;
        s.exampleArticle = a.id;
        s.exampleIsDirect = q.type === "direct";
      }
    }
  }

  private addFigure(articleId: string, f: ReportInput["figures"][number]): void {
    const list = this.figures.get(f.kind);
    if (!list) return;
    if (list.length === this.topN && f.value <= list[list.length - 1].value) return;
    list.push({ articleId, value: f.value, unit: f.unit, currency: f.currency, kind: f.kind, text: f.text, sentence: f.sentence });
    list.sort((x, y) => y.value - x.value || (x.articleId < y.articleId ? -1 : x.articleId > y.articleId ? 1 : 0));
    if (list.length > this.topN) list.pop();
  }

  largestFigures(kind: FigureKind): TopFigure[] {
    return this.figures.get(kind) ?? [];
  }

  topSpeakers(n = 15): SpeakerQuotes[] {
    return [...this.speakers.values()].sort((x, y) => y.quotes - x.quotes || y.articles - x.articles || (x.speaker < y.speaker ? -1 : 1)).slice(0, n);
  }
}

function clip(s: string, max: number): string {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : flat.slice(0, max - 1).trimEnd() + "…";
}
