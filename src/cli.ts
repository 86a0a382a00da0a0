// Command-line interface. Exit status: 0 all files processed, 1 some files
// failed (datasets still written for the rest), 2 usage error.
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { createRequire } from "node:module";
import os from "node:os";
import v8 from "node:v8";
import type { RunSummary } from "./extract.ts";
import { createProgress, progressMode } from "./cli/progress.ts";
import { PERIODS, type Period } from "./output/theme-periods.ts";
import { registerDistributedCommands } from "./distributed/commands.ts";
import { startWorkers } from "./parallel/pool.ts";

// Between full collections V8 lets a heap grow to as much as 4x what was live after the last one. Every
// article's rows pass through the main thread, so at that rate a 100k-article run's main heap reached
// 200 MB for 60 MB live; growing by 20% keeps memory flat for the same run time. (Process-wide: workers too.)
v8.setFlagsFromString("--heap-growing-percent=20");

// A reader that stops early (`newsmine --help | head`) closes the pipe: it had what it wanted, so that is no error.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code !== "EPIPE") throw err;
  process.exit();
});

const version = (createRequire(import.meta.url)("../package.json") as { version: string }).version;
const log = (line: string) => process.stderr.write(line + "\n");
// The pipeline loads its gazetteers and models at import: commands import it
// when they run, so --help, --version and usage errors answer at once.
const loadExtract = () => import("./extract.ts");
/** Commander's messages can span lines ("(Did you mean --json?)"); errors here stay on one. */
const oneLine = (s: string) => s.trim().replace(/\s*\n\s*/g, " ");

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("must be a positive whole number");
  return n;
}

const program = new Command()
  .name("newsmine")
  .description("Turn a folder of news articles into clean CSV datasets: metadata, entities, figures, quotes and themes.")
  .version(version)
  .exitOverride()
  .configureOutput({
    writeErr: (s) => process.stderr.write(s),
    outputError: (message, write) => write(`newsmine: ${oneLine(message)} (see --help)\n`),
  })
  .addHelpText(
    "after",
    `
Examples:
  npx newsmine extract --input articles --output datasets
  npx newsmine extract --help
  npx newsmine eval --gold test/gold --out output`,
  );

program
  .command("extract")
  .description("Process every article under --input and write the datasets to --output.")
  .option("-i, --input <dir>", "folder of articles, read recursively", "corpus")
  .option("-o, --output <dir>", "folder for the datasets (replaced atomically at the end)", "output")
  .addOption(new Option("--period <period>", "period of themes.csv").choices(PERIODS).default("year"))
  .option("--themes <file>", "theme taxonomy (YAML or JSON) replacing the default src/data/themes.yaml")
  .option("--max-bytes <n>", "skip files larger than this, with an errors.csv row", positiveInt, 20 * 1024 * 1024)
  .option("--no-formula-guard", "do not prefix text cells starting with = + - @, tab or CR with an apostrophe (plain numbers never are)")
  .option("-j, --jobs <n>", "worker threads analysing articles at most (1: none); output is the same for any number (default: one per core)", positiveInt)
  .option("--files-per-worker <n>", "start one worker per this many files to analyse, up to --jobs (default: 1000, as a worker costs about as much CPU to warm up as analysing that many)", positiveInt)
  .option("--incremental", "analyse only files new or changed since the last run into --output (cached there); same output as a full run")
  .option("--allow-errors", "exit 0 even when some files failed")
  .option("-q, --quiet", "print only errors and the final summary")
  .option("--json", "print the run summary as JSON on stdout")
  .addHelpText(
    "after",
    `
Examples:
  npm run extract                                   # corpus/ -> output/
  npx newsmine extract -i ~/scraped -o ~/datasets --period month
  npx newsmine extract -i articles -o out --themes my-themes.yaml
  npx newsmine extract -i articles -o out --quiet --json > summary.json

The output folder holds one CSV per dataset and datapackage.json, which
describes every column (Frictionless Data Package). Progress goes to stderr:
a bar on a terminal, a line per tenth of the files when piped or in CI.

Exit status: 0 every file processed; 1 some files failed (see errors.csv; the
datasets are written for the rest); 2 usage error. --allow-errors turns 1 into 0.`,
  )
  .action(async (opts: { input: string; output: string; period: Period; themes?: string; maxBytes: number; formulaGuard: boolean; jobs?: number; filesPerWorker?: number; incremental?: boolean; allowErrors?: boolean; quiet?: boolean; json?: boolean }) => {
    const progress = createProgress(process.stderr, progressMode(process.stderr, process.env, !!opts.quiet));
    // A run that will want workers starts the first now, to load the pipeline while the rest of newsmine loads: asked
    // for with --jobs, or by default for --incremental, whose few files to analyse are known only once all are checked.
    const early = opts.jobs ?? (opts.incremental ? os.availableParallelism() : 1);
    const workers = early > 1 ? await startWorkers(early) : undefined;
    let summary: RunSummary;
    try {
      const { extract } = await loadExtract();
      summary = await extract(
        {
          input: opts.input,
          output: opts.output,
          period: opts.period,
          themes: opts.themes,
          maxBytes: opts.maxBytes,
          formulaGuard: opts.formulaGuard,
          jobs: opts.jobs,
          filesPerWorker: opts.filesPerWorker,
          workers,
          incremental: !!opts.incremental,
          allowErrors: !!opts.allowErrors,
          quiet: !!opts.quiet,
          onProgress: progress.update,
        },
        progress.log,
      );
    } finally {
      progress.stop();
      await workers?.close();
    }
    log(
      `newsmine: ${summary.articles} articles, ${summary.entities} entities, ${summary.figures} figures, ${summary.quotes} quotes, ${summary.errors} errors in ${summary.seconds.toFixed(2)} s -> ${summary.output}`,
    );
    if (opts.json) process.stdout.write(JSON.stringify(summary, null, 2) + "\n");
    process.exitCode = summary.errors > 0 && !opts.allowErrors ? 1 : 0;
  });

program
  .command("eval")
  .description("Score an output folder against gold annotations (../shared/eval/GOLD_FORMAT.md).")
  .option("--gold <dir>", "folder of gold JSON files", "test/gold")
  .option("--out <dir>", "output folder to score", "output")
  .option("--verbose", "list every miss")
  .option("--json", "print the metrics as JSON")
  .action(async (opts: { gold: string; out: string; verbose?: boolean; json?: boolean }) => {
    const { evaluate, formatReport } = await import("./eval/score.ts");
    const report = await evaluate(opts.gold, opts.out);
    process.stdout.write(opts.json ? JSON.stringify(report.metrics, null, 2) + "\n" : formatReport(report, !!opts.verbose));
    process.exitCode = report.problems.length ? 1 : 0;
  });

registerDistributedCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else if (err instanceof (await loadExtract()).UsageError) {
    log(`newsmine: error: ${err.message}`);
    process.exitCode = 2;
  } else {
    log(`newsmine: fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  }
}
