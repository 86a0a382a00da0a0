// The one typed record that flows through every stage. Stages are pure:
// each takes an Article and returns a new Article with its own fields filled.
// Offsets (start/end) are always UTF-16 offsets into `Article.text`, the clean body.

export interface Span {
  start: number;
  end: number;
}

export type InputFormat = "text" | "html" | "json";

/** Article metadata; every field is a string so it maps 1:1 to CSV cells ("" = unknown). */
export interface Metadata {
  title: string;
  /** ISO date at the finest granularity the text supports: YYYY-MM-DD, YYYY-MM or YYYY. */
  published: string;
  /** Which clue gave `published` (e.g. "timestamp", "dateline", "caption", "given"). */
  dateSource: string;
  authors: string[];
  publisher: string;
  sourceUrl: string;
}

/** What ingest hands to the pipeline: decoded text plus any metadata the source file gave. */
export interface RawDocument {
  id: string;
  sourceFile: string;
  format: InputFormat;
  /** Decoded, newline-normalised text (LF only, NBSP and odd spaces normalised). */
  text: string;
  /** Metadata stated by the source (HTML meta tags, JSON fields); wins over inferred. */
  given: Partial<Metadata>;
}

/** A raw line the cleaner did not keep in the body, and why. */
export interface RemovedLine {
  /** 0-based line number in RawDocument.text */
  line: number;
  text: string;
  /** Name of the heuristic that removed it (e.g. "byline", "copyright", "widget"). */
  reason: string;
}

export type EntityType = "person" | "company" | "country" | "organization" | "place";

export interface Mention extends Span {
  /** Text as written in the clean body. */
  surface: string;
  /** Canonical name of the entity this mention refers to. */
  name: string;
  type: EntityType;
  /** ISO 3166-1 alpha-2 code for countries, "" otherwise. */
  code: string;
}

export type FigureKind = "count" | "money" | "measure" | "percent";
export type Qualifier = "" | "approx" | "over" | "under";

export interface Figure extends Span {
  text: string;
  value: number;
  /** Upper end of a range ("10 to 15 percent"), null otherwise. */
  valueHigh: number | null;
  /** Counted noun ("Internet users"), measure unit ("km"), "%" or the currency code for money. */
  unit: string;
  /** ISO 4217 code for money, "" otherwise. */
  currency: string;
  kind: FigureKind;
  qualifier: Qualifier;
  /** The sentence the figure stands in. */
  sentence: string;
}

export type QuoteType = "direct" | "indirect" | "partial";

export interface Quote extends Span {
  type: QuoteType;
  /** Canonical speaker name, "" when no speaker could be found. */
  speaker: string;
  /** Entity type of the speaker when resolved to an entity. */
  speakerType: EntityType | "";
  /** The speech verb or phrase ("said", "according to"). */
  cue: string;
  /** The quoted or reported words, without quotation marks. */
  text: string;
}

export interface ThemeMatch extends Span {
  theme: string;
  surface: string;
}

export interface Article {
  id: string;
  sourceFile: string;
  format: InputFormat;
  /** Normalised input text (RawDocument.text). */
  raw: string;
  given: Partial<Metadata>;
  /** Clean body: boilerplate removed, paragraphs separated by blank lines. */
  text: string;
  removed: RemovedLine[];
  meta: Metadata;
  words: number;
  sentences: Span[];
  mentions: Mention[];
  figures: Figure[];
  quotes: Quote[];
  themes: ThemeMatch[];
  /** Noun-phrase candidates for keyphrases.csv, found in the worker so the writer only counts them. */
  keyphrases?: import("./output/keyphrases.ts").Candidate[];
}

/** Per-run settings and loaded knowledge that stages read (never mutate). */
export interface StageContext {
  themes: import("./stages/themes.ts").ThemeTaxonomy;
}

export type Stage = (article: Article, ctx: StageContext) => Article;
