// The DuckDB example of README.md, run as written, and DuckDB's
// read_csv_auto over every dataset: same rows and columns as the CSVs say.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { parse } from "csv-parse/sync";
import { ROOT, runCli, tempDir } from "./helpers.ts";
import { tableFields } from "../src/output/datapackage.ts";
import { datasets, type DatasetName } from "../src/schema.ts";

// The example reads output/…, relative to the folder it runs in.
const workdir = tempDir();
const out = path.join(workdir, "output");
const run = runCli(["extract", "--input", "corpus", "--output", out]);
const csvRows = (file: string) => parse(fs.readFileSync(path.join(out, file), "utf8"), { columns: true }) as Record<string, string>[];

/** The statements of the ```sql block in the DuckDB part of README.md. */
function duckdbExample(): string[] {
  const doc = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = doc.slice(doc.indexOf("**DuckDB**"));
  const block = /```sql\n([\s\S]*?)```/.exec(section);
  assert.ok(block, "README.md has a DuckDB sql block");
  return block[1]
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);
}

async function connect(): Promise<DuckDBConnection> {
  const db = await DuckDBInstance.create(":memory:");
  return db.connect();
}

test("the DuckDB example in README.md runs as written and counts every row", async () => {
  assert.equal(run.status, 0, run.stderr);
  process.chdir(workdir);
  const db = await connect();
  const statements = duckdbExample();
  for (const sql of statements.slice(0, -1)) await db.run(sql);
  const result = (await db.runAndReadAll(statements.at(-1)!)).getRowObjectsJson() as Array<{ name: string; type: string; mentions: string; articles: string }>;

  const articles = csvRows("articles.csv");
  const mentions = csvRows("mentions.csv");
  const count = async (view: string) => Number((await db.runAndReadAll(`SELECT count(*) AS n FROM ${view}`)).getRowObjectsJson()[0].n);
  assert.equal(await count("articles"), articles.length);
  assert.equal(articles.length, fs.readdirSync(path.join(ROOT, "corpus")).length);
  assert.equal(await count("mentions"), mentions.length);
  // Every mention joins its article, so the example accounts for all of them.
  assert.equal(result.reduce((sum, r) => sum + Number(r.mentions), 0), mentions.length);
  assert.equal(result.length, new Set(mentions.map((m) => `${m.name}\u0000${m.type}`)).size);
  for (const r of result) {
    const own = mentions.filter((m) => m.name === r.name && m.type === r.type);
    assert.equal(Number(r.mentions), own.length, r.name);
    assert.equal(Number(r.articles), new Set(own.map((m) => m.article_id)).size, r.name);
  }
});

test("read_csv_auto reads every dataset with its rows, columns and numeric types", async () => {
  assert.equal(run.status, 0, run.stderr);
  const db = await connect();
  for (const name of Object.keys(datasets) as DatasetName[]) {
    const file = path.join(out, datasets[name].file).replaceAll("'", "''");
    const rows = csvRows(datasets[name].file);
    const n = (await db.runAndReadAll(`SELECT count(*) AS n FROM read_csv_auto('${file}')`)).getRowObjectsJson()[0].n;
    assert.equal(Number(n), rows.length, `${name}: rows`);
    const described = (await db.runAndReadAll(`DESCRIBE SELECT * FROM read_csv_auto('${file}')`)).getRowObjectsJson() as Array<{ column_name: string; column_type: string }>;
    const fields = tableFields(name);
    assert.deepEqual(described.map((c) => c.column_name), fields.map((f) => f.name), `${name}: columns`);
    if (rows.length === 0) continue; // a header alone gives DuckDB nothing to infer types from
    for (const [i, f] of fields.entries()) {
      const type = described[i].column_type;
      if (f.type === "integer" && rows.some((r) => r[f.name] !== "")) assert.match(type, /INT/, `${name}.${f.name} read as ${type}`);
      if (f.type === "number" && rows.some((r) => r[f.name] !== "")) assert.match(type, /INT|DOUBLE|DECIMAL|FLOAT/, `${name}.${f.name} read as ${type}`);
    }
  }
});
