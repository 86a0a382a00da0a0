// Analyses a run's input files and hands their outcomes back in input order:
// on worker threads when --jobs > 1, else on this thread; with --incremental,
// files whose analysis is cached (same bytes, same pipeline version) are not
// analysed again.
import os from "node:os";
import { fileURLToPath } from "node:url";
import type { InputFile } from "../ingest/discover.ts";
import type { analyse } from "../pipeline.ts";
import { AnalysisCache, deserialise, serialise } from "../output/cache.ts";
import type { StageContext } from "../types.ts";
import { recordFile, rowFormatters, type RecordedOutcome } from "../output/rows.ts";
import { DEFAULT_TAXONOMY } from "../stages/themes.ts";
import { workerScript } from "./bundle.ts";
import { AnalysisPool, ordered } from "./pool.ts";

export interface AnalysisOptions {
  maxBytes: number;
  /** Rows are formatted where articles are analysed. */
  formulaGuard: boolean;
  themes?: string;
  /** Worker threads; undefined: one per core, fewer when there are too few files to repay starting them. */
  jobs?: number;
  /** The cache to read and refill, for --incremental, with each file's key (AnalysisCache.keyOf; undefined for files not read). */
  cache?: { store: AnalysisCache; keys: ReadonlyArray<string | undefined> };
}

/** A worker costs about as much to start (loading the pipeline) as analysing this many files. */
const FILES_PER_WORKER = 250;

/** Files handed to the workers ahead of the one being written, per worker: keeps them busy while bounding memory. */
const AHEAD_PER_WORKER = 8;

/** With --incremental, files analysed ahead of the one being written (their outcomes wait, some 20 KB each). */
const CACHED_RUN_AHEAD = 256;

/**
 * Yields each file's outcome in the order of `files` (null for files no
 * reader takes). An Error means the analysis itself died (a worker crash).
 * `cached` marks outcomes that came from the cache; `stored`, outcomes the
 * refilled cache holds.
 */
export async function* analyseInOrder(
  files: readonly InputFile[],
  readable: (rel: string) => boolean,
  options: AnalysisOptions,
  ctx: StageContext,
  stageMs: Record<string, number>,
  analyseDoc?: typeof analyse,
): AsyncGenerator<{ outcome: RecordedOutcome | Error | null; cached: boolean; stored: boolean }> {
  const cache = options.cache?.store;
  const keys = options.cache?.keys ?? [];
  const isCached = (i: number) => !!cache?.has(keys[i] ?? "");
  const toAnalyse = files.filter((f, i) => readable(f.rel) && !isCached(i));
  const analyser = await fileAnalyser(options, ctx, stageMs, analyseDoc, toAnalyse.length);
  const run = (file: InputFile) => analyser.run(file).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
  // The files to analyse go to the analyser from the start, however many
  // cached files lie between them, so workers load and work while the
  // cached outcomes are written; with a cache, their results may wait
  // further ahead for their turn (cached files go by fast).
  const analysed = ordered(toAnalyse, cache ? Math.max(analyser.window, CACHED_RUN_AHEAD) : analyser.window, run);
  try {
    for (const [i, file] of files.entries()) {
      if (!readable(file.rel)) {
        yield { outcome: null, cached: false, stored: false };
        continue;
      }
      const key = keys[i];
      const inCache = isCached(i);
      let entry = key && inCache ? cache!.get(key) : undefined;
      const fromCache = entry && deserialise(entry);
      if (!fromCache) entry = undefined;
      // A damaged cache entry is analysed at its turn.
      const outcome = fromCache || (await (inCache ? run(file) : analysed.next()));
      let stored = false;
      if (cache && key && !(outcome instanceof Error)) {
        const fresh = entry ? undefined : serialise(outcome);
        if (entry) await cache.keep(key, entry);
        else if (fresh) await cache.put(key, fresh);
        stored = !!(entry || fresh);
      }
      yield { outcome, cached: !!entry, stored };
    }
  } finally {
    await analyser.close();
  }
}

interface FileAnalyser {
  run(file: InputFile): Promise<RecordedOutcome>;
  /** Files analysed ahead of the one being written. */
  window: number;
  close(): Promise<void>;
}

/**
 * A pool of worker threads when jobs > 1 and there is more than one file,
 * else this thread (always with an injected analyser, which cannot cross into
 * a worker). The pipeline is loaded only where it runs.
 */
async function fileAnalyser(options: AnalysisOptions, ctx: StageContext, stageMs: Record<string, number>, analyseDoc: typeof analyse | undefined, files: number): Promise<FileAnalyser> {
  const jobs = Math.min(options.jobs ?? Math.min(os.availableParallelism(), Math.floor(files / FILES_PER_WORKER)), files);
  if (jobs > 1 && !analyseDoc) {
    const setup = { themes: options.themes ?? fileURLToPath(DEFAULT_TAXONOMY), maxBytes: options.maxBytes, formulaGuard: options.formulaGuard };
    const pool = new AnalysisPool(jobs, setup, await workerScript());
    return {
      run: async (file) => {
        const reply = await pool.analyse(file);
        for (const [stage, ms] of Object.entries(reply.stageMs)) stageMs[stage] = (stageMs[stage] ?? 0) + ms;
        return reply.outcome;
      },
      window: jobs * AHEAD_PER_WORKER,
      close: () => pool.close(),
    };
  }
  const { analyseFile } = await import("./file.ts");
  const analyser = analyseDoc ?? (await import("../pipeline.ts")).analyse;
  const format = rowFormatters({ formulaGuard: options.formulaGuard });
  return { run: async (file) => recordFile(await analyseFile(file, { maxBytes: options.maxBytes }, ctx, analyser, stageMs), format), window: 1, close: async () => {} };
}
