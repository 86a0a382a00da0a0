// Theme stage: finds the taxonomy's phrases in the clean body and keeps every
// match with its offsets. The taxonomy is data (src/data/themes.yaml or the
// user's --themes file); this file only loads, validates and matches it.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { load as loadYaml, CORE_SCHEMA, YAMLException } from "js-yaml";
import { z } from "zod";
import type { Article, Span, Stage, ThemeMatch } from "../types.ts";
import { SpanSet, wordIn, wordsOf, type Words } from "../nlp/words.ts";

export interface ThemeDefinition {
  id: string;
  label: string;
  /** Matched anywhere, ignoring case (unless written with a capital), punctuation between words and inflection. */
  phrases: string[];
  /** Ambiguous phrases that count only in a sentence containing a context word. */
  inContext: string[];
  /** This theme's context words; empty = the taxonomy's. */
  context: string[];
}

export interface ThemeTaxonomy {
  themes: ThemeDefinition[];
  /** Single words that make an `inContext` phrase count when in the same sentence. */
  context: string[];
  /** Mentions an article needs before it is tagged with a theme. */
  minMentions: number;
}

export const DEFAULT_TAXONOMY = new URL("../data/themes.yaml", import.meta.url);

const phraseList = z.array(z.string().trim().min(1, "empty phrase")).default([]);
const themeSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "id must be lower-case letters, digits and hyphens"),
    label: z.string().trim().min(1, "label is empty"),
    phrases: phraseList,
    in_context: phraseList,
    context: phraseList,
  })
  .refine((t) => t.phrases.length + t.in_context.length > 0, "theme has no phrases");
const taxonomySchema = z.strictObject({
  _source: z.string().optional(),
  min_mentions: z.number().int().positive().default(1),
  context: z.array(z.string().trim().min(1)).default([]),
  themes: z.array(themeSchema).min(1, "no themes"),
});

/** Reads and validates a taxonomy file (YAML, or JSON by extension); errors name the file and the bad entry. */
export function loadTaxonomy(file: string | URL = DEFAULT_TAXONOMY): ThemeTaxonomy {
  const name = file instanceof URL ? fileURLToPath(file) : file;
  let source: string;
  try {
    source = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`theme taxonomy ${name}: cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let doc: unknown;
  try {
    // The core schema: plain YAML 1.2 values, so a date-like phrase stays a string.
    doc = path.extname(name).toLowerCase() === ".json" ? JSON.parse(source) : loadYaml(source, { schema: CORE_SCHEMA, filename: name });
  } catch (err) {
    throw new Error(`theme taxonomy ${name}: not valid ${path.extname(name).toLowerCase() === ".json" ? "JSON" : "YAML"}: ${syntaxError(err)}`);
  }
  return validateTaxonomy(doc, name);
}

/** A parser's complaint on one line, with the line and column for YAML. */
function syntaxError(err: unknown): string {
  if (err instanceof YAMLException) return `${err.reason} at line ${err.mark.line + 1}, column ${err.mark.column + 1}`;
  return (err as Error).message.split("\n")[0];
}

export function validateTaxonomy(doc: unknown, name: string): ThemeTaxonomy {
  const parsed = taxonomySchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`theme taxonomy ${name}: ${describePath(doc, issue.path)}: ${issue.message}`);
  }
  const t = parsed.data;
  const seen = new Set<string>();
  for (const [i, theme] of t.themes.entries()) {
    if (seen.has(theme.id)) throw new Error(`theme taxonomy ${name}: themes[${i}] (id "${theme.id}"): duplicate id`);
    seen.add(theme.id);
    for (const p of [...theme.phrases, ...theme.in_context]) {
      if (!tokenize(p).length) throw new Error(`theme taxonomy ${name}: themes[${i}] (id "${theme.id}"): phrase "${p}" has no words`);
    }
  }
  for (const [where, words] of [["context", t.context], ...t.themes.map((th, i) => [`themes[${i}] (id "${th.id}").context`, th.context] as const)] as const) {
    for (const w of words) if (tokenize(w).length !== 1) throw new Error(`theme taxonomy ${name}: ${where}: "${w}" must be exactly one word`);
  }
  return {
    themes: t.themes.map((d) => ({ id: d.id, label: d.label, phrases: d.phrases, inContext: d.in_context, context: d.context })),
    context: t.context,
    minMentions: t.min_mentions,
  };
}

function describePath(doc: unknown, at: PropertyKey[]): string {
  if (at[0] === "themes" && typeof at[1] === "number") {
    const theme = (doc as { themes?: Array<{ id?: unknown }> }).themes?.[at[1]];
    const id = typeof theme?.id === "string" ? ` (id "${theme.id}")` : "";
    const rest = at.slice(2).map((k) => (typeof k === "number" ? `[${k}]` : `.${String(k)}`)).join("");
    return `themes[${at[1]}]${id}${rest}`;
  }
  return at.length ? at.map(String).join(".") : "top level";
}

// --- tokens --------------------------------------------------------------

interface Token extends Span {
  /** Lower-cased, inflection-folded: the key of case-insensitive phrase words. */
  lower: string;
}

// Words as src/nlp/words.ts scans them: "e-commerce", "e commerce" and
// "e–commerce" all read as two words.

export function tokenize(text: string): Token[] {
  const { count, starts, ends, lower, lowerStarts, lowerEnds } = wordsOf(text);
  const tokens: Token[] = [];
  for (let i = 0; i < count; i++) tokens.push({ start: starts[i], end: ends[i], lower: foldInflection(lower.slice(lowerStarts[i], lowerEnds[i])) });
  return tokens;
}

/**
 * Folds possessives and regular plurals to the singular ("hackers" -> "hacker",
 * "cities" -> "city", "China's" -> "China"). Only lower-case suffixes fold, so
 * acronyms ("GPS", "AIS") stay as written.
 */
export function foldInflection(word: string): string {
  const cut = inflectionCut(word, 0, word.length);
  return cut === IES ? `${word.slice(0, -3)}y` : cut ? word.slice(0, -cut) : word;
}

/** `inflectionCut` of "-ies" plurals: drop three characters, add "y". */
const IES = -1;

/** Characters foldInflection drops from the end of word s[from, to) (IES: "-ies" becomes "y"). */
function inflectionCut(s: string, from: number, to: number): number {
  const n = to - from;
  if (n <= 3 || s.charCodeAt(to - 1) !== 115 /* s */) return 0;
  const before = s.charCodeAt(to - 2);
  if (before === 39 /* ' */ || before === 0x2019 /* ’ */) return 2;
  if (before === 115 /* s */ || before === 117 /* u */ || before === 105 /* i */) return 0;
  if (before === 101 /* e */ && n > 4) {
    const c = s.charCodeAt(to - 3);
    if (c === 105 /* i */) return IES;
    // -xes, -ches, -shes, -sses
    if (c === 120 /* x */ || (c === 104 /* h */ && (s.charCodeAt(to - 4) === 99 /* c */ || s.charCodeAt(to - 4) === 115)) || (c === 115 && s.charCodeAt(to - 4) === 115)) return 2;
  }
  return 1;
}

// --- matcher -------------------------------------------------------------

interface TrieNode {
  /** Children keyed by a folded lower-case word (phrase words written in lower case). */
  lower: Map<string, TrieNode>;
  /** Children keyed by a folded word as written (phrase words with a capital). */
  cased: Map<string, TrieNode>;
  /** Lower keys of the `cased` children: most words can skip the case-sensitive lookup. */
  casedGate: Set<string>;
  /** Themes whose phrase ends here; `context` set: the phrase counts only near one of these words. */
  ends: Array<{ theme: string; context: Set<string> | null }>;
}

interface Matcher {
  root: TrieNode;
  /** Lower keys of the root's children, looked up by span: most words start no phrase and are never sliced out. */
  starts: SpanSet;
}

const newNode = (): TrieNode => ({ lower: new Map(), cased: new Map(), casedGate: new Set(), ends: [] });

const matchers = new WeakMap<ThemeTaxonomy, Matcher>();

/** Builds one word trie for all phrases of all themes, once per taxonomy. */
function matcherFor(taxonomy: ThemeTaxonomy): Matcher {
  const known = matchers.get(taxonomy);
  if (known) return known;
  const root = newNode();
  const add = (phrase: string, theme: string, context: Set<string> | null) => {
    const casedPhrase = /\p{Lu}/u.test(phrase);
    let node = root;
    for (const t of tokenize(phrase)) {
      if (casedPhrase) node.casedGate.add(t.lower);
      const [edges, key] = casedPhrase ? [node.cased, foldInflection(phrase.slice(t.start, t.end))] : [node.lower, t.lower];
      let child = edges.get(key);
      if (!child) edges.set(key, (child = newNode()));
      node = child;
    }
    if (!node.ends.some((e) => e.theme === theme && e.context === context)) node.ends.push({ theme, context });
  };
  const wordSet = (words: string[]) => new Set(words.map((w) => tokenize(w)[0].lower));
  const shared = wordSet(taxonomy.context);
  for (const t of taxonomy.themes) {
    const context = t.context.length ? wordSet(t.context) : shared;
    for (const p of t.phrases) add(p, t.id, null);
    for (const p of t.inContext) add(p, t.id, context);
  }
  const matcher = { root, starts: new SpanSet([...root.lower.keys(), ...root.casedGate]) };
  matchers.set(taxonomy, matcher);
  return matcher;
}

/** First index in `starts` (ascending) whose value is >= pos. */
function firstAtOrAfter(count: number, startOf: (i: number) => number, pos: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(mid) < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The words of one text with their folded keys, worked out only for the words a lookup reaches. */
class ThemeWords {
  readonly count: number;
  private readonly keys: Array<string | undefined>;

  constructor(readonly text: string, readonly words: Words) {
    this.count = words.count;
    this.keys = new Array(words.count);
  }

  start(i: number): number {
    return this.words.starts[i];
  }

  end(i: number): number {
    return this.words.ends[i];
  }

  /** Lower-cased, inflection-folded: the key of case-insensitive phrase words. */
  key(i: number): string {
    let key = this.keys[i];
    if (key === undefined) this.keys[i] = key = foldInflection(this.words.lower.slice(this.words.lowerStarts[i], this.words.lowerEnds[i]));
    return key;
  }

  /** Folded, case as written: the key of phrase words written with a capital. */
  casedKey(i: number): string {
    return foldInflection(this.text.slice(this.start(i), this.end(i)));
  }

  /** Whether word i's key is in `set`, without slicing the word out unless it is an "-ies" plural. */
  keyIn(set: SpanSet, i: number): boolean {
    const cut = inflectionCut(this.words.lower, this.words.lowerStarts[i], this.words.lowerEnds[i]);
    return cut === IES ? set.has(this.key(i), 0, this.key(i).length) : wordIn(set, this.words, i, cut);
  }
}

/**
 * Whether the sentence around a word contains one of some context words.
 * Computed only when a context-bound phrase matches (rare), then cached.
 */
function contextChecker(words: ThemeWords, sentences: Span[]): (word: number, context: Set<string>) => boolean {
  const cache = new Map<Set<string>, Map<number, boolean>>();
  return (word, context) => {
    const at = words.start(word);
    const s = firstAtOrAfter(sentences.length, (k) => sentences[k].start, at + 1) - 1;
    const sentence = s >= 0 && sentences[s].end > at ? sentences[s] : { start: at, end: words.end(word) };
    let bySentence = cache.get(context);
    if (!bySentence) cache.set(context, (bySentence = new Map()));
    let found = bySentence.get(sentence.start);
    if (found === undefined) {
      found = false;
      for (let i = firstAtOrAfter(words.count, (k) => words.start(k), sentence.start); i < words.count && words.start(i) < sentence.end && !found; i++) found = context.has(words.key(i));
      bySentence.set(sentence.start, found);
    }
    return found;
  };
}

/**
 * Every theme match in `text`. Per theme, matches never overlap: at each word
 * the longest phrase of that theme wins and the next match starts after it,
 * so "cyberspace security" counts once even if "security" were a phrase too.
 */
export function matchThemes(text: string, sentences: Span[], taxonomy: ThemeTaxonomy): ThemeMatch[] {
  const { root, starts } = matcherFor(taxonomy);
  const words = new ThemeWords(text, wordsOf(text));
  const inContext = contextChecker(words, sentences.length ? sentences : [{ start: 0, end: text.length }]);
  const nextFree = new Map<string, number>();
  const found: ThemeMatch[] = [];
  const longest = new Map<string, number>();

  const walk = (node: TrieNode, from: number, at: number) => {
    for (const e of node.ends) {
      if (e.context && !inContext(from, e.context)) continue;
      if ((longest.get(e.theme) ?? -1) < at - 1) longest.set(e.theme, at - 1);
    }
    if (at >= words.count) return;
    const key = words.key(at);
    const lower = node.lower.get(key);
    if (lower) walk(lower, from, at + 1);
    const cased = node.casedGate.has(key) ? node.cased.get(words.casedKey(at)) : undefined;
    if (cased) walk(cased, from, at + 1);
  };

  for (let i = 0; i < words.count; i++) {
    if (!words.keyIn(starts, i)) continue; // most words start no phrase
    longest.clear();
    walk(root, i, i);
    for (const [theme, last] of longest) {
      if ((nextFree.get(theme) ?? 0) > i) continue;
      nextFree.set(theme, last + 1);
      const start = words.start(i);
      const end = words.end(last);
      found.push({ theme, start, end, surface: text.slice(start, end) });
    }
  }

  const counts = new Map<string, number>();
  for (const f of found) counts.set(f.theme, (counts.get(f.theme) ?? 0) + 1);
  return found
    .filter((f) => counts.get(f.theme)! >= taxonomy.minMentions)
    .sort((a, b) => a.start - b.start || a.end - b.end || (a.theme < b.theme ? -1 : a.theme > b.theme ? 1 : 0));
}

export const themes: Stage = (article: Article, ctx) => ({
  ...article,
  themes: matchThemes(article.text, article.sentences, ctx.themes),
});
