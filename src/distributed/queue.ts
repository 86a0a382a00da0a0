// What enqueue, worker, assemble and status share: the BullMQ queue, the job
// record, the corpus list kept beside the queue in Redis, and where a job's
// result lives in the shared results folder.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { Queue, type ConnectionOptions } from "bullmq";
import { Redis } from "ioredis";
import type { InputFile } from "../ingest/discover.ts";
import { fileKey } from "../output/cache.ts";
import type { AnalysisSettings } from "./version.ts";

/** One job: one input file. Everything a worker needs travels in the job; the text stays on disk. */
export interface JobData extends AnalysisSettings {
  /** Path relative to the input folder ("/" separators): gives the article id, as in a local run. */
  rel: string;
  /** Absolute path; every worker must see the corpus at the same path. */
  path: string;
  /** The file's content key when it was enqueued (see contentKey). */
  key: string;
  /** Pipeline version the job was made for (see version.ts). */
  version: string;
}

/** Job id: the file's content key and the pipeline version, so enqueuing the same corpus twice adds nothing. */
export function jobIdOf(data: JobData): string {
  return createHash("sha256").update(`${data.version}\0${data.key}`).digest("hex").slice(0, 40);
}

/**
 * The --incremental cache's key of a file (its path and bytes), or, past the
 * size limit, its size: such a file is never read, only reported.
 */
export async function contentKey(file: InputFile, maxBytes: number): Promise<string> {
  const stat = await fs.stat(file.path);
  if (stat.size > maxBytes) return `over-limit:${stat.size}`;
  return fileKey(file.rel, await fs.readFile(file.path));
}

/** Where a job's result goes: fanned out over 256 folders so no folder grows huge. */
export function resultPath(results: string, jobId: string): string {
  return path.join(results, jobId.slice(0, 2), `${jobId}.json`);
}

/** Writes via a temporary name and a rename, so a killed worker never leaves half a result. */
export async function writeAtomic(file: string, content: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await fs.writeFile(tmp, content);
  await fs.rename(tmp, file);
}

/** Redis keys beside BullMQ's own: the corpus as enqueued. */
export function corpusKeys(queue: string) {
  return {
    /** rel -> job id, for every readable file. */
    files: `newsmine:${queue}:files`,
    /** rel -> message, for what discovery could not read (errors.csv rows with stage "discover"). */
    problems: `newsmine:${queue}:problems`,
    /** input, files, skipped: for run.json. */
    meta: `newsmine:${queue}:meta`,
  };
}

/**
 * Connection settings. Workers wait for Redis to come back however long it
 * takes; the one-shot commands give up after a few seconds instead of hanging.
 */
export function connectionFor(url: string, role: "worker" | "client"): ConnectionOptions {
  if (role === "worker") return { url, maxRetriesPerRequest: null };
  return { url, maxRetriesPerRequest: 3, retryStrategy: (times: number) => (times > 5 ? null : times * 200) };
}

// Connection errors surface where a command awaits Redis; the emitted copies would only repeat them on stderr.
const quiet = () => {};

export function openQueue(url: string, name: string): Queue {
  return new Queue(name, { connection: connectionFor(url, "client") }).on("error", quiet);
}

export function openRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 3, retryStrategy: (times: number) => (times > 5 ? null : times * 200) }).on("error", quiet);
}

/** A Redis that cannot be reached, as one line for the user. */
export function unreachable(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === "string" && ["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ETIMEDOUT", "ECONNRESET"].includes(code)) return code;
  if (err instanceof Error && /Connection is closed|max retries per request/i.test(err.message)) return err.message;
  return undefined;
}

export interface QueueCounts {
  queued: number;
  active: number;
  done: number;
  failed: number;
}

export async function queueCounts(queue: Queue): Promise<QueueCounts> {
  const c = await queue.getJobCounts("waiting", "active", "delayed", "prioritized", "waiting-children", "completed", "failed");
  return {
    queued: c.waiting + c.delayed + c.prioritized + c["waiting-children"],
    active: c.active,
    done: c.completed,
    failed: c.failed,
  };
}
