// Figure finding over the token stream. Each candidate is read left to right:
// qualifier? currency? core (digits or number words, with scales) range?
// then what it measures (percent, currency name, unit, or the counted noun).
// Context then rules out what is not a quantity: dates, clock times, years,
// ordinals, numbers inside names ("5G", "G20", "COVID-19", "Boeing 747"),
// labels ("No. 1", "phase 3"), phone numbers and page chrome ("0 Comment(s)").
// Every look-around is bounded and every candidate consumes its tokens, so
// the scan is linear in the text length.
import type { Figure, FigureKind, Qualifier } from "../types.ts";
import { isSpace, tokenize, type Token } from "./tokens.ts";
import { readDigits, readWords, type Core } from "./numbers.ts";
import {
  CHROME_NOUNS, CLOCK_MARKERS, CURRENCY_CODES, CURRENCY_NAMES, CURRENCY_SUBUNITS, CURRENCY_SYMBOLS, FUNCTION_WORDS,
  ARTICLE_SCALES, LABEL_WORDS, MONEY_SCALE_ABBREVIATIONS, NUMBER_WORDS, MONTHS, ORDINAL_WORDS, NAMES_NEEDING_SCALE, PERCENT_NAMES, PERCENT_SYMBOLS, PhraseMap,
  QUALIFIERS, SCALE_ABBREVIATIONS, SCALE_WORDS, SYMBOL_PREFIXES, UNIT_NAMES, UNIT_SYMBOL_MAX_LENGTH, UNIT_SYMBOLS, YEAR_CONTEXT,
  ZERO_PLURALS,
} from "./lexicon.ts";

/** A figure before it is tied to its sentence. */
export type FoundFigure = Omit<Figure, "sentence">;

const HYPHENS = new Set(["-", "–"]);
/** Symbols that may stand right before the first word of a sentence. */
const SENTENCE_OPENERS = new Set([".", "!", "?", "\"", "“", "”", "'", "‘", "’", "(", "[", ":", ";", "—", "–", "-", "|", "•", "*", ">"]);
/** Symbols that join digits into dates, clock times, versions and addresses ("2015-12-19", "09:13", "24/7", "192.168.1.2"). */
const CODE_JOINERS = new Set([":", "/", "."]);
const DOT = new Set(["."]);
const COMMA = new Set([","]);
const PAREN = new Set(["("]);
/** Separators between page widgets ("12 views | Print"). */
const WIDGET_SEPARATORS = new Set(["|", "•", "·", "»", ">"]);
const MINUS = new Set(["-", "−"]);
const CLAUSE_ENDS = new Set([",", ".", ")", ";", "–", "—"]);
const OPENING_BRACKETS = new Set(["(", "["]);
const CLOSING_BRACKETS = new Set([")", "]"]);
/** Marks glued before digits that make them a label or a phone number: "#2", "+86". */
const LABEL_MARKS = new Set(["#", "+"]);
const UPPER = /^\p{Lu}/u;
const HAS_UPPER = /\p{Lu}/u;
/** Endings of the verb and adverb forms that open sentences before a number ("Boasting", "Totalled", "Currently"). */
const VERB_OR_ADVERB = /(?:ing|ed|ly)$/;
/** Longest counted-noun phrase, in words. */
const MAX_NOUN_WORDS = 4;

interface Measure {
  kind: FigureKind;
  unit: string;
  currency: string;
  /** Multiplier to the main currency unit ("50 cents" -> 0.5 USD). */
  factor: number;
  last: number;
}

class Scanner {
  private readonly tokens: Token[];
  readonly figures: FoundFigure[] = [];
  /** First token not yet part of a figure: look-backs that widen a figure stop here. */
  private free = 0;

  constructor(private readonly text: string, from: number, to: number) {
    this.tokens = tokenize(text, from, to);
  }

  run(): FoundFigure[] {
    let i = 0;
    while (i < this.tokens.length) i = this.candidate(i);
    return this.figures;
  }

  // ---- token helpers ----
  private tok(j: number): Token | undefined {
    return j >= 0 && j < this.tokens.length ? this.tokens[j] : undefined;
  }
  private isWord(j: number, lower?: string): boolean {
    const t = this.tok(j);
    return !!t && t.kind === "word" && (lower === undefined || t.lower === lower);
  }
  private isSym(j: number, set: ReadonlySet<string>): boolean {
    const t = this.tok(j);
    return !!t && t.kind === "sym" && set.has(t.text);
  }
  /** Token j touches token j-1 (no space between). */
  private glued(j: number): boolean {
    const t = this.tok(j);
    return !!t && !t.spaced;
  }
  /** Token j is on the same line as token j-1. */
  private sameLine(j: number): boolean {
    const t = this.tok(j);
    return !!t && !t.newline;
  }
  private isMonth(j: number): boolean {
    const t = this.tok(j);
    return !!t && t.kind === "word" && MONTHS.has(t.lower.replace(/\.$/, "")) && UPPER.test(t.text);
  }
  private isLabelWord(j: number): boolean {
    return this.isWord(j) && LABEL_WORDS.has(this.tokens[j].lower);
  }
  /** Token j is glued between digits ("2015-12", "09:13"). */
  private joinsDigits(j: number): boolean {
    return this.glued(j) && this.glued(j + 1) && this.tok(j + 1)?.kind === "num";
  }
  private sentenceInitial(j: number): boolean {
    const t = this.tok(j);
    return !t || t.newline || j === 0 || this.isSym(j - 1, SENTENCE_OPENERS);
  }

  /** Longest phrase of `map` starting at token k (words and inner hyphens, on one line). */
  private phrase<V>(map: PhraseMap<V>, k: number, stripDots = false): { value: V; last: number } | null {
    let key = "";
    let best: { value: V; last: number } | null = null;
    for (let j = k; j < this.tokens.length; j++) {
      const t = this.tokens[j];
      if (j > k && !this.sameLine(j)) break;
      let part: string;
      if (t.kind === "word") part = stripDots ? t.lower.replace(/\./g, "") : t.lower;
      else if (HYPHENS.has(t.text) && j > k && this.glued(j) && this.glued(j + 1)) part = "-";
      else break;
      key = key ? `${key} ${part}` : part;
      const value = map.get(key);
      if (value !== undefined) best = { value, last: j };
      if (!map.continues(key)) break;
    }
    return best;
  }

  /** Longest unit symbol made of glued tokens from k ("km", "km/h", "m2", "°C"). */
  private unitSymbol(k: number): { unit: string; last: number } | null {
    let s = "";
    let best: { unit: string; last: number } | null = null;
    for (let j = k; j < this.tokens.length && (j === k || this.glued(j)); j++) {
      s += this.tokens[j].text;
      if (s.length > UNIT_SYMBOL_MAX_LENGTH) break;
      const unit = UNIT_SYMBOLS.get(s);
      if (unit !== undefined) best = { unit, last: j };
    }
    // The symbol must end the word: "5 GBs" or "3mmHg" are something else.
    if (best && this.glued(best.last + 1) && this.tokens[best.last + 1].kind !== "sym") return null;
    return best;
  }

  // ---- the candidate ----
  /** Reads the candidate starting at token i; returns the index to continue from (always > i). */
  private candidate(i: number): number {
    const t = this.tokens[i];
    if (t.kind !== "num" && t.kind !== "word") return i + 1;

    if (t.kind === "num") {
      const chainEnd = this.codeChainEnd(i);
      if (chainEnd !== null) return chainEnd;
    }
    // Currency written before the number ("$", "US$", "HK$", "RMB", "Rs.").
    const found = t.kind === "num" ? this.currencyPrefix(i) : null;
    const prefix = found && found.first >= this.free ? found : null;
    let core: Core | null = t.kind === "num" ? readDigits(this.tokens, i) : readWords(this.tokens, i);
    if (!core) return i + 1;
    let next = core.last + 1;

    if (t.kind === "num") {
      const money = prefix !== null || this.currencyAt(i + 2);
      const rejectTo = this.digitContextReject(i, core, money);
      if (rejectTo !== null) return Math.max(rejectTo, i + 1);
      // "£3.5m", "$10k", "5m euros": single-letter scales count only in money ("1.8m" is a length, "4K" a name).
      const g = this.tok(i + 1);
      if (money && core.last === i && g && g.kind === "word" && this.glued(i + 1) && MONEY_SCALE_ABBREVIATIONS.has(g.text)) {
        const s = MONEY_SCALE_ABBREVIATIONS.get(g.text)!;
        core = { ...core, value: core.value * s, scale: s, last: i + 1, yearLike: false };
        next = i + 2;
      }
    }

    // A minus sign that opens the number ("-5%", "−20 degrees"), not a dash between numbers.
    const beforeSign = this.tok(i - 2);
    const negative = t.kind === "num" && !prefix && i - 1 >= this.free && this.isSym(i - 1, MINUS) && this.glued(i) &&
      (!beforeSign || (beforeSign.kind !== "num" && (beforeSign.kind === "sym" || !this.glued(i - 1))));
    if (negative) core = { ...core, value: -core.value };
    // "one hundred twenty fifth", "two thirds": an ordinal or a fraction.
    if (core.fromWords && this.isWord(next) && ORDINAL_WORDS.has(this.tokens[next].lower) && this.sameLine(next)) return next + 1;
    const start = prefix ? prefix.first : negative ? i - 1 : i;
    const foundQualifier = this.qualifierBefore(start);
    const qualifier = foundQualifier && foundQualifier.first >= this.free ? foundQualifier : null;
    const first = qualifier ? qualifier.first : start;
    const before = first - 1;

    // Range: "10 to 15 percent", "$3-4 billion", "between 10 and 15".
    let high: Core | null = null;
    let spacedDash = false;
    const sep = this.tok(next);
    if (sep && this.sameLine(next)) {
      const isHyphen = sep.kind === "sym" && HYPHENS.has(sep.text);
      const isTo = sep.kind === "word" && sep.lower === "to" && !this.isWord(before, "from");
      const isAnd = sep.kind === "word" && sep.lower === "and" && this.isWord(before, "between");
      if (isHyphen || isTo || isAnd) {
        let k = next + 1;
        const symbol = this.tok(k);
        if (symbol?.kind === "sym" && CURRENCY_SYMBOLS.has(symbol.text)) k++; // "$3-$4 billion"
        const second = t.kind === "num" ? readDigits(this.tokens, k) : readWords(this.tokens, k);
        if (second && this.sameLine(k)) {
          let low = core.value;
          if (core.scale === 1 && second.scale > 1) low *= second.scale;
          if (second.value > low) {
            if (core.yearLike && second.yearLike) return second.last + 1; // "1999-2018"
            core = { ...core, value: low, yearLike: false };
            high = second;
            next = second.last + 1;
            spacedDash = isHyphen && !this.glued(high.first - 1);
          } else if (isHyphen) {
            return second.last + 1; // "3-1", "1 – 0", "2014-15", "6512-3456": scores, seasons, phone parts
          }
        }
      }
    }
    const last = next - 1;

    // Dates: "Nov. 19", "Nov.18", "19 November".
    const monthBefore = this.isMonth(start - 1) || (this.isSym(start - 1, DOT) && this.isMonth(start - 2));
    if (monthBefore || (this.isMonth(next) && this.sameLine(next))) return next;
    // Clock times: "10 a.m.", "3pm", "18 GMT".
    if (this.isWord(next) && CLOCK_MARKERS.has(this.tokens[next].lower) && core.value <= 24) return next + 1;

    const after = this.measureAfter(next, core.scale > 1 || (high?.scale ?? 1) > 1);
    // "$6.99-a-month": after a currency symbol the hyphenated word is a rate, and the money stands.
    if (after === "reject" && (!prefix || (this.isWord(next + 1) && SCALE_WORDS.has(this.tokens[next + 1].lower)))) return next;
    let measure = after === "reject" ? null : after;
    if (prefix) measure = { kind: "money", unit: prefix.code, currency: prefix.code, factor: 1, last: measure?.kind === "money" ? measure.last : last };
    // "80% to 90%", "5 km to 8 km": a range with the unit written on both ends.
    if (!high && measure && !prefix) {
      const range = this.unitRange(measure, core, this.isWord(before, "from"), this.isWord(before, "between"));
      if (range) {
        high = range.high;
        measure = { ...measure, last: range.last };
      }
    }

    // Page chrome: "0 Comment(s)", "12 Views", a counter opening its line.
    const chrome = this.isWord(next) && CHROME_NOUNS.has(this.tokens[next].lower) && core.scale === 1 && !qualifier &&
      (UPPER.test(this.tokens[next].text) || (this.isSym(next + 1, PAREN) && this.glued(next + 1)) || this.tokens[first].newline ||
        this.isSym(first - 1, WIDGET_SEPARATORS) || this.isSym(next + 1, WIDGET_SEPARATORS));
    if (chrome && !measure) return next + 1;
    const noun = measure ? null : this.countedNoun(next);
    if (!this.isQuantity({ core, high, spacedDash, measure, noun, qualified: !!qualifier || !!prefix, start, first, next })) return next;

    const end = Math.max(last, measure?.last ?? last, noun?.last ?? last);
    const factor = measure?.factor ?? 1;
    this.figures.push({
      start: this.tokens[first].start,
      end: this.tokens[end].end,
      text: this.text.slice(this.tokens[first].start, this.tokens[end].end),
      value: round(core.value * factor),
      valueHigh: high ? round(high.value * factor) : null,
      unit: measure ? measure.unit : noun ? noun.text : "",
      currency: measure?.currency ?? "",
      kind: measure?.kind ?? "count",
      qualifier: qualifier?.qualifier ?? "",
    });
    this.free = end + 1;
    return end + 1;
  }

  /** Context rules for a read candidate: false when the number is a label, name, year, score, citation or pronoun. */
  private isQuantity(c: {
    core: Core; high: Core | null; spacedDash: boolean; measure: Measure | null; noun: { head: Token } | null;
    qualified: boolean; start: number; first: number; next: number;
  }): boolean {
    const { core, high, measure, noun, start, first, next } = c;
    const before = first - 1;
    if (!c.qualified) {
      const b = this.tok(start - 1);
      // Labels, ranks and phone numbers: "phase 3", "No. 1", "#2", "+86".
      const labelled =
        (this.isLabelWord(start - 1) && this.sameLine(start)) ||
        (this.isSym(start - 1, DOT) && this.isLabelWord(start - 2)) ||
        (this.isSym(start - 1, LABEL_MARKS) && this.glued(start) && !measure);
      if (labelled) return false;
      // Names: "Boeing 747", "iPhone 15", "Web 2.0": a word with a capital right before the number.
      // At the start of a sentence the capital is only case, unless the word is no verb or adverb
      // form ("Boasting 632 million users", "Windows 10 is").
      if (!measure && b && b.kind === "word" && HAS_UPPER.test(b.text) && this.sameLine(start) && !FUNCTION_WORDS.has(b.lower) &&
        !(this.sentenceInitial(start - 1) && VERB_OR_ADVERB.test(b.lower))) return false;
    }
    // Years: a bare four-digit number in the calendar range, unless it counts something ("2000 people").
    if (core.yearLike && !high && !measure) {
      const yearContext = this.isWord(before) && YEAR_CONTEXT.has(this.tokens[before].lower);
      // "Nov. 3, 2016 shows": the year of a written date.
      const afterDay = this.isSym(before, COMMA) && this.tok(before - 1)?.kind === "num";
      // News style writes counts of a thousand and more with a comma ("2,000 people"), so a bare one is a
      // year ("raising 2016 elections") unless a qualifier makes it a count ("about 2000 people").
      if (!noun || !c.qualified || UPPER.test(noun.head.text) || yearContext || afterDay) return false;
    }
    // "one of them", "the two met": number words count only with something counted or measured.
    if (core.fromWords && !measure && !noun && core.scale === 1) return false;
    if (core.lonely && !measure) return false;
    const bare = !measure && !noun && !c.qualified && core.scale === 1;
    // Bare numbers joined by a dash are scores, records and phone numbers ("1 – 0", "6-5", "555-1234").
    if (high && bare && (c.spacedDash || this.isSym(high.first - 1, HYPHENS))) return false;
    if (bare && !high) {
      // "Daniel Montalvo, 19, a member": an age in apposition.
      const apposition = this.isSym(before, COMMA) && this.isWord(before - 1) && UPPER.test(this.tokens[before - 1].text) && this.isSym(next, CLAUSE_ENDS);
      // "(37)", "[1]", "(14, 15)": a citation; "2." or "4)" opening a line: a list number.
      const listed = this.isSym(before, COMMA) && this.tok(before - 1)?.kind === "num";
      const citation = (this.isSym(before, OPENING_BRACKETS) || listed) && (this.isSym(next, CLOSING_BRACKETS) || this.isSym(next, COMMA));
      const listNumber = this.tokens[first].newline && this.isSym(next, CLAUSE_ENDS);
      // "the 737 Max", "2134 Caldwell Place", "40 Under 40": a bare number leading into a name; "the 747": a model.
      const intoName = this.isWord(next) && HAS_UPPER.test(this.tokens[next].text) && this.sameLine(next);
      // "401(k)", "501(c)": a number glued to a bracketed letter is the name of a plan or rule.
      const section = this.glued(next) && this.tok(next)?.text === "(" && this.isWord(next + 1) && this.tokens[next + 1].text.length === 1 &&
        this.tok(next + 2)?.text === ")";
      if (section) return false;
      if (apposition || citation || listNumber || intoName || this.isWord(before, "the")) return false;
    }
    return true;
  }

  /** The upper end of a range whose unit is repeated after it, or null. */
  private unitRange(measure: Measure, low: Core, from: boolean, between: boolean): { high: Core; last: number } | null {
    const k = measure.last + 1;
    const sep = this.tok(k);
    if (!sep || !this.sameLine(k)) return null;
    const ok = (sep.kind === "sym" && HYPHENS.has(sep.text)) || (sep.lower === "to" && !from) || (sep.lower === "and" && between);
    if (!ok) return null;
    const high = low.fromWords ? readWords(this.tokens, k + 1) : readDigits(this.tokens, k + 1);
    if (!high || !this.sameLine(k + 1) || high.value <= low.value) return null;
    const second = this.measureAfter(high.last + 1, high.scale > 1);
    if (!second || second === "reject" || second.unit !== measure.unit) return null;
    return { high, last: second.last };
  }

  /**
   * Digit token i joined to other digits as a date, clock time, version,
   * address or phone number ("2015-12-19", "09:13", "24/7", "192.168.1.2",
   * "+1-222-2222"): the index after the whole chain, else null.
   */
  private codeChainEnd(i: number): number | null {
    // The tail of a chain whose head was no quantity ("010-12345678", "09:13").
    if ((this.isSym(i - 1, CODE_JOINERS) || this.isSym(i - 1, HYPHENS)) && this.glued(i) && this.glued(i - 1) && this.tok(i - 2)?.kind === "num") return i + 1;
    let j = i;
    let joins = 0;
    let hyphens = 0;
    while (this.joinsDigits(j + 1) && (this.isSym(j + 1, CODE_JOINERS) || this.isSym(j + 1, HYPHENS))) {
      if (this.isSym(j + 1, CODE_JOINERS)) joins++;
      else hyphens++;
      j += 2;
    }
    return joins > 0 || hyphens > 1 ? j + 1 : null;
  }

  /**
   * Context that makes digits something other than a quantity; returns the
   * index to continue from, or null when the digits may be a figure.
   */
  private digitContextReject(i: number, core: Core, money: boolean): number | null {
    const prev = this.tok(i - 1);
    if (prev && this.glued(i)) {
      // Glued to a word on the left: "G20", "MP3" (currency codes were taken as prefix already).
      if (prev.kind === "word" && !money) return core.last + 1;
      // "COVID-19", "F-35", "SCP-173".
      if (prev.kind === "sym" && HYPHENS.has(prev.text) && this.glued(i - 1) && this.isWord(i - 2)) return core.last + 1;
    }
    // Runs of bare numbers ("10 1234 5678"): phone numbers and tables.
    if (this.tok(i + 1)?.kind === "num" && this.sameLine(i + 1) && core.last === i) {
      let k = i + 1;
      while (this.tok(k + 1)?.kind === "num" && this.sameLine(k + 1)) k++;
      return k + 1;
    }
    if (prev?.kind === "num" && this.sameLine(i) && prev.end < this.tokens[i].start) return core.last + 1;
    // Glued suffix that is not a scale or unit: "5th", "1980s", "5G", "3D".
    const next = this.tok(core.last + 1);
    if (core.last === i && next && next.kind === "word" && this.glued(core.last + 1)) {
      const known =
        SCALE_ABBREVIATIONS.has(next.text) || (money && MONEY_SCALE_ABBREVIATIONS.has(next.text)) || this.unitSymbol(i + 1) !== null ||
        UNIT_NAMES.get(next.lower) !== undefined || CURRENCY_CODES.has(next.text) || CURRENCY_SYMBOLS.has(next.text) || CURRENCY_NAMES.get(next.lower) !== undefined ||
        PERCENT_NAMES.get(next.lower) !== undefined || CURRENCY_SUBUNITS.has(next.lower) || CLOCK_MARKERS.has(next.lower);
      if (!known) return i + 2;
    }
    return null;
  }

  /** A currency code or the start of a currency name at token k ("5m euros", "3bn U.S. dollars"). */
  private currencyAt(k: number): boolean {
    const t = this.tok(k);
    if (!t || t.kind !== "word") return false;
    const key = t.lower.replace(/\./g, "");
    return CURRENCY_CODES.has(t.text) || CURRENCY_NAMES.get(key) !== undefined || CURRENCY_NAMES.continues(key);
  }

  /** Currency before digit token i: a symbol (with its letter prefix) or a code. */
  private currencyPrefix(i: number): { code: string; first: number } | null {
    const p = i - 1;
    const t = this.tok(p);
    if (!t || !this.sameLine(i)) return null;
    if (t.kind === "sym" && CURRENCY_SYMBOLS.has(t.text)) {
      const prefixes = SYMBOL_PREFIXES.get(t.text);
      const q = this.tok(p - 1);
      if (prefixes && q && q.kind === "word" && this.sameLine(p)) {
        // "US$5", "us$5" glued; spaced only as written ("US $ 150" in tokenised newswire), so "a $3 billion" stays USD.
        const code = this.glued(p) ? prefixes.get(q.text) ?? prefixes.get(q.text.toUpperCase()) : q.text.length > 1 ? prefixes.get(q.text) : undefined;
        if (code) return { code, first: p - 1 };
      }
      return { code: CURRENCY_SYMBOLS.get(t.text)!, first: p };
    }
    if (t.kind === "word" && CURRENCY_CODES.has(t.text)) return { code: CURRENCY_CODES.get(t.text)!, first: p };
    if (t.kind === "sym" && t.text === "." && this.isWord(p - 1) && CURRENCY_CODES.has(`${this.tokens[p - 1].text}.`)) {
      return { code: CURRENCY_CODES.get(`${this.tokens[p - 1].text}.`)!, first: p - 1 };
    }
    return null;
  }

  /** Qualifier phrase ending right before token `start` ("more than", "nearly"). */
  private qualifierBefore(start: number): { qualifier: Exclude<Qualifier, "">; first: number } | null {
    if (!this.sameLine(start)) return null;
    for (let n = Math.min(QUALIFIERS.maxWords, start); n >= 1; n--) {
      const from = start - n;
      let key = "";
      let ok = true;
      for (let j = from; j < start; j++) {
        if (!this.isWord(j) || (j > from && !this.sameLine(j))) { ok = false; break; }
        key = key ? `${key} ${this.tokens[j].lower}` : this.tokens[j].lower;
      }
      if (!ok) continue;
      const qualifier = QUALIFIERS.get(key);
      if (qualifier) return { qualifier, first: from };
    }
    return null;
  }

  /**
   * What follows the number: percent, currency, measure unit (spaced, glued or
   * hyphenated: "three-day"). "reject" for a hyphenated word that is none of
   * these ("two-way", "twenty-fifth", "one-third").
   */
  private measureAfter(k: number, scaled: boolean): Measure | "reject" | null {
    let j = k;
    const hyphenated = this.isSym(j, HYPHENS) && this.glued(j) && this.glued(j + 1) && this.isWord(j + 1);
    if (hyphenated) j++;
    const t = this.tok(j);
    if (!t || !this.sameLine(j)) return null;

    if (t.kind === "sym" && PERCENT_SYMBOLS.has(t.text)) return { kind: "percent", unit: "%", currency: "", factor: 1, last: j };
    if (CURRENCY_SYMBOLS.has(t.text) && !hyphenated) {
      const code = CURRENCY_SYMBOLS.get(t.text)!;
      return { kind: "money", unit: code, currency: code, factor: 1, last: j };
    }
    if (t.kind === "word") {
      const percent = this.phrase(PERCENT_NAMES, j);
      if (percent) return { kind: "percent", unit: percent.value, currency: "", factor: 1, last: percent.last };
      if (CURRENCY_CODES.has(t.text) && !hyphenated) {
        const code = CURRENCY_CODES.get(t.text)!;
        return { kind: "money", unit: code, currency: code, factor: 1, last: j };
      }
      const name = this.phrase(CURRENCY_NAMES, j, true);
      if (name && (scaled || !NAMES_NEEDING_SCALE.has(t.lower) || name.last > j)) {
        return { kind: "money", unit: name.value, currency: name.value, factor: 1, last: name.last };
      }
      const sub = CURRENCY_SUBUNITS.get(t.lower);
      if (sub) return { kind: "money", unit: sub.code, currency: sub.code, factor: sub.factor, last: j };
      const unitName = this.phrase(UNIT_NAMES, j);
      // "Five-Year Plan": a capitalised compound is a name.
      if (unitName && hyphenated && UPPER.test(t.text)) return "reject";
      if (unitName) return { kind: "measure", unit: unitName.value, currency: "", factor: 1, last: unitName.last };
    }
    // Symbols: glued ("5km", "20GB") or spaced when longer than one letter ("20 GB").
    const symbol = this.glued(j) || t.text.length > 1 ? this.unitSymbol(j) : null;
    if (symbol) return { kind: "measure", unit: symbol.unit, currency: "", factor: 1, last: symbol.last };
    return hyphenated ? "reject" : null;
  }

  /**
   * The counted noun after a number: the words up to the first plural noun
   * ("Internet users", "internet-related topics"), extended over a coordinated
   * plural ("countries and regions"). Null when no plural noun follows closely.
   */
  private countedNoun(k: number): { text: string; last: number; head: Token } | null {
    const words: number[] = []; // index of the last token of each (hyphen-joined) word
    const starts: number[] = [];
    let j = k;
    let head = -1;
    while (words.length < MAX_NOUN_WORDS && this.sameLine(j)) {
      // Names with digits inside the phrase: "2.3 million 5G base stations".
      const alnum = this.tok(j)?.kind === "num" && this.isWord(j + 1) && this.glued(j + 1);
      if (!alnum && (!this.isWord(j) || FUNCTION_WORDS.has(this.tokens[j].lower) || this.isMonth(j))) break;
      starts.push(j);
      if (alnum) j++;
      while (this.isSym(j + 1, HYPHENS) && this.glued(j + 1) && this.glued(j + 2) && this.isWord(j + 2)) j += 2;
      words.push(j);
      if (isPlural(this.tokens[j])) { head = words.length - 1; break; }
      j++;
    }
    if (head < 0) return null;
    let last = words[head];
    // "countries and regions", "officials or experts"
    const conj = last + 1;
    if ((this.isWord(conj, "and") || this.isWord(conj, "or")) && this.sameLine(conj)) {
      // "10 assists and five rebounds", "two shotguns and hundreds of rounds": a conjunct with its own number is counted on its own.
      for (let m = conj + 1; m <= conj + 2 && this.isWord(m) && this.sameLine(m) && !FUNCTION_WORDS.has(this.tokens[m].lower) && !isQuantityWord(this.tokens[m]); m++) {
        if (isPlural(this.tokens[m]) && !(this.isSym(m + 1, HYPHENS) && this.glued(m + 1))) { last = m; break; }
      }
    }
    return { text: this.text.slice(this.tokens[starts[0]].start, this.tokens[last].end), last, head: this.tokens[words[head]] };
  }
}

/** A number word or a (plural) scale word: "five", "hundreds", "millions". */
function isQuantityWord(t: Token): boolean {
  const w = t.lower;
  return NUMBER_WORDS.has(w) || SCALE_WORDS.has(w) || (w.endsWith("s") && SCALE_WORDS.has(w.slice(0, -1)));
}

/** Plural-looking noun: a zero/irregular plural, or an -s ending that is not -ss/-us/-is or a possessive. */
function isPlural(t: Token): boolean {
  const w = t.lower;
  if (ZERO_PLURALS.has(w)) return true;
  if (w.length < 3 || !w.endsWith("s")) return false;
  return !(w.endsWith("ss") || w.endsWith("us") || w.endsWith("is") || w.endsWith("'s") || w.endsWith("’s"));
}

/** Values keep at most 12 significant digits, so 9.28 * 1e9 is 9280000000, not 9280000000.000002. */
function round(value: number): number {
  if (value === 0) return 0;
  // Whole numbers below 1e12 have at most 12 digits already (most figures: skips the string round trip).
  return Number.isInteger(value) && Math.abs(value) < 1e12 ? value : Number(value.toPrecision(12));
}

// Only the text around possible numbers is tokenised: a seed is a digit run,
// a number word, or "a"/"an" before a scale word. Each seed gets a window of
// context (enough for qualifiers before and counted nouns after); overlapping
// windows merge into one segment, and segments are cut at whitespace so no
// token is split. Both word seeds share one \b group: the regex reads every
// article, and this shape runs ~20% faster than one group each.
const SEEDS = new RegExp(`[0-9]+|\\b(?:${[...NUMBER_WORDS.keys()].join("|")}|an?\\s+(?:${[...ARTICLE_SCALES].join("|")}))\\b`, "gi");
const CONTEXT_BEFORE = 60;
const CONTEXT_AFTER = 120;

/** Segments [start, end) of `text` worth scanning, in order, disjoint, cut at whitespace. */
function segments(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = -1;
  let end = -1;
  SEEDS.lastIndex = 0;
  for (let m = SEEDS.exec(text); m; m = SEEDS.exec(text)) {
    const at = m.index;
    if (end >= 0 && at - CONTEXT_BEFORE <= end) {
      if (at + CONTEXT_AFTER > end) end = snapForward(text, at + CONTEXT_AFTER);
      continue;
    }
    if (end >= 0) out.push([start, end]);
    // Back to whitespace, never before the previous segment: each stretch is scanned once.
    const floor = Math.max(end, 0);
    start = Math.max(floor, at - CONTEXT_BEFORE);
    while (start > floor && !isSpace(text.charCodeAt(start - 1))) start--;
    end = snapForward(text, at + CONTEXT_AFTER);
  }
  if (end >= 0) out.push([start, end]);
  return out;
}

function snapForward(text: string, i: number): number {
  let j = Math.min(i, text.length);
  while (j < text.length && !isSpace(text.charCodeAt(j))) j++;
  return j;
}

export function findFigures(text: string): FoundFigure[] {
  const found: FoundFigure[] = [];
  // A loop, not push(...spread): one segment can hold hundreds of thousands of figures.
  for (const [start, end] of segments(text)) for (const figure of new Scanner(text, start, end).run()) found.push(figure);
  return found;
}
