// Benchmark: builds a deterministic synthetic corpus (scripts/synthetic-corpus.ts),
// runs the real `extract` on it and prints throughput, peak memory, CPU time,
// time per stage and the ratio to a bare read-and-split pass over the same
// files. With --incremental it then adds 1% new articles and times an
// --incremental re-run against the full run, checking the output is
// byte-identical to a full run over the grown corpus, and against its floor:
// a run over a folder of just the added articles.
//
//   npm run bench -- --articles 10000 [--jobs 2] [--incremental] [--keep | --dir DIR [--reuse]]
//
// Wall-clock figures depend on what else the machine runs: the load average
// is printed, and CPU seconds (user + sys, all threads) with them.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildCorpus } from "./synthetic-corpus.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values: args } = parseArgs({
  options: {
    articles: { type: "string", default: "1000" },
    jobs: { type: "string" },
    incremental: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    dir: { type: "string" },
    reuse: { type: "boolean", default: false },
  },
});
const count = Number(args.articles);
if (!Number.isInteger(count) || count <= 0) throw new Error("--articles takes a positive whole number");

/** The floor: read every file and split it on whitespace, nothing else. */
function floorPass(dir: string): { words: number; seconds: number } {
  const t0 = performance.now();
  let words = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else words += fs.readFileSync(full, "utf8").split(/\s+/).filter(Boolean).length;
    }
  };
  walk(dir);
  return { words, seconds: (performance.now() - t0) / 1000 };
}

interface Run {
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  summary: { articles: number; cached?: number; resumed?: number; stageMs: Record<string, number> };
}

/** Runs `newsmine extract` under /usr/bin/time -v (when present) for peak RSS and CPU time of all threads. */
function extract(input: string, output: string, extra: string[] = []): Run {
  const cliArgs = [path.join(ROOT, "bin", "newsmine.js"), "extract", "--input", input, "--output", output, "--quiet", "--json", ...extra];
  if (args.jobs) cliArgs.push("--jobs", args.jobs);
  const timed = fs.existsSync("/usr/bin/time");
  // Each run starts with nothing left to write back: back to back, a run would otherwise pay for the gigabytes the one before wrote.
  spawnSync("sync");
  const t0 = performance.now();
  const run = timed
    ? spawnSync("/usr/bin/time", ["-v", process.execPath, ...cliArgs], { encoding: "utf8", maxBuffer: 1 << 26 })
    : spawnSync(process.execPath, cliArgs, { encoding: "utf8", maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  if (run.status !== 0) {
    process.stderr.write(run.stderr);
    throw new Error(`extract exited with ${run.status}`);
  }
  const field = (name: string) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(run.stderr)?.[1] ?? NaN);
  return {
    seconds,
    cpuSeconds: field("User time \\(seconds\\)") + field("System time \\(seconds\\)"),
    peakRssMb: field("Maximum resident set size \\(kbytes\\)") / 1024,
    summary: JSON.parse(run.stdout),
  };
}

/** Every file under `dir` but run.json and the cache, for byte comparison. */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      const rel = path.relative(dir, full);
      if (rel === "run.json" || rel === "cache") continue;
      if (e.isDirectory()) walk(full);
      else files.set(rel, fs.readFileSync(full));
    }
  };
  walk(dir);
  return files;
}

function sameTree(a: string, b: string): boolean {
  const [x, y] = [tree(a), tree(b)];
  return x.size === y.size && [...x].every(([rel, bytes]) => y.get(rel)?.equals(bytes));
}

const work = args.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "newsmine-bench-"));
const input = path.join(work, "corpus");
const output = path.join(work, "out");
const marker = path.join(work, `corpus-${count}.built`);
let bytes: number;
if (args.reuse && fs.existsSync(marker)) bytes = Number(fs.readFileSync(marker, "utf8"));
else {
  fs.rmSync(input, { recursive: true, force: true });
  bytes = buildCorpus(input, 0, count).bytes;
  fs.writeFileSync(marker, String(bytes));
}
const floor = floorPass(input);
const load = os.loadavg()[0];
const full = extract(input, output);

const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
const wordsPerS = floor.words / full.seconds;
const floorWordsPerS = floor.words / floor.seconds;
const stageTotal = Object.values(full.summary.stageMs).reduce((a, b) => a + b, 0) || 1;
console.log(`machine      ${os.availableParallelism()} cores, load average ${load.toFixed(1)} at start${load > os.availableParallelism() ? " (busy: wall-clock figures are pessimistic)" : ""}`);
console.log(`corpus       ${count} articles, ${fmt(floor.words)} words, ${(bytes / 1e6).toFixed(1)} MB in ${input}`);
console.log(`extract      ${full.seconds.toFixed(2)} s: ${fmt(full.summary.articles / full.seconds)} articles/s, ${fmt(wordsPerS)} words/s, ${(bytes / 1e6 / full.seconds).toFixed(2)} MB/s${args.jobs ? `, --jobs ${args.jobs}` : ""}`);
console.log(`cpu          ${full.cpuSeconds.toFixed(2)} s user+sys over all threads: ${fmt(floor.words / full.cpuSeconds)} words per CPU-second`);
console.log(`peak RSS     ${full.peakRssMb.toFixed(0)} MB`);
console.log(`stages       ${Object.entries(full.summary.stageMs).map(([k, v]) => `${k} ${((100 * v) / stageTotal).toFixed(1)}%`).join(", ")}`);
console.log(`floor        read + split: ${floor.seconds.toFixed(2)} s, ${fmt(floorWordsPerS)} words/s`);

if (args.incremental) {
  const incremental = path.join(work, "out-incremental");
  fs.rmSync(incremental, { recursive: true, force: true });
  const cold = extract(input, incremental, ["--incremental"]);
  const added = Math.max(1, Math.round(count / 100));
  buildCorpus(input, count, count + added);
  const warm = extract(input, incremental, ["--incremental"]);
  const reference = extract(input, output);
  const identical = sameTree(incremental, output);
  // The least a re-run can take: a fresh process analysing the added articles and nothing else (a full run over a folder of just them).
  const addedOnly = path.join(work, "added");
  fs.rmSync(addedOnly, { recursive: true, force: true });
  buildCorpus(addedOnly, count, count + added);
  const floorRun = extract(addedOnly, path.join(work, "out-added"));
  const share = (run: Run) => `${((100 * run.seconds) / reference.seconds).toFixed(1)}% of a full run`;
  console.log(`incremental  cold ${cold.seconds.toFixed(2)} s; +${added} articles: ${warm.seconds.toFixed(2)} s (${warm.summary.cached} files from the cache, ${warm.summary.resumed} of them resumed from a checkpoint, peak RSS ${warm.peakRssMb.toFixed(0)} MB) = ${share(warm)} (${reference.seconds.toFixed(2)} s); output ${identical ? "byte-identical" : "DIFFERS"} to the full run`);
  console.log(`re-run floor extract over the ${added} added articles alone: ${floorRun.seconds.toFixed(2)} s = ${share(floorRun)} (starting node and the workers, analysing on cold code: any re-run does at least this)`);
  fs.rmSync(path.join(work, `corpus-${count}.built`), { force: true }); // the corpus has grown
  if (!identical) process.exitCode = 1;
}
console.log(`BENCH words_per_s=${Math.round(wordsPerS)} peak_rss_mb=${full.peakRssMb.toFixed(0)} ratio_to_floor=${(wordsPerS / floorWordsPerS).toFixed(4)}`);
if (!args.keep && !args.dir) fs.rmSync(work, { recursive: true, force: true });
