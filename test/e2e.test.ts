// End to end over the bundled corpus, as a user runs it.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { spawnSync } from "node:child_process";
import { ROOT, SHARED, hasShared, readTree, runCli, tempDir } from "./helpers.ts";
import { datasets } from "../src/schema.ts";
import { evaluate, formatReport } from "../src/eval/score.ts";

const notRunJson = (rel: string) => rel === "run.json";
const out1 = path.join(tempDir(), "out");
const out2 = path.join(tempDir(), "out");
const first = runCli(["extract", "--input", "corpus", "--output", out1]);
const second = runCli(["extract", "--input", "corpus", "--output", out2]);

test("extract over corpus/ succeeds and prints a one-line summary", () => {
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stderr, /newsmine: 5 articles, \d+ entities, \d+ figures, \d+ quotes, 0 errors in [\d.]+ s/);
  const run = JSON.parse(fs.readFileSync(path.join(out1, "run.json"), "utf8"));
  assert.equal(run.articles, 5);
  assert.ok(run.seconds >= 0);
});

test("every contract file exists with its required columns, and every stage produced rows", () => {
  for (const [name, def] of Object.entries(datasets)) {
    const text = fs.readFileSync(path.join(out1, def.file), "utf8");
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    const header = text.split("\n")[0].split(",");
    assert.deepEqual(header, Object.keys(def.row.shape), `${def.file} header`);
    if (name !== "errors") assert.ok(rows.length > 0, `${def.file} has rows`);
  }
  const ids = (parse(fs.readFileSync(path.join(out1, "articles.csv"), "utf8"), { columns: true }) as { article_id: string }[]).map((r) => r.article_id);
  for (const id of ids) assert.ok(fs.statSync(path.join(out1, "clean", `${id}.txt`)).size > 0, `clean/${id}.txt`);
});

test("two runs on the same input are byte-identical", () => {
  assert.equal(second.status, 0, second.stderr);
  const a = readTree(out1, notRunJson);
  const b = readTree(out2, notRunJson);
  assert.deepEqual([...a.keys()], [...b.keys()]);
  for (const [rel, bytes] of a) assert.ok(bytes.equals(b.get(rel)!), `${rel} differs between runs`);
});

test("the committed output/ is what a fresh run writes (refresh with `npm run extract`)", () => {
  const committed = readTree(path.join(ROOT, "output"), notRunJson);
  const fresh = readTree(out1, notRunJson);
  assert.deepEqual([...committed.keys()], [...fresh.keys()], "same files");
  for (const [rel, bytes] of fresh) assert.ok(bytes.equals(committed.get(rel)!), `output/${rel} is stale: run npm run extract and commit`);
});

test("npm run eval agrees with the shared scorer", { skip: hasShared ? false : "../shared not present" }, async () => {
  const ours = formatReport(await evaluate(path.join(ROOT, "test", "gold"), out1), true);
  const theirs = spawnSync(process.execPath, [path.join(SHARED, "eval", "score.mjs"), "--gold", path.join(SHARED, "gold"), "--out", out1, "--verbose"], { encoding: "utf8" });
  assert.equal(ours, theirs.stdout);
  assert.doesNotMatch(ours, /PROBLEM/);
});

test("an output/ as committed (no run.json, as in a fresh clone) is refreshed, not refused", () => {
  const committedCopy = path.join(tempDir(), "output");
  fs.cpSync(out1, committedCopy, { recursive: true });
  fs.rmSync(path.join(committedCopy, "run.json"));
  const r = runCli(["extract", "--input", "corpus", "--output", committedCopy]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(fs.existsSync(path.join(committedCopy, "run.json")));
});
