// Who is speaking: reads the subject of a reporting verb from the entity
// mentions around it (X said / said X / X, the chairman, said / X's statement
// added) and resolves pronouns (he, it) and definite descriptions (the
// company) to the most salient fitting earlier speaker or mention. Where the
// entity stage has no mention (or ran without finding any), capitalised names
// read from the text fill the gap, so quotes still get a speaker.
import type { EntityType, Mention } from "../types.ts";
import { hasLetter } from "./chars.ts";
import type { Doc } from "./doc.ts";
import { TokenSet } from "./token-set.ts";
import {
  ADJUNCT_STARTERS, AUXILIARIES, CALENDAR_WORDS, CLAUSE_MARKERS, COORDINATORS, DEFINITE_ANAPHORS, DETERMINERS, GIVEN_NAME_GENDERS, GROUP_PRONOUNS,
  NAME_PARTICLES, OTHER_PRONOUNS, PASSIVE, PERSON_PRONOUNS, PRONOUN_GENDERS, PREPOSITIONS, SOURCE_NOUNS, TITLES, isStop,
} from "./lexicon.ts";

export interface Speaker {
  name: string;
  type: EntityType | "";
}

/** A speaker with the tokens of the phrase that names it (also how mentions are held). */
export interface Subject extends Speaker {
  first: number;
  last: number;
}

type TokenMention = Subject;

/** Speakers resolved so far, at the token of their cue (for pronouns and inheritance). */
export interface SpeakerEvent extends Speaker {
  token: number;
}

const COMMA = 0x2c;
const PERIOD = 0x2e;
const COLON = 0x3a;
const SEMICOLON = 0x3b;

/** Words that never start a name read from capitals (`The`, `He`, `In`, `And`, `said Tuesday`). */
const FUNCTION_WORDS = TokenSet.of([
  ...DETERMINERS, ...PERSON_PRONOUNS, ...GROUP_PRONOUNS, ...ADJUNCT_STARTERS, ...AUXILIARIES, ...OTHER_PRONOUNS, ...COORDINATORS, ...CALENDAR_WORDS,
]);

const APPOSITIVE_MAX = 25;
const INVERTED_WINDOW = 14;
const PRONOUN_SENTENCES = 4;
const SOURCE_WINDOW = 12;
/** Words from a sentence start within which its subject's name begins. */
const SUBJECT_WINDOW = 14;
/** Candidates a pronoun looks at, at most: keeps resolution linear on run-on text. */
const PRONOUN_BUDGET = 60;

/** Whether an antecedent of this type fits the pronoun; untyped (fallback) names fit only when there are no typed ones. */
const fits = (pronoun: string, type: EntityType | "", typed: boolean) =>
  type === "" ? !typed : PERSON_PRONOUNS.has(pronoun) ? type === "person" : type !== "person" && type !== "place";

/** Whether a full name's given name (its first word) has the other gender than the pronoun: "she" is not "John Ford". */
function otherGender(pronoun: string, name: string): boolean {
  const gender = PRONOUN_GENDERS.get(pronoun);
  const space = name.indexOf(" ");
  if (!gender || space < 0) return false;
  const nameGender = GIVEN_NAME_GENDERS.get(name.slice(0, space));
  return nameGender !== undefined && nameGender !== gender;
}

export class Speakers {
  /** Mentions by their first and by their last token. */
  private readonly byFirst: Array<TokenMention | undefined>;
  private readonly byLast: Array<TokenMention | undefined>;
  /** Mentions outside quotations, in text order (pronoun antecedents). */
  private readonly outside: TokenMention[] = [];
  readonly events: SpeakerEvent[] = [];
  /** The entity stage supplied typed mentions (fallback names then only fill gaps). */
  private readonly typed: boolean;

  constructor(private readonly doc: Doc, mentions: Mention[]) {
    this.typed = mentions.length > 0;
    this.byFirst = new Array<TokenMention | undefined>(doc.size);
    this.byLast = new Array<TokenMention | undefined>(doc.size);
    const fromMentions = this.fromMentions(mentions);
    const found = mergeUncovered(fromMentions, this.fromCapitals(knownSurnames(fromMentions)));
    for (const m of found) {
      this.byFirst[m.first] = m;
      this.byLast[m.last] = m;
      if (doc.quote[m.first] < 0) this.outside.push(m);
    }
  }

  private fromMentions(mentions: Mention[]): TokenMention[] {
    const { start, end, size } = this.doc;
    const sorted = inTextOrder(mentions) ? mentions : [...mentions].sort(byTextOrder);
    const out: TokenMention[] = [];
    let t = 0;
    let lastEnd = -1;
    for (const m of sorted) {
      if (m.start < lastEnd) continue; // nested or overlapping: keep the outer one
      while (t < size && end[t] <= m.start) t++;
      let last = t;
      while (last + 1 < size && start[last + 1] < m.end) last++;
      if (t >= size) break;
      out.push({ name: m.name, type: m.type, first: t, last });
      lastEnd = m.end;
    }
    return out;
  }

  /**
   * Fallback names: runs of capitalised words, titles stripped, surnames resolved
   * to the nearest earlier full name, else to a person the entity stage named
   * elsewhere in the article (`Trump tweeted` where only `President Trump` was tagged).
   */
  private fromCapitals(surnames: Map<string, TokenMention>): TokenMention[] {
    const doc = this.doc;
    const out: TokenMention[] = [];
    const lastFullName = new Map<string, string>();
    let i = 0;
    while (i < doc.size) {
      // A capital is also a word (WORD is set whenever CAP is).
      if (!doc.isCap(i)) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < doc.size && doc.paragraph[j + 1] === doc.paragraph[i] && continuesName(doc, j + 1)) j++;
      let first = i;
      for (let k = i; k <= j; k++) if (TITLES.has(doc, k)) first = k + 1;
      while (first <= j && !doc.isCap(first)) first++;
      let last = j;
      while (last >= first && !doc.isWord(last)) last--;
      if (first <= last && !FUNCTION_WORDS.has(doc, first)) {
        const words: string[] = [];
        for (let k = first; k <= last; k++) words.push(doc.tokenText(k));
        words[words.length - 1] = withoutPossessive(words[words.length - 1]);
        let name = joinName(doc, first, last, words);
        let wordCount = 0;
        for (const w of words) if (hasLetter(w, 0, w.length)) wordCount++;
        const sentenceInitial = first === 0 || doc.sentence[first - 1] !== doc.sentence[first];
        if (wordCount >= 2) {
          for (const w of words) lastFullName.set(w, name);
          out.push({ name, type: "", first, last });
        } else if (surnames.has(words[0])) {
          out.push({ name: surnames.get(words[0])!.name, type: "person", first, last });
        } else if (lastFullName.has(words[0])) {
          out.push({ name: lastFullName.get(words[0])!, type: "", first, last });
        } else if (!sentenceInitial) out.push({ name, type: "", first, last });
      }
      i = j + 1;
    }
    return out;
  }

  private mentionOf(m: TokenMention): Subject {
    return { name: m.name, type: m.type, first: m.first, last: m.last };
  }

  /**
   * The subject of the cue whose first token is `cue`, reading leftwards
   * within the clause that starts at token `clauseStart`.
   */
  subjectBefore(cue: number, clauseStart: number): Subject | null {
    const doc = this.doc;
    let j = cue - 1;
    while (j >= clauseStart && AUXILIARIES.has(doc.lower(j))) {
      if (PASSIVE.has(doc.lower(j))) return null;
      j--;
    }
    if (j < clauseStart) return null;
    const lower = doc.lower(j);
    if (PERSON_PRONOUNS.has(lower) || GROUP_PRONOUNS.has(lower)) return this.resolvePronoun(j);
    const direct = this.byLast[j];
    // `a letter seen by a broadcaster says`: a name after a preposition is not the subject.
    const governed = direct && direct.first > clauseStart && PREPOSITIONS.has(doc.lower(direct.first - 1));
    if (direct && doc.quote[direct.first] < 0 && !governed) return this.mentionOf(direct);
    if (doc.is(j, COMMA)) return this.appositiveSubject(j, clauseStart);
    if (j > clauseStart && doc.lower(j - 1) === "the" && DEFINITE_ANAPHORS.has(lower)) return this.resolveDefinite(j - 1, j);
    return this.sourceOwner(clauseStart, j);
  }

  /** `X, the chairman of Y, said`: the first person (else organisation) mention followed by a comma. */
  private appositiveSubject(comma: number, clauseStart: number): Subject | null {
    const doc = this.doc;
    let best: TokenMention | null = null;
    for (let k = Math.max(clauseStart, comma - APPOSITIVE_MAX); k < comma; k++) {
      if (PERSON_PRONOUNS.has(doc.lower(k)) && k === clauseStart && doc.is(k + 1, COMMA)) return this.resolvePronoun(k);
      const m = this.byFirst[k];
      if (!m || !doc.is(m.last + 1, COMMA) || !speakerType(m.type)) continue;
      if (hasClauseMarker(doc, m.last + 1, comma, m.type)) continue;
      if (!best || (m.type === "person" && best.type !== "person")) best = m;
      if (best.type === "person") break;
    }
    return best ? this.mentionOf(best) : null;
  }

  /** `X's statement added`, `the X letter reads`, `X's recent analysis of ... concluded`. */
  private sourceOwner(clauseStart: number, end: number): Subject | null {
    const doc = this.doc;
    for (let k = Math.max(clauseStart, end - SOURCE_WINDOW); k <= end; k++) {
      // The source noun heads the subject: it stands right before the verb or takes an of- or for-phrase.
      if (!SOURCE_NOUNS.has(doc.lower(k))) continue;
      const next = doc.lower(k + 1);
      if (k !== end && next !== "of" && next !== "for") continue;
      for (let b = k - 1; b >= Math.max(clauseStart, k - 4); b--) {
        const m = this.byLast[b];
        if (m && speakerType(m.type)) return { ...this.mentionOf(m), last: end };
      }
      // `a spokesperson for the ministry said`: the owner follows.
      if (next === "for") {
        for (let f = k + 2; f <= Math.min(end, k + 6); f++) {
          const m = this.byFirst[f];
          if (m && m.last === end && m.type !== "person" && speakerType(m.type)) return { ...this.mentionOf(m), first: k, last: end };
        }
      }
    }
    return null;
  }

  /**
   * The inverted subject after a cue (`said Lena Holt, the chairman`, `added an agency`):
   * a person or organisation mention that ends the subject phrase (it is followed
   * by punctuation, the sentence end or an adjunct such as "in a speech").
   */
  subjectAfter(cueLast: number, limit: number, sourcing = false): Subject | null {
    const doc = this.doc;
    const end = Math.min(limit, cueLast + 1 + INVERTED_WINDOW, doc.size);
    const next = doc.lower(cueLast + 1);
    if (cueLast + 1 < end && (PERSON_PRONOUNS.has(next) || GROUP_PRONOUNS.has(next))) return this.resolvePronoun(cueLast + 1);
    // A person wins over an organisation or a capitalised word of the title ("Minister of Communication ... X Y").
    let organisation: TokenMention | null = null;
    for (let k = cueLast + 1; k < end; k++) {
      if (doc.quote[k] >= 0 || doc.isMark(k) || doc.paragraph[k] !== doc.paragraph[cueLast]) break;
      if (isStop(doc, k) || doc.is(k, SEMICOLON) || doc.is(k, COLON)) break;
      const lower = doc.lower(k);
      // `according to a report by X` names its source after a preposition; `said X in a speech` ends at one.
      if (!sourcing && ADJUNCT_STARTERS.has(lower) && lower !== "of") break;
      if (lower === "that") break;
      const m = this.byFirst[k];
      if (!m) continue;
      // `said a Nordway spokesperson`: the organisation speaks through the source noun after it.
      const owner = SOURCE_NOUNS.has(doc.lower(m.last + 1)) && m.type !== "person" ? 1 : 0;
      const after = m.last + 1 + owner;
      const endsPhrase = after >= doc.size || !doc.isWord(after) || ADJUNCT_STARTERS.has(doc.lower(after)) ||
        doc.paragraph[after] !== doc.paragraph[k];
      if (speakerType(m.type) && endsPhrase) {
        if (m.type === "person" || (m.type === "" && !this.typed)) return this.mentionOf(m);
        // Gap-filling names rank after the entity stage's organisations.
        if (!organisation || (organisation.type === "" && m.type !== "")) organisation = m;
      }
      k = m.last;
    }
    return organisation ? this.mentionOf(organisation) : null;
  }

  /**
   * he/she → a person, it/they → an organisation: the first fitting speaker or
   * mention (the likely subject) in the nearest sentence that has one,
   * reading back from the pronoun; quoted words never supply antecedents.
   */
  resolvePronoun(at: number): Subject | null {
    const pronoun = this.doc.lower(at);
    return this.antecedent(at, at, ({ type, name }) => fits(pronoun, type, this.typed) && speakerType(type) && !otherGender(pronoun, name));
  }

  /** `the company said` → the nearest company mention before it; `the city reasoned` → the nearest place. */
  private resolveDefinite(the: number, noun: number): Subject | null {
    const types = DEFINITE_ANAPHORS.get(this.doc.lower(noun));
    return types ? this.antecedent(the, noun, ({ type }) => types.includes(type)) : null;
  }

  /** The first accepted speaker or mention in the nearest sentence (back from `at`) that has one. */
  private antecedent(at: number, last: number, accept: (speaker: Speaker) => boolean): Subject | null {
    const doc = this.doc;
    const sentence = doc.sentence[at];
    const paragraph = doc.paragraph[at];
    let mi = upperBound(this.outside, at, (m) => m.first) - 1;
    let ei = upperBound(this.events, at, (e) => e.token) - 1;
    let budget = PRONOUN_BUDGET;
    for (let s = sentence; s >= 0 && s > sentence - PRONOUN_SENTENCES; s--) {
      let best: { token: number; speaker: Speaker } | null = null;
      while (mi >= 0 && doc.sentence[this.outside[mi].first] === s && budget-- > 0) {
        const m = this.outside[mi--];
        if (accept(m)) best = { token: m.first, speaker: this.mentionOf(m) };
      }
      while (ei >= 0 && doc.sentence[this.events[ei].token] === s && budget-- > 0) {
        const e = this.events[ei--];
        if (accept(e) && (!best || e.token < best.token)) best = { token: e.token, speaker: e };
      }
      if (best) return { name: best.speaker.name, type: best.speaker.type, first: at, last };
      if (doc.paragraph[doc.sentenceStart[s]] < paragraph - 1) break;
    }
    return null;
  }

  /** The subject of sentence `s`: a person (else organisation) mention among its first words (`U.S. Senator John Cornyn, …, issued`). */
  sentenceSubject(s: number): Subject | null {
    const doc = this.doc;
    const first = doc.sentenceStart[s];
    const end = Math.min(doc.sentenceStart[s + 1] ?? doc.size, first + SUBJECT_WINDOW);
    let organisation: TokenMention | null = null;
    for (let k = first; k < end; k++) {
      const m = this.byFirst[k];
      if (!m) continue;
      if (doc.quote[k] < 0 && (m.type === "person" || (m.type === "" && !this.typed))) return this.mentionOf(m);
      if (doc.quote[k] < 0 && m.type !== "" && speakerType(m.type)) organisation ??= m;
      k = m.last;
    }
    return organisation ? this.mentionOf(organisation) : null;
  }

  /** The name written right after a dash at the end of a pull quote (`"…" - Matthew Ingram`). */
  nameAt(first: number, last: number): Subject | null {
    for (let k = first; k <= last; k++) {
      const m = this.byFirst[k];
      if (m && m.last <= last && speakerType(m.type)) return this.mentionOf(m);
    }
    return null;
  }

  /** Last token of the mention starting at token `k`, or -1. */
  mentionEndingFrom(k: number): number {
    return this.byFirst[k]?.last ?? -1;
  }

  record(event: SpeakerEvent): void {
    this.events.push(event);
  }

  /** The latest recorded speaker before token `at`, if it stands in paragraph `from` or later. */
  latestBefore(at: number, from: number): SpeakerEvent | null {
    const i = upperBound(this.events, at - 1, (e) => e.token) - 1;
    if (i < 0) return null;
    const e = this.events[i];
    return this.doc.paragraph[e.token] >= from ? e : null;
  }
}

/** Mentions by start, outer (longer) first. */
const byTextOrder = (a: Mention, b: Mention) => a.start - b.start || b.end - a.end;

/** Whether the mentions are already sorted by byTextOrder (the entity stage hands them over so): sorting again is skipped. */
function inTextOrder(mentions: Mention[]): boolean {
  for (let i = 1; i < mentions.length; i++) if (byTextOrder(mentions[i - 1], mentions[i]) > 0) return false;
  return true;
}

/**
 * Entity mentions, plus capitalised names where the entity stage found none
 * (all of them when it found nothing at all), in text order.
 */
function mergeUncovered(mentions: TokenMention[], capitals: TokenMention[]): TokenMention[] {
  const out: TokenMention[] = [];
  let c = 0;
  for (const m of mentions) {
    while (c < capitals.length && capitals[c].first < m.first) {
      if (capitals[c].last < m.first) out.push(capitals[c]);
      c++;
    }
    while (c < capitals.length && capitals[c].first <= m.last) c++;
    out.push(m);
  }
  while (c < capitals.length) out.push(capitals[c++]);
  return out;
}

/** Person mentions by the last word of their name, when that word names one person only. */
function knownSurnames(mentions: TokenMention[]): Map<string, TokenMention> {
  const out = new Map<string, TokenMention>();
  const ambiguous = new Set<string>();
  for (const m of mentions) {
    if (m.type !== "person") continue;
    const surname = m.name.slice(m.name.lastIndexOf(" ") + 1);
    const seen = out.get(surname);
    if (seen && seen.name !== m.name) ambiguous.add(surname);
    else out.set(surname, m);
  }
  for (const s of ambiguous) out.delete(s);
  return out;
}

/** Entity types that can speak (countries and places cannot, in news usage). */
function speakerType(type: EntityType | ""): boolean {
  return type === "" || type === "person" || type === "organization" || type === "company";
}

/** An appositive is a noun phrase: a finite verb or relative "which" between the name and the verb means a clause. */
function hasClauseMarker(doc: Doc, from: number, to: number, type: EntityType | ""): boolean {
  let relative = false;
  for (let k = from; k < to; k++) {
    const lower = doc.lower(k);
    if (lower === "who") relative = type === "person" || type === "";
    if (CLAUSE_MARKERS.has(lower) && !relative) return true;
    if (doc.quote[k] >= 0) return true;
  }
  return false;
}

function continuesName(doc: Doc, k: number): boolean {
  if (doc.isCap(k)) return true;
  if (doc.is(k, PERIOD)) return doc.end[k - 1] - doc.start[k - 1] === 1 && doc.isCap(k - 1) && doc.isCap(k + 1);
  return NAME_PARTICLES.has(doc, k) && doc.isCap(k + 1);
}

/** `Smith's` → `Smith` (the possessive of a name's last word). */
function withoutPossessive(word: string): string {
  const n = word.length;
  const apostrophe = n >= 2 && word.charCodeAt(n - 1) === 0x73 && (word.charCodeAt(n - 2) === 0x27 || word.charCodeAt(n - 2) === 0x2019);
  return apostrophe ? word.slice(0, n - 2) : word;
}

function joinName(doc: Doc, first: number, last: number, words: string[]): string {
  let name = words[0];
  for (let k = first + 1; k <= last; k++) {
    const glued = doc.is(k, PERIOD) || doc.start[k] === doc.end[k - 1];
    name += (glued ? "" : " ") + words[k - first];
  }
  return name;
}

function upperBound<T>(list: T[], value: number, key: (x: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(list[mid]) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
