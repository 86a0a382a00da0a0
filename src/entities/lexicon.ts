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

  add(entry: GazetteerEntry): void {
    if (!entry.keys.length) return;
    const list = this.byFirst.get(entry.keys[0]) ?? [];
    if (list.some((e) => e.keys.join(" ") === entry.keys.join(" "))) return; // first source wins
    list.push(entry);
    list.sort((a, b) => b.keys.length - a.keys.length);
    this.byFirst.set(entry.keys[0], list);
  }

  /** Longest entry whose keys match `keys` from `from` (exclusive bound `to`). */
  longest(keys: readonly string[], from: number, to: number): GazetteerEntry | undefined {
    const list = this.byFirst.get(keys[from]);
    if (!list) return undefined;
    for (const e of list) {
      if (from + e.keys.length > to) continue;
      let ok = true;
      for (let k = 1; k < e.keys.length && ok; k++) ok = e.keys[k] === keys[from + k];
      if (ok) return e;
    }
    return undefined;
  }
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
