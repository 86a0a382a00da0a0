// Distinctive phrases per period (keyphrases.csv): what a period's articles
// talk about that other periods do not, so analysts see new topics before
// anyone adds a theme for them. Candidates come from a light noun-phrase
// chunker (runs of 2-4 content words between stop words, inflected verbs and
// punctuation): no tagger on the hot path. Ranking is TF-IDF with each period
// as one document.
import stopwordData from "../data/stopwords.json" with { type: "json" };
import verbData from "../data/verb-forms.json" with { type: "json" };
import type { Article, Stage } from "../types.ts";
import type { Row } from "../schema.ts";
import { foldInflection } from "../stages/themes.ts";
import { nextWordStart, wordEnd } from "../nlp/words.ts";
import { periodOf, sortPeriods, type Period } from "./theme-periods.ts";

const BOUNDARY_WORDS = new Set([...stopwordData.words, ...verbData.words]);
const MIN_WORDS = 2;
const MAX_WORDS = 4;

export interface Candidate {
  /** Lower-cased as written. */
  phrase: string;
  /** Inflection folded per word, so "Internet users" and "internet user" count together. */
  key: string;
}

/** The noun-phrase candidates of a text, in text order. */
export function candidatePhrases(text: string): Candidate[] {
  const phrases: Candidate[] = [];
  let run: string[] = [];
  let runEnd = -1;
  const flush = () => {
    if (run.length >= MIN_WORDS && run.length <= MAX_WORDS) phrases.push({ phrase: run.join(" "), key: run.map(foldInflection).join(" ") });
    run = [];
  };
  const lowerText = text.toLowerCase();
  const aligned = lowerText.length === text.length;
  for (let start = nextWordStart(text, 0); start < text.length; start = nextWordStart(text, runEnd)) {
    const end = wordEnd(text, start);
    const word = foldPossessive(aligned ? lowerText.slice(start, end) : text.slice(start, end).toLowerCase());
    if (run.length && !joins(text, runEnd, start)) flush();
    runEnd = end;
    if (!isContentWord(word)) {
      flush();
      continue;
    }
    run.push(word);
  }
  flush();
  return phrases;
}

/** Pipeline stage: the article's candidates, so the single-threaded writer does not chunk text. */
export const keyphraseCandidates: Stage = (article) => ({ ...article, keyphrases: candidatePhrases(article.text) });

/** Between two words of one phrase only spaces and at most one hyphen may stand ("cross-border trade"). */
function joins(text: string, from: number, to: number): boolean {
  let hyphens = 0;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === "-" || c === "‐") hyphens++;
    else if (c !== " " && c !== "\t") return false;
  }
  return hyphens <= 1;
}

const foldPossessive = (w: string) => (w.length > 2 && w[w.length - 1] === "s" && (w[w.length - 2] === "'" || w[w.length - 2] === "’") ? w.slice(0, -2) : w);

/** Words that can stand in a noun phrase: not stop words, inflected verbs, numbers, single letters or -ly adverbs. */
function isContentWord(word: string): boolean {
  if (word.length < 2 || BOUNDARY_WORDS.has(word)) return false;
  if (isDigit(word.charCodeAt(0)) && /^\p{N}+$/u.test(word)) return false;
  return !(word.length > 4 && word.endsWith("ly"));
}

const isDigit = (c: number) => c >= 48 && c <= 57;

interface PhraseStats {
  /** The first spelling seen, shown in the CSV. */
  phrase: string;
  mentions: number;
  articles: number;
}

interface PeriodPhrases {
  words: number;
  phrases: Map<string, PhraseStats>;
}

export interface KeyphraseOptions {
  period: Period;
  /** Phrases listed per period. */
  top?: number;
  /** Mentions a phrase needs in a period to be listed. */
  minMentions?: number;
  /** Distinct phrases kept per period before rare ones are pruned. */
  capacity?: number;
  /** Distinct phrases kept over all periods (many monthly periods): the memory bound. */
  budget?: number;
}

export class KeyphraseAggregator {
  private readonly periods = new Map<string, PeriodPhrases>();
  private readonly top: number;
  private readonly minMentions: number;
  private readonly capacity: number;
  private readonly budget: number;
  private total = 0;

  constructor(private readonly options: KeyphraseOptions) {
    this.top = options.top ?? 20;
    this.minMentions = options.minMentions ?? 2;
    this.capacity = options.capacity ?? 20_000;
    this.budget = options.budget ?? 200_000;
  }

  add(article: Pick<Article, "meta" | "words" | "keyphrases" | "text">): void {
    const key = periodOf(article.meta.published, this.options.period);
    let p = this.periods.get(key);
    if (!p) this.periods.set(key, (p = { words: 0, phrases: new Map() }));
    const sizeBefore = p.phrases.size;
    p.words += article.words;
    const seen = new Set<string>();
    for (const { phrase, key: k } of article.keyphrases ?? candidatePhrases(article.text)) {
      let s = p.phrases.get(k);
      if (!s) p.phrases.set(k, (s = { phrase, mentions: 0, articles: 0 }));
      s.mentions++;
      if (!seen.has(k)) {
        seen.add(k);
        s.articles++;
      }
    }
    if (p.phrases.size > this.capacity) prune(p, this.capacity);
    this.total += p.phrases.size - sizeBefore;
    if (this.total > this.budget) {
      // Many periods (months over decades): halve the biggest one.
      const biggest = [...this.periods.values()].reduce((a, b) => (b.phrases.size > a.phrases.size ? b : a));
      const size = biggest.phrases.size;
      prune(biggest, size);
      this.total -= size - biggest.phrases.size;
    }
  }

  /** Distinct phrases held in memory now, over all periods. */
  get held(): number {
    return this.total;
  }

  /** The top phrases of every period by TF-IDF (tf per 10k words; idf over periods). */
  *rows(): Generator<Row<"keyphrases">> {
    const periodsWith = new Map<string, number>();
    for (const p of this.periods.values()) for (const k of p.phrases.keys()) periodsWith.set(k, (periodsWith.get(k) ?? 0) + 1);
    const n = this.periods.size;
    for (const key of sortPeriods([...this.periods.keys()])) {
      const p = this.periods.get(key)!;
      const scored: Array<PhraseStats & { score: number }> = [];
      for (const [k, s] of p.phrases) {
        if (s.mentions < this.minMentions) continue;
        // Never zero (a lone period still ranks by frequency), yet a phrase every period uses weighs ~1/3 of one only this period uses.
        const idf = Math.log((1 + n) / periodsWith.get(k)!);
        scored.push({ ...s, score: ((s.mentions * 10000) / Math.max(1, p.words)) * idf });
      }
      scored.sort((a, b) => b.score - a.score || (a.phrase < b.phrase ? -1 : a.phrase > b.phrase ? 1 : 0));
      for (const [i, s] of scored.slice(0, this.top).entries()) {
        yield { period: key, rank: i + 1, phrase: s.phrase, mentions: s.mentions, articles: s.articles, score: Math.round(s.score * 10000) / 10000 };
      }
    }
  }
}

/**
 * Drops the rarest phrases until the period is at half capacity. Counts are
 * then approximate for rare phrases only; a phrase frequent enough to rank
 * gathers mentions faster than pruning removes them.
 */
function prune(p: PeriodPhrases, capacity: number): void {
  for (let floor = 1; p.phrases.size > capacity / 2; floor++) {
    for (const [k, s] of p.phrases) if (s.mentions <= floor) p.phrases.delete(k);
  }
}
