// The extract command: discover → ingest → analyse → write, for a whole
// input folder. One bad file becomes one errors.csv row; the batch goes on.
import fs from "node:fs/promises";
import path from "node:path";
import { describe, discover } from "./ingest/discover.ts";
import { isReadable } from "./ingest/read.ts";
import type { analyse } from "./pipeline.ts";
import { startAnalysis } from "./parallel/run.ts";
import { startWorkers, type AnalysisPool } from "./parallel/pool.ts";
import { AnalysisCache, pipelineVersion } from "./output/cache.ts";
import { workFolder } from "./output/swap.ts";
import { DatasetWriter, type WriterSnapshot } from "./output/writer.ts";
import { Checkpoints } from "./output/checkpoints.ts";
import { resumePoint } from "./output/resume.ts";
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
  /** Worker threads analysing files at most (1: this thread); by default one per core. Output is the same whatever the number. */
  jobs?: number;
  /** Files to analyse per worker started (see FILES_PER_WORKER in src/parallel/run.ts). */
  filesPerWorker?: number;
  /** Workers the caller started ahead (startWorkers, up to `jobs`) and closes; else they are started here when `jobs` > 1. */
  workers?: AnalysisPool;
  /** Reuse the analyses cached in the output folder for files unchanged since (same bytes, same pipeline version). */
  incremental?: boolean;
  /** With --incremental: save the writer's state every this many files (tests; by default about a quarter of the run). */
  checkpointEvery?: number;
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
  /** With --incremental: files before the previous run's checkpoint this run resumed from, whose rows it copied. */
  resumed?: number;
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
  const version = options.incremental ? await pipelineVersionOf(options) : undefined;
  const fresh = workFolder(path.resolve(options.output), "tmp");
  const checkpoints = version ? new Checkpoints<WriterSnapshot>(options.output, fresh, `${version} ${options.period}`) : undefined;
  const writer = new DatasetWriter(options.output, { period: options.period, taxonomy: ctx.themes, formulaGuard: options.formulaGuard, checkpoints });
  const stageMs: Record<string, number> = {};
  let skipped = 0;
  let resumed = 0;

  try {
    for (const note of await writer.open()) log(`newsmine: ${note}`);
  } catch (err) {
    throw new UsageError(`cannot write the output beside ${options.output}: ${describe(err)}`);
  }
  // Asked for workers: they start loading the pipeline now, while the input is listed and checked.
  const ownWorkers = !options.workers && options.jobs && options.jobs > 1 && !analyseDoc ? await startWorkers(options.jobs) : undefined;
  const workers = options.workers ?? ownWorkers;
  try {
    const { files, problems } = await discover(options.input, { exclude: [options.output] });
    // Logged now, recorded at the end: a checkpoint holds only what the input files gave.
    for (const p of problems) logError(p.rel, "discover", p.error);
    const cache = version ? await AnalysisCache.open(options.output, fresh, version) : undefined;
    const keys: Array<string | undefined> = [];
    /** The readable files, keyed in two batches: those the previous run did not list (new ones, mostly) first, so they can go to the workers before the others are stat-ed. */
    function* keying(store: AnalysisCache): Generator<number[]> {
      const [unlisted, listed]: number[][] = [[], []];
      files.forEach((f, i) => isReadable(f.rel) && (store.lists(f.rel) ? listed : unlisted).push(i));
      for (const batch of [unlisted, listed]) {
        for (const i of batch) keys[i] = store.keyOf(files[i].rel, files[i].path, options.maxBytes);
        yield batch;
      }
    }
    // Files go to the analyser now, while the run resumes from a checkpoint (the files before one are all cached).
    const analysis = await startAnalysis(
      files,
      isReadable,
      { maxBytes: options.maxBytes, formulaGuard: options.formulaGuard, jobs: options.jobs, filesPerWorker: options.filesPerWorker, workers, cache: cache && { store: cache, keys, keying: keying(cache) } },
      ctx,
      stageMs,
      analyseDoc,
    );
    try {
      const resume = cache && checkpoints ? await resumePoint(files.map((f, i) => ({ rel: f.rel, readable: isReadable(f.rel), key: keys[i] })), cache, checkpoints, writer, options.checkpointEvery) : undefined;
      const start = resume?.position ?? 0;
      for (const file of files.slice(0, start)) if (!isReadable(file.rel)) skip(file.rel);
      for (const e of resume?.errors ?? []) logError(e.sourceFile, e.stage, e.error);
      resumed = start;
      let i = start;
      // Checkpoints need every file before them to be in the cache (their state can then be trusted to be the full run's).
      let allStored = true;
      // Files are analysed ahead (on workers when --jobs > 1) and written strictly in input order.
      for await (const { outcome, cached, stored } of analysis.results(start)) {
        const file = files[i];
        // Not onProgress?.(i++): an optional call skips its arguments when absent.
        options.onProgress?.(i, files.length);
        i++;
        if (outcome === null) {
          skip(file.rel);
        } else if (outcome instanceof Error) {
          fail(file.rel, "analyse", outcome.message);
        } else {
          await recordOutcome(writer, file.rel, outcome, (e) => fail(e.sourceFile, e.stage, e.error), cached ? options.output : undefined);
        }
        allStored &&= outcome === null || stored;
        const point = allStored ? resume?.due(i) : undefined;
        if (point) writer.checkpoint(point);
      }
    } finally {
      await analysis.close();
    }
    await cache?.close();
    for (const p of problems) writer.addError({ sourceFile: p.rel, stage: "discover", error: p.error });
    options.onProgress?.(files.length, files.length);
    const cacheHits = cache ? { cached: cache.hits, resumed } : {};
    return await commitRun(writer, { input: options.input, output: options.output, files: files.length, skipped, ...cacheHits }, started, stageMs);
  } catch (err) {
    await writer.abort();
    throw err;
  } finally {
    await ownWorkers?.close();
  }

  function skip(rel: string): void {
    skipped++;
    if (!options.quiet) log(`newsmine: skipped ${rel}: not a format newsmine reads`);
  }

  function fail(sourceFile: string, stage: string, error: string): void {
    writer.addError({ sourceFile, stage, error });
    logError(sourceFile, stage, error);
  }

  function logError(sourceFile: string, stage: string, error: string): void {
    log(`newsmine: error: ${oneLine(sourceFile)}: ${stage}: ${oneLine(error)}`);
  }
}

/** The pipeline version (see pipelineVersion) with the settings of this run that change an analysis. */
async function pipelineVersionOf(options: ExtractOptions): Promise<string> {
  const themes = options.themes ? await fs.readFile(options.themes, "utf8") : null;
  return pipelineVersion({ themes, maxBytes: options.maxBytes, formulaGuard: options.formulaGuard });
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Commits the writer and returns the run summary, which run.json also holds. Shared by extract and assemble. */
export async function commitRun(
  writer: DatasetWriter,
  run: Pick<RunSummary, "input" | "output" | "files" | "skipped" | "cached" | "resumed">,
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
