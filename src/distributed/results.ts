// A job's result: the outcome of reading and analysing one input file, as
// the local run's loop in src/extract.ts sees it, made a value that can be
// written to the shared results folder and fed to the writer later. Failures
// are values too (each becomes the errors.csv row the local run writes).
import type { InputFile } from "../ingest/discover.ts";
import { describe } from "../ingest/discover.ts";
import { readInput, InputError } from "../ingest/read.ts";
import { analyse, StageError } from "../pipeline.ts";
import type { Article, StageContext } from "../types.ts";
import type { DatasetWriter, RunError } from "../output/writer.ts";

export type DocOutcome = { article: Article } | { stage: string; error: string };

export type FileOutcome = { ingestError: string } | { readErrors: string[]; docs: DocOutcome[] };

export interface FileResult {
  version: string;
  rel: string;
  outcome: FileOutcome;
  /** Milliseconds per stage, summed into run.json by assemble. */
  stageMs: Record<string, number>;
}

/** Reads and analyses one file with the local run's ingest and stage code. */
export async function analyseFile(file: InputFile, maxBytes: number, ctx: StageContext, stageMs: Record<string, number>): Promise<FileOutcome> {
  let read;
  try {
    read = await readInput(file, { maxBytes });
  } catch (err) {
    return { ingestError: err instanceof InputError ? err.message : describe(err) };
  }
  const docs = read.docs.map((doc): DocOutcome => {
    try {
      return { article: analyse(doc, ctx, stageMs) };
    } catch (err) {
      // As locally: anything but a stage failure is reported where the article meets the writer.
      return { stage: err instanceof StageError ? err.stage : "write", error: err instanceof Error ? err.message : String(err) };
    }
  });
  return { readErrors: read.errors, docs };
}

/** Feeds one file's outcome to the writer exactly as the local run's loop does. */
export async function record(writer: DatasetWriter, rel: string, outcome: FileOutcome, fail: (e: RunError) => void): Promise<void> {
  if ("ingestError" in outcome) return fail({ sourceFile: rel, stage: "ingest", error: outcome.ingestError });
  for (const error of outcome.readErrors) fail({ sourceFile: rel, stage: "ingest", error });
  for (const doc of outcome.docs) {
    if (!("article" in doc)) {
      fail({ sourceFile: rel, stage: doc.stage, error: doc.error });
      continue;
    }
    try {
      await writer.add(doc.article);
    } catch (err) {
      fail({ sourceFile: rel, stage: "write", error: err instanceof Error ? err.message : String(err) });
    }
  }
}

// JSON turns NaN and ±Infinity into null; tagging them keeps every number as the writer would have seen it.
const NON_FINITE = "$number";

export function serialise(result: FileResult): string {
  return JSON.stringify(result, (_key, value: unknown) => (typeof value === "number" && !Number.isFinite(value) ? { [NON_FINITE]: String(value) } : value));
}

export function deserialise(text: string): FileResult {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === "object" && !Array.isArray(value) && NON_FINITE in value && Object.keys(value).length === 1) return Number((value as Record<string, string>)[NON_FINITE]);
    return value;
  }) as FileResult;
}
