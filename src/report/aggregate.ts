// What report.html needs from the streamed articles, kept small: the largest
// figures (top N per kind) and quote counts per speaker. Everything else the
// report shows comes from aggregates the writer keeps anyway.
import type { Article, Figure, FigureKind } from "../types.ts";

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

export class ReportAggregator {
  private readonly figures = new Map<FigureKind, TopFigure[]>(RANKED_KINDS.map((k) => [k, []]));
  private readonly speakers = new Map<string, SpeakerQuotes>();

  constructor(private readonly topN = 10) {}

  add(a: Article): void {
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
        s.example = clip(q.text, MAX_QUOTE);
        s.exampleArticle = a.id;
        s.exampleIsDirect = q.type === "direct";
      }
    }
  }

  private addFigure(articleId: string, f: Figure): void {
    const list = this.figures.get(f.kind);
    if (!list || !Number.isFinite(f.value)) return;
    if (list.length === this.topN && f.value <= list[list.length - 1].value) return;
    list.push({ articleId, value: f.value, unit: f.unit, currency: f.currency, kind: f.kind, text: f.text, sentence: clip(f.sentence, MAX_SENTENCE) });
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
