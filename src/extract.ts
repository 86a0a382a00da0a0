// The extract command: discover → ingest → analyse → write, for a whole
// input folder. One bad file becomes one errors.csv row; the batch goes on.
import fs from "node:fs/promises";
import { discover } from "./ingest/discover.ts";
import { isReadable, readInput, InputError } from "./ingest/read.ts";
import { analyse, StageError } from "./pipeline.ts";
import { DatasetWriter } from "./output/writer.ts";
import type { Period } from "./output/theme-periods.ts";
import { loadTaxonomy } from "./stages/themes.ts";
import type { StageContext } from "./types.ts";

export interface ExtractOptions {
  input: string;
  output: string;
  period: Period;
  themes?: string;
  maxBytes: number;
  formulaGuard: boolean;
  allowErrors: boolean;
  quiet: boolean;
}

export interface RunSummary {
  input: string;
  output: string;
  files: number;
  skipped: number;
  articles: number;
  mentions: number;
  entities: number;
  figures: number;
  quotes: number;
  errors: number;
  seconds: number;
  stageMs: Record<string, number>;
}

/** A mistake in how the command was called: exit status 2. */
export class UsageError extends Error {}

export async function checkPaths(input: string, output: string): Promise<void> {
  const inStat = await fs.stat(input).catch(() => null);
  if (!inStat) throw new UsageError(`input folder not found: ${input}`);
  if (!inStat.isDirectory()) throw new UsageError(`input is not a folder: ${input}`);
  const outStat = await fs.stat(output).catch(() => null);
  if (outStat && !outStat.isDirectory()) throw new UsageError(`output path is a file, not a folder: ${output}`);
}

export async function extract(options: ExtractOptions, log: (line: string) => void): Promise<RunSummary> {
  const started = performance.now();
  await checkPaths(options.input, options.output);
  const ctx: StageContext = { themes: loadTaxonomy(options.themes) };
  const writer = new DatasetWriter(options.output, { period: options.period, taxonomy: ctx.themes, formulaGuard: options.formulaGuard });
  const stageMs: Record<string, number> = {};
  const { files, problems } = await discover(options.input);
  let skipped = 0;

  await writer.open();
  try {
    for (const p of problems) fail(p.rel, "discover", p.error);
    for (const [i, file] of files.entries()) {
      if (!isReadable(file.rel)) {
        skipped++;
        if (!options.quiet) log(`newsmine: skipped ${file.rel}: not a format newsmine reads`);
        continue;
      }
      let docs;
      try {
        docs = await readInput(file, { maxBytes: options.maxBytes });
      } catch (err) {
        fail(file.rel, "ingest", err instanceof InputError ? err.message : String(err));
        continue;
      }
      for (const doc of docs) {
        try {
          await writer.add(analyse(doc, ctx, stageMs));
        } catch (err) {
          fail(file.rel, err instanceof StageError ? err.stage : "write", err instanceof Error ? err.message : String(err));
        }
      }
      if (!options.quiet && files.length > 20 && (i + 1) % 500 === 0) log(`newsmine: ${i + 1}/${files.length} files`);
    }
    let summary!: RunSummary;
    await writer.commit((counts) => {
      summary = {
        input: options.input,
        output: options.output,
        files: files.length,
        skipped,
        ...counts,
        seconds: round((performance.now() - started) / 1000),
        stageMs: Object.fromEntries(Object.entries(stageMs).map(([k, v]) => [k, round(v)])),
      };
      return summary;
    });
    return summary;
  } catch (err) {
    await writer.abort();
    throw err;
  }

  function fail(sourceFile: string, stage: string, error: string): void {
    writer.addError({ sourceFile, stage, error });
    log(`newsmine: error: ${sourceFile}: ${stage}: ${error}`);
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
