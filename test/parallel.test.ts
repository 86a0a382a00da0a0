// Scale (issue 10): the output does not depend on the number of worker
// threads, and an --incremental re-run after adding a file writes exactly what
// a full run writes while analysing only the new file.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { readTree, runCli, tempDir } from "./helpers.ts";
import { articlePath, buildCorpus } from "../scripts/synthetic-corpus.ts";
import { prefetch, startWorkers } from "../src/parallel/pool.ts";
import { loadTaxonomy } from "../src/stages/themes.ts";
import { FILES_PER_WORKER, workerCount } from "../src/parallel/run.ts";

const ARTICLES = 40;
const base = tempDir("newsmine-parallel-");
const input = path.join(base, "corpus");
buildCorpus(input, 0, ARTICLES);
// Files every path must treat alike: skipped, unreadable, empty.
fs.writeFileSync(path.join(input, "000", "notes.csv"), "a,b\n");
fs.writeFileSync(path.join(input, "000", "scan.txt"), Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x00, 0x01]));
fs.writeFileSync(path.join(input, "000", "empty.txt"), "");
/** scan.txt and empty.txt: what they hold cannot be read, and that outcome is cached like any other. */
const BAD_FILES = 2;

/** Datasets and report; run.json holds timings and the cache is not output. */
const outputOnly = (rel: string) => rel === "run.json" || rel === "cache" || rel.startsWith("cache/");

function extract(output: string, ...extra: string[]) {
  const r = runCli(["extract", "--input", input, "--output", output, "--quiet", "--json", ...extra]);
  assert.equal(r.status, 1, r.stderr); // the two bad files
  assert.ok(r.stdout, r.stderr);
  return { summary: JSON.parse(r.stdout) as { articles: number; errors: number; cached?: number }, stderr: r.stderr };
}

function assertSameFiles(a: string, b: string): void {
  const [x, y] = [readTree(a, outputOnly), readTree(b, outputOnly)];
  assert.deepEqual([...x.keys()], [...y.keys()]);
  for (const [rel, bytes] of x) assert.ok(y.get(rel)!.equals(bytes), `${rel} differs`);
}

test("--jobs 1 and --jobs 2 write byte-identical output, errors and skipped files included", () => {
  const one = extract(path.join(base, "jobs1"), "--jobs", "1");
  const two = extract(path.join(base, "jobs2"), "--jobs", "2", "--files-per-worker", "1");
  assert.equal(one.summary.articles, ARTICLES);
  assert.equal(one.summary.errors, BAD_FILES);
  assert.deepEqual(two.summary, { ...two.summary, articles: one.summary.articles, errors: one.summary.errors });
  assert.equal(two.stderr.split("\n").filter((l) => l.includes("error:")).join("\n"), one.stderr.split("\n").filter((l) => l.includes("error:")).join("\n"));
  assertSameFiles(path.join(base, "jobs1"), path.join(base, "jobs2"));
});

test("--incremental after adding a file analyses only that file and writes what a full run writes", () => {
  const out = path.join(base, "incremental");
  const cold = extract(out, "--incremental", "--jobs", "2");
  assert.equal(cold.summary.cached, 0);
  buildCorpus(input, ARTICLES, ARTICLES + 1);
  const warm = extract(out, "--incremental", "--jobs", "2");
  assert.equal(warm.summary.articles, ARTICLES + 1);
  assert.equal(warm.summary.cached, ARTICLES + BAD_FILES, "every unchanged readable file comes from the cache");
  const full = path.join(base, "full");
  extract(full);
  assertSameFiles(out, full);
});

test("--incremental re-analyses a file whose bytes changed", () => {
  const out = path.join(base, "incremental-changed");
  const cold = extract(out, "--incremental");
  const file = path.join(input, "000", "article-000003.txt");
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/\n\n/, "\n\nThe mayor of Leeds, Jane Example, said the bridge would reopen in May.\n\n"));
  const warm = extract(out, "--incremental");
  assert.equal(warm.summary.cached, cold.summary.articles - 1 + BAD_FILES);
  const full = path.join(base, "full-changed");
  extract(full);
  assertSameFiles(out, full);
  assert.match(fs.readFileSync(path.join(out, "clean", "000", "article-000003.txt"), "utf8"), /Jane Example/);
});

test("--incremental never reuses a clean text that belonged to another file with the same article id", () => {
  const dir = path.join(base, "same-id");
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "story.md"), "First story.\n\nThe council said the budget rose by 5 percent.\n");
  fs.writeFileSync(path.join(dir, "story.txt"), "Second story.\n\nThe minister said exports fell by 2 percent.\n");
  const run = (output: string, ...extra: string[]) => runCli(["extract", "--input", dir, "--output", output, "--quiet", ...extra]);
  const out = path.join(base, "same-id-incremental");
  run(out, "--incremental"); // story.md is written, story.txt is a duplicate id
  fs.rmSync(path.join(dir, "story.md"));
  assert.equal(run(out, "--incremental").status, 0);
  const full = path.join(base, "same-id-full");
  assert.equal(run(full).status, 0);
  assertSameFiles(out, full);
  assert.match(fs.readFileSync(path.join(out, "clean", "story.txt"), "utf8"), /Second story/);
});

test("--incremental trusts stat only for files unchanged since well before the last run: a same-size edit with its old mtime is seen", async () => {
  const dir = path.join(base, "signatures");
  fs.mkdirSync(dir);
  const story = path.join(dir, "story.txt");
  fs.writeFileSync(story, "Harbour story.\n\nThe council said the harbour fees rose by 5 percent.\n");
  fs.writeFileSync(path.join(dir, "other.txt"), "Budget story.\n\nThe minister said exports fell by 2 percent.\n");
  // A file changed within two seconds of a run is hashed again next time, whatever stat says.
  await new Promise((r) => setTimeout(r, 2100));
  const run = (output: string, ...extra: string[]) => runCli(["extract", "--input", dir, "--output", output, "--quiet", ...extra]);
  const out = path.join(base, "signatures-incremental");
  assert.equal(run(out, "--incremental").status, 0);
  const listed = () => fs.readFileSync(path.join(out, "cache", "files.tsv"), "utf8").trimEnd().split("\n").map((line) => line.split("\t")[0]);
  assert.deepEqual(listed(), ["other.txt", "story.txt"]);

  const { atime, mtime } = fs.statSync(story);
  fs.writeFileSync(story, fs.readFileSync(story, "utf8").replace("5 percent", "9 percent"));
  fs.utimesSync(story, atime, mtime); // same size, same mtime: only the change time tells
  assert.equal(run(out, "--incremental").status, 0);
  assert.match(fs.readFileSync(path.join(out, "figures.csv"), "utf8"), /9 percent/);
  assert.deepEqual(listed(), ["other.txt"], "just changed: not vouched for by its signature next time");
  const full = path.join(base, "signatures-full");
  assert.equal(run(full).status, 0);
  assertSameFiles(out, full);
});

test("prefetch gives each item's result, with no more started than its limits allow, in the order added", async () => {
  const items = Array.from({ length: 40 }, (_, i) => i);
  let started = 0;
  let taken = 0; // results asked for
  let most = 0;
  const order: number[] = [];
  const settle: Array<() => void> = [];
  // Each task finishes when the test says, in reverse order within each batch; its result weighs its number.
  const task = (i: number) =>
    new Promise<number>((resolve, reject) => {
      started++;
      order.push(i);
      most = Math.max(most, started - taken);
      settle.push(() => (i === 13 ? reject(new Error("thirteen")) : resolve(i)));
    });
  const run = prefetch({ ahead: 8, budget: { weigh: (r: number) => r, most: 30 } }, task);
  run.add(items.slice(0, 25));
  run.add(items.slice(25));
  const results: Array<number | string> = [];
  for (const i of items) {
    taken++;
    const next = run.take(i);
    for (const s of settle.splice(0).reverse()) s();
    const r = await next;
    results.push(r instanceof Error ? r.message : r);
  }
  assert.deepEqual(results, items.map((i) => (i === 13 ? "thirteen" : i)));
  assert.deepEqual(order, items, "started in the order added");
  assert.ok(most <= 8, `at most 8 started and not asked for (saw ${most})`);
  assert.equal(started, items.length);
});

test("prefetch starts an item taken before its turn at once, and not again when its turn comes", async () => {
  const order: number[] = [];
  const run = prefetch({ ahead: 2 }, async (i: number) => (order.push(i), i * 10));
  run.add([0, 1, 2, 3, 4]);
  assert.equal(await run.take(3), 30);
  for (const i of [0, 1, 2, 4]) assert.equal(await run.take(i), i * 10);
  assert.deepEqual(order, [0, 1, 3, 2, 4]);
});

test("prefetch starts no more tasks while the results waiting weigh more than its budget", async () => {
  let started = 0;
  const task = async (i: number) => (started++, i);
  const withBudget = prefetch({ ahead: 10, budget: { weigh: () => 10, most: 25 } }, task);
  withBudget.add([...Array(20).keys()]);
  await new Promise((r) => setImmediate(r));
  assert.equal(started, 10, "the first ten start at once");
  assert.equal(await withBudget.take(0), 0);
  await new Promise((r) => setImmediate(r));
  assert.equal(started, 10, "nine results of weight 10 wait: over 25, nothing more starts");
  started = 0;
  const without = prefetch({ ahead: 10 }, task);
  without.add([...Array(20).keys()]);
  assert.equal(await without.take(0), 0);
  assert.equal(started, 11, "without a budget, a slot taken is a task started");
});

test("workers are started one per FILES_PER_WORKER files to analyse, up to --jobs; --jobs 1, no file or a small input without --jobs (and no worker started ahead) use this thread", () => {
  assert.equal(workerCount(0, { jobs: 2 }), 0);
  assert.equal(workerCount(7, { jobs: 1 }), 0);
  assert.equal(workerCount(1, { jobs: 4 }), 1);
  assert.equal(workerCount(FILES_PER_WORKER, { jobs: 4 }), 1);
  assert.equal(workerCount(FILES_PER_WORKER + 1, { jobs: 4 }), 2);
  assert.equal(workerCount(100 * FILES_PER_WORKER, { jobs: 4 }), 4);
  assert.equal(workerCount(5, { jobs: 3, filesPerWorker: 2 }), 3);
  assert.equal(workerCount(20, {}), 0, "too few to repay loading the pipeline in a worker");
  assert.equal(workerCount(20, { started: true }), 1, "a worker started ahead takes even a few files");
  assert.equal(workerCount(0, { started: true }), 0);
});

test("workers started ahead load the pipeline at once and analyse files once the pool is configured", async () => {
  const pool = await startWorkers(1);
  try {
    const file = { path: path.join(input, articlePath(0)), rel: articlePath(0) };
    await assert.rejects(pool.analyse(file), /not configured/);
    pool.configure({ taxonomy: loadTaxonomy(), maxBytes: 1 << 20, formulaGuard: true, encode: false });
    const { outcome } = await pool.analyse(file);
    assert.ok(!(outcome instanceof Uint8Array) && "docs" in outcome, "not encoded, as configured");
    const [doc] = outcome.docs;
    assert.ok("record" in doc && doc.record.counts.mentions > 0, "analysed: entities found");
  } finally {
    await pool.close();
  }
});
