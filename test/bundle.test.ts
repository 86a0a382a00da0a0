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

test("workers start from the bundle of src/parallel/worker.ts", async () => {
  const url = await workerScript();
  assert.match(url.href, /node_modules\/\.cache\/newsmine\/worker-[0-9a-f]{16}\/worker\.mjs$/);
});
