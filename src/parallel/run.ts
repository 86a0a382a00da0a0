// Analyses a run's input files and hands their outcomes back in input order:
// on worker threads when --jobs > 1, else on this thread; with --incremental,
// files whose analysis is cached (same bytes, same pipeline version) are not
// analysed again.
import os from "node:os";
import type { InputFile } from "../ingest/discover.ts";
import type { analyse } from "../pipeline.ts";
import type { AnalysisCache } from "../output/cache.ts";
import type { StageContext } from "../types.ts";
import { cacheable, decodeOutcome, encodeOutcome, recordFile, rowFormatters, type RecordedOutcome } from "../output/rows.ts";
import { workerScript } from "./bundle.ts";
import { AnalysisPool, prefetch, type Prefetch } from "./pool.ts";

export interface AnalysisOptions {
  maxBytes: number;
  /** Rows are formatted where articles are analysed. */
  formulaGuard: boolean;
  /** Worker threads at most (1: this thread); undefined: one per core. Fewer are started when there are too few files to repay them (see workerCount). */
  jobs?: number;
  /** Files to analyse per worker started (FILES_PER_WORKER by default). */
  filesPerWorker?: number;
  /** Workers started ahead (see startWorkers in pool.ts), not yet configured, to use instead of starting `jobs` of them. */
  workers?: AnalysisPool;
  /**
   * The cache to read and refill, for --incremental, with each file's key
   * (AnalysisCache.keyOf; undefined for files not read), which `keying` fills
   * in: it yields the readable files (their indexes) in batches, each once
   * its keys are known.
   */
  cache?: { store: AnalysisCache; keys: ReadonlyArray<string | undefined>; keying: Iterable<readonly number[]> };
}

/**
 * A worker costs about as much CPU as analysing this many files before it
 * pays: loading the pipeline, and V8 compiling its hot code on background
 * threads, the worker's own copy of it. On this project's 2-core machine,
 * one worker analysed 1,000 to 4,000 files sooner than two, with a quarter
 * less CPU; two drew level at 10,000.
 */
export const FILES_PER_WORKER = 1000;

/** Without --jobs, fewer files than this are analysed on this thread: loading the pipeline in a worker alone costs as much. */
const FILES_FOR_A_WORKER = 250;

/** Files handed to the workers ahead of the one being written, per worker: keeps them busy while bounding memory. */
const AHEAD_PER_WORKER = 8;

/**
 * With --incremental, files analysed may run this far ahead of the one being
 * written, so the workers go on while this thread resumes from a checkpoint
 * or writes cached files. They are all handed out at once: results and new
 * files pass only when this thread takes a break, and its longest stretch of
 * work (checking 100,000 clean texts) would otherwise leave the workers
 * idle. Waiting outcomes are kept encoded, some 20 KB each; none start past
 * 64 MB of them.
 */
const CACHED_RUN_AHEAD = { files: 1024, bytes: 64 * 1024 * 1024 };

/** One file's outcome: null for files no reader takes; an Error when the analysis itself died (a worker crash). */
export interface FileResult {
  outcome: RecordedOutcome | Error | null;
  /** It came from the cache. */
  cached: boolean;
  /** The refilled cache holds it. */
  stored: boolean;
}

export interface Analysis {
  /** Each file's result from `files[start]` on, in order; the files before `start` must be cached (they are skipped). */
  results(start?: number): AsyncGenerator<FileResult>;
  /** Stops the workers; called once the results are read, or abandoned. */
  close(): Promise<void>;
}

/**
 * Starts analysing `files`: the files not cached go to the analyser at once,
 * so the workers load and work while the caller prepares (and, with a cache,
 * while cached outcomes are written; their results may then wait further
 * ahead for their turn, as cached files go by fast). With a cache and
 * workers started ahead, each batch of files goes to them as soon as its
 * keys are known, before the next batch is stat-ed.
 */
export async function startAnalysis(
  files: readonly InputFile[],
  readable: (rel: string) => boolean,
  options: AnalysisOptions,
  ctx: StageContext,
  stageMs: Record<string, number>,
  analyseDoc?: typeof analyse,
): Promise<Analysis> {
  const cache = options.cache?.store;
  const keys = options.cache?.keys ?? [];
  const isCached = (i: number) => !!cache?.has(keys[i] ?? "");
  const batches = options.cache?.keying ?? [files.flatMap((f, i) => (readable(f.rel) ? [i] : []))];
  let analyser: FileAnalyser | undefined;
  let analysed: Prefetch<number, Analysed | Error> | undefined;
  const run = (file: InputFile) => analyser!.run(file).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
  const begin = async (count: number) => {
    analyser = await fileAnalyser(options, ctx, stageMs, analyseDoc, count);
    const weigh = (r: Analysed | Error) => (r instanceof Uint8Array ? r.byteLength : 0);
    analysed = prefetch(cache && analyser.onWorkers ? { ahead: CACHED_RUN_AHEAD.files, budget: { weigh, most: CACHED_RUN_AHEAD.bytes } } : { ahead: analyser.window }, (i: number) => run(files[i]));
  };
  const held: Array<readonly number[]> = [];
  let toAnalyse = 0;
  for (const batch of batches) {
    const uncached = batch.filter((i) => !isCached(i));
    toAnalyse += uncached.length;
    held.push(uncached);
    // Workers started ahead get each batch at once; otherwise the analyser is chosen once all the files to analyse are known.
    if (!options.workers || !toAnalyse) continue;
    if (analyser) analyser.grow(toAnalyse);
    else await begin(toAnalyse);
    for (const b of held.splice(0)) analysed!.add(b);
  }
  if (!analyser) await begin(toAnalyse);
  for (const b of held.splice(0)) analysed!.add(b);
  async function* results(start = 0): AsyncGenerator<FileResult> {
    for (let i = start; i < files.length; i++) {
      const file = files[i];
      if (!readable(file.rel)) {
        yield { outcome: null, cached: false, stored: false };
        continue;
      }
      const key = keys[i];
      const inCache = isCached(i);
      const cachedEntry = key && inCache ? cache!.get(key) : undefined;
      // A damaged cache entry is analysed at its turn.
      const fromCache = cachedEntry && decodeOutcome(cachedEntry);
      const { outcome, entry } = fromCache ? { outcome: fromCache, entry: cachedEntry } : decoded(await (inCache ? run(file) : analysed!.take(i)));
      let stored = false;
      if (cache && key && !(outcome instanceof Error) && cacheable(outcome)) {
        await (fromCache ? cache.keep(key, cachedEntry) : cache.put(key, entry ?? encodeOutcome(outcome)));
        stored = true;
      }
      yield { outcome, cached: !!fromCache, stored };
    }
  }
  return { results, close: () => analyser!.close() };
}

/** A file's outcome: encoded by a worker of a run with a cache, else as an object. */
type Analysed = Uint8Array | RecordedOutcome;

/** The outcome of an analysed file, and its encoded bytes when that is how it came. */
function decoded(analysed: Analysed | Error): { outcome: RecordedOutcome | Error; entry?: Uint8Array } {
  if (!(analysed instanceof Uint8Array)) return { outcome: analysed };
  return { outcome: decodeOutcome(analysed) ?? new Error("the analysis worker sent an unreadable result"), entry: analysed };
}

interface FileAnalyser {
  run(file: InputFile): Promise<Analysed>;
  /** Files analysed ahead of the one being written. */
  window: number;
  /** On worker threads: then files may run further ahead with --incremental (see CACHED_RUN_AHEAD). */
  onWorkers: boolean;
  /** There are now `files` files to analyse in all: more workers may start (see workerCount). */
  grow(files: number): void;
  close(): Promise<void>;
}

/**
 * The workers to analyse `files` files with: one per `filesPerWorker` of them, at most `jobs` (by default one per core);
 * 0 for this thread. `started`: a worker started ahead is loading already, so even a few files go to it.
 */
export function workerCount(files: number, { jobs, filesPerWorker = FILES_PER_WORKER, started = false }: Pick<AnalysisOptions, "jobs" | "filesPerWorker"> & { started?: boolean }): number {
  const most = jobs ?? (files < FILES_FOR_A_WORKER && !started ? 1 : os.availableParallelism());
  return most > 1 && files > 0 ? Math.min(most, Math.ceil(files / filesPerWorker)) : 0;
}

/**
 * A pool of worker threads (see workerCount), else this thread (always with an injected analyser, which cannot cross into
 * a worker). The pipeline is loaded only where it runs.
 */
async function fileAnalyser(options: AnalysisOptions, ctx: StageContext, stageMs: Record<string, number>, analyseDoc: typeof analyse | undefined, files: number): Promise<FileAnalyser> {
  const counted = { ...options, started: !!options.workers };
  const workers = analyseDoc ? 0 : workerCount(files, counted);
  // Workers started ahead beyond those the files repay stop now.
  options.workers?.resize(workers);
  if (workers > 0) {
    const pool = options.workers ?? new AnalysisPool(workers, await workerScript());
    pool.configure({ taxonomy: ctx.themes, maxBytes: options.maxBytes, formulaGuard: options.formulaGuard, encode: !!options.cache });
    return {
      run: async (file) => {
        const reply = await pool.analyse(file);
        for (const [stage, ms] of Object.entries(reply.stageMs)) stageMs[stage] = (stageMs[stage] ?? 0) + ms;
        return reply.outcome;
      },
      window: workers * AHEAD_PER_WORKER,
      onWorkers: true,
      grow: (files) => pool.resize(workerCount(files, counted)),
      close: () => pool.close(),
    };
  }
  // Loaded on the first file: a re-run with every file cached needs no pipeline.
  let loading: Promise<(file: InputFile) => Promise<RecordedOutcome>> | undefined;
  const load = async () => {
    const { analyseFile } = await import("./file.ts");
    const analyser = analyseDoc ?? (await import("../pipeline.ts")).analyse;
    const format = rowFormatters({ formulaGuard: options.formulaGuard });
    return async (file: InputFile) => recordFile(await analyseFile(file, { maxBytes: options.maxBytes }, ctx, analyser, stageMs), format);
  };
  return { run: async (file) => (await (loading ??= load()))(file), window: 1, onWorkers: false, grow: () => {}, close: async () => {} };
}
