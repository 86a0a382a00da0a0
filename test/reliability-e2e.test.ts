// End to end over a folder with one file of each kind (issue 8): good files in
// every encoding and line-end convention give exactly the rows of their clean
// UTF-8/LF twins; every bad file gets one errors.csv row and one stderr line;
// the exit status follows the documented contract.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { parse } from "csv-parse/sync";
import { ROOT, readTree, tempDir } from "./helpers.ts";
import { BAD, MAX_BYTES, SKIPPED, buildMixedInput, goodFiles, twins, writeTree } from "./reliability-fixtures.ts";
import { extract, type ExtractOptions } from "../src/extract.ts";
import { analyse, StageError } from "../src/pipeline.ts";
import { datasets } from "../src/schema.ts";

// chmod 000 stops no one running as root, so as root the CLI runs as `nobody`
// and the locked file is unreadable for it as it would be for a user.
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

const base = tempDir("newsmine-reliability-");
fs.chmodSync(base, 0o777);
const mixed = path.join(base, "mixed");
const twin = path.join(base, "twin");
buildMixedInput(mixed);
writeTree(twin, twins());

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "newsmine.js"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 300_000,
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const rows = (dir: string, file: string) => parse(fs.readFileSync(path.join(dir, file), "utf8"), { columns: true }) as Record<string, string>[];
/** Compares the datasets (CSVs and clean texts); run summaries and reports count the bad files too. */
const datasetsOnly = (rel: string) => rel === "errors.csv" || !(rel.endsWith(".csv") || rel.startsWith("clean/"));

const outMixed = path.join(base, "out-mixed");
const outTwin = path.join(base, "out-twin");
const mixedRun = cli(["extract", "--input", mixed, "--output", outMixed, "--max-bytes", String(MAX_BYTES)]);
const twinRun = cli(["extract", "--input", twin, "--output", outTwin, "--max-bytes", String(MAX_BYTES)]);

test("the clean twins run without errors and exit 0", () => {
  assert.equal(twinRun.status, 0, twinRun.stderr);
  assert.equal(rows(outTwin, "articles.csv").length, Object.keys(twins()).length);
});

test("a folder with bad files exits 1 and still writes every dataset for the good files", () => {
  assert.equal(mixedRun.status, 1, mixedRun.stderr);
  assert.match(mixedRun.stderr, new RegExp(`${Object.keys(goodFiles()).length} articles, .* ${Object.keys(BAD).length} errors`));
  for (const def of Object.values(datasets)) assert.ok(fs.existsSync(path.join(outMixed, def.file)), def.file);
});

test("good files in every encoding and line-end convention give the same rows and clean text as their UTF-8/LF twins", () => {
  const got = readTree(outMixed, datasetsOnly);
  const want = readTree(outTwin, datasetsOnly);
  assert.deepEqual([...got.keys()], [...want.keys()]);
  for (const [rel, bytes] of want) assert.equal(got.get(rel)!.toString("utf8"), bytes.toString("utf8"), rel);
  const clean = rows(outMixed, "articles.csv").find((r) => r.source_file === "legacy/windows-1252.txt")!;
  assert.match(fs.readFileSync(path.join(outMixed, "clean", `${clean.article_id}.txt`), "utf8"), /€4\.20.*\n*.*“It is the beans and the rent,”/s);
});

test("each bad file has exactly one errors.csv row naming its stage and reason, and one stderr line", () => {
  const errors = rows(outMixed, "errors.csv");
  assert.deepEqual(errors.map((e) => e.source_file).sort(), Object.keys(BAD).sort());
  for (const e of errors) {
    const want = BAD[e.source_file];
    assert.equal(e.stage, want.stage, e.source_file);
    assert.match(e.error, want.error, e.source_file);
    assert.doesNotMatch(e.error, new RegExp(base), "errors name files relative to the input, not by absolute path");
    const lines = mixedRun.stderr.split("\n").filter((l) => l.startsWith(`newsmine: error: ${e.source_file}: ${e.stage}: `));
    assert.equal(lines.length, 1, `one stderr line for ${e.source_file}`);
  }
});

test("files in formats newsmine does not read are skipped with a note, not read and not errors", () => {
  for (const rel of SKIPPED) assert.match(mixedRun.stderr, new RegExp(`skipped ${rel}: not a format newsmine reads`));
  const sources = rows(outMixed, "articles.csv").map((r) => r.source_file);
  for (const rel of SKIPPED) assert.ok(!sources.includes(rel));
});

test("every CSV of the mixed run parses strictly with csv-parse, with the header's column count on every row", () => {
  for (const def of Object.values(datasets)) {
    const records = parse(fs.readFileSync(path.join(outMixed, def.file), "utf8"), { relax_column_count: false }) as string[][];
    assert.deepEqual(records[0], Object.keys(def.row.shape), def.file);
  }
});

test("--allow-errors turns the partial failure into exit 0 with the same datasets", () => {
  const out = path.join(base, "out-allow");
  const r = cli(["extract", "--input", mixed, "--output", out, "--max-bytes", String(MAX_BYTES), "--allow-errors"]);
  assert.equal(r.status, 0, r.stderr);
  const strip = (rel: string) => rel === "run.json";
  const a = readTree(out, strip);
  const b = readTree(outMixed, strip);
  assert.deepEqual([...a.keys()], [...b.keys()]);
  for (const [rel, bytes] of b) assert.ok(a.get(rel)!.equals(bytes), rel);
});

test("usage errors exit 2 with one clear line and leave the output untouched", () => {
  const stranger = path.join(base, "not-newsmine");
  fs.mkdirSync(stranger);
  fs.writeFileSync(path.join(stranger, "thesis.docx"), "precious");
  const aFile = path.join(base, "a-file");
  fs.writeFileSync(aFile, "x");
  const cases: Array<[string[], RegExp]> = [
    [["extract", "--input", path.join(base, "nowhere"), "--output", path.join(base, "o1")], /input folder not found/],
    [["extract", "--input", twin, "--output", aFile], /output path is a file/],
    [["extract", "--input", twin, "--output", stranger], /not written by newsmine/],
    [["extract", "--input", twin, "--output", twin], /contains the input folder/],
    [["extract", "--input", path.join(twin, "utf8"), "--output", twin], /contains the input folder/],
    [["extract", "--input", twin, "--output", path.join(base, "o2"), "--max-bytes", "lots"], /positive whole number/],
    [["extract", "--input", twin, "--output", path.join(base, "o3"), "--themes", path.join(base, "missing.yaml")], /theme taxonomy/],
    [["extract", "--no-such-option"], /unknown option/],
    [["extract", "--input", twin, "--output", path.join(aFile, "out")], /cannot write the output beside .*a part of the path is not a folder/],
  ];
  for (const [args, message] of cases) {
    const r = cli(args);
    assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(" "));
  }
  assert.equal(fs.readFileSync(path.join(stranger, "thesis.docx"), "utf8"), "precious");
  assert.ok(fs.existsSync(path.join(twin, "utf8", "plain.txt")));
});

test("--help documents the exit statuses and --allow-errors", () => {
  const r = cli(["extract", "--help"]);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /Exit status: 0 every file processed; 1 some files failed/);
  assert.match(r.stdout, /--allow-errors/);
});

const quietOptions = (input: string, output: string): ExtractOptions => ({
  input,
  output,
  period: "year",
  maxBytes: MAX_BYTES,
  formulaGuard: true,
  allowErrors: false,
  quiet: true,
});

test("a stage that throws on one file costs that file only: one errors.csv row naming the stage", async () => {
  const out = path.join(base, "out-throw");
  const lines: string[] = [];
  // The injected analyser runs the real pipeline but fails the figures stage for one document.
  const failing: typeof analyse = (doc, ctx, timings) => {
    if (doc.sourceFile === "legacy/gb18030.txt") throw new StageError("figures", new RangeError("Maximum call stack size exceeded"));
    return analyse(doc, ctx, timings);
  };
  const summary = await extract(quietOptions(twin, out), (l) => lines.push(l), failing);
  assert.equal(summary.errors, 1);
  assert.equal(summary.articles, Object.keys(twins()).length - 1);
  assert.deepEqual(rows(out, "errors.csv"), [{ source_file: "legacy/gb18030.txt", stage: "figures", error: "Maximum call stack size exceeded" }]);
  assert.deepEqual(lines.filter((l) => l.startsWith("newsmine: error:")), ["newsmine: error: legacy/gb18030.txt: figures: Maximum call stack size exceeded"]);
  assert.ok(!rows(out, "articles.csv").some((r) => r.source_file === "legacy/gb18030.txt"));
});

test("article ids that would leave the output folder become errors, never files outside it", async () => {
  const out = path.join(path.join(base, "jail"), "out");
  fs.mkdirSync(path.dirname(out));
  const hostileIds = ["../escaped", "/etc/escaped", "a/../../escaped", "nul\0byte", "", "a//b", "./dot"];
  let n = 0;
  const renaming: typeof analyse = (doc, ctx, timings) => {
    const article = analyse(doc, ctx, timings);
    return n < hostileIds.length ? { ...article, id: hostileIds[n++] } : article;
  };
  const summary = await extract(quietOptions(twin, out), () => {}, renaming);
  assert.equal(summary.errors, hostileIds.length);
  assert.deepEqual(fs.readdirSync(path.dirname(out)).sort(), ["out"]);
  assert.ok(!fs.existsSync("/etc/escaped.txt"));
  for (const e of rows(out, "errors.csv")) {
    assert.equal(e.stage, "write");
    assert.match(e.error, /article_id/);
  }
  const files = [...readTree(path.join(out, "clean")).keys()];
  assert.equal(files.length, Object.keys(twins()).length - hostileIds.length);
});

test("two files with the same article id: the second is an error, the first is kept intact", async () => {
  const input = path.join(base, "dupes");
  writeTree(input, { "story.txt": Buffer.from("First story.\n"), "story.md": Buffer.from("Second story.\n") });
  const out = path.join(base, "out-dupes");
  const summary = await extract(quietOptions(input, out), () => {});
  assert.equal(summary.articles, 1);
  assert.deepEqual(rows(out, "errors.csv").map((e) => [e.source_file, e.stage]), [["story.txt", "write"]]);
  assert.match(fs.readFileSync(path.join(out, "clean", "story.txt"), "utf8"), /Second story/);
});

test("output is byte-identical whatever order the files were created (and so listed) in", async () => {
  const files = twins();
  const forward = path.join(base, "order-a");
  const backward = path.join(base, "order-b");
  writeTree(forward, files);
  writeTree(backward, Object.fromEntries(Object.entries(files).reverse()));
  const outA = path.join(base, "out-order-a");
  const outB = path.join(base, "out-order-b");
  await extract(quietOptions(forward, outA), () => {});
  await extract(quietOptions(backward, outB), () => {});
  const a = readTree(outA, (rel) => rel === "run.json");
  const b = readTree(outB, (rel) => rel === "run.json");
  assert.deepEqual([...a.keys()], [...b.keys()]);
  for (const [rel, bytes] of a) assert.ok(b.get(rel)!.equals(bytes), rel);
});

test("an output folder inside the input folder is never read back as input", async () => {
  const input = path.join(base, "self");
  writeTree(input, { "a.txt": Buffer.from(twins()["utf8/plain.txt"]) });
  const out = path.join(input, "datasets");
  await extract(quietOptions(input, out), () => {});
  const second = await extract(quietOptions(input, out), () => {});
  assert.equal(second.articles, 1);
  assert.equal(second.errors, 0);
});

test("a file name with a line break still gives exactly one stderr line, and its exact name in errors.csv", async () => {
  const input = path.join(base, "odd-names");
  writeTree(input, { "line\nbreak.txt": Buffer.alloc(0), "fine.txt": Buffer.from("A story\n\nWith words.\n") });
  const lines: string[] = [];
  const summary = await extract(quietOptions(input, path.join(base, "out-odd-names")), (l) => lines.push(l));
  assert.equal(summary.errors, 1);
  assert.deepEqual(lines.filter((l) => l.startsWith("newsmine: error:")), ["newsmine: error: line break.txt: ingest: empty file (no text)"]);
  assert.ok(lines.every((l) => !l.includes("\n")));
  assert.deepEqual(rows(path.join(base, "out-odd-names"), "errors.csv").map((e) => e.source_file), ["line\nbreak.txt"]);
});

test("the mixed folder gives byte-identical output with one worker and with two", () => {
  const outs = ["1", "2"].map((jobs) => {
    const out = path.join(base, `out-jobs-${jobs}`);
    const r = cli(["extract", "-q", "--jobs", jobs, "--files-per-worker", "1", "--input", mixed, "--output", out, "--max-bytes", String(MAX_BYTES)]);
    assert.equal(r.status, 1, r.stderr);
    return readTree(out, (rel) => rel === "run.json");
  });
  assert.deepEqual([...outs[0].keys()], [...outs[1].keys()]);
  for (const [rel, bytes] of outs[0]) assert.ok(outs[1].get(rel)!.equals(bytes), rel);
  assert.ok(outs[0].has("errors.csv"));
});
