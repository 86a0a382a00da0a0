// A deterministic synthetic news corpus for the benchmark and the scale
// tests: article i recombines paragraphs of real articles (the bundled
// corpus, and ../shared/datasets/gum-news/corpus when present) under varied
// page chrome, so no two files are identical and the cleaner does real work.
// Article i is the same whatever else is built, so a corpus can be grown.
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

/** mulberry32: a tiny deterministic PRNG. */
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

// Page chrome in the shapes outlets use.
const HEADERS = ["home > NEWS", "World / Asia-Pacific", "Business | Technology", "You are here: Home » News » Tech", ""];
const FOOTERS = [
  ["Copyright © 2003-2024 Example News Agency. All rights reserved.", "Follow us on Twitter and Facebook"],
  ["Related stories", "Share this article", "Print E-mail"],
  ["Add your comments...", "Racist, abusive and off-topic comments may be removed by the moderator."],
  ["Download our app", "Editor's Picks", "Most Read"],
  [],
];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Relative path of article i: 1,000 per folder. */
export const articlePath = (i: number) => path.join(String(Math.floor(i / 1000)).padStart(3, "0"), `article-${String(i).padStart(6, "0")}.txt`);

/** Writes articles [from, to) under `dir`; returns the bytes written. */
export function buildCorpus(dir: string, from: number, to: number): { bytes: number } {
  const texts = sourceTexts();
  const paragraphs = texts.flatMap((t) => t.split(/\n\s*\n|\n/).map((p) => p.trim()).filter((p) => p.split(/\s+/).length >= 12));
  const titles = texts.map((t) => t.split("\n").find((l) => l.trim())!.trim()).filter((l) => l.length < 140);
  let bytes = 0;
  for (let i = from; i < to; i++) {
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
    const file = path.join(dir, articlePath(i));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = lines.join("\n") + "\n";
    fs.writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
  }
  return { bytes };
}
