// CSV safety (issue 8): cells round-trip through a standard parser whatever
// they hold, spreadsheet formulas are guarded (and only when asked), and the
// guard reaches the real output through the CLI.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { CsvSink, RowFormatter, guardFormula } from "../src/output/csv.ts";
import { columns } from "../src/schema.ts";
import { runCli, tempDir } from "./helpers.ts";
import { writeTree } from "./reliability-fixtures.ts";

const dir = tempDir("newsmine-csv-");
let n = 0;

async function roundTrip(rows: Array<{ source_file: string; stage: string; error: string }>, formulaGuard: boolean): Promise<string[][]> {
  const file = path.join(dir, `errors-${n++}.csv`);
  const sink = new CsvSink("errors", file, { formulaGuard });
  for (const row of rows) await sink.write(row);
  await sink.close();
  return parse(fs.readFileSync(file, "utf8"), { relax_column_count: false }) as string[][];
}

// Whole code points (no lone surrogates, which UTF-8 cannot carry), biased to CSV's special characters.
const cell = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('"', ",", "\n", "\r", "\r\n", "=", "+", "-", "@", "\t", "'", " ", "a", "é", "中"), maxLength: 30 }),
);
const row = fc.record({ source_file: cell, stage: cell, error: cell });

test("every cell round-trips exactly through csv-parse when the guard is off", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(row, { maxLength: 20 }), async (rows) => {
      const parsed = await roundTrip(rows, false);
      assert.deepEqual(parsed[0], ["source_file", "stage", "error"]);
      assert.deepEqual(parsed.slice(1), rows.map((r) => [r.source_file, r.stage, r.error]));
    }),
    { numRuns: 150 },
  );
});

test("with the guard on, every cell parses back as itself or as itself behind one apostrophe", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 20 }), async (rows) => {
      const parsed = await roundTrip(rows, true);
      rows.forEach((r, i) => {
        for (const [k, got] of [r.source_file, r.stage, r.error].map((v, j) => [v, parsed[i + 1][j]] as const)) {
          if (/^[=+\-@\t\r]/.test(k) && !/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(k)) assert.equal(got, `'${k}`);
          else assert.equal(got, k);
        }
      });
    }),
    { numRuns: 150 },
  );
});

test("guardFormula prefixes formula starts (OWASP) and leaves text and signed numbers alone", () => {
  for (const s of ["=1+1", "=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\tx", "\r=1"]) assert.equal(guardFormula(s), `'${s}`, s);
  for (const s of ["", "Hello", "'=already", " =1", "-5", "+1.5", "-3e2", "12"]) assert.equal(guardFormula(s), s, s);
});

test("through the CLI, cells starting like formulas are guarded by default and left as they are with --no-formula-guard", () => {
  const input = path.join(dir, "input");
  writeTree(input, {
    "=HYPERLINK(evil).txt": Buffer.from("A story\n\nPlain words here.\n"),
    "@SUM(A1).txt": Buffer.from("Another story\n\nMore plain words.\n"),
    "-2+3.txt": Buffer.alloc(0),
  });
  const ids = (out: string) => (parse(fs.readFileSync(path.join(out, "articles.csv"), "utf8"), { columns: true }) as { article_id: string }[]).map((r) => r.article_id);
  const errorFiles = (out: string) => (parse(fs.readFileSync(path.join(out, "errors.csv"), "utf8"), { columns: true }) as { source_file: string }[]).map((r) => r.source_file);

  const guarded = path.join(dir, "guarded");
  assert.equal(runCli(["extract", "-q", "--input", input, "--output", guarded]).status, 1);
  assert.deepEqual(ids(guarded), ["'=HYPERLINK(evil)", "'@SUM(A1)"]);
  assert.deepEqual(errorFiles(guarded), ["'-2+3.txt"]);
  // The clean text files keep their real names: the guard is for spreadsheet cells only.
  assert.ok(fs.existsSync(path.join(guarded, "clean", "=HYPERLINK(evil).txt")));

  const raw = path.join(dir, "raw");
  assert.equal(runCli(["extract", "-q", "--no-formula-guard", "--input", input, "--output", raw]).status, 1);
  assert.deepEqual(ids(raw), ["=HYPERLINK(evil)", "@SUM(A1)"]);
  assert.deepEqual(errorFiles(raw), ["-2+3.txt"]);
});

test("RowFormatter writes exactly what csv-stringify writes, numbers, empty and odd cells included", () => {
  const number = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(NaN, Infinity, -0, 1e21, 0.1));
  const figure = fc.record({
    article_id: cell, value: number, value_high: cell, unit: cell, currency: cell, kind: cell, qualifier: cell,
    text: cell, start: fc.integer(), end: fc.integer(), sentence: cell,
  });
  fc.assert(
    fc.property(fc.array(figure, { maxLength: 10 }), fc.boolean(), (rows, formulaGuard) => {
      const formatter = new RowFormatter("figures", { formulaGuard });
      const ours = formatter.header() + rows.map((r) => formatter.format(r as never)).join("");
      const reference = stringify(rows, {
        header: true,
        columns: columns("figures"),
        record_delimiter: "unix",
        // A lone CR is quoted too (RFC 4180; spreadsheets and pandas end a line at it), which csv-stringify does only when asked.
        quote_record_delimiter: true,
        cast: { string: formulaGuard ? guardFormula : (s) => s, number: (x) => (Number.isFinite(x) ? String(x) : "") },
      });
      assert.equal(ours, reference);
    }),
    { numRuns: 300 },
  );
});
