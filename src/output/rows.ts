// An analysed article as the writer takes it: its CSV rows already formatted
// and the little each corpus-wide aggregate needs from it. Built where the
// article was analysed (a worker thread), so the main thread only appends
// text, and kept as is in the --incremental cache, so a cached article costs
// the writer no formatting at all. Pure: no I/O.
import v8 from "node:v8";
import type { Article, EntityType, Metadata } from "../types.ts";
import type { FileError, FileOutcome, IngestFailure } from "../parallel/file.ts";
import { candidatePhrases, countPhrases, type PhraseCount } from "./keyphrases.ts";
import { RowFormatter, type CsvOptions } from "./csv.ts";
import { entityId } from "./ids.ts";
import { themeCounts } from "./theme-periods.ts";
import { reportInput, type ReportInput } from "../report/aggregate.ts";

/** The datasets with rows per article, in the order the writer opens them. */
export const ARTICLE_DATASETS = ["articles", "mentions", "figures", "quotes", "article_themes"] as const;
export type ArticleDataset = (typeof ARTICLE_DATASETS)[number];

/** One entity's mentions in one article, in order of first mention. */
export interface EntityTally {
  id: string;
  name: string;
  type: EntityType;
  code: string;
  mentions: number;
  /** Surfaces other than the canonical name. */
  aliases: string[];
}

export interface ArticleRecord {
  id: string;
  /** The clean body, for clean/<id>.txt. */
  text: string;
  meta: Metadata;
  words: number;
  rows: Record<ArticleDataset, string>;
  counts: { mentions: number; figures: number; quotes: number };
  /** The article's EntityTally list, packed (see `entityTallies`). */
  entities: string;
  /** Mentions per theme, in theme-id order. */
  themes: Array<[string, number]>;
  /** Keyphrase candidates counted per phrase, packed (see `phraseCounts`). */
  keyphrases: string;
  report: ReportInput;
}

// Entity tallies and keyphrase counts are packed into strings: copying
// many small objects between threads (or from the cache) costs several times
// more than copying one string. These separators cannot occur in them, as
// every text has its C0 control characters removed on ingest
// (src/nlp/normalise.ts) and the gazetteers hold none.
const FIELD = "\u001F";
const ITEM = "\u001E";

function packTallies(tallies: Iterable<EntityTally>): string {
  const items: string[] = [];
  for (const t of tallies) items.push([t.id, t.name, t.type, t.code, String(t.mentions), ...t.aliases].join(FIELD));
  return items.join(ITEM);
}

/** The EntityTally list packed in a record. */
export function entityTallies(packed: string): EntityTally[] {
  if (!packed) return [];
  return packed.split(ITEM).map((item) => {
    const [id, name, type, code, mentions, ...aliases] = item.split(FIELD);
    return { id, name, type: type as EntityType, code, mentions: Number(mentions), aliases };
  });
}

function packPhraseCounts(counts: readonly PhraseCount[]): string {
  return counts.map((c) => c.phrase + FIELD + c.key + FIELD + c.mentions).join(ITEM);
}

/** The keyphrase counts packed in a record. */
export function phraseCounts(packed: string): PhraseCount[] {
  if (!packed) return [];
  return packed.split(ITEM).map((item) => {
    const [phrase, key, mentions] = item.split(FIELD);
    return { phrase, key, mentions: Number(mentions) };
  });
}

export type RowFormatters = { [N in ArticleDataset]: RowFormatter<N> };

export function rowFormatters(options: CsvOptions): RowFormatters {
  return {
    articles: new RowFormatter("articles", options),
    mentions: new RowFormatter("mentions", options),
    figures: new RowFormatter("figures", options),
    quotes: new RowFormatter("quotes", options),
    article_themes: new RowFormatter("article_themes", options),
  };
}

const byOffset = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start - b.start || a.end - b.end;

export function toRecord(a: Article, format: RowFormatters): ArticleRecord {
  const m = a.meta;
  const articles = format.articles.format({
    article_id: a.id,
    source_file: a.sourceFile,
    source_url: m.sourceUrl,
    format: a.format,
    title: m.title,
    published: m.published,
    date_source: m.dateSource,
    publisher: m.publisher,
    authors: m.authors.join("; "),
    words: a.words,
    boilerplate_lines: a.removed.length,
  });

  let mentions = "";
  const tallies = new Map<string, EntityTally>();
  for (const x of [...a.mentions].sort(byOffset)) {
    const id = entityId(x.type, x.name);
    mentions += format.mentions.format({ article_id: a.id, entity_id: id, name: x.name, type: x.type, surface: x.surface, start: x.start, end: x.end });
    let tally = tallies.get(id);
    if (!tally) tallies.set(id, (tally = { id, name: x.name, type: x.type, code: x.code, mentions: 0, aliases: [] }));
    tally.mentions++;
    if (x.surface !== x.name && !tally.aliases.includes(x.surface)) tally.aliases.push(x.surface);
  }

  let figures = "";
  for (const f of [...a.figures].sort(byOffset)) {
    figures += format.figures.format({
      article_id: a.id,
      value: f.value,
      value_high: f.valueHigh === null ? "" : String(f.valueHigh),
      unit: f.unit,
      currency: f.currency,
      kind: f.kind,
      qualifier: f.qualifier,
      text: f.text,
      start: f.start,
      end: f.end,
      sentence: f.sentence,
    });
  }

  let quotes = "";
  [...a.quotes].sort(byOffset).forEach((q, i) => {
    quotes += format.quotes.format({
      article_id: a.id,
      quote_id: i + 1,
      type: q.type,
      speaker: q.speaker,
      speaker_entity_id: q.speaker && q.speakerType ? entityId(q.speakerType, q.speaker) : "",
      cue: q.cue,
      text: q.text,
      start: q.start,
      end: q.end,
    });
  });

  const themes = themeCounts(a.themes);
  let articleThemes = "";
  for (const [theme, count] of themes) articleThemes += format.article_themes.format({ article_id: a.id, theme, mentions: count });

  return {
    id: a.id,
    text: a.text,
    meta: a.meta,
    words: a.words,
    rows: { articles, mentions, figures, quotes, article_themes: articleThemes },
    counts: { mentions: a.mentions.length, figures: a.figures.length, quotes: a.quotes.length },
    entities: packTallies(tallies.values()),
    themes,
    keyphrases: packPhraseCounts(countPhrases(a.keyphrases ?? candidatePhrases(a.text))),
    report: reportInput(a),
  };
}

/** A file's outcome (src/parallel/file.ts) with each analysed article turned into its record. */
export type RecordedOutcome = IngestFailure | { readErrors: string[]; docs: Array<{ record: ArticleRecord } | FileError> };

export function recordFile(outcome: FileOutcome, format: RowFormatters): RecordedOutcome {
  if ("ingestError" in outcome) return outcome;
  return { readErrors: outcome.readErrors, docs: outcome.docs.map((doc) => ("article" in doc ? { record: toRecord(doc.article, format) } : doc)) };
}

/** An outcome as bytes: how a worker sends it and the cache keeps it (v8 structured clone, so NaN, -0 and undefined survive). */
export function encodeOutcome(outcome: RecordedOutcome): Buffer {
  return v8.serialize(outcome);
}

/** An encoded outcome, or undefined when the bytes are damaged (a cache entry's file is then analysed again). */
export function decodeOutcome(bytes: Uint8Array): RecordedOutcome | undefined {
  try {
    return v8.deserialize(bytes) as RecordedOutcome;
  } catch {
    return undefined;
  }
}

/** Files that could not be read are not cached: their errors may be passing. */
export const cacheable = (outcome: RecordedOutcome): boolean => !("ingestError" in outcome && outcome.transient);
