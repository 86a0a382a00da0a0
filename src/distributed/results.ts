// A job's result: the outcome of reading and analysing one input file (the
// local run's analyseFile, src/parallel/file.ts), as one compact JSON line in
// the shared results folder.
// Failures are values too: each becomes the errors.csv row a local run writes.
import type { FileOutcome } from "../parallel/file.ts";

export interface FileResult {
  version: string;
  rel: string;
  outcome: FileOutcome;
  /** Milliseconds per stage, summed into run.json by assemble. */
  stageMs: Record<string, number>;
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
