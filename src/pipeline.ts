// The thin pipeline: one RawDocument in, one fully analysed Article out.
// Every stage is a pure function over the Article; timing per stage is
// collected for the benchmark. No I/O happens here.
import type { Article, RawDocument, Stage, StageContext } from "./types.ts";
import { clean } from "./stages/clean.ts";
import { segment } from "./stages/segment.ts";
import { metadata } from "./stages/metadata.ts";
import { entities } from "./stages/entities.ts";
import { figures } from "./stages/figures.ts";
import { quotes } from "./stages/quotes.ts";
import { themes } from "./stages/themes.ts";
import { keyphraseCandidates } from "./output/keyphrases.ts";

/** Stages in running order; quotes read entities, so entities come first. */
export const STAGES: ReadonlyArray<readonly [string, Stage]> = [
  ["clean", clean],
  ["segment", segment],
  ["metadata", metadata],
  ["entities", entities],
  ["figures", figures],
  ["quotes", quotes],
  ["themes", themes],
  ["keyphrases", keyphraseCandidates],
];

export function emptyArticle(doc: RawDocument): Article {
  return {
    id: doc.id,
    sourceFile: doc.sourceFile,
    format: doc.format,
    raw: doc.text,
    given: doc.given,
    text: "",
    removed: [],
    meta: { title: "", published: "", dateSource: "", authors: [], publisher: "", sourceUrl: "" },
    words: 0,
    sentences: [],
    mentions: [],
    figures: [],
    quotes: [],
    themes: [],
  };
}

/** Thrown when a stage fails, naming the stage so errors.csv can say where. */
export class StageError extends Error {
  constructor(readonly stage: string, override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** Runs every stage; adds each stage's milliseconds into `timings` when given. */
export function analyse(doc: RawDocument, ctx: StageContext, timings?: Record<string, number>): Article {
  let article = emptyArticle(doc);
  for (const [name, stage] of STAGES) {
    const t0 = timings ? performance.now() : 0;
    try {
      article = stage(article, ctx);
    } catch (err) {
      throw new StageError(name, err);
    }
    if (timings) timings[name] = (timings[name] ?? 0) + performance.now() - t0;
  }
  return article;
}
