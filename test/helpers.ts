// Shared test utilities: running the real CLI and reading output folders.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { splitSentences } from "../src/nlp/sentences.ts";
import { loadTaxonomy, matchThemes } from "../src/stages/themes.ts";
import { themeCounts, type ThemeAggregator } from "../src/output/theme-periods.ts";
import { candidatePhrases, countPhrases, type KeyphraseAggregator } from "../src/output/keyphrases.ts";
import type { Article } from "../src/types.ts";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const SHARED = path.resolve(ROOT, "..", "shared");
export const hasShared = fs.existsSync(path.join(SHARED, "eval", "score.mjs"));

export function tempDir(prefix = "newsmine-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "newsmine.js"), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    encoding: "utf8",
    timeout: 300_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir` (relative paths, sorted) with its bytes. */
export function readTree(dir: string, ignore: (rel: string) => boolean = () => false): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      const rel = path.relative(dir, full).split(path.sep).join("/");
      if (ignore(rel)) continue;
      if (e.isDirectory()) walk(full);
      else files.set(rel, fs.readFileSync(full));
    }
  };
  walk(dir);
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

const defaultTaxonomy = loadTaxonomy();

/** An analysed-looking Article over `text` with its sentences and theme matches (default taxonomy). */
export function themedArticle(id: string, published: string, text: string, extra: Partial<Article> = {}): Article {
  const sentences = splitSentences(text);
  return {
    id, sourceFile: id, format: "text", raw: text, given: {}, text, removed: [], sentences,
    meta: { title: "", published, dateSource: "", authors: [], publisher: "", sourceUrl: "" },
    words: text.split(/\s+/).filter(Boolean).length,
    mentions: [], figures: [], quotes: [],
    themes: matchThemes(text, sentences, defaultTaxonomy),
    ...extra,
  };
}

/** Adds an analysed article to a theme aggregator, as the writer does from the article's record. */
export function addThemes(aggregator: ThemeAggregator, a: Article): void {
  aggregator.add(a.meta.published, a.words, themeCounts(a.themes));
}

/** Adds an analysed article to a keyphrase aggregator, as the writer does from the article's record. */
export function addPhrases(aggregator: KeyphraseAggregator, a: Article): void {
  aggregator.add(a.meta.published, a.words, countPhrases(a.keyphrases ?? candidatePhrases(a.text)));
}
