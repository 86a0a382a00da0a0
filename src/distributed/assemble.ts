// assemble: waits until the queue is drained, then walks the enqueued corpus
// in article_id order and feeds each file's result to the local run's
// DatasetWriter, so the datasets are byte-identical to `newsmine extract` on
// the same corpus (run.json aside: its timings differ). Jobs on the
// dead-letter list become errors.csv rows; anything else missing stops the
// run with a list instead of writing a partial output.
import fs from "node:fs/promises";
import { compareIds } from "../ingest/discover.ts";
import { checkPaths, commitRun, UsageError, type RunSummary } from "../extract.ts";
import { DatasetWriter, type RunError } from "../output/writer.ts";
import type { Period } from "../output/theme-periods.ts";
import { loadTaxonomy } from "../stages/themes.ts";
import { corpusKeys, openQueue, openRedis, queueCounts, resultPath } from "./queue.ts";
import { deserialise } from "./results.ts";
import { recordOutcome } from "../output/record.ts";
import { recordFile, rowFormatters } from "../output/rows.ts";

export interface AssembleOptions {
  redis: string;
  queue: string;
  results: string;
  output: string;
  period: Period;
  themes?: string;
  formulaGuard: boolean;
  /** Seconds to wait for the queue to drain; undefined waits as long as it takes. */
  timeout?: number;
  /** Seconds between progress lines while waiting. */
  logEvery: number;
}

/** Thrown when files have no result yet: `missing` lists them with their job state. */
export class MissingResults extends Error {
  constructor(readonly missing: Array<{ rel: string; state: string }>) {
    super(`${missing.length} files have no result yet`);
  }
}

export async function assemble(options: AssembleOptions, log: (line: string) => void): Promise<RunSummary> {
  const started = performance.now();
  // Assemble may start before any worker made the results folder: it waits for them.
  await fs.mkdir(options.results, { recursive: true });
  await checkPaths(options.results, options.output);
  let taxonomy;
  try {
    taxonomy = loadTaxonomy(options.themes);
  } catch (err) {
    if (options.themes) throw new UsageError(err instanceof Error ? err.message : String(err));
    throw err;
  }
  const queue = openQueue(options.redis, options.queue);
  const redis = openRedis(options.redis);
  const keys = corpusKeys(options.queue);
  try {
    await waitForDrain();
    const fileJobs = await redis.hgetall(keys.files);
    const problems = await redis.hgetall(keys.problems);
    const meta = await redis.hgetall(keys.meta);
    if (!Object.keys(fileJobs).length && !Object.keys(problems).length) throw new UsageError(`nothing was enqueued on queue ${options.queue}`);
    const rels = Object.keys(fileJobs).sort(compareIds);

    // Every file needs a result or a place on the dead-letter list before anything is written.
    const deadLetters = new Map<string, string>();
    const missing: Array<{ rel: string; state: string }> = [];
    for (const rel of rels) {
      const id = fileJobs[rel];
      if (await exists(resultPath(options.results, id))) continue;
      const job = await queue.getJob(id);
      const state = job ? await job.getState() : "not in the queue";
      if (state === "failed") deadLetters.set(rel, job!.failedReason || "failed");
      else missing.push({ rel, state: state === "completed" ? `completed, but no result in ${options.results}` : state });
    }
    if (missing.length) throw new MissingResults(missing);

    const writer = new DatasetWriter(options.output, { period: options.period, taxonomy, formulaGuard: options.formulaGuard });
    for (const note of await writer.open()) log(`newsmine: ${note}`);
    const stageMs: Record<string, number> = {};
    const format = rowFormatters({ formulaGuard: options.formulaGuard });
    const fail = (e: RunError) => writer.addError(e);
    try {
      for (const rel of Object.keys(problems).sort(compareIds)) fail({ sourceFile: rel, stage: "discover", error: problems[rel] });
      for (const rel of rels) {
        const dead = deadLetters.get(rel);
        if (dead !== undefined) {
          fail({ sourceFile: rel, stage: "worker", error: dead });
          continue;
        }
        const result = deserialise(await fs.readFile(resultPath(options.results, fileJobs[rel]), "utf8"));
        for (const [stage, ms] of Object.entries(result.stageMs)) stageMs[stage] = (stageMs[stage] ?? 0) + ms;
        await recordOutcome(writer, rel, recordFile(result.outcome, format), fail);
      }
      const skipped = Number(meta.skipped ?? 0);
      return await commitRun(writer, { input: meta.input ?? "", output: options.output, files: rels.length + skipped, skipped }, started, stageMs);
    } catch (err) {
      await writer.abort();
      throw err;
    }
  } finally {
    await queue.close();
    redis.disconnect();
  }

  async function waitForDrain(): Promise<void> {
    const deadline = options.timeout === undefined ? Infinity : Date.now() + options.timeout * 1000;
    let nextLog = Date.now();
    for (;;) {
      const c = await queueCounts(queue);
      if (c.queued === 0 && c.active === 0) return;
      if (Date.now() >= deadline) return;
      if (Date.now() >= nextLog) {
        log(`newsmine assemble: waiting for the queue: ${c.queued} queued, ${c.active} active, ${c.done} done, ${c.failed} failed`);
        nextLog = Date.now() + options.logEvery * 1000;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

const exists = (file: string) => fs.stat(file).then(
  () => true,
  () => false,
);

