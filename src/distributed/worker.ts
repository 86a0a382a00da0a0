// worker: takes jobs from the queue, reads and analyses each file with the
// local run's code and writes the outcome to the shared results folder.
// Retries with backoff, stalled-job recovery (a worker that dies mid-job
// loses its lock; another takes the job up again) and the failed set as the
// dead-letter list are BullMQ's; this file only does the work of one job.
import path from "node:path";
import fs from "node:fs/promises";
import { UnrecoverableError, Worker, type Job } from "bullmq";
import { loadTaxonomy, type ThemeTaxonomy } from "../stages/themes.ts";
import { analyse } from "../pipeline.ts";
import { analyseFile } from "../parallel/file.ts";
import { connectionFor, contentKey, openQueue, queueCounts, resultPath, writeAtomic, type JobData } from "./queue.ts";
import { serialise } from "./results.ts";
import { versionFor } from "./version.ts";

export interface WorkerOptions {
  redis: string;
  queue: string;
  results: string;
  concurrency: number;
  /** How long a job's lock lasts without renewal: a dead worker's jobs are taken up again after about this long. */
  lockMs: number;
  /** Seconds between progress lines. */
  logEvery: number;
  /** Exit once no job is queued or active anywhere (batch runs), instead of waiting for more. */
  exitWhenDrained: boolean;
}

export async function runWorker(options: WorkerOptions, log: (line: string) => void): Promise<{ done: number; failed: number }> {
  const results = path.resolve(options.results);
  await fs.mkdir(results, { recursive: true });
  const taxonomies = new Map<string | null, ThemeTaxonomy>();
  const taxonomyFor = (file: string | null) => {
    let t = taxonomies.get(file);
    if (!t) taxonomies.set(file, (t = loadTaxonomy(file ?? undefined)));
    return t;
  };

  async function processJob(job: Job<JobData>): Promise<{ reused: boolean }> {
    const data = job.data;
    const file = { path: data.path, rel: data.rel };
    const version = await versionFor({ maxBytes: data.maxBytes, themes: data.themes }).catch((err: Error) => `unknown (${err.message})`);
    if (data.version !== version)
      throw new UnrecoverableError(`job made for pipeline version ${data.version}, this worker runs ${version}: run the same code and settings everywhere`);
    const target = resultPath(results, job.id!);
    // A job taken up again after a worker died may already be done.
    if (await fs.stat(target).catch(() => null)) return { reused: true };
    // An unreadable file is reported by ingest below, as in a local run; a changed one no longer matches the job's key.
    const now = await contentKey(file, data.maxBytes).catch(() => null);
    if (now !== null && now !== data.key) throw new UnrecoverableError("file changed since it was enqueued: enqueue again");
    const stageMs: Record<string, number> = {};
    const outcome = await analyseFile(file, { maxBytes: data.maxBytes }, { themes: taxonomyFor(data.themes) }, analyse, stageMs);
    await writeAtomic(target, serialise({ version, rel: data.rel, outcome, stageMs }));
    return { reused: false };
  }

  const worker = new Worker<JobData>(options.queue, processJob, {
    connection: connectionFor(options.redis, "worker"),
    concurrency: options.concurrency,
    lockDuration: options.lockMs,
    stalledInterval: options.lockMs,
    maxStalledCount: 1,
  });

  let done = 0;
  let failed = 0;
  let lastDone = 0;
  let lastTime = performance.now();
  worker.on("completed", () => done++);
  worker.on("failed", (job, err) => {
    // A retry is not a failure yet; only the last attempt puts a job on the dead-letter list.
    if (job?.finishedOn) {
      failed++;
      log(`newsmine worker: ${job.data.rel}: failed for good: ${err.message}`);
    }
  });
  worker.on("error", (err) => log(`newsmine worker: ${err.message}`));

  const progress = () => {
    const t = performance.now();
    const rate = ((done - lastDone) * 1000) / (t - lastTime);
    log(`newsmine worker: ${done} files done, ${failed} failed, ${rate.toFixed(1)} files/s`);
    lastDone = done;
    lastTime = t;
  };
  const ticker = setInterval(progress, options.logEvery * 1000);
  log(`newsmine worker: pid ${process.pid}, queue ${options.queue}, concurrency ${options.concurrency}, results in ${results}`);

  const stopped = new Promise<void>((resolve) => {
    const stop = (why: string) => {
      log(`newsmine worker: ${why}, finishing the jobs in hand`);
      resolve();
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
    if (options.exitWhenDrained) watchDrained(options, () => stop("queue drained"));
  });
  await stopped;
  clearInterval(ticker);
  await worker.close();
  progress();
  return { done, failed };
}

/** Calls `then` once nothing is queued or active on the queue. */
function watchDrained(options: WorkerOptions, then: () => void): void {
  const queue = openQueue(options.redis, options.queue);
  const poll = async () => {
    const c = await queueCounts(queue).catch(() => null);
    if (c && c.queued === 0 && c.active === 0) {
      await queue.close();
      then();
    } else setTimeout(poll, 1000);
  };
  setTimeout(poll, 1000);
}
