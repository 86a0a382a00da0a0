// Loads the entity gazetteers and cue lists (src/data/*.json) once into
// Sets and token tries, so every lookup on the hot path is a hash probe.
import cues from "../data/entity-cues.json" with { type: "json" };
import countriesData from "../data/countries.json" with { type: "json" };
import placesData from "../data/places.json" with { type: "json" };
import companiesData from "../data/companies.json" with { type: "json" };
import personNames from "../data/person-names.json" with { type: "json" };
import commonWords from "../data/common-words.json" with { type: "json" };
import pinyin from "../data/pinyin.json" with { type: "json" };
import type { EntityType } from "../types.ts";

/** What a gazetteer phrase names. Regions are recognised only to be skipped. */
export interface GazetteerEntry {
  /** Lower-cased token keys of the phrase. */
  keys: string[];
  name: string;
  type: EntityType | "region";
  code: string;
  /** True for demonyms ("Tanzanian"), which stand before titles and nouns. */
  demonym: boolean;
}

/** Lower-case key of a token for lookups: case folded, curly apostrophe straightened. */
export const keyOf = (s: string): string => {
  const lower = s.toLowerCase();
  return lower.includes("’") ? lower.replace(/’/g, "'") : lower;
};

/** Splits a phrase into the same word keys the tokenizer produces. */
export function phraseKeys(phrase: string): string[] {
  return (phrase.match(/\p{Lu}\.(?:\p{Lu}\.)+|[\p{L}\p{M}\p{N}]+(?:['’.\-][\p{L}\p{M}\p{N}]+)*|&/gu) ?? []).map(keyOf);
}

/** Phrases indexed by their first token key, longest first. */
export class PhraseTrie {
  private readonly byFirst = new Map<string, GazetteerEntry[]>();
  private readonly phrases = new Set<string>();

  add(entry: GazetteerEntry): void {
    if (!entry.keys.length) return;
    const phrase = entry.keys.join(" ");
    if (this.phrases.has(phrase)) return; // first source wins
    this.phrases.add(phrase);
    const list = this.byFirst.get(entry.keys[0]);
    if (!list) { this.byFirst.set(entry.keys[0], [entry]); return; }
    // Longest first; among equals, first added first.
    let at = list.length;
    while (at > 0 && list[at - 1].keys.length < entry.keys.length) at--;
    list.splice(at, 0, entry);
  }

  /** Longest entry whose keys match the tokens' keys from `from` (exclusive bound `to`). */
  longest(tokens: readonly { key: string }[], from: number, to: number): GazetteerEntry | undefined {
    const list = this.byFirst.get(tokens[from].key);
    return list && longestOf(list, tokens, from, to);
  }

  /** The entries starting with `key`, longest first; undefined when none does. */
  startingWith(key: string): readonly GazetteerEntry[] | undefined {
    return this.byFirst.get(key);
  }

  /** The one-word entry for `key`, if any. */
  word(key: string): GazetteerEntry | undefined {
    const list = this.byFirst.get(key);
    if (list) for (const e of list) if (e.keys.length === 1) return e;
    return undefined;
  }
}

/** The longest of `list` (entries sharing tokens[from]'s key, longest first) whose keys match the tokens' keys (exclusive bound `to`). */
export function longestOf(list: readonly GazetteerEntry[], tokens: readonly { key: string }[], from: number, to: number): GazetteerEntry | undefined {
  for (const e of list) {
    if (from + e.keys.length > to) continue;
    let ok = true;
    for (let k = 1; k < e.keys.length && ok; k++) ok = e.keys[k] === tokens[from + k].key;
    if (ok) return e;
  }
  return undefined;
}

const lowerSet = (xs: readonly string[]) => new Set(xs.map(keyOf));

function buildGazetteer(): PhraseTrie {
  const trie = new PhraseTrie();
  for (const c of countriesData.countries) {
    const entry = (phrase: string, demonym: boolean): GazetteerEntry =>
      ({ keys: phraseKeys(phrase), name: c.name, type: "country", code: c.code, demonym });
    trie.add(entry(c.name, false));
    for (const a of c.aliases) trie.add(entry(a, false));
    for (const d of c.demonyms) trie.add(entry(d, true));
  }
  for (const r of cues.regions) trie.add({ keys: phraseKeys(r), name: r, type: "region", code: "", demonym: false });
  for (const p of placesData.places) trie.add({ keys: phraseKeys(p), name: p, type: "place", code: "", demonym: false });
  for (const co of companiesData.companies) trie.add({ keys: phraseKeys(co), name: co, type: "company", code: "", demonym: false });
  return trie;
}

const pinyinInitials = new Set(pinyin.initials);
const pinyinFinals = new Set(pinyin.finals);
const isPinyinSyllable = (s: string): boolean => {
  if (pinyinFinals.has(s)) return true;
  const cut = s.length > 2 && pinyinInitials.has(s.slice(0, 2)) ? 2 : 1;
  return pinyinInitials.has(s.slice(0, cut)) && pinyinFinals.has(s.slice(cut));
};

/** A word spelt as one to three Hanyu Pinyin syllables without tones ("Jianxiong", "Xi"); a bounded search over prefixes. */
export function isPinyinWord(word: string): boolean {
  const w = word.toLowerCase();
  if (!/^[a-z]{1,18}$/.test(w)) return false;
  let reach = new Set([0]); // positions reachable after k syllables
  for (let k = 0; k < 3; k++) {
    const next = new Set<number>();
    for (const at of reach) {
      for (let len = 1; len <= 6 && at + len <= w.length; len++) if (isPinyinSyllable(w.slice(at, at + len))) next.add(at + len);
    }
    if (next.has(w.length)) return true;
    reach = next;
  }
  return false;
}

export const lexicon = {
  gazetteer: buildGazetteer(),
  titles: lowerSet(cues.titles),
  titleModifiers: lowerSet(cues.titleModifiers),
  honorifics: lowerSet(cues.honorifics),
  courtesyHonorifics: lowerSet(cues.courtesyHonorifics),
  businessRoles: lowerSet(cues.businessRoles),
  companyRoles: lowerSet(cues.companyRoles),
  employerRoles: lowerSet([...cues.employerRoles, ...cues.businessRoles]),
  companyNouns: lowerSet(cues.companyNouns),
  listIntroducers: lowerSet(cues.listIntroducers),
  appositiveEnds: lowerSet(cues.appositiveEnds),
  companyLegalForms: lowerSet(cues.companyLegalForms),
  companyHeads: lowerSet(cues.companyHeads),
  organizationHeads: lowerSet(cues.organizationHeads),
  placeHeads: lowerSet(cues.placeHeads),
  thingHeads: lowerSet(cues.thingHeads),
  institutionHeads: lowerSet(cues.institutionHeads),
  stockExchanges: lowerSet(cues.stockExchanges),
  calendarWords: lowerSet(cues.calendarWords),
  placePrefixes: lowerSet(cues.placePrefixes),
  placeModifiers: lowerSet(cues.placeModifiers),
  organizationPrefixes: lowerSet(cues.organizationPrefixes),
  connectors: lowerSet(cues.connectors),
  nameParticles: lowerSet(cues.nameParticles),
  camelNamePrefixes: lowerSet(cues.camelNamePrefixes),
  speechVerbs: lowerSet(cues.speechVerbs),
  runStopwords: lowerSet(cues.runStopwords),
  genericAcronyms: lowerSet(cues.genericAcronyms),
  surnames: new Set(cues.surnames),
  givenNames: new Set(personNames.given),
  nameWords: new Set(personNames.nameWords),
  common: new Set(commonWords.words),
};

/**
 * The lists a token key may be in, one bit each: the cue lists, the everyday words, the gazetteer's one-word
 * entries, and three classes made of the lists (worked out once per word, not at every asking).
 */
export const KEY_LIST = {
  titles: 1 << 0,
  titleModifiers: 1 << 1,
  honorifics: 1 << 2,
  courtesyHonorifics: 1 << 3,
  businessRoles: 1 << 4,
  companyRoles: 1 << 5,
  employerRoles: 1 << 6,
  companyNouns: 1 << 7,
  listIntroducers: 1 << 8,
  appositiveEnds: 1 << 9,
  companyLegalForms: 1 << 10,
  companyHeads: 1 << 11,
  organizationHeads: 1 << 12,
  placeHeads: 1 << 13,
  thingHeads: 1 << 14,
  institutionHeads: 1 << 15,
  stockExchanges: 1 << 16,
  calendarWords: 1 << 17,
  placePrefixes: 1 << 18,
  placeModifiers: 1 << 19,
  organizationPrefixes: 1 << 20,
  connectors: 1 << 21,
  nameParticles: 1 << 22,
  runStopwords: 1 << 23,
  genericAcronyms: 1 << 24,
  common: 1 << 25,
  gazetteerWord: 1 << 26,
  /** A title or title modifier; hyphenated, one in every part ("Vice-Premier"). */
  titleWord: 1 << 27,
  /** A title; hyphenated, one in some part ("Ex-President"). */
  coreTitle: 1 << 28,
  /** An everyday word; hyphenated, every part one ("Prize-winner"). */
  everyday: 1 << 29,
} as const;

/** The name lists a token's text (as written) may be in, one bit each. */
export const NAME_LIST = { givenNames: 1, surnames: 2, nameWords: 4 } as const;

// The small cue lists are merged into one Map at load; the big ones (everyday words, names, the gazetteer) would
// cost too much to merge at every worker's start, so computeInfo probes them once per new word instead.
const CUE_LISTS = ["titles", "titleModifiers", "honorifics", "courtesyHonorifics", "businessRoles", "companyRoles", "employerRoles",
  "companyNouns", "listIntroducers", "appositiveEnds", "companyLegalForms", "companyHeads", "organizationHeads", "placeHeads",
  "thingHeads", "institutionHeads", "stockExchanges", "calendarWords", "placePrefixes", "placeModifiers", "organizationPrefixes",
  "connectors", "nameParticles", "runStopwords", "genericAcronyms"] as const;
const cueBits = new Map<string, number>();
for (const list of CUE_LISTS) for (const key of lexicon[list]) cueBits.set(key, (cueBits.get(key) ?? 0) | KEY_LIST[list]);

/** Every list answer about one word as written. */
export interface WordInfo {
  /** keyOf(the word) */
  key: string;
  /** The KEY_LIST lists holding `key`. */
  lists: number;
  /** The NAME_LIST lists holding the word as written. */
  names: number;
  /** The gazetteer entries starting with `key`, longest first; undefined when none does. */
  phrases: readonly GazetteerEntry[] | undefined;
}

/** The KEY_LIST classes made of other lists, for `key` in the lists `lists`. */
function derivedBits(key: string, lists: number): number {
  const K = KEY_LIST;
  const L = lexicon;
  const parts = key.includes("-") ? key.split("-") : undefined;
  const titleWord = lists & K.titles || (parts ? parts.every((p) => L.titles.has(p) || L.titleModifiers.has(p)) : lists & K.titleModifiers);
  const coreTitle = lists & K.titles || (parts && parts.some((p) => L.titles.has(p)));
  const everyday = lists & K.common || (parts && parts.every((p) => L.common.has(p)));
  return (titleWord ? K.titleWord : 0) | (coreTitle ? K.coreTitle : 0) | (everyday ? K.everyday : 0);
}

function computeInfo(text: string, key: string): WordInfo {
  const L = lexicon;
  const phrases = L.gazetteer.startingWith(key);
  const listed = (cueBits.get(key) ?? 0) | (L.common.has(key) ? KEY_LIST.common : 0) | (phrases && L.gazetteer.word(key) ? KEY_LIST.gazetteerWord : 0);
  const lists = listed | derivedBits(key, listed);
  const names = (L.givenNames.has(text) ? NAME_LIST.givenNames : 0) | (L.surnames.has(text) ? NAME_LIST.surnames : 0) |
    (L.nameWords.has(text) ? NAME_LIST.nameWords : 0);
  return { key, lists, names, phrases };
}

/**
 * Every list answer about a word, memoised by its text: a word's first sighting costs its key's case folding and a
 * probe into each list, later ones a single probe (the lists are big hash tables, and probing them is most of what
 * recognition costs). The memo is dropped whenever it fills, so it stays bounded.
 */
const memo = new Map<string, WordInfo>();
const MEMO_SIZE = 1 << 17;

/** The memoised WordInfo of `text`, if it has one (else see rememberWord). */
export const knownWord = (text: string): WordInfo | undefined => memo.get(text);

/** Works out and memoises the WordInfo of `text`, whose key is `key`. */
export function rememberWord(text: string, key: string): WordInfo {
  if (memo.size >= MEMO_SIZE) memo.clear();
  const info = computeInfo(text, key);
  memo.set(text, info);
  return info;
}
