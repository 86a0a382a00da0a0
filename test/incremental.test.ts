// --incremental checkpoints (src/output/checkpoints.ts, src/output/resume.ts):
// a re-run resumes from the furthest checkpoint whose input files are
// unchanged, and writes exactly what a full run writes, whatever changed:
// files added after the old ones or among them, a file edited, the previous
// output touched, the settings changed.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { readTree, runCli, tempDir } from "./helpers.ts";
import { buildCorpus } from "../scripts/synthetic-corpus.ts";
import fc from "fast-check";
import { extract, type ExtractOptions, type RunSummary } from "../src/extract.ts";
import { eachLine } from "../src/output/cache.ts";

const base = tempDir("newsmine-incremental-");

/** Datasets and report; run.json holds timings and the cache is not output. */
const outputOnly = (rel: string) => rel === "run.json" || rel === "cache" || rel.startsWith("cache/");

function assertSameFiles(a: string, b: string): void {
  const [x, y] = [readTree(a, outputOnly), readTree(b, outputOnly)];
  assert.deepEqual([...x.keys()], [...y.keys()]);
  for (const [rel, bytes] of x) assert.ok(y.get(rel)!.equals(bytes), `${rel} differs`);
}

/** Runs a plain (not incremental) extract of `input` beside `out`, and checks that `out` holds the same files. */
async function assertAsFullRun(input: string, out: string, extra: Partial<ExtractOptions> = {}): Promise<void> {
  const full = `${out}-full`;
  await run(options(input, full, { ...extra, incremental: false }));
  assertSameFiles(out, full);
}

/** A corpus of `articles` synthetic articles plus an empty and a binary file (two errors.csv rows). */
function corpus(name: string, articles: number): string {
  const input = path.join(base, name);
  buildCorpus(input, 0, articles);
  fs.writeFileSync(path.join(input, "000", "empty.txt"), "");
  fs.writeFileSync(path.join(input, "000", "scan.txt"), Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x0a, 0x00, 0x01]));
  return input;
}

const options = (input: string, output: string, extra: Partial<ExtractOptions> = {}): ExtractOptions => ({
  input,
  output,
  period: "year",
  maxBytes: 10_000_000,
  formulaGuard: true,
  allowErrors: true,
  quiet: true,
  incremental: true,
  ...extra,
});

/** Runs extract in this process; returns its summary and the error lines it logged. */
async function run(opts: ExtractOptions): Promise<{ summary: RunSummary; errors: string[] }> {
  const errors: string[] = [];
  const summary = await extract(opts, (line) => line.includes("error:") && errors.push(line));
  return { summary, errors: errors.sort() };
}

test("a re-run after new files that sort last resumes from the end of the previous run, errors and all", () => {
  const input = corpus("appended", 12);
  const cli = (output: string, ...extra: string[]) => {
    const r = runCli(["extract", "--input", input, "--output", output, "--quiet", "--json", "--allow-errors", ...extra]);
    assert.equal(r.status, 0, r.stderr);
    return { summary: JSON.parse(r.stdout) as RunSummary, errors: r.stderr.split("\n").filter((l) => l.includes("error:")).sort() };
  };
  const out = path.join(base, "appended-incremental");
  const cold = cli(out, "--incremental");
  assert.equal(cold.summary.resumed, 0);
  buildCorpus(input, 1000, 1003); // folder 001: after 000
  const warm = cli(out, "--incremental");
  assert.equal(warm.summary.resumed, 14, "the 12 articles and 2 bad files of the previous run");
  assert.equal(warm.summary.cached, 14, "files that could not be read for what they hold are cached too");
  assert.equal(warm.summary.articles, 15);
  const full = cli(path.join(base, "appended-full"));
  assertSameFiles(out, path.join(base, "appended-full"));
  assert.deepEqual(warm.errors, full.errors, "the restored errors are logged again");
  assert.equal(warm.errors.length, 2);
  // That re-run kept the old index as it was and added the new files': a re-run with nothing new finds them all.
  const again = cli(out, "--incremental");
  assert.equal(again.summary.resumed, 17);
  assert.equal(again.summary.cached, 17);
  assertSameFiles(out, path.join(base, "appended-full"));
});

test("an edited file resumes from the last checkpoint before it; later checkpoints are saved again", async () => {
  const input = corpus("edited", 12);
  const out = path.join(base, "edited-incremental");
  const every = { checkpointEvery: 4 };
  await run(options(input, out, every));
  assert.deepEqual(fs.readdirSync(path.join(out, "cache", "resume")).sort(), ["12.bin", "14.bin", "4.bin", "8.bin", "index.json"]);
  const file = path.join(input, "000", "article-000006.txt");
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/\n\n/, "\n\nThe mayor of Leeds, Jane Example, said the bridge would reopen in May.\n\n"));
  const warm = await run(options(input, out, every));
  assert.equal(warm.summary.resumed, 4);
  assert.equal(warm.summary.cached, 13);
  const full = await run(options(input, path.join(base, "edited-full"), { incremental: false }));
  assertSameFiles(out, path.join(base, "edited-full"));
  assert.deepEqual(warm.errors, full.errors);
  assert.match(fs.readFileSync(path.join(out, "clean", "000", "article-000006.txt"), "utf8"), /Jane Example/);

  // The checkpoints after the edit were saved anew: an unchanged re-run resumes from the end.
  const again = await run(options(input, out, every));
  assert.equal(again.summary.resumed, 14);
  assertSameFiles(out, path.join(base, "edited-full"));
});

test("a file added among the old ones resumes before it", async () => {
  const input = corpus("inserted", 12);
  const out = path.join(base, "inserted-incremental");
  const every = { checkpointEvery: 4 };
  await run(options(input, out, every));
  fs.copyFileSync(path.join(input, "000", "article-000009.txt"), path.join(input, "000", "article-000009b.txt"));
  const warm = await run(options(input, out, every));
  assert.equal(warm.summary.resumed, 8);
  await assertAsFullRun(input, out);
});

test("a previous output changed since its run is not resumed from, and the result is still a full run's", async () => {
  const input = corpus("touched", 6);
  const full = path.join(base, "touched-full");
  await run(options(input, full, { incremental: false }));
  for (const [i, touch] of [
    (out: string) => fs.appendFileSync(path.join(out, "mentions.csv"), "x"),
    (out: string) => fs.writeFileSync(path.join(out, "clean", "000", "article-000002.txt"), "edited by hand"),
    (out: string) => fs.rmSync(path.join(out, "clean", "000", "article-000004.txt")),
  ].entries()) {
    const out = path.join(base, `touched-incremental-${i}`);
    await run(options(input, out));
    touch(out);
    const warm = await run(options(input, out));
    assert.equal(warm.summary.resumed, 0, touch.toString());
    assert.equal(warm.summary.cached, 8);
    assertSameFiles(out, full);
  }
});

test("checkpoints hold for the settings they were saved under only", async () => {
  const input = corpus("settings", 6);
  const out = path.join(base, "settings-incremental");
  await run(options(input, out));
  const monthly = await run(options(input, out, { period: "month" }));
  assert.equal(monthly.summary.resumed, 0, "themes per month need other aggregates");
  assert.equal(monthly.summary.cached, 8, "the analyses themselves do not depend on the period");
  await assertAsFullRun(input, out, { period: "month" });
});

test("a file over --max-bytes is cached by its size: its error comes back without reading it", async () => {
  const input = corpus("oversize", 3);
  fs.writeFileSync(path.join(input, "000", "huge.txt"), "A long line of news. ".repeat(2000));
  const out = path.join(base, "oversize-incremental");
  const limit = { maxBytes: 20_000 };
  const cold = await run(options(input, out, limit));
  assert.deepEqual(cold.errors.filter((l) => l.includes("huge.txt")), ["newsmine: error: 000/huge.txt: ingest: file is 42000 bytes, over the --max-bytes limit of 20000"]);
  const warm = await run(options(input, out, limit));
  assert.equal(warm.summary.cached, 6);
  assert.deepEqual(warm.errors, cold.errors);
});

test("a resumed run takes over whole clean-text folders at the swap; a folder a new article goes into is linked file by file", async () => {
  const input = corpus("adopted", 6);
  fs.mkdirSync(path.join(input, "001"));
  fs.copyFileSync(path.join(input, "000", "article-000001.txt"), path.join(input, "001", "article-b.txt"));
  const out = path.join(base, "adopted-incremental");
  await run(options(input, out));
  // link() gives a file a new change time; moving its folder does not.
  const changed = (rel: string) => fs.statSync(path.join(out, "clean", rel)).ctimeMs;
  const before = { kept: changed("000/article-000002.txt"), linked: changed("001/article-b.txt") };
  await new Promise((r) => setTimeout(r, 20));
  fs.copyFileSync(path.join(input, "000", "article-000003.txt"), path.join(input, "001", "article-c.txt"));
  const warm = await run(options(input, out));
  assert.equal(warm.summary.resumed, 9);
  assert.equal(changed("000/article-000002.txt"), before.kept, "000/ moved over whole");
  assert.notEqual(changed("001/article-b.txt"), before.linked, "001/ got a new article: its old one was linked");
  await assertAsFullRun(input, out);

  // A file left in an old folder by hand: that folder is linked file by file, and the stray file stays behind.
  fs.writeFileSync(path.join(out, "clean", "000", "notes.txt"), "mine");
  const kept = changed("000/article-000002.txt");
  await new Promise((r) => setTimeout(r, 20));
  fs.copyFileSync(path.join(input, "000", "article-000004.txt"), path.join(input, "001", "article-d.txt"));
  const again = await run(options(input, out));
  assert.equal(again.summary.resumed, 10);
  assert.notEqual(changed("000/article-000002.txt"), kept, "000/ holds a stray file: its articles were linked");
  await assertAsFullRun(input, out);
});

test("a resumed run appends to the previous output's CSVs (taken over at the swap), but copies one hard-linked elsewhere, which stays as it was", async () => {
  const input = corpus("csv-takeover", 6);
  const out = path.join(base, "csv-takeover-incremental");
  const every = { checkpointEvery: 4 };
  await run(options(input, out, every));
  const inode = (name: string) => fs.statSync(path.join(out, name)).ino;
  const before = { articles: inode("articles.csv"), quotes: inode("quotes.csv") };
  // A backup of figures.csv by hard link, as rsync --link-dest or cp -l make.
  const backup = path.join(base, "csv-takeover-figures-backup.csv");
  fs.linkSync(path.join(out, "figures.csv"), backup);
  const backedUp = fs.readFileSync(backup);
  buildCorpus(input, 1000, 1002);
  const warm = await run(options(input, out, every));
  assert.equal(warm.summary.resumed, 8);
  assert.equal(inode("articles.csv"), before.articles, "articles.csv taken over, not copied");
  assert.equal(inode("quotes.csv"), before.quotes);
  assert.ok(fs.readFileSync(backup).equals(backedUp), "the hard-linked figures.csv was copied, its other link untouched");
  assert.equal(fs.statSync(backup).nlink, 1);
  await assertAsFullRun(input, out);

  // Resumed before the end (a file edited), each CSV is cut to the checkpoint first.
  const file = path.join(input, "000", "article-000002.txt");
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/\n\n/, "\n\nThe mayor of Leeds, Jane Example, said the bridge would reopen in May.\n\n"));
  const edited = await run(options(input, out, every));
  assert.equal(edited.summary.resumed, 0);
  await assertAsFullRun(input, out);
  const file2 = path.join(input, "000", "article-000005.txt");
  fs.writeFileSync(file2, fs.readFileSync(file2, "utf8").replace(/\n\n/, "\n\nOfficials in Porto said the ferry would run again in June.\n\n"));
  const uncut = inode("articles.csv");
  const cut = await run(options(input, out, every));
  assert.equal(cut.summary.resumed, 4);
  assert.equal(inode("articles.csv"), uncut, "cut and appended to, not copied");
  await assertAsFullRun(input, out);
});

test("when most cached entries belong to files gone since, a resumed run copies the live ones into a compact cache", async () => {
  const input = corpus("compacted", 4);
  buildCorpus(input, 1000, 1010); // 001/: most of the first cache
  const out = path.join(base, "compacted-incremental");
  const every = { checkpointEvery: 3 };
  await run(options(input, out, every));
  fs.rmSync(path.join(input, "001"), { recursive: true });
  buildCorpus(input, 2000, 2001);
  await run(options(input, out, every));
  const entries = () => fs.statSync(path.join(out, "cache", "entries.bin")).size;
  const grown = entries();
  buildCorpus(input, 3000, 3001);
  const compacting = await run(options(input, out, every));
  assert.equal(compacting.summary.resumed, 7);
  assert.ok(entries() < grown / 2, `the entries of 001/ are dropped (${entries()} of ${grown} bytes kept)`);
  buildCorpus(input, 4000, 4001);
  const after = await run(options(input, out, every));
  assert.equal(after.summary.resumed, 8);
  assert.equal(after.summary.cached, 8);
  await assertAsFullRun(input, out);
});

test("a resumed run whose output folder another run replaced meanwhile fails, and leaves that output whole", async () => {
  const input = corpus("replaced", 4);
  const out = path.join(base, "replaced-incremental");
  await run(options(input, out));
  buildCorpus(input, 1000, 1001);
  const before = readTree(out, outputOnly);
  // Once this run has resumed, another swaps in its own output (the same files, in another folder).
  let replaced = false;
  const onProgress = () => {
    if (replaced) return;
    fs.renameSync(out, `${out}-other`);
    fs.cpSync(`${out}-other`, out, { recursive: true });
    replaced = true;
  };
  await assert.rejects(extract(options(input, out, { onProgress }), () => {}), /another run replaced the output folder during this one/);
  const after = readTree(out, outputOnly);
  assert.deepEqual([...after.keys()], [...before.keys()]);
  for (const [rel, bytes] of before) assert.ok(after.get(rel)!.equals(bytes), rel);
  assert.deepEqual(fs.readdirSync(base).filter((e) => e.startsWith("replaced-incremental.newsmine-")), []);
});

test("property: the cache's line reader gives what splitting each line on tabs gives (lines with a third field)", () => {
  const line = fc.array(fc.constantFrom("a", "b", "\t", "é", "0"), { maxLength: 12 }).map((cs) => cs.join(""));
  fc.assert(
    fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
      const text = lines.join("\n");
      const got: string[][] = [];
      eachLine(text, (a, b, c) => got.push([a, b, c]));
      const want = text.split("\n").map((l) => l.split("\t").slice(0, 3)).filter((f) => f.length === 3 && f[2] !== "");
      assert.deepEqual(got, want);
    }),
  );
});
