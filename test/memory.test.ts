// What the writer's thread keeps for a whole run must be what it needs and
// no more: a kept phrase must not hold on to the article string it was split
// out of, the file list holds each file's path once, and without checkpoints
// no list of article ids is kept.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs, { symlinkSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { KeyphraseAggregator } from "../src/output/keyphrases.ts";
import { phraseCounts } from "../src/output/rows.ts";
import { discover } from "../src/ingest/discover.ts";
import { runCli, tempDir } from "./helpers.ts";
import { writeTree } from "./reliability-fixtures.ts";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

function heapUsedAfterGc(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

test("a kept keyphrase does not keep the packed counts of its article alive", () => {
  // Room for the phrases kept, not for the rare ones, which are pruned after each article.
  const agg = new KeyphraseAggregator({ period: "year", capacity: 1000 });
  const articles = 200;
  const rare = Array.from({ length: 2000 }, (_, j) => `rare phrase ${j}`);
  const before = heapUsedAfterGc();
  let packedBytes = 0;
  for (let i = 0; i < articles; i++) {
    // As a record carries them (see phraseCounts): phrase, key and mentions per item.
    const packed = [`kept phrase number ${i}\u001Fkept phrase number ${i}\u001F5`, ...rare.map((r) => `${r} ${i}\u001F${r} ${i}\u001F1`)].join("\u001E");
    packedBytes += packed.length;
    agg.add("2020", 100, phraseCounts(packed));
  }
  const grown = heapUsedAfterGc() - before;
  assert.ok(agg.held <= articles + 1000);
  // Slices would hold every article's packed string; the kept phrases and their counts take a small part of that.
  assert.ok(grown < packedBytes / 10, `heap grew ${grown} bytes for ${packedBytes} bytes of packed counts`);
  const rows = [...agg.rows()];
  assert.equal(rows.length, 20);
  assert.ok(rows.every((r) => r.phrase.startsWith("kept phrase number ") && r.mentions === 5));
});

test("discover: a file's path is the input folder joined with its relative path, also through a symlinked folder", async () => {
  const root = tempDir();
  writeTree(root, { "in/a/b.txt": Buffer.from("b"), "in/c.txt": Buffer.from("c"), "elsewhere/d.txt": Buffer.from("d") });
  symlinkSync(path.join(root, "elsewhere"), path.join(root, "in", "link"));
  // Given unnormalised: paths come out absolute and normalised.
  const { files } = await discover(path.join(root, "in") + path.sep + "." + path.sep);
  assert.deepEqual(
    files.map((f) => [f.rel, f.path]),
    [
      ["a/b.txt", path.join(root, "in", "a", "b.txt")],
      ["c.txt", path.join(root, "in", "c.txt")],
      // Read through the link, under the link's name.
      ["link/d.txt", path.join(root, "in", "link", "d.txt")],
    ],
  );
});

test("without checkpoints the writer lists no article ids, yet still refuses a duplicate id and keeps the first file's clean text", () => {
  const dir = tempDir();
  writeTree(dir, {
    "story.md": Buffer.from("First story.\n\nThe council said the budget rose by 5 percent.\n"),
    "story.txt": Buffer.from("Second story.\n\nThe minister said exports fell by 2 percent.\n"),
  });
  for (const jobs of ["1", "2"]) {
    const out = path.join(tempDir(), "out");
    // Exit status 1: a file failed.
    assert.equal(runCli(["extract", "--input", dir, "--output", out, "--quiet", "--jobs", jobs]).status, 1);
    assert.match(fs.readFileSync(path.join(out, "clean", "story.txt"), "utf8"), /budget rose/);
    assert.match(fs.readFileSync(path.join(out, "errors.csv"), "utf8"), /^story\.txt,write,"duplicate article_id ""story"" \(an earlier file has the same id\)"$/m);
    assert.equal(fs.readFileSync(path.join(out, "articles.csv"), "utf8").trim().split("\n").length, 2);
  }
});
