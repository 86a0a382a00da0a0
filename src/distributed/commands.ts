// The distributed subcommands (enqueue, worker, assemble, status) on the
// main CLI. BullMQ and the pipeline load only when a command runs.
import { InvalidArgumentError, Option, type Command } from "commander";
import { PERIODS, type Period } from "../output/theme-periods.ts";

/** One queue per corpus run; several runs can share a Redis under different names. */
const DEFAULT_QUEUE = "newsmine";

const log = (line: string) => process.stderr.write(line + "\n");

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("must be a positive whole number");
  return n;
}

function redisUrl(value: string): string {
  if (!/^rediss?:\/\//.test(value)) throw new InvalidArgumentError("must be a redis:// or rediss:// URL");
  return value;
}

const redisOption = () => new Option("--redis <url>", "Redis holding the queue, e.g. redis://127.0.0.1:6379").argParser(redisUrl).makeOptionMandatory();
const queueOption = () => new Option("--queue <name>", "queue name: one per corpus run").default(DEFAULT_QUEUE);

/** Runs a command, turning an unreachable Redis into one error line and exit status 1. */
function reachingRedis<O extends { redis: string }>(run: (opts: O) => Promise<void>): (opts: O) => Promise<void> {
  return async (opts) => {
    try {
      await run(opts);
    } catch (err) {
      const why = (await import("./queue.ts")).unreachable(err);
      if (!why) throw err;
      log(`newsmine: error: cannot reach Redis at ${opts.redis}: ${why}`);
      process.exitCode = 1;
    }
  };
}

export function registerDistributedCommands(program: Command): void {
  program
    .command("enqueue")
    .description("Queue one job per article file on Redis, for workers on any number of machines.")
    .addOption(redisOption())
    .addOption(queueOption())
    .option("-i, --input <dir>", "folder of articles, read recursively")
    .option("--manifest <file>", "file listing article paths, one a line, instead of --input")
    .option("--root <dir>", "folder the manifest's paths are relative to (default: the manifest's folder)")
    .option("--themes <file>", "theme taxonomy (YAML or JSON) replacing the default src/data/themes.yaml")
    .option("--max-bytes <n>", "skip files larger than this, with an errors.csv row", count, 20 * 1024 * 1024)
    .option("--attempts <n>", "tries per article before it goes on the dead-letter list", count, 3)
    .option("--backoff <ms>", "delay before the first retry; doubles each time", count, 1000)
    .action(reachingRedis(async (opts: { redis: string; queue: string; input?: string; manifest?: string; root?: string; themes?: string; maxBytes: number; attempts: number; backoff: number }) => {
      const { enqueue } = await import("./enqueue.ts");
      const s = await enqueue({ ...opts, backoffMs: opts.backoff }, log);
      log(`newsmine enqueue: ${s.added} jobs added, ${s.alreadyQueued} already queued, ${s.skipped} skipped, ${s.problems} unreadable entries -> queue ${opts.queue}`);
    }));

  program
    .command("worker")
    .description("Process queued articles until stopped (SIGTERM finishes the jobs in hand), writing results to a folder all workers share.")
    .addOption(redisOption())
    .addOption(queueOption())
    .requiredOption("--results <dir>", "shared results folder")
    .option("--concurrency <n>", "jobs in flight in this process", count, 1)
    .option("--exit-when-drained", "exit once no job is queued or active (for batch jobs)")
    .addOption(new Option("--lock-ms <ms>", "job lock time: a dead worker's jobs are taken up again after about this long").argParser(count).default(30_000))
    .addOption(new Option("--log-every <s>", "seconds between progress lines").argParser(count).default(60))
    .action(reachingRedis(async (opts: { redis: string; queue: string; results: string; concurrency: number; exitWhenDrained?: boolean; lockMs: number; logEvery: number }) => {
      const { runWorker } = await import("./worker.ts");
      const r = await runWorker({ ...opts, exitWhenDrained: !!opts.exitWhenDrained }, log);
      process.exitCode = r.failed > 0 ? 1 : 0;
    }));

  program
    .command("assemble")
    .description("Wait until the queue is drained, then write the datasets from the results, exactly as extract would.")
    .addOption(redisOption())
    .addOption(queueOption())
    .requiredOption("--results <dir>", "shared results folder the workers wrote")
    .option("-o, --output <dir>", "folder for the datasets (replaced atomically at the end)", "output")
    .addOption(new Option("--period <period>", "period of themes.csv").choices(PERIODS).default("year"))
    .option("--themes <file>", "theme taxonomy: the same file given to enqueue")
    .option("--no-formula-guard", "do not prefix cells starting with = + - @ with an apostrophe")
    .option("--timeout <s>", "stop waiting after this many seconds and list what is missing", count)
    .option("--allow-errors", "exit 0 even when some files failed")
    .addOption(new Option("--log-every <s>", "seconds between progress lines while waiting").argParser(count).default(60))
    .action(
      reachingRedis(async (opts: { redis: string; queue: string; results: string; output: string; period: Period; themes?: string; formulaGuard: boolean; timeout?: number; allowErrors?: boolean; logEvery: number }) => {
        const { assemble, MissingResults } = await import("./assemble.ts");
        try {
          const s = await assemble(opts, log);
          log(`newsmine assemble: ${s.articles} articles, ${s.entities} entities, ${s.figures} figures, ${s.quotes} quotes, ${s.errors} errors in ${s.seconds.toFixed(2)} s -> ${s.output}`);
          process.exitCode = s.errors > 0 && !opts.allowErrors ? 1 : 0;
        } catch (err) {
          if (!(err instanceof MissingResults)) throw err;
          log(`newsmine assemble: ${err.message}; nothing written. First ones:`);
          for (const m of err.missing.slice(0, 20)) log(`  ${m.rel}: ${m.state}`);
          process.exitCode = 1;
        }
      }),
    );

  program
    .command("status")
    .description("Print how many jobs are queued, active, done and failed.")
    .addOption(redisOption())
    .addOption(queueOption())
    .option("--failed <n>", "also list up to n dead-lettered files with their reason", count, 10)
    .option("--json", "print the counts as JSON")
    .action(reachingRedis(async (opts: { redis: string; queue: string; failed: number; json?: boolean }) => {
      const { status, formatStatus } = await import("./status.ts");
      const r = await status(opts.redis, opts.queue, opts.json ? 0 : opts.failed);
      process.stdout.write(opts.json ? JSON.stringify(r) + "\n" : formatStatus(r));
    }));
}
