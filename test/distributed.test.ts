// Distributed runs (issue 12): enqueue, workers, assemble and status against
// a real redis-server on a free loopback port. The fault test SIGKILLs one of
// two workers mid-run; the assembled datasets must still equal a local run's
// byte for byte (run.json aside: it holds timings).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { ROOT, readTree, runCli, tempDir } from "./helpers.ts";
import { deserialise, serialise, type FileResult } from "../src/distributed/results.ts";
import { enqueue, type EnqueueOptions } from "../src/distributed/enqueue.ts";
import { assemble, MissingResults, type AssembleOptions } from "../src/distributed/assemble.ts";
import { status } from "../src/distributed/status.ts";
import { corpusKeys, openQueue, openRedis, resultPath } from "../src/distributed/queue.ts";

const CLI = path.join(ROOT, "bin", "newsmine.js");
const hasRedis = spawnSync("redis-server", ["--version"]).status === 0;
const skip = hasRedis ? false : "redis-server is not installed";
// Pinned, so edits to src/ while the test runs cannot split the jobs between two versions.
const env = { NEWSMINE_PIPELINE_VERSION: "distributed-test" };
process.env.NEWSMINE_PIPELINE_VERSION = env.NEWSMINE_PIPELINE_VERSION;

const base = tempDir("newsmine-distributed-");
const corpus = path.join(base, "corpus");
const FILES = 80;

/** Copies of the sample articles under varied names, plus a file of each kind that fails or is skipped. */
function makeCorpus(): void {
  const samples = fs.readdirSync(path.join(ROOT, "corpus")).sort().map((f) => fs.readFileSync(path.join(ROOT, "corpus", f)));
  for (let i = 0; i < FILES; i++) {
    const file = path.join(corpus, `desk-${i % 4}`, `story-${String(i).padStart(3, "0")}.txt`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, samples[i % samples.length]);
  }
  fs.writeFileSync(path.join(corpus, "empty.txt"), "");
  fs.writeFileSync(path.join(corpus, "notes.pdf"), "%PDF-1.4");
  fs.writeFileSync(path.join(corpus, "feed.jsonl"), `{"id":"a","title":"Harbour reopens","text":"The harbour reopened on Monday, the council said."}\n{not json\n`);
  // Same article id twice: the writer refuses the second, here as locally.
  fs.writeFileSync(path.join(corpus, "twice.txt"), "Budget passes\n\nThe budget passed by 41 votes to 12, the minister said.\n");
  fs.writeFileSync(path.join(corpus, "twice.md"), "Budget passes\n\nThe budget passed by 41 votes to 12, the minister said.\n");
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let redis: ChildProcess | undefined;
let url = "";

async function startRedis(): Promise<void> {
  const port = await freePort();
  redis = spawn("redis-server", ["--port", String(port), "--save", "", "--appendonly", "no", "--bind", "127.0.0.1"], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  await new Promise<void>((resolve, reject) => {
    redis!.stdout!.on("data", (d: Buffer) => {
      out += d;
      if (out.includes("Ready to accept connections")) resolve();
    });
    redis!.on("exit", (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
  });
  url = `redis://127.0.0.1:${port}`;
}

after(() => {
  redis?.kill("SIGTERM");
  fs.rmSync(base, { recursive: true, force: true });
});

const cli = (args: string[]) => runCli(args, { env });

function runAsync(args: string[]): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d));
  return new Promise((resolve) => child.on("exit", (status) => resolve({ status, stderr })));
}

const enqueueOptions = (queue: string, input: string): EnqueueOptions => ({ redis: url, queue, input, maxBytes: 20 * 1024 * 1024, attempts: 3, backoffMs: 200 });
const assembleOptions = (queue: string, results: string, output: string, timeout?: number): AssembleOptions => ({
  redis: url,
  queue,
  results,
  output,
  period: "year",
  formulaGuard: true,
  timeout,
  logEvery: 60,
});

function startWorker(queue: string, results: string, extra: string[] = []): { child: ChildProcess; exited: Promise<number | null>; stderr: () => string } {
  const child = spawn(process.execPath, [CLI, "worker", "--redis", url, "--queue", queue, "--results", results, ...extra], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d));
  return { child, exited: new Promise((resolve) => child.on("exit", (code) => resolve(code))), stderr: () => stderr };
}

const countResults = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith(".json")).length : 0);
const notRunJson = (rel: string) => rel === "run.json";
const articleIds = (out: string) =>
  fs
    .readFileSync(path.join(out, "articles.csv"), "utf8")
    .split("\n")
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(",")[0]);

test("results round-trip through JSON with every number intact", () => {
  const result: FileResult = {
    version: "v",
    rel: "a.txt",
    stageMs: { clean: 1.5 },
    outcome: { readErrors: ["line 2: invalid JSON"], docs: [{ stage: "figures", error: "boom" }] },
  };
  const odd = { ...result, stageMs: { a: Infinity, b: -Infinity, c: NaN, d: 0.1 + 0.2, e: -0 } };
  const back = deserialise(serialise(odd));
  assert.deepEqual(back, odd);
  assert.ok(Number.isNaN(back.stageMs.c));
  assert.ok(Object.is(back.stageMs.e, -0));
  assert.deepEqual(deserialise(serialise(result)), result);
  assert.ok(!serialise(result).includes("\n"), "one compact line");
});

test("two workers, one SIGKILLed mid-run: every article once, datasets equal a local run's", { skip, timeout: 180_000 }, async (t) => {
  makeCorpus();
  await startRedis();
  const results = path.join(base, "results");
  const local = path.join(base, "local");
  const assembled = path.join(base, "assembled");
  const readable = FILES + 4;

  // The local run goes on beside the workers.
  const localRun = runAsync(["extract", "-q", "--allow-errors", "--input", corpus, "--output", local]);

  const first = await enqueue(enqueueOptions("fault", corpus), () => {});
  assert.deepEqual(first, { files: readable + 1, added: readable, alreadyQueued: 0, skipped: 1, problems: 0 });
  const again = await enqueue(enqueueOptions("fault", corpus), () => {});
  assert.equal(again.added, 0, "enqueuing the same corpus twice adds nothing");
  // The same files listed in a manifest are the same jobs.
  const manifest = path.join(base, "manifest.txt");
  const listed = readTree(corpus);
  fs.writeFileSync(manifest, `# every file\n${[...listed.keys()].reverse().join("\n")}\n\n`);
  const viaManifest = await enqueue({ ...enqueueOptions("fault", ""), input: undefined, manifest, root: corpus }, () => {});
  assert.deepEqual(viaManifest, { files: readable + 1, added: 0, alreadyQueued: readable, skipped: 1, problems: 0 });
  fs.writeFileSync(manifest, "desk-0/story-000.txt\nno-such-file.txt\n");
  const withMissing = await enqueue({ ...enqueueOptions("manifest", ""), input: undefined, manifest, root: corpus }, () => {});
  assert.deepEqual(withMissing, { files: 1, added: 1, alreadyQueued: 0, skipped: 0, problems: 1 });
  assert.deepEqual(await status(url, "fault", 0), { queued: readable, active: 0, done: 0, failed: 0, deadLetters: [] });

  // Nothing processed yet: assemble lists what is missing and writes nothing.
  fs.mkdirSync(results, { recursive: true });
  const early = await assemble(assembleOptions("fault", results, assembled, 1), () => {}).catch((err: unknown) => err);
  assert.ok(early instanceof MissingResults, String(early));
  assert.equal(early.missing.length, readable);
  assert.deepEqual(early.missing[0], { rel: "desk-0/story-000.txt", state: "waiting" });
  assert.ok(!fs.existsSync(assembled));

  // A short lock, so the killed worker's jobs are taken up again within seconds.
  const workerArgs = ["--concurrency", "2", "--lock-ms", "1500", "--exit-when-drained", "--log-every", "1"];
  // The victim runs alone until results come in and Redis shows jobs active: those can only be its own, so the
  // kill lands while it holds jobs. (Timing alone could not promise that: the pipeline may drain the queue first.)
  const victim = startWorker("fault", results, workerArgs);
  const redis = openRedis(url);
  t.after(() => redis.disconnect()); // also when an assertion fails, so the test process can end
  const activeKey = "bull:fault:active";
  while (countResults(results) < 2 || (await redis.llen(activeKey)) === 0) {
    assert.equal(victim.child.exitCode, null, `worker ended early: ${victim.stderr()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  victim.child.kill("SIGKILL");
  await victim.exited;
  const atKill = countResults(results);
  assert.ok(atKill < readable, `the kill must land mid-run (${atKill} of ${readable} done)`);
  const survivor = startWorker("fault", results, workerArgs);

  assert.equal(await survivor.exited, 0, survivor.stderr());
  assert.match(survivor.stderr(), /queue drained/);
  assert.equal(countResults(results), readable, "one result per enqueued file");
  assert.deepEqual(await status(url, "fault", 0), { queued: 0, active: 0, done: readable, failed: 0, deadLetters: [] });
  // BullMQ counts, per job, how often it was found stalled (its worker gone) and put back.
  const jobIds = Object.values(await redis.hgetall(corpusKeys("fault").files));
  const stalled = (await Promise.all(jobIds.map((id) => redis.hget(`bull:fault:${id}`, "stc")))).filter((n) => Number(n) > 0);
  assert.ok(stalled.length > 0, "the killed worker held jobs that the other took up again");

  await assemble(assembleOptions("fault", results, assembled), () => {});
  const ids = articleIds(assembled);
  assert.equal(new Set(ids).size, ids.length, "no article twice");
  assert.equal(ids.length, FILES + 2, "every article: the copies, the JSONL record and one of the twins");
  const errors = fs.readFileSync(path.join(assembled, "errors.csv"), "utf8");
  assert.match(errors, /^empty\.txt,ingest,/m);
  assert.match(errors, /^feed\.jsonl,ingest,line 2/m);
  assert.match(errors, /^twice\.txt,write,"duplicate article_id/m);
  assert.equal((await localRun).status, 0);
  assert.deepEqual(readTree(assembled, notRunJson), readTree(local, notRunJson));
});

test("jobs that cannot succeed end on the dead-letter list, after retries where a retry may help, and in errors.csv", { skip, timeout: 120_000 }, async () => {
  if (!url) await startRedis();
  const input = path.join(base, "small");
  fs.mkdirSync(input, { recursive: true });
  fs.writeFileSync(path.join(input, "changed.txt"), "Harbour reopens\n\nThe harbour reopened on Monday, the council said.\n");
  fs.writeFileSync(path.join(input, "stuck.txt"), "Budget passes\n\nThe budget passed by 41 votes to 12, the minister said.\n");
  const results = path.join(base, "small-results");
  const output = path.join(base, "small-out");
  await enqueue(enqueueOptions("dead", input), () => {});
  // Changed after enqueuing: its job key no longer names its content, so no worker may process it.
  fs.appendFileSync(path.join(input, "changed.txt"), "The council met again on Tuesday.\n");
  // A file where stuck.txt's result folder should be: every write fails, so every attempt does.
  const redis = openRedis(url);
  const stuckId = await redis.hget(corpusKeys("dead").files, "stuck.txt");
  redis.disconnect();
  fs.mkdirSync(results, { recursive: true });
  fs.writeFileSync(path.dirname(resultPath(results, stuckId!)), "in the way");

  const worker = startWorker("dead", results, ["--exit-when-drained"]);
  assert.equal(await worker.exited, 1, worker.stderr());
  assert.match(worker.stderr(), /changed\.txt: failed for good: file changed since it was enqueued/);
  assert.equal(worker.stderr().match(/stuck\.txt: failed for good/g)?.length, 1, "retries are not failures yet");
  const queue = openQueue(url, "dead");
  const [stuck] = (await queue.getFailed(0, -1)).filter((j) => j.data.rel === "stuck.txt");
  await queue.close();
  assert.equal(stuck.attemptsMade, 3, "tried as often as enqueue said");

  const shown = cli(["status", "--redis", url, "--queue", "dead"]);
  assert.match(shown.stdout, /^queued 0  active 0  done 0  failed 2\n/);
  assert.match(shown.stdout, /^failed: changed\.txt: file changed since it was enqueued: enqueue again$/m);
  const summary = await assemble(assembleOptions("dead", results, output), () => {});
  assert.equal(summary.errors, 2);
  const errors = fs.readFileSync(path.join(output, "errors.csv"), "utf8");
  assert.match(errors, /^changed\.txt,worker,file changed since it was enqueued: enqueue again$/m);
  assert.match(errors, /^stuck\.txt,worker,.*(EEXIST|ENOTDIR)/m);
  assert.equal(articleIds(output).length, 0);
});
