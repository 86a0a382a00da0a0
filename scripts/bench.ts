// Benchmark: builds a deterministic synthetic corpus by recombining
// paragraphs of real articles with varied page chrome, runs the real
// `extract` on it, and prints throughput, peak memory, time per stage and the
// ratio to a bare read-and-split pass over the same files.
//
//   npm run bench -- --articles 10000 [--jobs 2] [--keep]
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values: args } = parseArgs({
  options: {
    articles: { type: "string", default: "1000" },
    jobs: { type: "string" },
    keep: { type: "boolean", default: false },
    dir: { type: "string" },
  },
});
const count = Number(args.articles);
if (!Number.isInteger(count) || count <= 0) throw new Error("--articles takes a positive whole number");

/** mulberry32: a tiny deterministic PRNG, so the corpus is the same every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sourceTexts(): string[] {
  const dirs = [path.join(ROOT, "corpus"), path.join(ROOT, "..", "shared", "datasets", "gum-news", "corpus")];
  const texts: string[] = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) if (f.endsWith(".txt")) texts.push(fs.readFileSync(path.join(dir, f), "utf8"));
  }
  return texts;
}

// Page chrome in the shapes outlets use, so the cleaner does real work.
const HEADERS = ["home > NEWS", "World / Asia-Pacific", "Business | Technology", "You are here: Home » News » Tech", ""];
const FOOTERS = [
  ["Copyright © 2003-2024 Example News Agency. All rights reserved.", "Follow us on Twitter and Facebook"],
  ["Related stories", "Share this article", "Print E-mail"],
  ["Add your comments...", "Racist, abusive and off-topic comments may be removed by the moderator."],
  ["Download our app", "Editor's Picks", "Most Read"],
  [],
];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function buildCorpus(dir: string, n: number): { bytes: number } {
  const texts = sourceTexts();
  const paragraphs = texts.flatMap((t) => t.split(/\n\s*\n|\n/).map((p) => p.trim()).filter((p) => p.split(/\s+/).length >= 12));
  const titles = texts.map((t) => t.split("\n").find((l) => l.trim())!.trim()).filter((l) => l.length < 140);
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const r = rng(i + 1);
    const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
    const lines: string[] = [];
    const header = pick(HEADERS);
    if (header) lines.push(header);
    lines.push(`${pick(titles)} (${i})`);
    lines.push(`${pick(MONTHS)} ${1 + Math.floor(r() * 28)}, ${2010 + Math.floor(r() * 15)}`);
    lines.push("");
    const body = 6 + Math.floor(r() * 8);
    for (let p = 0; p < body; p++) lines.push(pick(paragraphs), "");
    lines.push(...pick(FOOTERS));
    const file = path.join(dir, String(Math.floor(i / 1000)).padStart(3, "0"), `article-${String(i).padStart(6, "0")}.txt`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = lines.join("\n") + "\n";
    fs.writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
  }
  return { bytes };
}

/** The floor: read every file and split it on whitespace, nothing else. */
function floorPass(dir: string): { words: number; seconds: number } {
  const t0 = performance.now();
  let words = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else words += fs.readFileSync(full, "utf8").split(/\s+/).filter(Boolean).length;
    }
  };
  walk(dir);
  return { words, seconds: (performance.now() - t0) / 1000 };
}

const work = args.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "newsmine-bench-"));
const input = path.join(work, "corpus");
const output = path.join(work, "out");
fs.rmSync(input, { recursive: true, force: true });
const { bytes } = buildCorpus(input, count);
const floor = floorPass(input);

const cliArgs = [path.join(ROOT, "bin", "newsmine.js"), "extract", "--input", input, "--output", output, "--quiet", "--json"];
if (args.jobs) cliArgs.push("--jobs", args.jobs);
const timed = fs.existsSync("/usr/bin/time");
const t0 = performance.now();
const run = timed
  ? spawnSync("/usr/bin/time", ["-v", process.execPath, ...cliArgs], { encoding: "utf8", maxBuffer: 1 << 26 })
  : spawnSync(process.execPath, cliArgs, { encoding: "utf8", maxBuffer: 1 << 26 });
const seconds = (performance.now() - t0) / 1000;
if (run.status !== 0) {
  process.stderr.write(run.stderr);
  throw new Error(`extract exited with ${run.status}`);
}
const summary = JSON.parse(run.stdout) as { articles: number; stageMs: Record<string, number>; peakRssMb?: number };
const rssKb = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
const peakRssMb = rssKb ? Number(rssKb[1]) / 1024 : (summary.peakRssMb ?? NaN);

const wordsPerS = floor.words / seconds;
const floorWordsPerS = floor.words / floor.seconds;
const stageTotal = Object.values(summary.stageMs).reduce((a, b) => a + b, 0) || 1;
const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
console.log(`corpus       ${count} articles, ${fmt(floor.words)} words, ${(bytes / 1e6).toFixed(1)} MB in ${input}`);
console.log(`extract      ${seconds.toFixed(2)} s: ${fmt(summary.articles / seconds)} articles/s, ${fmt(wordsPerS)} words/s, ${(bytes / 1e6 / seconds).toFixed(2)} MB/s`);
console.log(`peak RSS     ${peakRssMb.toFixed(0)} MB`);
console.log(`stages       ${Object.entries(summary.stageMs).map(([k, v]) => `${k} ${((100 * v) / stageTotal).toFixed(1)}%`).join(", ")}`);
console.log(`floor        read + split: ${floor.seconds.toFixed(2)} s, ${fmt(floorWordsPerS)} words/s`);
console.log(`BENCH words_per_s=${Math.round(wordsPerS)} peak_rss_mb=${peakRssMb.toFixed(0)} ratio_to_floor=${(wordsPerS / floorWordsPerS).toFixed(4)}`);
if (!args.keep && !args.dir) fs.rmSync(work, { recursive: true, force: true });
