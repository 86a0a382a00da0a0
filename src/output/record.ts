// The write side of one input file's outcome (src/parallel/file.ts): its
// articles to the writer, its failures to errors.csv. Kept apart from the
// analysis code so the main thread need not load the pipeline.
import type { RecordedOutcome } from "./rows.ts";
import type { DatasetWriter, RunError } from "./writer.ts";

/**
 * Feeds one file's outcome to the writer; every failure becomes an errors.csv
 * row through `fail`. The local run and the distributed assemble share it, so
 * both write the very same rows. `previousOutput` lets the writer reuse a
 * cached article's clean text.
 */
export async function recordOutcome(
  writer: DatasetWriter,
  rel: string,
  outcome: RecordedOutcome,
  fail: (error: RunError) => void,
  previousOutput?: string,
): Promise<void> {
  if ("ingestError" in outcome) return fail({ sourceFile: rel, stage: "ingest", error: outcome.ingestError });
  for (const error of outcome.readErrors) fail({ sourceFile: rel, stage: "ingest", error });
  for (const doc of outcome.docs) {
    if (!("record" in doc)) {
      fail({ sourceFile: rel, stage: doc.stage, error: doc.error });
      continue;
    }
    try {
      await writer.add(doc.record, previousOutput);
    } catch (err) {
      fail({ sourceFile: rel, stage: "write", error: err instanceof Error ? err.message : String(err) });
    }
  }
}
