// The per-file work of a run, shared by the serial loop and the worker
// threads: read one input file and analyse each document in it. Pure except
// for the read; failures come back as values (one errors.csv row each), so a
// result can cross a thread boundary and be written in input order.
import { describe, type InputFile } from "../ingest/discover.ts";
import { readInput, InputError } from "../ingest/read.ts";
import { StageError, type analyse } from "../pipeline.ts";
import type { Article, StageContext } from "../types.ts";

export interface FileError {
  stage: string;
  error: string;
}

export type DocOutcome = { article: Article } | FileError;

/**
 * A file newsmine cannot read (`transient` when the reading itself failed,
 * not what was read), or its documents plus the records in it that could not be read.
 */
export type IngestFailure = { ingestError: string; transient?: true };
export type FileOutcome = IngestFailure | { readErrors: string[]; docs: DocOutcome[] };

export interface FileOptions {
  maxBytes: number;
}

export async function analyseFile(
  file: InputFile,
  options: FileOptions,
  ctx: StageContext,
  analyseDoc: typeof analyse,
  stageMs: Record<string, number>,
): Promise<FileOutcome> {
  let read;
  try {
    read = await readInput(file, { maxBytes: options.maxBytes });
  } catch (err) {
    return err instanceof InputError ? { ingestError: err.message } : { ingestError: describe(err), transient: true };
  }
  return {
    readErrors: read.errors,
    docs: read.docs.map((doc): DocOutcome => {
      try {
        // The raw input is dropped once analysed: nothing downstream reads it, and it would double what crosses threads and the cache.
        return { article: { ...analyseDoc(doc, ctx, stageMs), raw: "" } };
      } catch (err) {
        // Anything but a stage failure surfaced where the article was handed to the writer.
        return { stage: err instanceof StageError ? err.stage : "write", error: err instanceof Error ? err.message : String(err) };
      }
    }),
  };
}
