// The output datasets, defined once: column order, types and descriptions.
// The CSV writer, the data dictionary in the README and datapackage.json are
// all derived from these definitions, so they cannot drift apart.
import { z } from "zod";

const articleId = z.string().describe("Article id: the file's path relative to the input folder, without extension");
const offset = (what: string) => z.number().int().describe(what);
const text = (d: string) => z.string().describe(d);
const int = (d: string) => z.number().int().describe(d);
const num = (d: string) => z.number().describe(d);

export const datasets = {
  articles: {
    file: "articles.csv",
    description: "One row per article.",
    primaryKey: ["article_id"],
    row: z.object({
      article_id: articleId,
      source_file: text("Input file path relative to the input folder"),
      source_url: text("URL of the page, when the source gives it"),
      format: text("Input format: text, html or json"),
      title: text("Headline; empty when the text has none"),
      published: text("Publication date: YYYY-MM-DD, YYYY-MM or YYYY; empty if unknown"),
      date_source: text("Which clue gave the date (given, timestamp, dateline, byline, caption, body)"),
      publisher: text("Publishing outlet"),
      authors: text("Byline authors, '; '-separated"),
      words: int("Words in the clean body"),
      boilerplate_lines: int("Raw lines removed as boilerplate or moved to metadata"),
    }),
  },
  mentions: {
    file: "mentions.csv",
    description: "One row per entity mention in an article's clean text.",
    primaryKey: ["article_id", "start"],
    references: { article_id: "articles", entity_id: "entities" },
    row: z.object({
      article_id: articleId,
      entity_id: text("Stable id of the canonical entity (type:slug)"),
      name: text("Canonical name"),
      type: z.enum(["person", "company", "country", "organization", "place"]).describe("Entity type"),
      surface: text("The mention as written"),
      start: offset("Start offset in clean/<article_id>.txt (UTF-16 code units)"),
      end: offset("End offset (exclusive) in clean/<article_id>.txt"),
    }),
  },
  entities: {
    file: "entities.csv",
    description: "One row per distinct canonical entity in the corpus.",
    primaryKey: ["entity_id"],
    row: z.object({
      entity_id: text("Stable id (type:slug of the canonical name)"),
      name: text("Canonical name"),
      type: z.enum(["person", "company", "country", "organization", "place"]).describe("Entity type"),
      code: text("ISO 3166-1 alpha-2 code for countries"),
      articles: int("Articles that mention it"),
      mentions: int("Mentions in all articles"),
      aliases: text("Other surface forms seen, '; '-separated"),
    }),
  },
  figures: {
    file: "figures.csv",
    description: "One row per quantity (count, money, measure, percentage).",
    primaryKey: ["article_id", "start"],
    references: { article_id: "articles" },
    row: z.object({
      article_id: articleId,
      value: num("The quantity as a plain number (57.1 billion -> 57100000000)"),
      value_high: text("Upper end of a range; empty otherwise"),
      unit: text("Counted noun, measure unit, % or currency code"),
      currency: text("ISO 4217 currency code for money"),
      kind: z.enum(["count", "money", "measure", "percent"]).describe("count, money, measure or percent"),
      qualifier: text("approx, over, under or empty"),
      text: text("The figure as written"),
      start: offset("Start offset in the clean text"),
      end: offset("End offset (exclusive) in the clean text"),
      sentence: text("The sentence the figure stands in"),
    }),
  },
  quotes: {
    file: "quotes.csv",
    description: "One row per quotation or reported statement.",
    primaryKey: ["article_id", "quote_id"],
    references: { article_id: "articles", speaker_entity_id: "entities" },
    row: z.object({
      article_id: articleId,
      quote_id: int("1-based number of the quote within the article, in text order"),
      type: z.enum(["direct", "indirect", "partial"]).describe("direct, indirect (reported) or partial"),
      speaker: text("Canonical name of the speaker; empty if unknown"),
      speaker_entity_id: text("entity_id of the speaker; empty if unknown"),
      cue: text("Speech verb or phrase (said, according to)"),
      text: text("The quoted or reported words, without quotation marks"),
      start: offset("Start offset in the clean text"),
      end: offset("End offset (exclusive) in the clean text"),
    }),
  },
  article_themes: {
    file: "article_themes.csv",
    description: "One row per theme found in an article.",
    primaryKey: ["article_id", "theme"],
    references: { article_id: "articles" },
    row: z.object({
      article_id: articleId,
      theme: text("Theme id from the taxonomy"),
      mentions: int("Non-overlapping matches of the theme's phrases in the clean body"),
    }),
  },
  themes: {
    file: "themes.csv",
    description: "One row per theme and period (year, quarter or month; 'unknown' for undated articles).",
    primaryKey: ["period", "theme"],
    row: z.object({
      period: text("YYYY, YYYY-Qn or YYYY-MM (per --period), or 'unknown'"),
      theme: text("Theme id from the taxonomy"),
      label: text("Theme label"),
      articles: int("Articles in the period that mention the theme"),
      mentions: int("Mentions of the theme in the period"),
      words: int("All words in the period's articles"),
      per_10k_words: num("Mentions per 10,000 words of the period"),
      share_of_articles: num("Share of the period's articles that mention the theme (0-1)"),
    }),
  },
  keyphrases: {
    file: "keyphrases.csv",
    description: "The most distinctive noun phrases of each period (TF-IDF, each period one document), top 20 per period.",
    primaryKey: ["period", "rank"],
    row: z.object({
      period: text("YYYY, YYYY-Qn or YYYY-MM (per --period), or 'unknown'"),
      rank: int("1 = most distinctive in the period"),
      phrase: text("The phrase, lower-cased as first seen"),
      mentions: int("Times the phrase (or its plural) occurs in the period's articles"),
      articles: int("Articles of the period that contain it"),
      score: num("TF-IDF: mentions per 10,000 words of the period times log-scaled rarity across periods"),
    }),
  },
  errors: {
    file: "errors.csv",
    description: "One row per input file that could not be processed.",
    primaryKey: ["source_file", "stage"],
    row: z.object({
      source_file: text("Input file path relative to the input folder"),
      stage: text("Stage that failed (discover, ingest, clean, ...)"),
      error: text("What went wrong"),
    }),
  },
} as const;

export type DatasetName = keyof typeof datasets;

/**
 * Foreign keys: `references` maps a column to the dataset whose one-column
 * primary key it holds (empty cells mean "none"). datapackage.json declares them.
 */
export interface DatasetDefinition {
  file: string;
  description: string;
  primaryKey: readonly string[];
  references?: Readonly<Record<string, DatasetName>>;
  row: z.ZodObject;
}

export type Row<N extends DatasetName> = z.infer<(typeof datasets)[N]["row"]>;

/** Column names of a dataset, in output order. */
export function columns(name: DatasetName): string[] {
  return Object.keys(datasets[name].row.shape);
}
