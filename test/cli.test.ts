// The command line as people and CI scripts use it: help, version, progress,
// --json, and one-line usage errors with exit status 2.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT, runCli, tempDir } from "./helpers.ts";
import { createProgress, MIN_FILES, progressMode } from "../src/cli/progress.ts";

const version = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
/** Progress must not depend on the machine running the tests. */
const PIPED = { CI: "" };

function corpus(files: number): string {
  const dir = tempDir();
  for (let i = 0; i < files; i++) {
    const n = String(i).padStart(3, "0");
    fs.writeFileSync(
      path.join(dir, `${n}.txt`),
      `Council approves budget ${n}\n\nThe city council approved a budget of $${i + 2} million on Tuesday, after a debate that lasted four hours.\n`,
    );
  }
  return dir;
}

/** Asserts a usage error: exit status 2, nothing on stdout, exactly one stderr line matching `message`. */
function assertUsageError(args: string[], message: RegExp): void {
  const r = runCli(args);
  assert.equal(r.status, 2, `exit status for ${args.join(" ")}: ${r.stderr}`);
  assert.equal(r.stdout, "");
  const lines = r.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, `one line: ${r.stderr}`);
  assert.match(lines[0], /^newsmine: error: /);
  assert.match(lines[0], message);
}

test("--help prints usage and examples on stdout, exit 0", () => {
  const top = runCli(["--help"]);
  assert.equal(top.status, 0);
  assert.match(top.stdout, /Usage: newsmine/);
  assert.match(top.stdout, /Examples:\n\s+npx newsmine extract --input \S+ --output \S+/);
  const extract = runCli(["extract", "--help"]);
  assert.equal(extract.status, 0);
  for (const option of ["--input", "--output", "--period", "--themes", "--quiet", "--json"]) assert.match(extract.stdout, new RegExp(`${option}\\b`));
  assert.match(extract.stdout, /Examples:/);
  assert.match(extract.stdout, /Exit status: 0 .*; 1 .*; 2 usage error/s);
});

test("a reader that stops early (| head) is no error: nothing on stderr", () => {
  const r = spawnSync("sh", ["-c", `"${process.execPath}" bin/newsmine.js extract --help | head -1`], { cwd: ROOT, encoding: "utf8" });
  assert.match(r.stdout, /^Usage: newsmine extract/);
  assert.equal(r.stderr, "");
});

test("--version prints the package version", () => {
  const r = runCli(["--version"]);
  assert.equal(r.status, 0);
  assert.equal(r.stdout.trim(), version);
});

test("usage error: missing input folder", () => {
  assertUsageError(["extract", "--input", path.join(tempDir(), "nope"), "--output", path.join(tempDir(), "out")], /input folder not found: .*nope/);
});

test("usage error: input that is a file", () => {
  assertUsageError(["extract", "--input", "package.json", "--output", path.join(tempDir(), "out")], /input is not a folder: package\.json/);
});

test("usage error: output path that is a file", () => {
  const file = path.join(tempDir(), "out.csv");
  fs.writeFileSync(file, "x\n");
  assertUsageError(["extract", "--input", "corpus", "--output", file], /output path is a file, not a folder: .*out\.csv/);
  assert.equal(fs.readFileSync(file, "utf8"), "x\n", "the file is left alone");
});

test("usage error: unknown option, with a suggestion", () => {
  assertUsageError(["extract", "--jsno"], /unknown option '--jsno' \(Did you mean --json\?\)/);
});

test("usage error: unknown command", () => {
  assertUsageError(["extrakt"], /unknown command 'extrakt'/);
});

test("usage error: option without its value", () => {
  assertUsageError(["extract", "--input"], /option '-i, --input <dir>' argument missing/);
});

test("usage error: bad --period names the allowed ones", () => {
  assertUsageError(["extract", "--period", "week"], /argument 'week' is invalid\. Allowed choices are year, quarter, month/);
});

test("usage error: bad --max-bytes", () => {
  assertUsageError(["extract", "--max-bytes", "lots"], /--max-bytes <n>' argument 'lots' is invalid/);
});

test("usage error: --themes file that does not exist", () => {
  assertUsageError(["extract", "--themes", "no-such-themes.yaml", "--output", path.join(tempDir(), "out")], /theme taxonomy no-such-themes\.yaml: cannot read it/);
});

test("usage error: --themes file that is not YAML names the line", () => {
  const file = path.join(tempDir(), "themes.yaml");
  fs.writeFileSync(file, "themes:\n  - id: trade\n    label: Trade: bad\n    phrases: [tariff]\n");
  assertUsageError(["extract", "--themes", file, "--output", path.join(tempDir(), "out")], /theme taxonomy .*themes\.yaml: not valid YAML: .*at line 3, column 17/);
});

test("usage error: --themes entry that is wrong is named", () => {
  const file = path.join(tempDir(), "themes.yaml");
  fs.writeFileSync(file, "themes:\n  - id: trade\n    label: Trade\n    phrases: [tariff]\n  - id: Bad Id\n    label: Bad\n    phrases: [x]\n");
  assertUsageError(["extract", "--themes", file, "--output", path.join(tempDir(), "out")], /theme taxonomy .*themes\.yaml: themes\[1\].*\bid\b/);
});

test("piped or in CI: plain progress lines, one per tenth of the files", () => {
  const files = MIN_FILES + 5;
  const r = runCli(["extract", "--input", corpus(files), "--output", path.join(tempDir(), "out")], { env: PIPED });
  assert.equal(r.status, 0, r.stderr);
  const progress = r.stderr.split("\n").filter((l) => /^newsmine: \d+\/\d+ files/.test(l));
  assert.equal(progress.length, 10, r.stderr);
  assert.match(progress[0], new RegExp(`^newsmine: 3/${files} files \\(12%`));
  assert.match(progress[9], new RegExp(`^newsmine: ${files}/${files} files \\(100%`));
  assert.doesNotMatch(r.stderr, /\x1b\[/, "no terminal escapes in a pipe");
  assert.match(r.stderr.trimEnd().split("\n").at(-1)!, new RegExp(`^newsmine: ${files} articles, `));
});

test("--quiet and small runs print no progress", () => {
  const quiet = runCli(["extract", "--quiet", "--input", corpus(MIN_FILES + 5), "--output", path.join(tempDir(), "out")], { env: PIPED });
  assert.equal(quiet.status, 0, quiet.stderr);
  assert.deepEqual(quiet.stderr.trimEnd().split("\n").length, 1, quiet.stderr);
  const small = runCli(["extract", "--input", corpus(3), "--output", path.join(tempDir(), "out")], { env: PIPED });
  assert.equal(small.status, 0, small.stderr);
  assert.doesNotMatch(small.stderr, /files \(/);
});

test("--json prints only the run summary on stdout", () => {
  const out = path.join(tempDir(), "out");
  const r = runCli(["extract", "--json", "--quiet", "--input", corpus(4), "--output", out]);
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.equal(summary.articles, 4);
  assert.equal(summary.files, 4);
  assert.equal(summary.errors, 0);
  assert.deepEqual(summary, JSON.parse(fs.readFileSync(path.join(out, "run.json"), "utf8")));
});

test("`npx newsmine` runs the bin from a clone", (t) => {
  const r = spawnSync("npx", ["--no-install", "newsmine", "--version"], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === "ENOENT") return t.skip("npx is not on PATH");
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), version);
});

test("progress mode: bar only on an interactive terminal outside CI", () => {
  assert.equal(progressMode({ isTTY: true }, {}, false), "bar");
  assert.equal(progressMode({ isTTY: true }, { CI: "true" }, false), "lines");
  assert.equal(progressMode({ isTTY: true }, { CI: "false" }, false), "bar");
  assert.equal(progressMode({ isTTY: true }, { TERM: "dumb" }, false), "lines");
  assert.equal(progressMode({ isTTY: false }, {}, false), "lines");
  assert.equal(progressMode({}, {}, false), "lines");
  assert.equal(progressMode({ isTTY: true }, {}, true), "none");
});

test("progress lines: one per tenth, none for small runs", () => {
  const written: string[] = [];
  const stream = { write: (s: string) => (written.push(s), true) };
  let clock = 0;
  const lines = createProgress(stream, "lines", () => clock);
  for (let done = 0; done <= 100; done++) {
    clock = done * 10;
    lines.update(done, 100);
  }
  assert.deepEqual(
    written.map((l) => l.replace(/, \d+ files\/s/, "")),
    [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((n) => `newsmine: ${n}/100 files (${n}%)\n`),
  );
  assert.match(written[0], /, 100 files\/s\)/);
  written.length = 0;
  const small = createProgress(stream, "lines");
  for (let done = 0; done <= 3; done++) small.update(done, 3);
  assert.deepEqual(written, []);
});

test("progress bar: draws on a terminal, keeps log lines, clears itself", async () => {
  let output = "";
  const tty = { isTTY: true, columns: 100, write: (s: string) => ((output += s), true) };
  const bar = createProgress(tty, "bar");
  bar.update(0, 40);
  bar.update(20, 40);
  bar.log("newsmine: error: a.txt: ingest: unreadable");
  await new Promise((resolve) => setTimeout(resolve, 250));
  bar.stop();
  assert.match(output, /newsmine \[[^\]]+\] 50% \| 20\/40 files/);
  assert.match(output, /newsmine: error: a\.txt: ingest: unreadable\n/);
  assert.match(output, /\x1b\[0J$/, "the bar is cleared at the end");
});
