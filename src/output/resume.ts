// Where an --incremental run starts writing: after the furthest checkpoint of
// the previous run (src/output/checkpoints.ts) whose input files are the ones
// before it now, byte for byte; and where this run saves its own checkpoints.
import type { AnalysisCache } from "./cache.ts";
import { checkpointInterval, prefixDigests, type Checkpoint, type Checkpoints } from "./checkpoints.ts";
import type { DatasetWriter, RunError, WriterSnapshot } from "./writer.ts";

/** An input file as a checkpoint sees it. */
export interface InputMark {
  rel: string;
  /** A format newsmine reads. */
  readable: boolean;
  /** Its cache key (AnalysisCache.keyOf); undefined when it could not be stat-ed. */
  key: string | undefined;
}

export interface ResumePlan {
  /** Input files the writer holds already, from a checkpoint: writing goes on after them. */
  position: number;
  /** The errors those files gave, restored with the checkpoint. */
  errors: RunError[];
  /** The checkpoint to save once `position` files are written, if one is due there. */
  due(position: number): Checkpoint | undefined;
}

/**
 * Resumes `writer` from the furthest usable checkpoint, keeping the cache
 * entries of the files before it, and plans this run's checkpoints: every
 * `interval` files (by default see checkpointInterval) and at the end.
 * Called after the writer is opened, before anything is added to it.
 */
export async function resumePoint(
  files: readonly InputMark[],
  cache: AnalysisCache,
  checkpoints: Checkpoints<WriterSnapshot>,
  writer: DatasetWriter,
  interval = checkpointInterval(files.length),
): Promise<ResumePlan> {
  const isDue = (position: number) => position % interval === 0 || position === files.length;
  const candidates = checkpoints.candidates.filter((c) => c.position <= files.length);
  const positions = new Set(candidates.map((c) => c.position));
  for (let p = interval; p < files.length; p += interval) positions.add(p);
  positions.add(files.length);
  const digests = prefixDigests(
    files.map((f) => `${f.rel}\0${f.readable ? (f.key ?? "?") : "-"}`),
    positions,
  );
  const plan: ResumePlan = { position: 0, errors: [], due: (p) => (p > plan.position && isDue(p) ? { position: p, digest: digests.get(p)! } : undefined) };
  const unchanged = candidates.filter((c) => digests.get(c.position) === c.digest);
  for (const point of unchanged) {
    const prefix = files.slice(0, point.position);
    // The cache must still hold every file before it, for later runs that resume earlier.
    if (!prefix.every((f) => !f.readable || (f.key !== undefined && cache.has(f.key)))) continue;
    const saved = checkpoints.load(point);
    if (!saved) continue;
    const errors = [...saved.snapshot.errors];
    // The previous output was changed since: no checkpoint of it can be used.
    if (!(await writer.resume(saved))) break;
    plan.position = point.position;
    plan.errors = errors;
    await cache.keepUnread(prefix.flatMap((f) => (f.readable ? [f.key!] : [])));
    break;
  }
  for (const point of unchanged) if (point.position <= plan.position && (isDue(point.position) || point.position === plan.position)) checkpoints.carry(point);
  return plan;
}
