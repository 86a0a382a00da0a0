// A pool of worker threads that analyse files, and a bounded prefetch over
// it: tasks run out of order on the workers, the caller takes results in
// input order through a bounded reorder window, so the output does not
// depend on the number of workers and memory does not grow with the corpus. Workers
// send each file back as its record (src/output/rows.ts), rows formatted
// (encoded, as the cache keeps it, for --incremental).
import { Worker } from "node:worker_threads";
import type { InputFile } from "../ingest/discover.ts";
import type { RecordedOutcome } from "../output/rows.ts";
import type { ThemeTaxonomy } from "../stages/themes.ts";
import { workerScript, type WorkerScript } from "./bundle.ts";

/** What every worker needs to analyse files like the main thread would. */
export interface WorkerSetup {
  /** The theme taxonomy, loaded and checked already: workers need not parse YAML. */
  taxonomy: ThemeTaxonomy;
  maxBytes: number;
  formulaGuard: boolean;
  /**
   * Send each outcome encoded, as the cache keeps it (--incremental): moved
   * without a copy, and kept compact while it waits its turn. A plain run
   * gets objects: an encoded outcome's memory is freed only when the main
   * thread's collector finds it, which let some 40 MB pile up.
   */
  encode: boolean;
}

export interface WorkerTask {
  seq: number;
  file: InputFile;
}

/** What the main thread sends a worker: its setup once, first, then files. */
export type WorkerMessage = { setup: WorkerSetup } | WorkerTask;

export interface WorkerReply {
  seq: number;
  /** The file's outcome: encoded (encodeOutcome) when the setup says so. */
  outcome: Uint8Array | RecordedOutcome;
  stageMs: Record<string, number>;
}

interface Pending {
  resolve: (reply: WorkerReply) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Files it finished: a worker that dies before its first cannot start at all. */
  finished: number;
  dead: boolean;
}

export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private seq = 0;
  private closed = false;
  /** Set when workers cannot start (e.g. the pipeline fails to load): every file fails with it. */
  private broken: Error | null = null;

  /** Workers allowed now (see resize). */
  private size: number;
  private setup: WorkerSetup | undefined;

  /**
   * Up to `most` workers, started on the first file (or on `start`), so a run
   * that needs none (all cached) starts none. `script`: see workerScript (bundle.ts).
   * Workers load the pipeline at once; they analyse files once `configure` has said how.
   */
  constructor(private readonly most: number, private readonly script: WorkerScript) {
    this.size = most;
  }

  /** Sets how files are analysed: sent to the workers started, and to each started later. Once, before the first file. */
  configure(setup: WorkerSetup): void {
    this.setup = setup;
    for (const slot of this.slots) slot.worker.postMessage({ setup } satisfies WorkerMessage);
  }

  /** Starts `count` workers (by default all allowed) now, before any file: they load the pipeline while the caller prepares. */
  start(count = this.size): void {
    while (this.slots.length < Math.min(count, this.size)) this.slots.push(this.spawn());
  }

  /**
   * Allows `size` workers (up to the pool's most): more start as files come,
   * and any started beyond them stop, which must be before they were handed
   * a file (the files turned out too few to repay them).
   */
  resize(size: number): void {
    this.size = Math.min(this.most, size);
    for (const slot of this.slots.splice(this.size)) {
      slot.dead = true;
      void slot.worker.terminate();
    }
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.script.url, { workerData: this.script.workerData }), pending: new Map(), finished: 0, dead: false };
    if (this.setup) slot.worker.postMessage({ setup: this.setup } satisfies WorkerMessage);
    slot.worker.on("message", (reply: WorkerReply) => {
      const p = slot.pending.get(reply.seq);
      slot.pending.delete(reply.seq);
      slot.finished++;
      p?.resolve(reply);
    });
    // A worker that dies fails the files it held and is replaced, so one
    // crash costs those files only; one that never finished a file is not.
    const fail = (err: Error) => {
      if (slot.dead) return;
      slot.dead = true;
      for (const p of slot.pending.values()) p.reject(err);
      slot.pending.clear();
      if (this.closed) return;
      if (slot.finished === 0) {
        this.broken = err;
        return;
      }
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots[i] = this.spawn();
    };
    slot.worker.on("error", fail);
    slot.worker.on("exit", (code) => {
      if (!this.closed) fail(new Error(`analysis worker exited with code ${code}`));
    });
    return slot;
  }

  /** Analyses one file on the least busy worker. */
  analyse(file: InputFile): Promise<WorkerReply> {
    if (this.broken) return Promise.reject(this.broken);
    if (!this.setup) return Promise.reject(new Error("the analysis pool was not configured"));
    this.start();
    const slot = this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const seq = this.seq++;
    return new Promise((resolve, reject) => {
      slot.pending.set(seq, { resolve, reject });
      // Copied field by field: a discovered file's path is a getter, which structured cloning drops.
      slot.worker.postMessage({ seq, file: { path: file.path, rel: file.rel } } satisfies WorkerMessage);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/**
 * A pool of up to `most` workers with the first started now, for a run that
 * knows it will want them: it loads the pipeline while the run prepares.
 */
export async function startWorkers(most: number): Promise<AnalysisPool> {
  const pool = new AnalysisPool(most, await workerScript());
  pool.start(1);
  return pool;
}

/** How far `prefetch` may run ahead of the results taken. */
export interface PrefetchLimits<R> {
  /** Tasks started and their results not yet taken. */
  ahead: number;
  /** Results finished ahead of their turn wait up to about this much weight (`weigh`): no task starts beyond it. */
  budget?: { weigh: (result: R) => number; most: number };
}

export interface Prefetch<T, R> {
  /** Queues items, after those added before. */
  add(items: readonly T[]): void;
  /** An added item's result (a rejected task gives its error), started first if its turn has not come. Each item is taken once. */
  take(item: T): Promise<R | Error>;
}

/**
 * Runs `task` over the items added, in the order added, starting at once
 * within `limits`; the caller takes the results in an order of its own, and
 * an item it wants before its turn is started then.
 */
export function prefetch<T, R>(limits: PrefetchLimits<R>, task: (item: T) => Promise<R>): Prefetch<T, R> {
  const queued: Array<readonly T[]> = [];
  let [batch, offset] = [0, 0];
  const started = new Map<T, Promise<{ result: R | Error; weight: number }>>();
  /** Items taken before their turn: skipped when it comes. */
  const takenEarly = new Set<T>();
  let waiting = 0;
  const begin = (item: T) => {
    const done = (result: R | Error) => {
      const weight = result instanceof Error ? 0 : (limits.budget?.weigh(result) ?? 0);
      waiting += weight;
      fill();
      return { result, weight };
    };
    const running = task(item).then(done, (err: unknown) => done(err instanceof Error ? err : new Error(String(err))));
    started.set(item, running);
    return running;
  };
  const fill = () => {
    while (batch < queued.length && started.size < limits.ahead && waiting < (limits.budget?.most ?? Infinity)) {
      const item = queued[batch][offset++];
      if (offset === queued[batch].length) [batch, offset] = [batch + 1, 0];
      if (!takenEarly.delete(item)) begin(item);
    }
  };
  return {
    add(items) {
      if (!items.length) return;
      queued.push(items);
      fill();
    },
    async take(item) {
      let running = started.get(item);
      if (!running) {
        takenEarly.add(item);
        running = begin(item);
      }
      started.delete(item);
      fill();
      const { result, weight } = await running;
      waiting -= weight;
      fill();
      return result;
    },
  };
}
