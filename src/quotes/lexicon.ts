// The word lists of the attribution grammar (src/data), loaded once into Sets
// and a first-word index for multi-word cues.
import speech from "../data/speech-verbs.json" with { type: "json" };
import grammar from "../data/quote-grammar.json" with { type: "json" };
import abbreviations from "../data/abbreviations.json" with { type: "json" };
import givenNameGenders from "../data/given-name-genders.json" with { type: "json" };
import calendar from "../data/dates.json" with { type: "json" };
import type { Doc } from "./doc.ts";
import { TokenSet } from "./token-set.ts";

export type CueKind = "reporting" | "framing" | "sourcing";

export interface Cue {
  kind: CueKind;
  /** Token index of the cue's first and last word. */
  first: number;
  last: number;
  text: string;
}

const byFirstWord = new Map<string, Array<{ words: string[]; kind: CueKind; text: string }>>();
function addCues(phrases: string[], kind: CueKind): void {
  for (const phrase of phrases) {
    const words = phrase.split(" ");
    const list = byFirstWord.get(words[0]) ?? [];
    list.push({ words, kind, text: words.join(" ") });
    list.sort((a, b) => b.words.length - a.words.length); // longest match first
    byFirstWord.set(words[0], list);
  }
}
// Framing and sourcing phrases first so "called for" wins over a bare verb.
addCues(speech.sourcing, "sourcing");
addCues(speech.framing, "framing");
addCues(speech.naming, "framing");
addCues(speech.reporting, "reporting");

const CUES_BY_FIRST_WORD = new TokenSet(byFirstWord);

export const RECIPIENT_VERBS = new Set(speech.recipient);
export const NEVER_INVERTED = new Set(speech.neverInverted);
export const NAMING_VERBS = new Set(speech.naming);
const NOT_BEFORE_TO = new Set(speech.notBeforeTo);
export const BARE_CLAUSE_VERBS = new Set(speech.bareClause);
export const NOUN_OBJECT_VERBS = new Set(speech.nounObject);
export const SUBJECT_PRONOUNS = new Set(grammar.subjectPronouns);
export const RELATIVE_PRONOUNS = new Set(grammar.relativePronouns);
export const PARTICIPLE_OPENERS = new Set(grammar.participleOpeners);
export const SOURCE_NOUNS = new Set(speech.sourceNouns);
export const PERSON_PRONOUNS = new Set(grammar.personPronouns);
export const PRONOUN_GENDERS = new Map<string, string>(Object.entries(grammar.pronounGenders));
/** Given names of one gender (a name given to both is absent). */
export const GIVEN_NAME_GENDERS = new Map<string, string>([
  ...givenNameGenders.male.map((name) => [name, "male"] as const),
  ...givenNameGenders.female.map((name) => [name, "female"] as const),
]);
/** Full weekday names, and full month names but those that are also given names (April, June, August). */
export const CALENDAR_WORDS = new Set([
  ...calendar.weekdays.filter((word) => word.endsWith("day")),
  ...fullMonthNames().filter((word) => !GIVEN_NAME_GENDERS.has(word[0].toUpperCase() + word.slice(1))),
]);
export const GROUP_PRONOUNS = new Set(grammar.groupPronouns);
export const DETERMINERS = new Set(grammar.determiners);
export const ADJUNCT_STARTERS = new Set(grammar.adjunctStarters);
export const PREPOSITIONS = new Set(grammar.prepositions);
export const AUXILIARIES = new Set(grammar.auxiliaries);
export const PASSIVE = new Set(grammar.passive);
export const TIME_ADJUNCTS = new Set(grammar.timeAdjuncts);
export const COMPLEMENTIZERS = new Set(grammar.complementizer);
export const SUBORDINATORS = new Set(grammar.subordinators);
export const TITLES = TokenSet.of(grammar.titles);
export const CLAUSE_MARKERS = new Set(grammar.clauseMarkers);
export const COORDINATORS = new Set(grammar.coordinators);
export const CONNECTIVES = new Set(grammar.connectives);
export const OBJECTS = new Set(grammar.objects);
export const OTHER_PRONOUNS = new Set(grammar.otherPronouns);
export const TITLE_SMALL_WORDS = new Set(grammar.titleSmallWords);
export const DEFINITE_ANAPHORS = new Map<string, string[]>(Object.entries(grammar.definiteAnaphors));
export const NAME_PARTICLES = TokenSet.of(grammar.nameParticles);
const NON_TERMINAL = new Set(abbreviations.nonTerminal);

/**
 * Whether token `k` ends a sentence: `.`, `!` or `?`, except the period of an
 * abbreviation glued to it (`Rep.`, `U.S.`, `J.`), which stands inside names and titles.
 */
export function isStop(doc: Doc, k: number): boolean {
  const period = doc.is(k, 0x2e);
  if (!period && !doc.is(k, 0x21) && !doc.is(k, 0x3f)) return false;
  if (!period || k === 0 || doc.end[k - 1] !== doc.start[k]) return true;
  const prev = doc.tokenText(k - 1);
  return !(prev.length === 1 || prev.includes(".") || NON_TERMINAL.has(doc.lower(k - 1)));
}

/**
 * The cue starting at token `i`, if any. One-word cues must be written in
 * lower case, so "the United States" or "the Washington Post" never read as verbs.
 */
export function cueAt(doc: Doc, i: number): Cue | null {
  if (!doc.isWord(i)) return null;
  const options = CUES_BY_FIRST_WORD.get(doc, i);
  if (!options) return null;
  for (const { words, kind, text } of options) {
    // A capital is fine only for phrases ("According to X, …" opening a sentence).
    if (i + words.length > doc.size || (doc.isCap(i) && words.length === 1)) continue;
    let ok = true;
    for (let k = 1; k < words.length && ok; k++) ok = doc.lower(i + k) === words[k];
    if (ok && NOT_BEFORE_TO.has(text) && doc.lower(i + words.length) === "to") return null;
    if (ok) return { kind, first: i, last: i + words.length - 1, text };
  }
  return null;
}

/** The longest name of each month (dates.json lists abbreviations beside them). */
function fullMonthNames(): string[] {
  const longest = new Map<number, string>();
  for (const [word, month] of Object.entries(calendar.months)) if (word.length > (longest.get(month)?.length ?? 0)) longest.set(month, word);
  return [...longest.values()];
}
