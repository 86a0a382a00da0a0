// Distinctive phrases per period (keyphrases.csv): what a period's articles
// talk about that other periods do not, so analysts see new topics before
// anyone adds a theme for them. Candidates come from a light noun-phrase
// chunker (runs of 2-4 content words between stop words, inflected verbs and
// punctuation): no tagger on the hot path. Ranking is TF-IDF with each period
// as one document.
import stopwordData from "../data/stopwords.json" with { type: "json" };
import verbData from "../data/verb-forms.json" with { type: "json" };
import type { Stage } from "../types.ts";
import type { Row } from "../schema.ts";
import { foldInflection } from "../stages/themes.ts";
import { SpanSet, wordIn, wordsOf, type Words } from "../nlp/words.ts";
import { classOf, NUMBER } from "../nlp/chars.ts";
import { periodOf, sortPeriods, type Period } from "./theme-periods.ts";

const BOUNDARY_WORDS = new SpanSet([...stopwordData.words, ...verbData.words]);
const MIN_WORDS = 2;
const MAX_WORDS = 4;

export interface Candidate {
  /** Lower-cased as written. */
  phrase: string;
  /** Inflection folded per word, so "Internet users" and "internet user" count together. */
  key: string;
}

/** One article's mentions of a phrase: the first spelling and how often it occurs. */
export interface PhraseCount extends Candidate {
  mentions: number;
}

/**
 * An article's candidates counted per key, in order of first mention: what
 * KeyphraseAggregator takes, one entry per phrase rather than per mention.
 */
export function countPhrases(candidates: Iterable<Candidate>): PhraseCount[] {
  const counts = new Map<string, PhraseCount>();
  for (const { phrase, key } of candidates) {
    const c = counts.get(key);
    if (c) c.mentions++;
    else counts.set(key, { phrase, key, mentions: 1 });
  }
  return [...counts.values()];
}

/** The noun-phrase candidates of a text, in text order. */
export function candidatePhrases(text: string): Candidate[] {
  const phrases: Candidate[] = [];
  // Words are looked up as spans of the lower-cased text; only phrase words are sliced out.
  const words = wordsOf(text);
  const { count, starts, ends, lower, lowerStarts, lowerEnds } = words;
  const run = new Run(lower);
  for (let i = 0; i < count; i++) {
    if (run.length && !joins(text, ends[i - 1], starts[i])) run.flush(phrases);
    const from = lowerStarts[i];
    const to = lowerEnds[i];
    const cut = to - from > 2 && lower.charCodeAt(to - 1) === 115 /* s */ && isApostrophe(lower.charCodeAt(to - 2)) ? 2 : 0; // "china's"
    if (isContentWord(words, i, cut)) run.push(from, to - cut);
    else if (run.length) run.flush(phrases);
  }
  run.flush(phrases);
  return phrases;
}

/** The content words read since the last boundary, as spans of `lower`; a run longer than MAX_WORDS is no phrase. */
class Run {
  length = 0;
  private readonly from: number[] = [];
  private readonly to: number[] = [];

  constructor(private readonly lower: string) {}

  push(from: number, to: number): void {
    if (this.length < MAX_WORDS) {
      this.from[this.length] = from;
      this.to[this.length] = to;
    }
    this.length++;
  }

  /** Ends the run: a phrase if it has 2-4 words. */
  flush(phrases: Candidate[]): void {
    if (this.length >= MIN_WORDS && this.length <= MAX_WORDS) {
      const words: string[] = [];
      const folds: string[] = [];
      let folded = false;
      for (let i = 0; i < this.length; i++) {
        const word = this.lower.slice(this.from[i], this.to[i]);
        const fold = foldInflection(word);
        words.push(word);
        folds.push(fold);
        folded ||= fold !== word;
      }
      // Joined (flat strings hash fast in the writer's maps); most phrases fold to themselves, and one string serves as both.
      const phrase = words.join(" ");
      phrases.push({ phrase, key: folded ? folds.join(" ") : phrase });
    }
    this.length = 0;
  }
}

/** Pipeline stage: the article's candidates, so the single-threaded writer does not chunk text. */
export const keyphraseCandidates: Stage = (article) => ({ ...article, keyphrases: candidatePhrases(article.text) });

/** Between two words of one phrase only spaces and at most one hyphen may stand ("cross-border trade"). */
function joins(text: string, from: number, to: number): boolean {
  let hyphens = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 45 /* - */ || c === 0x2010 /* ‐ */) hyphens++;
    else if (c !== 32 && c !== 9) return false;
  }
  return hyphens <= 1;
}

const isApostrophe = (c: number) => c === 39 /* ' */ || c === 0x2019; /* ’ */

/** Word i, without its last `cut` characters, can stand in a noun phrase: not a stop word, inflected verb, number, single letter or -ly adverb. */
function isContentWord(words: Words, i: number, cut: number): boolean {
  const { lower } = words;
  const from = words.lowerStarts[i];
  const to = words.lowerEnds[i] - cut;
  const length = to - from;
  if (length < 2 || wordIn(BOUNDARY_WORDS, words, i, cut)) return false;
  if (isDigit(lower.charCodeAt(from)) && allNumbers(lower, from, to)) return false;
  return !(length > 4 && lower.charCodeAt(to - 2) === 108 /* l */ && lower.charCodeAt(to - 1) === 121 /* y */);
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Every character of the span is a \p{N} digit or numeral. */
function allNumbers(source: string, from: number, to: number): boolean {
  for (let i = from; i < to; ) {
    const code = source.codePointAt(i)!;
    if (!(classOf(code) & NUMBER)) return false;
    i += code > 0xffff ? 2 : 1;
  }
  return true;
}

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

/**
 * A KeyphraseAggregator's phrases per period, what a checkpoint keeps of it:
 * in parallel arrays, which serialise many times faster than an object per phrase.
 */
export interface KeyphraseState {
  periods: Array<{ period: string; words: number; keys: string[]; phrases: string[]; mentions: number[]; articles: number[] }>;
  total: number;
}

export class KeyphraseAggregator {
  private periods = new Map<string, PeriodPhrases>();
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

  /** Adds one article: its publication date, words and phrase counts (see countPhrases). */
  add(published: string, words: number, counts: Iterable<PhraseCount>): void {
    const key = periodOf(published, this.options.period);
    let p = this.periods.get(key);
    if (!p) this.periods.set(key, (p = { words: 0, phrases: new Map() }));
    const sizeBefore = p.phrases.size;
    p.words += words;
    for (const { phrase, key: k, mentions } of counts) {
      let s = p.phrases.get(k);
      if (!s) {
        const kept = detached(k);
        p.phrases.set(kept, (s = { phrase: phrase === k ? kept : detached(phrase), mentions: 0, articles: 0 }));
      }
      s.mentions += mentions;
      s.articles++;
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

  /** The phrases so far. */
  snapshot(): KeyphraseState {
    const periods: KeyphraseState["periods"] = [];
    for (const [period, p] of this.periods) {
      const packed = { period, words: p.words, keys: [] as string[], phrases: [] as string[], mentions: [] as number[], articles: [] as number[] };
      for (const [key, s] of p.phrases) {
        packed.keys.push(key);
        packed.phrases.push(s.phrase);
        packed.mentions.push(s.mentions);
        packed.articles.push(s.articles);
      }
      periods.push(packed);
    }
    return { periods, total: this.total };
  }

  /** Carries on from a snapshot's phrases. */
  restore(state: KeyphraseState): void {
    this.periods = new Map();
    for (const { period, words, keys, phrases, mentions, articles } of state.periods) {
      const p: PeriodPhrases = { words, phrases: new Map() };
      for (let i = 0; i < keys.length; i++) p.phrases.set(keys[i], { phrase: phrases[i], mentions: mentions[i], articles: articles[i] });
      this.periods.set(period, p);
    }
    this.total = state.total;
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
      const best: Scored[] = [];
      for (const [k, s] of p.phrases) {
        if (s.mentions < this.minMentions) continue;
        // Never zero (a lone period still ranks by frequency), yet a phrase every period uses weighs ~1/3 of one only this period uses.
        const idf = Math.log((1 + n) / periodsWith.get(k)!);
        keepBest(best, { stats: s, score: ((s.mentions * 10000) / Math.max(1, p.words)) * idf }, this.top);
      }
      for (const [i, { stats: s, score }] of best.entries()) {
        yield { period: key, rank: i + 1, phrase: s.phrase, mentions: s.mentions, articles: s.articles, score: Math.round(score * 10000) / 10000 };
      }
    }
  }
}

/**
 * A copy of `s` that keeps no larger string alive. The phrases an aggregator
 * is given are split out of one string per article (see phraseCounts in
 * src/output/rows.ts), and V8 makes such substrings slices that hold on to
 * the whole string: some 5 MB of them for a run's kept phrases. Appending
 * then slicing makes V8 copy the characters (the cheapest copy found).
 */
const detached = (s: string): string => (s + " ").slice(0, -1);

interface Scored {
  stats: PhraseStats;
  score: number;
}

/** Higher score first, then phrase: a strict order, as a phrase has one key. */
const ranksBefore = (a: Scored, b: Scored) => b.score < a.score || (b.score === a.score && a.stats.phrase < b.stats.phrase);

/** Inserts `item` into `best` (ranked, at most `top` long) if it ranks there: the top of a period without sorting all its phrases. */
function keepBest(best: Scored[], item: Scored, top: number): void {
  if (best.length >= top && (top <= 0 || !ranksBefore(item, best[top - 1]))) return;
  let i = best.length;
  while (i > 0 && ranksBefore(item, best[i - 1])) i--;
  best.splice(i, 0, item);
  if (best.length > top) best.pop();
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
