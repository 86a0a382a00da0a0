// enqueue: one BullMQ job per readable input file, found like the local run
// finds them (or listed in a manifest). The job id is derived from the file's
// content hash, path and pipeline version, so enqueuing the same corpus twice
// adds nothing. The corpus list goes beside the queue, so assemble knows
// every file that belongs to the output and in which order.
import fs from "node:fs/promises";
import path from "node:path";
import { compareIds, describe, discover, type DiscoveryProblem, type InputFile } from "../ingest/discover.ts";
import { isReadable } from "../ingest/read.ts";
import { UsageError } from "../extract.ts";
import { contentKey, corpusKeys, jobIdOf, openQueue, openRedis, type JobData } from "./queue.ts";
import { versionFor } from "./version.ts";

export interface EnqueueOptions {
  redis: string;
  queue: string;
  input?: string;
  manifest?: string;
  /** Folder the manifest's relative paths start from (default: the manifest's folder). */
  root?: string;
  themes?: string;
  maxBytes: number;
  attempts: number;
  /** First retry delay; each next one doubles. */
  backoffMs: number;
}

export interface EnqueueSummary {
  files: number;
  added: number;
  alreadyQueued: number;
  skipped: number;
  problems: number;
}

const BATCH = 500;

export async function enqueue(options: EnqueueOptions, log: (line: string) => void): Promise<EnqueueSummary> {
  if (!options.input === !options.manifest) throw new UsageError("give either --input DIR or --manifest FILE");
  const { files, problems, source } = options.input ? await fromFolder(options.input) : await fromManifest(options.manifest!, options.root);
  const settings = { maxBytes: options.maxBytes, themes: options.themes ? path.resolve(options.themes) : null };
  if (settings.themes) await fs.access(settings.themes).catch(() => Promise.reject(new UsageError(`themes file not found: ${options.themes}`)));
  const version = await versionFor(settings);

  const readable = files.filter((f) => isReadable(f.rel));
  const skipped = files.length - readable.length;
  for (const f of files) if (!isReadable(f.rel)) log(`newsmine: skipped ${f.rel}: not a format newsmine reads`);

  const queue = openQueue(options.redis, options.queue);
  const redis = openRedis(options.redis);
  const keys = corpusKeys(options.queue);
  let added = 0;
  try {
    for (let i = 0; i < readable.length; i += BATCH) {
      const batch: Array<{ id: string; data: JobData }> = [];
      for (const f of readable.slice(i, i + BATCH)) {
        let key: string;
        try {
          key = await contentKey(f, options.maxBytes);
        } catch (err) {
          // Unreadable now: let the worker meet it and report it as the local run would.
          key = `unreadable:${describe(err)}`;
        }
        const data: JobData = { rel: f.rel, path: f.path, key, version, ...settings };
        batch.push({ id: jobIdOf(data), data });
      }
      // Files already listed under the same job id are already queued (or done).
      const known = await redis.hmget(keys.files, ...batch.map((b) => b.data.rel));
      added += batch.filter((b, j) => known[j] !== b.id).length;
      await queue.addBulk(
        batch.map(({ id, data }) => ({
          name: "article",
          data,
          opts: { jobId: id, attempts: options.attempts, backoff: { type: "exponential", delay: options.backoffMs }, removeOnComplete: false, removeOnFail: false },
        })),
      );
      await redis.hset(keys.files, Object.fromEntries(batch.map((b) => [b.data.rel, b.id])));
    }
    if (problems.length) await redis.hset(keys.problems, Object.fromEntries(problems.map((p) => [p.rel, p.error])));
    await redis.hset(keys.meta, { input: source, skipped: String(skipped) });
  } finally {
    await queue.close();
    redis.disconnect();
  }
  return { files: files.length, added, alreadyQueued: readable.length - added, skipped, problems: problems.length };
}

async function fromFolder(input: string): Promise<{ files: InputFile[]; problems: DiscoveryProblem[]; source: string }> {
  const stat = await fs.stat(input).catch(() => null);
  if (!stat?.isDirectory()) throw new UsageError(`input folder not found: ${input}`);
  return { ...(await discover(input)), source: input };
}

/** A manifest lists one path a line (blank lines and "#" comments ignored), relative to `root` or absolute. */
async function fromManifest(manifest: string, root?: string): Promise<{ files: InputFile[]; problems: DiscoveryProblem[]; source: string }> {
  const text = await fs.readFile(manifest, "utf8").catch(() => {
    throw new UsageError(`manifest not found: ${manifest}`);
  });
  const base = path.resolve(root ?? path.dirname(manifest));
  const files: InputFile[] = [];
  const problems: DiscoveryProblem[] = [];
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const entry = line.trim();
    if (!entry || entry.startsWith("#")) continue;
    const full = path.resolve(base, entry);
    const rel = path.relative(base, full).split(path.sep).join("/");
    if (rel.startsWith("../") || path.isAbsolute(rel)) throw new UsageError(`manifest path ${entry} lies outside ${base}: give --root`);
    if (seen.has(rel)) continue;
    seen.add(rel);
    const stat = await fs.stat(full).catch((err: unknown) => err);
    if (stat instanceof Error) problems.push({ rel, error: describe(stat) });
    else if (!(stat as import("node:fs").Stats).isFile()) problems.push({ rel, error: "not a regular file" });
    else files.push({ path: full, rel });
  }
  files.sort((a, b) => compareIds(a.rel, b.rel));
  problems.sort((a, b) => compareIds(a.rel, b.rel));
  return { files, problems, source: manifest };
}
