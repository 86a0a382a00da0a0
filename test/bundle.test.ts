// The cached esbuild bundles the CLI and the workers start from
// (src/bundle.mjs): built once per source state, and behaving as the sources
// do, data files included.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundled, ROOT } from "../src/bundle.mjs";
import { DEFAULT_TAXONOMY } from "../src/stages/themes.ts";
import { workerScript } from "../src/parallel/bundle.ts";
import { buildCorpus } from "../scripts/synthetic-corpus.ts";
import { readTree, runCli, tempDir } from "./helpers.ts";

test("a bundle finds data files where its sources do, and is built once per source state", async () => {
  const entry = path.join(ROOT, "src", "stages", "themes.ts");
  const url = await bundled(entry, "test-themes");
  assert.ok(url, "esbuild is installed: the bundle builds");
  assert.ok(fileURLToPath(url).startsWith(path.join(ROOT, "node_modules", ".cache", "newsmine")));
  const module = (await import(url.href)) as typeof import("../src/stages/themes.ts");
  // Inside the bundle, import.meta would name the bundle; each source's own location is written in instead.
  assert.equal(module.DEFAULT_TAXONOMY.href, DEFAULT_TAXONOMY.href);
  assert.ok(module.loadTaxonomy().themes.length > 0);
  const before = fs.statSync(url).mtimeMs;
  assert.equal((await bundled(entry, "test-themes"))?.href, url.href, "same sources: same bundle");
  assert.equal(fs.statSync(url).mtimeMs, before, "not rebuilt");
  fs.rmSync(path.dirname(fileURLToPath(url)), { recursive: true, force: true });
});

test("what cannot be bundled gives undefined (callers then run the sources through tsx)", async () => {
  assert.equal(await bundled(path.join(ROOT, "src", "no-such-module.ts"), "test-missing"), undefined);
  assert.ok(!fs.readdirSync(path.join(ROOT, "node_modules", ".cache", "newsmine")).some((f) => f.startsWith("test-missing")));
});

test("workers start from the CommonJS bundle of src/parallel/worker.ts and save a V8 code cache beside it once warm", async () => {
  const script = await workerScript();
  assert.equal(script.url.href, new URL("../src/parallel/worker-start.cjs", import.meta.url).href);
  const { bundle, codeCache } = (script.workerData as { codeCached: { bundle: string; codeCache: string } }).codeCached;
  assert.match(bundle, /node_modules\/\.cache\/newsmine\/worker-[0-9a-f]{16}\/worker\.cjs$/);

  const dir = tempDir("newsmine-code-cache-");
  buildCorpus(path.join(dir, "in"), 0, 24);
  const extract = (out: string) => {
    const r = runCli(["extract", "--input", path.join(dir, "in"), "--output", path.join(dir, out), "--quiet", "--jobs", "2"]);
    assert.equal(r.status, 0, r.stderr);
  };
  fs.rmSync(codeCache, { force: true });
  extract("first");
  assert.ok(fs.statSync(codeCache).size > 100_000, "a worker saved the cache after its first files");
  extract("second");
  const same = readTree(path.join(dir, "first"), (rel) => rel === "run.json");
  for (const [rel, bytes] of readTree(path.join(dir, "second"), (rel) => rel === "run.json")) assert.ok(same.get(rel)?.equals(bytes), `${rel}: the same with the cache`);
});
