// datapackage.json: valid against the Frictionless Data Package v1 profiles,
// and true to the CSVs next to it (headers, types, keys, links between tables).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import ajvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { parse } from "csv-parse/sync";
import { ROOT, runCli, tempDir } from "./helpers.ts";
import { columns, datasets, type DatasetName } from "../src/schema.ts";
import { dataPackage, DATAPACKAGE_FILE } from "../src/output/datapackage.ts";
import { README, withColumnTable } from "../scripts/docs.ts";

interface Field {
  name: string;
  type: string;
  format: string;
  description: string;
  constraints?: { enum?: string[] };
}
interface Resource {
  name: string;
  path: string;
  schema: {
    fields: Field[];
    primaryKey: string[];
    missingValues: string[];
    foreignKeys?: Array<{ fields: string; reference: { resource: string; fields: string } }>;
  };
}
interface Package {
  resources: Resource[];
}

const out = path.join(tempDir(), "out");
const run = runCli(["extract", "--input", "corpus", "--output", out]);
const descriptor = (): Package => JSON.parse(fs.readFileSync(path.join(out, DATAPACKAGE_FILE), "utf8")) as Package;
const readRows = (file: string) => parse(fs.readFileSync(path.join(out, file), "utf8"), { columns: true }) as Record<string, string>[];

function profileValidator(file: string) {
  // Both are CommonJS: their `default` export is the class / plugin itself.
  const ajv = new ajvDraft04.default({ strict: false, allErrors: true });
  ajvFormats.default(ajv);
  ajv.addFormat("textarea", true); // an editor hint in the profiles, not a constraint
  return ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, "test", "profiles", file), "utf8")));
}

test("extract writes datapackage.json", () => {
  assert.equal(run.status, 0, run.stderr);
  assert.ok(fs.existsSync(path.join(out, DATAPACKAGE_FILE)));
});

test("datapackage.json validates against the Data Package and Tabular Data Package profiles", () => {
  for (const profile of ["data-package.json", "tabular-data-package.json"]) {
    const validate = profileValidator(profile);
    assert.ok(validate(descriptor()), `${profile}: ${JSON.stringify(validate.errors, null, 2)}`);
  }
});

test("the profile check rejects broken descriptors", () => {
  const validate = profileValidator("tabular-data-package.json");
  const badType = descriptor();
  badType.resources[0].schema.fields[0].type = "text";
  assert.equal(validate(badType), false, "unknown field type");
  const badName = descriptor();
  badName.resources[0].name = "Articles CSV";
  assert.equal(validate(badName), false, "resource name with capitals and a space");
  const noFields = descriptor();
  noFields.resources[1].schema.fields = [];
  assert.equal(validate(noFields), false, "table without fields");
});

test("one resource per CSV, each header exactly its fields", () => {
  const pkg = descriptor();
  const csvs = fs.readdirSync(out).filter((f) => f.endsWith(".csv")).sort();
  assert.deepEqual(pkg.resources.map((r) => r.path).sort(), csvs);
  for (const r of pkg.resources) {
    const header = fs.readFileSync(path.join(out, r.path), "utf8").split("\n", 1)[0];
    assert.equal(header, r.schema.fields.map((f) => f.name).join(","), `${r.path} header`);
    for (const f of r.schema.fields) {
      assert.ok(["string", "integer", "number"].includes(f.type), `${r.name}.${f.name} type ${f.type}`);
      assert.equal(f.format, "default");
      assert.ok(f.description.length > 0 && !f.description.includes("\n"), `${r.name}.${f.name} has a one-line description`);
    }
  }
});

test("every value fits its field's type and allowed values", () => {
  const integer = /^-?\d+$/;
  for (const r of descriptor().resources) {
    for (const [i, row] of readRows(r.path).entries()) {
      for (const f of r.schema.fields) {
        const v = row[f.name];
        if (r.schema.missingValues.includes(v)) continue;
        const where = `${r.path} row ${i + 1} ${f.name}=${JSON.stringify(v)}`;
        if (f.type === "integer") assert.match(v, integer, where);
        if (f.type === "number") assert.ok(v.trim() !== "" && Number.isFinite(Number(v)), where);
        if (f.constraints?.enum) assert.ok(f.constraints.enum.includes(v), where);
      }
    }
  }
});

test("primary keys are unique and complete; foreign keys resolve", () => {
  const pkg = descriptor();
  const byName = new Map(pkg.resources.map((r) => [r.name, r]));
  const rows = new Map(pkg.resources.map((r) => [r.name, readRows(r.path)]));
  for (const r of pkg.resources) {
    const seen = new Set<string>();
    for (const row of rows.get(r.name)!) {
      const key = r.schema.primaryKey.map((k) => row[k]);
      assert.ok(key.every((k) => k !== ""), `${r.path}: empty key ${JSON.stringify(key)}`);
      const id = JSON.stringify(key);
      assert.ok(!seen.has(id), `${r.path}: duplicate key ${id}`);
      seen.add(id);
    }
    for (const fk of r.schema.foreignKeys ?? []) {
      const target = byName.get(fk.reference.resource);
      assert.ok(target, `${r.name}.${fk.fields} references ${fk.reference.resource}`);
      const known = new Set(rows.get(target.name)!.map((t) => t[fk.reference.fields]));
      for (const row of rows.get(r.name)!) {
        const v = row[fk.fields];
        if (v !== "") assert.ok(known.has(v), `${r.path}: ${fk.fields}=${v} not in ${target.path}`);
      }
    }
  }
  // The corpus must exercise the article links, or this test proves nothing.
  assert.ok(rows.get("article_themes")!.length > 0);
});

test("keys: article_id and entity_id are primary keys and referenced wherever they appear", () => {
  const pkg = dataPackage() as Package;
  const articles = pkg.resources.find((r) => r.name === "articles")!;
  const entities = pkg.resources.find((r) => r.name === "entities")!;
  assert.deepEqual(articles.schema.primaryKey, ["article_id"]);
  assert.deepEqual(entities.schema.primaryKey, ["entity_id"]);
  for (const r of pkg.resources) {
    const refs = new Map((r.schema.foreignKeys ?? []).map((fk) => [fk.fields, fk.reference]));
    for (const f of r.schema.fields) {
      if (f.name === "article_id" && r !== articles) assert.deepEqual(refs.get(f.name), { resource: "articles", fields: "article_id" }, `${r.name}.article_id`);
      if (/(^|_)entity_id$/.test(f.name) && r !== entities) assert.deepEqual(refs.get(f.name), { resource: "entities", fields: "entity_id" }, `${r.name}.${f.name}`);
    }
  }
  const quotes = pkg.resources.find((r) => r.name === "quotes")!;
  assert.ok(quotes.schema.foreignKeys?.some((fk) => fk.fields === "speaker_entity_id"));
});

test("the package is derived from src/schema.ts", () => {
  const pkg = dataPackage() as Package;
  assert.deepEqual(
    pkg.resources.map((r) => r.name),
    Object.keys(datasets),
  );
  for (const r of pkg.resources) {
    const name = r.name as DatasetName;
    assert.equal(r.path, datasets[name].file);
    assert.deepEqual(r.schema.fields.map((f) => f.name), columns(name));
    assert.deepEqual(r.schema.primaryKey, [...datasets[name].primaryKey]);
  }
  const mentionType = pkg.resources.find((r) => r.name === "mentions")!.schema.fields.find((f) => f.name === "type")!;
  assert.deepEqual(mentionType.constraints?.enum, ["person", "company", "country", "organization", "place"]);
  const words = pkg.resources.find((r) => r.name === "articles")!.schema.fields.find((f) => f.name === "words")!;
  assert.equal(words.type, "integer");
  const share = pkg.resources.find((r) => r.name === "themes")!.schema.fields.find((f) => f.name === "share_of_articles")!;
  assert.equal(share.type, "number");
});

test("README column table is current (npm run docs regenerates it)", () => {
  const readme = fs.readFileSync(README, "utf8");
  assert.equal(withColumnTable(readme), readme, "README.md column table is out of date: run `npm run docs`");
  for (const name of Object.keys(datasets) as DatasetName[]) {
    assert.ok(readme.includes(`### ${datasets[name].file}`), name);
    for (const c of columns(name)) assert.ok(readme.includes(`| \`${c}\` |`), `${name}.${c} in README`);
  }
});
