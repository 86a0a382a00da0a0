// Atomic output (issue 8): a run killed with SIGKILL at any moment leaves the
// previous output complete and untouched, and the next run cleans up what the
// killed one left behind (or puts back an output moved aside mid-swap).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { ROOT, readTree, tempDir } from "./helpers.ts";
import { writeTree } from "./reliability-fixtures.ts";
import { recoverLeftovers, swapIn, workFolder } from "../src/output/swap.ts";

const CLI = path.join(ROOT, "bin", "newsmine.js");
const base = tempDir("newsmine-kill-");

/** A generated corpus big enough that a run takes a few seconds. */
function bigCorpus(dir: string, files: number): void {
  const words = ["market", "minister", "council", "network", "growth", "report", "export", "policy", "survey", "capital", "budget", "harbour"];
  const tree: Record<string, Buffer> = {};
  for (let f = 0; f < files; f++) {
    const paras: string[] = [`Report number ${f} on the regional economy`];
    for (let p = 0; p < 12; p++) {
      const sentence = Array.from({ length: 24 }, (_, w) => words[(f * 7 + p * 5 + w * 3) % words.length]).join(" ");
      paras.push(`The ${sentence} rose by ${(f % 90) + p}.${p} percent, officials in Lisbon said on Tuesday. "It is ${words[p]} as usual," said Ana Costa.`);
    }
    tree[`batch-${Math.floor(f / 100)}/article-${f}.txt`] = Buffer.from(paras.join("\n\n") + "\n");
  }
  writeTree(dir, tree);
}

const small = path.join(base, "small");
writeTree(small, {
  "one.txt": Buffer.from("Harbour reopens\n\nThe harbour reopened on Monday, the council said.\n"),
  "two.txt": Buffer.from("Budget passes\n\nThe budget passed by 41 votes to 12, the minister said.\n"),
});
const big = path.join(base, "big");
const BIG = 600;
bigCorpus(big, BIG);

const run = (input: string, output: string) => spawnSync(process.execPath, [CLI, "extract", "-q", "--input", input, "--output", output], { cwd: ROOT, encoding: "utf8" });
/** `dir` holds exactly the files of `want`, byte for byte. */
function assertTreeIs(dir: string, want: Map<string, Buffer>): void {
  const got = readTree(dir);
  assert.deepEqual([...got.keys()], [...want.keys()]);
  for (const [rel, bytes] of want) assert.ok(got.get(rel)!.equals(bytes), rel);
}
const leftovers = (output: string) => fs.readdirSync(path.dirname(output)).filter((e) => e.startsWith(`${path.basename(output)}.newsmine-`));

/** Starts a run over the big corpus and SIGKILLs it once `ready` says so. Returns whether it was still running. */
async function killMidRun(output: string, ready: (tmp: string) => boolean): Promise<boolean> {
  const child = spawn(process.execPath, [CLI, "extract", "-q", "--input", big, "--output", output], { cwd: ROOT, stdio: "ignore" });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const tmp = workFolder(path.resolve(output), "tmp", child.pid);
  let running = true;
  child.on("exit", () => (running = false));
  while (running && !ready(tmp)) await new Promise((r) => setTimeout(r, 10));
  const killed = running && child.kill("SIGKILL");
  await exited;
  return killed;
}

const cleanCount = (tmp: string) => {
  try {
    return fs.readdirSync(path.join(tmp, "clean"), { recursive: true }).length;
  } catch {
    return 0;
  }
};

test("SIGKILL mid-run leaves the previous output byte for byte; the next run removes the leftovers", async () => {
  const out = path.join(base, "out");
  assert.equal(run(small, out).status, 0);
  const before = readTree(out);

  const killed = await killMidRun(out, (tmp) => cleanCount(tmp) > BIG / 4);
  assert.ok(killed, "the run was killed while still running");
  assert.deepEqual(leftovers(out).length, 1, "the killed run left its temporary folder");
  assertTreeIs(out, before);

  const next = run(small, out);
  assert.equal(next.status, 0, next.stderr);
  assert.match(next.stderr, /removed out\.newsmine-tmp-\d+ left by an interrupted run/);
  assert.deepEqual(leftovers(out), []);
});

test("killed at many moments (start, mid-run, near the end), the output is always one complete run", async () => {
  const out = path.join(base, "out-many");
  assert.equal(run(small, out).status, 0);
  const previous = readTree(out, (rel) => rel === "run.json");
  const fresh = path.join(base, "fresh");
  assert.equal(run(big, fresh).status, 0);
  const complete = readTree(fresh, (rel) => rel === "run.json");

  for (const threshold of [1, BIG / 2, BIG]) {
    await killMidRun(out, (tmp) => fs.existsSync(tmp) && cleanCount(tmp) >= threshold);
    await recoverLeftovers(path.resolve(out));
    assert.deepEqual(leftovers(out), [], `threshold ${threshold}`);
    const now = readTree(out, (rel) => rel === "run.json");
    const same = (want: Map<string, Buffer>) => now.size === want.size && [...want].every(([rel, b]) => now.get(rel)?.equals(b));
    assert.ok(same(previous) || same(complete), `after a kill at ${threshold} files the output is the previous or the new one, whole`);
    if (same(complete)) assert.equal(run(small, out).status, 0);
  }
});

/** A finished run of `input` into <name>/out, what it wrote, and the pid of a process that no longer runs (as a killed run's is). */
function finishedRun(name: string, input: string): { out: string; before: Map<string, Buffer>; deadPid: number } {
  const out = path.join(base, name, "out");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  assert.equal(run(input, out).status, 0);
  // A finished child's pid belongs to no running process.
  return { out, before: readTree(out), deadPid: spawnSync("true").pid! };
}

test("an output moved aside by a run killed between the two renames is put back by the next run", async () => {
  const { out, before, deadPid } = finishedRun("swap", small);
  fs.renameSync(out, workFolder(out, "old", deadPid));
  fs.mkdirSync(path.join(workFolder(out, "tmp", deadPid), "clean"), { recursive: true });

  const notes = await recoverLeftovers(out);
  assert.deepEqual(notes, [
    `restored the previous output from out.newsmine-old-${deadPid} (an earlier run was killed mid-swap)`,
    `removed out.newsmine-tmp-${deadPid} left by an interrupted run`,
  ]);
  assertTreeIs(out, before);
});

test("leftovers of a run still alive are left alone; a stale -old- folder beside a finished swap is removed", async () => {
  const dir = path.join(base, "alive");
  const out = path.join(dir, "out");
  fs.mkdirSync(path.join(out), { recursive: true });
  const deadPid = spawnSync("true").pid!;
  fs.mkdirSync(workFolder(out, "tmp", process.ppid));
  fs.mkdirSync(workFolder(out, "old", deadPid));
  const notes = await recoverLeftovers(out);
  assert.deepEqual(notes, [`removed out.newsmine-old-${deadPid} left by an interrupted run`]);
  assert.deepEqual(leftovers(out), [`out.newsmine-tmp-${process.ppid}`]);
});

test("swapIn replaces the target in two renames and restores it when the second fails", async () => {
  const dir = path.join(base, "swapin");
  const target = path.join(dir, "out");
  writeTree(target, { "a.csv": Buffer.from("old\n") });
  const fresh = path.join(dir, "fresh");
  writeTree(fresh, { "a.csv": Buffer.from("new\n") });
  await swapIn(fresh, target);
  assert.equal(fs.readFileSync(path.join(target, "a.csv"), "utf8"), "new\n");
  assert.deepEqual(fs.readdirSync(dir), ["out"]);
  await assert.rejects(swapIn(path.join(dir, "missing"), target));
  assert.equal(fs.readFileSync(path.join(target, "a.csv"), "utf8"), "new\n", "the output is put back when the new one cannot be moved in");
});

test("a run killed while moving clean-text folders over (a resumed --incremental swap) has them moved back by the next run", async () => {
  const input = path.join(base, "adopting-in");
  writeTree(input, { "a/one.txt": fs.readFileSync(path.join(small, "one.txt")), "b/two.txt": fs.readFileSync(path.join(small, "two.txt")) });
  const { out, before, deadPid } = finishedRun("adopting", input);
  // The swap's state after moving clean/a of two journalled folders: the output aside, a/ in the new folder.
  const [old, fresh] = [workFolder(out, "old", deadPid), workFolder(out, "tmp", deadPid)];
  fs.renameSync(out, old);
  fs.mkdirSync(path.join(fresh, "cache"), { recursive: true });
  fs.mkdirSync(path.join(fresh, "clean"));
  fs.writeFileSync(path.join(fresh, "cache", "adopted.json"), JSON.stringify({ folders: ["a", "b"], csvs: [] }));
  fs.renameSync(path.join(old, "clean", "a"), path.join(fresh, "clean", "a"));

  await recoverLeftovers(out);
  assert.deepEqual(leftovers(out), []);
  assertTreeIs(out, before);
});

test("a run killed while taking over the previous CSVs (a resumed --incremental swap) has them put back as they were by the next run", async () => {
  const { out, before, deadPid } = finishedRun("adopting-csvs", big);
  const [old, fresh] = [workFolder(out, "old", deadPid), workFolder(out, "tmp", deadPid)];
  fs.mkdirSync(path.join(fresh, "cache"), { recursive: true });
  // Three CSVs journalled, each cut at a checkpoint (its tail saved) to take the new rows.
  const csvs = ["articles.csv", "figures.csv", "quotes.csv"].map((file) => {
    const { size, mtimeMs } = fs.statSync(path.join(out, file));
    const keep = Math.floor(size / 2);
    const tail = path.join("cache", `${file}.tail`);
    fs.writeFileSync(path.join(fresh, tail), fs.readFileSync(path.join(out, file)).subarray(keep));
    fs.writeFileSync(path.join(fresh, `${file}.rows`), "new,rows\n");
    return { file, keep, size, mtimeMs, tail };
  });
  fs.writeFileSync(path.join(fresh, "cache", "adopted.json"), JSON.stringify({ folders: [], csvs }));
  fs.renameSync(out, old);
  // Killed with articles.csv moved over, figures.csv cut and half appended to, quotes.csv not reached.
  const [articles, figures] = csvs;
  fs.truncateSync(path.join(old, articles.file), articles.keep);
  fs.appendFileSync(path.join(old, articles.file), "new,rows\n");
  fs.renameSync(path.join(old, articles.file), path.join(fresh, articles.file));
  fs.truncateSync(path.join(old, figures.file), figures.keep);
  fs.appendFileSync(path.join(old, figures.file), "new,");

  await recoverLeftovers(out);
  assert.deepEqual(leftovers(out), []);
  assertTreeIs(out, before);
});
