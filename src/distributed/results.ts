// A job's result: the outcome of reading and analysing one input file (the
// local run's analyseFile, src/parallel/file.ts), as one compact JSON line in
// the shared results folder, and how assemble feeds it to the writer.
// Failures are values too: each becomes the errors.csv row a local run writes.
import type { DatasetWriter, RunError } from "../output/writer.ts";
import type { FileOutcome } from "../parallel/file.ts";

export interface FileResult {
  version: string;
  rel: string;
  outcome: FileOutcome;
  /** Milliseconds per stage, summed into run.json by assemble. */
  stageMs: Record<string, number>;
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

// JSON turns NaN and ±Infinity into null and -0 into 0; tagging them keeps every number as the writer would have seen it.
const NON_FINITE = "$number";

export function serialise(result: FileResult): string {
  return JSON.stringify(result, (_key, value: unknown) =>
    typeof value === "number" && (!Number.isFinite(value) || Object.is(value, -0)) ? { [NON_FINITE]: Object.is(value, -0) ? "-0" : String(value) } : value,
  );
}

export function deserialise(text: string): FileResult {
  // Tags are rare: parse without the (slower) reviver when there is none.
  if (!text.includes(`"${NON_FINITE}"`)) return JSON.parse(text) as FileResult;
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === "object" && !Array.isArray(value) && NON_FINITE in value && Object.keys(value).length === 1) return Number((value as Record<string, string>)[NON_FINITE]);
    return value;
  }) as FileResult;
}
