// The extract command: discover → ingest → analyse → write, for a whole
// input folder. One bad file becomes one errors.csv row; the batch goes on.
import fs from "node:fs/promises";
import path from "node:path";
import { describe, discover } from "./ingest/discover.ts";
import { isReadable } from "./ingest/read.ts";
import type { analyse } from "./pipeline.ts";
import { analyseInOrder } from "./parallel/run.ts";
import { AnalysisCache, pipelineVersion } from "./output/cache.ts";
import { workFolder } from "./output/swap.ts";
import { DatasetWriter } from "./output/writer.ts";
import { recordOutcome } from "./output/record.ts";
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
  /** Worker threads analysing files (1: this thread); by default one per core, fewer for small inputs. Output is the same whatever the number. */
  jobs?: number;
  /** Reuse the analyses cached in the output folder for files unchanged since (same bytes, same pipeline version). */
  incremental?: boolean;
  /** Called with the files done so far and the total: before each file and once at the end. */
  onProgress?: (done: number, total: number) => void;
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
  /** With --incremental: files whose analysis came from the cache. */
  cached?: number;
  seconds: number;
  stageMs: Record<string, number>;
}

/** A mistake in how the command was called: exit status 2. */
export class UsageError extends Error {}

/**
 * Files newsmine writes in every output folder, so a run only ever replaces
 * its own output. datapackage.json is committed with a dataset (run.json is
 * usually git-ignored), so a fresh clone's output/ is recognised too.
 */
const OUTPUT_MARKERS = ["datapackage.json", "run.json"];

export async function checkPaths(input: string, output: string): Promise<void> {
  const inStat = await fs.stat(input).catch(() => null);
  if (!inStat) throw new UsageError(`input folder not found: ${input}`);
  if (!inStat.isDirectory()) throw new UsageError(`input is not a folder: ${input}`);
  // The output folder is replaced whole at the end: it must not hold the input.
  const [inReal, outReal] = [await realish(input), await realish(output)];
  if (inReal === outReal || inReal.startsWith(outReal + path.sep))
    throw new UsageError(`output folder ${output} contains the input folder, and would be replaced: choose another --output`);
  const outStat = await fs.stat(output).catch(() => null);
  if (!outStat) return;
  if (!outStat.isDirectory()) throw new UsageError(`output path is a file, not a folder: ${output}`);
  const entries = await fs.readdir(output);
  if (entries.length > 0 && !OUTPUT_MARKERS.some((marker) => entries.includes(marker)))
    throw new UsageError(`output folder ${output} is not empty and was not written by newsmine (no ${OUTPUT_MARKERS.join(" or ")}); refusing to replace it`);
}

/** Real path of a folder, or of its nearest existing parent plus the rest. */
async function realish(p: string): Promise<string> {
  const abs = path.resolve(p);
  const real = await fs.realpath(abs).catch(() => null);
  if (real) return real;
  const parent = path.dirname(abs);
  return parent === abs ? abs : path.join(await realish(parent), path.basename(abs));
}

/** Analyses one document; `analyse` from the pipeline unless a caller substitutes its own (tests inject failing stages). */
export type Analyser = typeof analyse;

export async function extract(options: ExtractOptions, log: (line: string) => void, analyseDoc?: Analyser): Promise<RunSummary> {
  const started = performance.now();
  await checkPaths(options.input, options.output);
  let ctx: StageContext;
  try {
    ctx = { themes: loadTaxonomy(options.themes) };
  } catch (err) {
    // A bad --themes file is the caller's mistake; a broken default one is ours.
    if (options.themes) throw new UsageError(err instanceof Error ? err.message : String(err));
    throw err;
  }
  const writer = new DatasetWriter(options.output, { period: options.period, taxonomy: ctx.themes, formulaGuard: options.formulaGuard });
  const stageMs: Record<string, number> = {};
  const { files, problems } = await discover(options.input, { exclude: [options.output] });
  let skipped = 0;

  try {
    for (const note of await writer.open()) log(`newsmine: ${note}`);
  } catch (err) {
    throw new UsageError(`cannot write the output beside ${options.output}: ${describe(err)}`);
  }
  try {
    for (const p of problems) fail(p.rel, "discover", p.error);
    const cache = options.incremental ? await openCache(options) : undefined;
    const analysis = { maxBytes: options.maxBytes, formulaGuard: options.formulaGuard, themes: options.themes, jobs: options.jobs, cache };
    let i = 0;
    // Files are analysed ahead (on workers when --jobs > 1) and written strictly in input order.
    for await (const { outcome, cached } of analyseInOrder(files, isReadable, analysis, ctx, stageMs, analyseDoc)) {
      const file = files[i];
      // Not onProgress?.(i++): an optional call skips its arguments when absent.
      options.onProgress?.(i, files.length);
      i++;
      if (outcome === null) {
        skipped++;
        if (!options.quiet) log(`newsmine: skipped ${file.rel}: not a format newsmine reads`);
      } else if (outcome instanceof Error) {
        fail(file.rel, "analyse", outcome.message);
      } else {
        await recordOutcome(writer, file.rel, outcome, (e) => fail(e.sourceFile, e.stage, e.error), cached ? options.output : undefined);
      }
    }
    await cache?.close();
    options.onProgress?.(files.length, files.length);
    const cacheHits = cache ? { cached: cache.hits } : {};
    return await commitRun(writer, { input: options.input, output: options.output, files: files.length, skipped, ...cacheHits }, started, stageMs);
  } catch (err) {
    await writer.abort();
    throw err;
  }

  function fail(sourceFile: string, stage: string, error: string): void {
    writer.addError({ sourceFile, stage, error });
    log(`newsmine: error: ${oneLine(sourceFile)}: ${stage}: ${oneLine(error)}`);
  }
}

/** The previous output's analysis cache, and a fresh one in the folder being written (swapped in with it). */
async function openCache(options: ExtractOptions): Promise<AnalysisCache> {
  const themes = options.themes ? await fs.readFile(options.themes, "utf8") : null;
  const version = pipelineVersion({ themes, maxBytes: options.maxBytes, formulaGuard: options.formulaGuard });
  return AnalysisCache.open(options.output, workFolder(path.resolve(options.output), "tmp"), version);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Commits the writer and returns the run summary, which run.json also holds. Shared by extract and assemble. */
export async function commitRun(
  writer: DatasetWriter,
  run: Pick<RunSummary, "input" | "output" | "files" | "skipped" | "cached">,
  started: number,
  stageMs: Record<string, number>,
): Promise<RunSummary> {
  let summary!: RunSummary;
  await writer.commit((counts) => {
    summary = {
      ...run,
      ...counts,
      seconds: round((performance.now() - started) / 1000),
      stageMs: Object.fromEntries(Object.entries(stageMs).map(([k, v]) => [k, round(v)])),
    };
    return summary;
  });
  return summary;
}

/** Keeps each error on one stderr line even when a file name or message holds line breaks. */
const oneLine = (s: string) => s.replace(/[\u0000-\u001F\u007F\u2028\u2029]+/g, " ");
