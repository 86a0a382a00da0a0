// The figure vocabularies (number words, scales, currencies, units, qualifiers,
// context words) loaded once from src/data/figures and turned into Maps, so
// every lookup while scanning is O(1) whatever the size of the lists.
import numbers from "../data/figures/numbers.json" with { type: "json" };
import currencies from "../data/figures/currencies.json" with { type: "json" };
import units from "../data/figures/units.json" with { type: "json" };
import qualifiers from "../data/figures/qualifiers.json" with { type: "json" };
import context from "../data/figures/context.json" with { type: "json" };
import type { Qualifier } from "../types.ts";

/** A phrase of one or more words, keyed by its lower-cased words joined by one space. */
export class PhraseMap<V> {
  private readonly map = new Map<string, V>();
  /** Every proper word prefix of a phrase ("square", "per"), so lookups stop early. */
  private readonly prefixes = new Set<string>();
  /** Longest phrase length in words: bounds every lookup. */
  maxWords = 0;

  set(phrase: string, value: V): void {
    const words = phrase.toLowerCase().split(/\s+/).filter(Boolean);
    this.maxWords = Math.max(this.maxWords, words.length);
    for (let n = 1; n < words.length; n++) this.prefixes.add(words.slice(0, n).join(" "));
    this.map.set(words.join(" "), value);
  }

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  /** Some longer phrase starts with `key`. */
  continues(key: string): boolean {
    return this.prefixes.has(key);
  }
}

function entries<V>(record: Record<string, V>): Map<string, V> {
  return new Map(Object.entries(record));
}

// ---- numbers ----
export const NUMBER_WORDS = entries<number>(numbers.words);
export const SCALE_WORDS = entries<number>(numbers.scales);
export const SCALE_ABBREVIATIONS = entries<number>(numbers.scaleAbbreviations);
export const MONEY_SCALE_ABBREVIATIONS = entries<number>(numbers.moneyOnlyScaleAbbreviations);
export const ARTICLE_SCALES = new Set(numbers.articleScales);
/** Number words that alone are usually a pronoun or determiner ("one of them"). */
export const LONELY_WORDS = new Set(numbers.lonelyWords);
/** Ordinal words and fraction denominators ("fifth", "thirds"). */
export const ORDINAL_WORDS = new Set(numbers.ordinals);

// ---- currencies ----
export const CURRENCY_SYMBOLS = entries<string>(currencies.symbols);
export const SYMBOL_PREFIXES = new Map(
  Object.entries(currencies.symbolPrefixes).map(([sym, prefixes]) => [sym, entries<string>(prefixes)] as const),
);
/** Upper-case ISO codes and abbreviations written next to the number ("RMB 100", "100 USD"). */
export const CURRENCY_CODES = entries<string>(currencies.codes);
export const CURRENCY_NAMES = new PhraseMap<string>();
for (const [name, code] of Object.entries(currencies.names)) CURRENCY_NAMES.set(name.replace(/\./g, ""), code);
export const CURRENCY_SUBUNITS = entries<{ code: string; factor: number }>(currencies.subunits);
export const NAMES_NEEDING_SCALE = new Set(currencies.needsScale);

// ---- measure units and percent ----
export const UNIT_NAMES = new PhraseMap<string>();
/** Case-sensitive unit symbols; may span several glued tokens ("km/h"). */
export const UNIT_SYMBOLS = new Map<string, string>();
for (const u of units.units) {
  for (const n of u.names) UNIT_NAMES.set(n.replace(/-/g, " - "), u.unit);
  for (const s of u.symbols) UNIT_SYMBOLS.set(s, u.unit);
}
export const UNIT_SYMBOL_MAX_LENGTH = Math.max(...[...UNIT_SYMBOLS.keys()].map((s) => s.length));

export const PERCENT_NAMES = new PhraseMap<string>();
for (const n of units.percent.names) PERCENT_NAMES.set(n, "%");
for (const n of units.percent.points) PERCENT_NAMES.set(n, "percentage points");
export const PERCENT_SYMBOLS = new Set(units.percent.symbols);

// ---- qualifiers ----
export const QUALIFIERS = new PhraseMap<Exclude<Qualifier, "">>();
for (const q of ["approx", "over", "under"] as const) for (const p of qualifiers[q]) QUALIFIERS.set(p, q);

// ---- context ----
export const MONTHS = new Set(context.months);
export const CLOCK_MARKERS = new Set(context.clockMarkers);
export const LABEL_WORDS = new Set(context.labelWords);
export const CHROME_NOUNS = new Set(context.chromeNouns);
export const YEAR_CONTEXT = new Set(context.yearContext);
export const FUNCTION_WORDS = new Set(context.functionWords);
export const ZERO_PLURALS = new Set(context.zeroPlurals);
