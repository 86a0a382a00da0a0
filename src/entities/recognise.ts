// Finds typed entity candidates in the token stream. Candidates come from
// runs of capitalised words (with inner connectors: "Cyberspace Administration
// of China"); each run is cut into pieces by, in order:
//   1. head words that end an organisation, company or place name
//      ("... Forum", "... Group Holding Ltd", "... Province");
//   2. gazetteer phrases (countries, demonyms, places, companies);
//   3. titles and roles ("Chinese Vice-Premier", "Senior Vice President");
// and what is left is judged as a person name by its words and context.
import type { EntityType } from "../types.ts";
import { isPinyinWord, KEY_LIST as K, lexicon as L, longestOf, NAME_LIST as N, PhraseTrie, type GazetteerEntry } from "./lexicon.ts";
import { inList, inNames, PARTICLE_NAME, phrasesOf, type Token } from "./tokens.ts";

export interface Candidate {
  /** Token index range [from, to). */
  from: number;
  to: number;
  type: EntityType;
  /** Country canonical name; "" for others (the resolver names them). */
  name: string;
  code: string;
  /** A lone word that only counts if it refers back to a named entity ("Ma", "Xi"). */
  short: boolean;
  /** Preceded by an honorific ("Mr Key"): a lone word that is a person in any case. */
  honorific: boolean;
  /** A sentence-initial everyday word ("Jobs", "Scissors") that counts only as the surname of a person named in full. */
  surnameOnly: boolean;
  /** An acronym defined in brackets after its full name ("Customs and Border Protection (CBP)"): that name's candidate. */
  longForm: Candidate | undefined;
}

type Role = "title" | "businessTitle" | "none";

/** A full-name candidate; countries pass their gazetteer name and code. */
const candidate = (from: number, to: number, type: EntityType, name = "", code = ""): Candidate =>
  ({ from, to, type, name, code, short: false, honorific: false, surnameOnly: false, longForm: undefined });
/** A lone word that counts only if it refers back to a named entity. */
const shortMention = (from: number, honorific = false): Candidate =>
  ({ from, to: from + 1, type: "person", name: "", code: "", short: true, honorific, surnameOnly: false, longForm: undefined });

/** A web outlet named by its domain ("Amazon.com", "China.org.cn"). */
const WEB_DOMAIN = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|net|org|cn|co|uk|ca|au|de|fr|jp|in|io|info|news|tv)$/iu;
/** Non-commercial domains name organisations ("Scientology.org", "Polygraph.info"). */
const NONPROFIT_DOMAIN = /\.(?:org|info)(?:\.\p{L}{2})?$/iu;
/** "Sacramento-based", "NBA-leading", "Australian-born": a compound adjective, never part of a name ("Jong-un" is a name). */
const ADJECTIVE_TAIL = /-(\p{Ll}+)$/u;
const isCompoundAdjective = (t: Token): boolean => {
  const tail = t.text.includes("-") ? ADJECTIVE_TAIL.exec(t.text)?.[1] : undefined;
  return !!tail && L.common.has(tail) && (tail === "born" || (tail.endsWith("ed") && tail.length >= 4) || (tail.endsWith("ing") && tail.length >= 6));
};
/** "Prize-winner", "Oscar-nominee": an everyday noun of six or more letters as the tail (Korean "Ji-young" stays a name). */
const isCompoundNoun = (t: Token): boolean => {
  const tail = t.text.includes("-") ? ADJECTIVE_TAIL.exec(t.text)?.[1] : undefined;
  return !!tail && tail.length >= 6 && L.common.has(tail);
};
/** A single capital without a period ("S Sheldrick Redwine", a position abbreviation). */
const isBareLetter = (t: Token) => t.word && !t.initial && t.text.length === 1;
const HAS_DIGIT = /\d/;
/** English agent-noun endings ("defenseman", "ombudsman", "singer", "activist"). */
const AGENT_NOUN = /(?:man|woman|men|women|er|ers|or|ors|ist|ists)$/;
const isCapWord = (t: Token | undefined): boolean => t !== undefined && t.capWord;
/** The longest gazetteer phrase starting at `from` (exclusive bound `to`). */
const gazetteerAt = (tokens: Token[], from: number, to: number): GazetteerEntry | undefined => {
  const phrases = phrasesOf(tokens[from]);
  return phrases && longestOf(phrases, tokens, from, to);
};
const inListAt = (t: Token | undefined, list: number): boolean => t !== undefined && inList(t, list);
/** Words after which "the" stays inside a name ("Bank of the West"). */
const BEFORE_INNER_THE = new Set(["of", "for", "and"]);

function isConnector(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  const next = tokens[i + 1];
  // The cheap test on the next word first: most words after a name are followed by no capital, and need no list look-up.
  if (!t || t.lineStart || !isCapWord(next) || next.lineStart) return false;
  if (t.word ? t.cap || !inList(t, K.connectors) : t.text !== "&") return false;
  return !(t.key === "the" && i > 0 && tokens[i - 1].word && !BEFORE_INNER_THE.has(tokens[i - 1].key));
}

/** "People's Daily", "Children's Hospital": a possessive stays inside a name only before a head word. */
const continuesPastPossessive = (next: Token | undefined) => !!next && isCapWord(next) && headType(next) !== null;

const isKnownName = (w: string) => L.givenNames.has(w) || L.nameWords.has(w);
/** "Jianxiong", "Xiaoping": a capitalised Pinyin word that is neither English nor a Western given name. */
const romanisedGivenName = (t: Token | undefined): boolean =>
  !!t && t.cap && !t.upper && !t.possessive && !t.lineStart && isPinyinWord(t.text) && !inList(t, K.common) && !isKnownName(t.text) &&
  !inList(t, K.gazetteerWord) && !inNames(t, N.surnames);

/** Maximal runs of capitalised words, allowing inner connectors; [from, to) pairs. */
export function capitalisedRuns(tokens: Token[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (!t.capWord) { i++; continue; }
    // A capitalised function word never opens a name ("The Ontario Ghostbusters"), except a surname mid-sentence
    // ("He Jiankui") or before a romanised given name at the start of a sentence ("He Jianxiong said"; not "He Said").
    const stopword = inList(t, K.runStopwords) && !t.upper &&
      (!inNames(t, N.surnames) || (t.sentenceStart ? !romanisedGivenName(tokens[i + 1]) : isKnownName(titleCase(tokens[i + 1]?.text ?? "")))); // "To LeBron James"
    if (stopword) { i++; continue; }
    let j = i + 1;
    // "People's Daily" goes on past the possessive (a head word follows); "China's Zhejiang" and "Ford's Mustang" do not.
    if (!t.possessive || continuesPastPossessive(tokens[i + 1])) {
      while (j < tokens.length) {
        const u = tokens[j];
        if (u.lineStart) break;
        if (isCapWord(u)) {
          if (inList(u, K.runStopwords) && !u.upper && !inNames(u, N.surnames)) break; // "... and The Walt Disney Company"
          j++;
          if (u.possessive && !continuesPastPossessive(tokens[j])) break;
          continue;
        }
        if (isConnector(tokens, j)) { j++; continue; }
        break;
      }
    }
    // A run never ends on a connector.
    while (j > i + 1 && !isCapWord(tokens[j - 1])) j--;
    runs.push([i, j]);
    i = j;
  }
  return runs;
}

const isTitleWord = (t: Token) => inList(t, K.titleWord);
const isLegalForm = (t: Token) => inList(t, K.companyLegalForms) && (t.cap || t.upper);
const headType = (t: Token): EntityType | "thing" | null => {
  if (isLegalForm(t)) return "company";
  if (inList(t, K.thingHeads)) return "thing";
  if (inList(t, K.companyHeads)) return "company";
  if (inList(t, K.organizationHeads)) return "organization";
  if (inList(t, K.placeHeads)) return "place";
  return null;
};
/** A capitalised word that is not an everyday English word (a brand or a name). */
const isDistinctive = (t: Token) => !t.upper && !inList(t, K.common) && !inList(t, K.calendarWords) &&
  (t.key.includes("-") ? !isCompoundAdjective(t) && !t.key.split("-").some((part) => L.gazetteer.word(part)) // "Hungarian-American" is no brand
    : !inList(t, K.gazetteerWord));
/**
 * "WeWork", "CarPlay", "YouTube": an English word joined to a capitalised word marks a brand; a name prefix
 * ("McDonald", "LeBron") or a romanised syllable ("RuiWen") does not.
 */
const INNER_CAPITAL = /^(\p{Lu}\p{Ll}+)\p{Lu}\p{Ll}/u;
const isCamelBrand = (t: Token): boolean => {
  const head = INNER_CAPITAL.exec(t.text)?.[1]?.toLowerCase();
  return !!head && L.common.has(head) && !L.camelNamePrefixes.has(head);
};
/** An everyday English word, hyphenated compounds included ("Prize-winner"). */
const isEveryday = (t: Token) => inList(t, K.everyday);
/** A word that describes a person rather than names one ("Scientologist", "Pan-democrat"). */
const isDescriptor = (t: Token) => !startsName(t) && (isEveryday(t) || /(?:ist|ian|ite|ese)$/.test(t.key) || inList(t, K.gazetteerWord));
/** A function word that begins a new sentence when a caption lacks its period ("Regina Ip In the ..."); not "To" or "Or", which are surnames. */
const SENTENCE_OPENER = (t: Token) => inList(t, K.runStopwords) && t.key !== "to" && t.key !== "or";
/** Token `at` is the given name of a two-word East Asian name starting at `from` ("Liu He"), though it is also a function word. */
const isSyllableGivenName = (tokens: Token[], from: number, at: number) =>
  at === from + 1 && inNames(tokens[from], N.surnames) && isPinyinWord(tokens[at].text);
/** Could stand inside a person's name. */
const isNameLike = (t: Token) =>
  !t.upper && (t.initial || inNames(t, N.givenNames) || inNames(t, N.surnames) || inNames(t, N.nameWords) || !inList(t, K.common));
const startsName = (t: Token) => inNames(t, N.givenNames) || inNames(t, N.surnames);

interface Piece { from: number; to: number; type: EntityType | "title" | "name" | "region" | "thing"; entry?: GazetteerEntry }

export function recognise(tokens: Token[]): Candidate[] {
  const out: Candidate[] = [];
  for (const [from, to] of capitalisedRuns(tokens)) {
    const allCapsName = allCapsPerson(tokens, from, to);
    if (allCapsName) {
      out.push(candidate(from, to, "person", allCapsName));
      continue;
    }
    for (const p of cutRun(tokens, from, to)) {
      if (p.type === "region" || p.type === "title" || p.type === "thing") continue;
      if (p.type === "name") judgeName(tokens, p, pieceRole(tokens, from, p), out);
    // "LG spokesman", "HP chief executive": an acronym governing a business role is a company.
    else if (p.type === "organization" && p.to - p.from === 1 && tokens[p.from].upper && inListAt(roleAfterName(tokens, p.to), K.companyRoles)) {
      out.push(candidate(p.from, p.to, "company"));
    }
      else if (p.type === "organization" && employerOfBusinessTitle(tokens, from, p)) out.push(candidate(p.from, p.to, "company"));
      else out.push(candidate(p.from, p.to, p.type, p.entry?.type === "country" ? p.entry.name : "", p.entry?.code ?? ""));
    }
  }
  markListedCompanies(tokens, out);
  markCoordinatedCompanies(tokens, out);
  markTickedCompanies(tokens, out);
  markAppositiveCompanies(tokens, out);
  const sorted = out.sort((a, b) => a.from - b.from);
  return markCompanyShortenings(tokens, linkDefinedAcronyms(tokens, sorted));
}

/**
 * "Big Machine" after or before "Big Machine Label Group": the words of a company's name before its head words
 * and legal forms, written alone and capitalised, are that company. Only shortenings of two or more words (a lone
 * word is a short mention already), found through a token trie in one pass.
 */
function markCompanyShortenings(tokens: Token[], sorted: Candidate[]): Candidate[] {
  const stems = new PhraseTrie();
  const owner = new Map<string, Candidate>();
  for (const c of sorted) {
    if (c.type !== "company" || c.short || c.longForm) continue;
    let to = c.to;
    while (to > c.from && (headType(tokens[to - 1]) === "company" || !tokens[to - 1].word)) to--;
    if (to === c.to || to - c.from < 2 || !tokens.slice(c.from, to).every((t) => t.cap)) continue;
    const keys = tokens.slice(c.from, to).map((t) => t.key);
    const joined = keys.join(" ");
    if (owner.has(joined)) continue;
    owner.set(joined, c);
    stems.add({ keys, name: joined, type: "company", code: "", demonym: false });
  }
  if (!owner.size) return sorted;
  // Lone words are no obstacle: "Records" in "Big Machine Records" gives way to the longer name.
  const covered = new Uint8Array(tokens.length);
  for (const c of sorted) if (!c.short) covered.fill(1, c.from, c.to);
  const added: Candidate[] = [];
  const taken = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const prev = tokens[i - 1];
    if (covered[i] || !tokens[i].cap || (isCapWord(prev) && !(prev.sentenceStart && inList(prev, K.runStopwords)))) continue;
    const stem = stems.longest(tokens, i, tokens.length);
    if (!stem) continue;
    const to = i + stem.keys.length;
    if (covered.subarray(i, to).some((x) => x) || !tokens.slice(i, to).every((t) => t.cap)) continue;
    // "Big Machine Records": the shortening with another company head is a company of its own name.
    let end = to;
    while (end < tokens.length && !covered[end] && tokens[end].cap && headType(tokens[end]) === "company") end++;
    if (isCapWord(tokens[end])) continue;
    added.push(end > to ? candidate(i, end, "company") : { ...candidate(i, to, "company"), longForm: owner.get(stem.name) });
    taken.fill(1, i, end);
    i = end - 1;
  }
  return added.length ? [...sorted.filter((c) => !taken[c.from]), ...added].sort((a, b) => a.from - b.from) : sorted;
}

/** Lower-case words an organisation's name may hold that its acronym skips ("Department of Homeland Security"). */
const ACRONYM_SKIPS = new Set(["of", "and", "for", "the", "on", "&"]);

/**
 * Where the capitalised words right before "(ACR)" spell the acronym, returns the index of the first of them:
 * "U.S. Customs and Border Protection (CBP)" -> "Customs".
 */
function acronymStart(tokens: Token[], open: number, acronym: string): number {
  let k = open - 1;
  let letter = acronym.length - 1;
  while (letter >= 0 && k >= 0) {
    const t = tokens[k];
    if (t.word && t.cap && !t.lineStart && t.text[0] === acronym[letter]) { letter--; k--; continue; }
    if (!t.cap && ACRONYM_SKIPS.has(t.key) && letter < acronym.length - 1) { k--; continue; }
    return -1;
  }
  return letter < 0 ? k + 1 : -1;
}

/**
 * "Customs and Border Protection (CBP) ... CBP said": an acronym in brackets right after the name it spells is
 * that entity, there and in every later mention; a spelled-out name no rule typed is an organisation.
 */
function linkDefinedAcronyms(tokens: Token[], sorted: Candidate[]): Candidate[] {
  const defined = new Map<string, Candidate>();
  const replaced = new Set<Candidate>();
  const added: Candidate[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i];
    const t = tokens[c.from];
    if (c.to - c.from !== 1 || !t.upper || c.type !== "organization") continue;
    const long = defined.get(t.key);
    if (long) { c.longForm = long; continue; }
    if (tokens[c.from - 1]?.text !== "(" || tokens[c.to]?.text !== ")" || t.text.length > 8) continue;
    const open = c.from - 1;
    const start = acronymStart(tokens, open, t.text);
    if (start < 0) continue;
    let host: Candidate | undefined;
    let j = i - 1;
    for (; j >= 0 && sorted[j].to > start; j--) if (sorted[j].to === open && sorted[j].from <= start && !sorted[j].short) host = sorted[j];
    if (host?.type === "person") continue;
    if (!host) {
      // The spelled-out name replaces the pieces it was cut into ("Customs" alone made no name).
      for (let k = j + 1; k < i; k++) replaced.add(sorted[k]);
      host = candidate(start, open, "organization");
      added.push(host);
    }
    defined.set(t.key, host);
    c.longForm = host;
  }
  if (!added.length) return sorted;
  return [...sorted.filter((x) => !replaced.has(x)), ...added].sort((a, b) => a.from - b.from);
}

const titleCase = (w: string) => w.toLowerCase().replace(/(^|[-'’])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());

/** "By SAJJAD MALIK": an all-caps run of two or three name words, named in title case. */
function allCapsPerson(tokens: Token[], from: number, to: number): string {
  const words = tokens.slice(from, to);
  if (words.length < 2 || words.length > 3 || !words.every((t) => t.upper)) return "";
  const names = words.map((t) => titleCase(t.text));
  const known = names.some((n) => L.givenNames.has(n) || L.surnames.has(n) || L.nameWords.has(n));
  const plausible = names.every((n) => !L.common.has(n.toLowerCase()) || L.givenNames.has(n) || L.surnames.has(n));
  const gazetteer = words.some((t, k) => gazetteerAt(tokens, from + k, to) || headType(t) || isTitleWord(t));
  return known && plausible && !gazetteer ? names.join(" ") : "";
}

/** An everyday word that names no country or place ("Science", "Technology"). */
const isPlainWord = (t: Token) => isEveryday(t) && !inList(t, K.gazetteerWord);

/** Splits one run into typed pieces (see the header comment for the order). */
function cutRun(tokens: Token[], from: number, to: number): Piece[] {
  const pieces: Piece[] = [];
  // 1. head-anchored names, found left to right; each takes the words before it.
  let free = from;
  for (let h = from; h < to; h++) {
    if (!headType(tokens[h]) || !tokens[h].cap) continue;
    // "Silk Road Fund": the last head of a stretch of capitalised words decides.
    for (let k = h + 1; k < to && isCapWord(tokens[k]) && !isTitleWord(tokens[k]); k++) {
      if (headType(tokens[k])) h = k;
    }
    const type = headType(tokens[h])!;
    let s = h;
    while (s - 1 >= free) {
      const prev = tokens[s - 1];
      if (!prev.word || (!prev.cap && prev.key !== "and") || (prev.cap && isTitleWord(prev) && !inList(prev, K.titleModifiers))) break;
      if (prev.key === "and" && s - 1 === free) break;
      // "Science and Technology Ministry" is one name; "Gannett and GateHouse Media" is two.
      if (prev.key === "and" && !(isPlainWord(tokens[s]) && s - 2 >= free && isPlainWord(tokens[s - 2]))) break;
      s--;
    }
    const ofFollows = (tokens[h + 1]?.key === "of" || tokens[h + 1]?.key === "for") && h + 2 < to;
    if (s === h && !(ofFollows && headType(tokens[h]) !== "company")) continue; // "University of Southern Indiana" needs no words before
    while (s < h && !isCapWord(tokens[s])) s++;
    // "Marc Lamont Hill": a surname-like place head after a given name is a surname.
    if ((type === "place" || type === "thing") && inNames(tokens[h], N.nameWords) && inNames(tokens[s], N.givenNames) && tokensIn(tokens, s, h).every(isNameLike)) continue;
    if (type === "company" && !isLegalForm(tokens[h]) && !tokensIn(tokens, s, h).some(isDistinctive)) continue;
    let e = h + 1;
    while (e < to && isCapWord(tokens[e]) && isLegalForm(tokens[e])) e++;
    if (type !== "company" && e + 1 < to && (tokens[e].key === "of" || tokens[e].key === "for")) {
      let k = e + 1;
      if (tokens[k].key === "the") k++;
      while (k < to && isCapWord(tokens[k]) && !isTitleWord(tokens[k]) && !startsName(tokens[k])) k++;
      if (k > e + 1 && isCapWord(tokens[k - 1])) e = k;
    }
    const known = gazetteerAt(tokens, s, to);
    if (known && s + known.keys.length >= e) continue; // "Republic of Korea" is a country, not a head-word name
    for (const piece of cutPlain(tokens, free, s)) pieces.push(piece);
    pieces.push({ from: s, to: e, type: tokens[e - 1] && isLegalForm(tokens[e - 1]) ? "company" : type });
    free = e;
    h = e - 1;
  }
  for (const piece of cutPlain(tokens, free, to)) pieces.push(piece);
  return pieces;
}

/** The words of [from, to) that may stand in a name: capitalised ones and particle names ("al-Amr"). */
function tokensIn(tokens: Token[], from: number, to: number): Token[] {
  const words: Token[] = [];
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (t.word && (t.cap || PARTICLE_NAME.test(t.text))) words.push(t);
  }
  return words;
}

/** The name piece cutPlain is collecting. */
interface OpenName {
  pieces: Piece[];
  /** Its first token; -1 when none is open. */
  start: number;
  /** It holds a word that is no everyday word, or a name word. */
  hasNameWord: boolean;
}

/** Closes the open name piece (if any) at `end`. */
function flushName(name: OpenName, end: number): void {
  if (name.start >= 0) name.pieces.push({ from: name.start, to: end, type: "name" });
  name.start = -1;
  name.hasNameWord = false;
}

/** Gazetteer phrases and titles; what lies between them is a name piece. */
function cutPlain(tokens: Token[], from: number, to: number): Piece[] {
  const pieces: Piece[] = [];
  const name: OpenName = { pieces, start: -1, hasNameWord: false };
  for (let i = from; i < to; ) {
    const t = tokens[i];
    if (!isCapWord(t)) {
      if (!inList(t, K.nameParticles)) flushName(name, i); // "Baidu and Tencent" is two names
      i++;
      continue;
    }
    // A given name (or a Chinese-order surname) before another name word is a person even when
    // it is also a one-word place or country ("Jordan Henderson", "Lau Siu-lai"); "North Carolina" stays a place.
    const found = gazetteerAt(tokens, i, to);
    const personAhead = startsName(t) && (!found || found.keys.length === 1) && i + 1 < to && isCapWord(tokens[i + 1]) &&
      isNameLike(tokens[i + 1]) && !gazetteerAt(tokens, i + 1, to);
    // "Enter South Dakota": a gazetteer name is absorbed only by a name that already holds a name word.
    const insideName = name.start >= 0 && !t.upper && isNameLike(t) && found?.type !== "country" &&
      (!found || name.hasNameWord);
    const entry = personAhead || insideName ? undefined : found;
    // "the Amazon rainforest": a company name rarely takes "the", unless a product name follows ("the Google Stadia").
    const companyOk = !(i > 0 && tokens[i - 1].key === "the") || (!!entry && isCapWord(tokens[i + entry.keys.length]) && i + entry.keys.length < to);
    if (entry && (entry.type !== "company" || companyOk)) {
      // "Inner Mongolia", "Northern Ireland": a part of a country the gazetteer does not know is a place.
      if (entry.type === "country" && !entry.demonym && name.start >= 0 && name.start === i - 1 && inList(tokens[i - 1], K.placeModifiers)) {
        name.start = -1;
        name.hasNameWord = false;
        pieces.push({ from: i - 1, to: i + entry.keys.length, type: "place" });
        i += entry.keys.length;
        continue;
      }
      flushName(name, i);
      pieces.push({ from: i, to: i + entry.keys.length, type: entry.type, entry });
      i += entry.keys.length;
      continue;
    }
    const givenNameFirst = inNames(t, N.givenNames) && name.start < 0 && isCapWord(tokens[i + 1]) && i + 1 < to &&
      !isTitleWord(tokens[i + 1]) && isNameLike(tokens[i + 1]) && !(i > from && isTitleWord(tokens[i - 1]));
    if (isTitleWord(t) && !givenNameFirst) {
      // Modifiers count only next to a core title ("Senior Vice President").
      let j = i;
      while (j < to && (isTitleWord(tokens[j]) || (!tokens[j].cap && (tokens[j].key === "and" || tokens[j].key === "&" || tokens[j].key === "of")))) j++;
      while (j > i && !isTitleWord(tokens[j - 1])) j--;
      const core = tokensIn(tokens, i, j).some((x) => inList(x, K.coreTitle));
      if (core || (j === i + 1 && inList(t, K.honorifics) && name.start < 0)) {
        flushName(name, i);
        pieces.push({ from: i, to: j, type: "title" });
        i = j;
        continue;
      }
    }
    if (t.text.includes(".") && WEB_DOMAIN.test(t.text)) { // most words have no dot and skip the regex
      flushName(name, i);
      pieces.push({ from: i, to: i + 1, type: NONPROFIT_DOMAIN.test(t.text) ? "organization" : "company" });
      i++;
      continue;
    }
    if (t.upper && !t.initial) {
      flushName(name, i);
      // Acronyms are organisations unless they abbreviate things ("SUV") or are shouted words ("GET OUT").
      const shouted = tokens[i + 1]?.upper || (i > 0 && tokens[i - 1].upper);
      if (!inList(t, K.genericAcronyms) && !shouted) pieces.push({ from: i, to: i + 1, type: "organization" });
      i++;
      continue;
    }
    if (name.start < 0) name.start = i;
    name.hasNameWord ||= startsName(t) || inNames(t, N.nameWords) || !isEveryday(t);
    i++;
  }
  flushName(name, to);
  return pieces;
}

/** "Senior Vice President of SAP": an acronym governed by a business title is a company. */
function employerOfBusinessTitle(tokens: Token[], runFrom: number, p: Piece): boolean {
  return p.to - p.from === 1 && p.from > 0 && tokens[p.from - 1].key === "of" && pieceRole(tokens, runFrom, p) === "businessTitle";
}

/** The role context of a name piece: a title piece or lower-case title right before it. */
function pieceRole(tokens: Token[], runFrom: number, p: Piece): Role {
  let k = p.from - 1;
  while (k >= 0 && tokens[k].word && !tokens[k].cap && inList(tokens[k], K.connectors)) k--;
  let business = false;
  let title = false;
  for (let j = k; j >= 0 && j >= k - 5; j--) {
    const t = tokens[j];
    if (!t.word) break;
    if (j < runFrom - 1 && t.cap && !isTitleWord(t)) break;
    if (!isTitleWord(t) && !inList(t, K.connectors)) break;
    if (inList(t, K.coreTitle)) title = true;
    if (inList(t, K.businessRoles)) business = true;
  }
  return business ? "businessTitle" : title ? "title" : "none";
}

/** The role word right after a name, past up to two title modifiers ("X chief executive"). */
function roleAfterName(tokens: Token[], to: number): Token | undefined {
  let r = to;
  while (r < to + 2 && tokens[r]?.word && !tokens[r].cap && inList(tokens[r], K.titleModifiers) && !inList(tokens[r], K.businessRoles)) r++;
  return tokens[r];
}

const isEverydayNotName = (t: Token) => isEveryday(t) && !startsName(t) && !inNames(t, N.nameWords);

/** Decides what a leftover name piece is: a person, a company after "CEO of", or a short mention. */
function judgeName(tokens: Token[], p: Piece, role: Role, out: Candidate[]): void {
  let from = p.from;
  let to = p.to;
  // "Ousted WeWork CEO": a capital that is only the sentence's is no part of a name.
  while (to - from > 1 && tokens[from].sentenceStart && isEveryday(tokens[from]) && !startsName(tokens[from]) && !inNames(tokens[from], N.nameWords) &&
    isDistinctive(tokens[from + 1])) from++;
  const lone = tokens[from];
  const pieceWords = tokensIn(tokens, from, to);
  // "Apple CEO Tim Cook", "the Alibaba chairman", "Wells Fargo analyst", "Home Depot shares": a name governing a
  // business role is a company: a lone word, or several words none of which is a given name.
  const roleAfter = roleAfterName(tokens, to);
  const governsRole = !!roleAfter?.word && inList(roleAfter, K.businessRoles);
  if (governsRole && (to - from === 1
    ? !startsName(lone) && !isCompoundAdjective(lone) && !inList(lone, K.calendarWords) && (isDistinctive(lone) || !lone.sentenceStart)
    : role === "none" && inList(roleAfter, K.companyRoles) && !pieceWords.some((t) => HAS_DIGIT.test(t.text)))) {
    out.push(candidate(from, to, "company"));
    return;
  }
  // "strategist at Miller Tabak": the name after "<job> at" is the employer.
  if (from > 1 && tokens[from - 1].key === "at" && tokens[from - 2].word && !tokens[from - 2].cap && inList(tokens[from - 2], K.employerRoles)) {
    out.push(candidate(from, to, "company"));
    return;
  }
  const afterOf = from > 0 && (tokens[from - 1].key === "of" || tokens[from - 1].key === "for") && role !== "none";
  // "Commissioner for Human Rights", "Minister of Foreign Affairs": everyday words after a title name its domain.
  if (afterOf && pieceWords.every(isEveryday)) return;
  // "CEO of Sina Cao Guowei": the words before the first name-starting word are the employer.
  if (afterOf && tokens[from - 1].key === "of") {
    let k = from + 1;
    while (k < to - 1 && !startsName(tokens[k])) k++;
    if (k < to - 1) {
      out.push(candidate(from, k, role === "businessTitle" ? "company" : "organization"));
      from = k;
    } else if (to - from === 1) {
      out.push(candidate(from, to, role === "businessTitle" ? "company" : "organization"));
      return;
    }
  }
  // Leading everyday words are not part of a name ("Science and Technology Makame M. Mbarawa",
  // "Pan-democrat Gary Fan"), nor are adjectives ("Sacramento-based McClatchy") and position letters
  // ("S Sheldrick Redwine"), nor is a descriptor before a given name ("Scientologist Tom Cruise").
  while (from < to && (!isCapWord(tokens[from]) || isEverydayNotName(tokens[from]) || isBareLetter(tokens[from]) || isCompoundAdjective(tokens[from]))) from++;
  // "Regina Ip In", "a Booker Prize-winner": a trailing function word or compound noun ("-winner") ends no name;
  // but "Liu He": a one-syllable given name after an East Asian surname is one.
  while (to > from && (!isCapWord(tokens[to - 1]) || (SENTENCE_OPENER(tokens[to - 1]) && !isSyllableGivenName(tokens, from, to - 1)) ||
    isCompoundAdjective(tokens[to - 1]) || isCompoundNoun(tokens[to - 1]))) to--;
  const given = tokens.slice(from + 1, to - 1).findIndex((t) => inNames(t, N.givenNames));
  if (given >= 0 && isDescriptor(tokens[from + given])) from += 1 + given; // "Booker Prize-winner Margaret Atwood"
  // "Defenseman Jonas Brodin", "Ombudsman Nadia Cruz": an agent noun before a given name and a surname is a descriptor.
  if (to - from >= 3 && inNames(tokens[from + 1], N.givenNames) && !inList(tokens[from + 1], K.nameParticles) &&
    AGENT_NOUN.test(tokens[from].key) && !startsName(tokens[from]) && !inNames(tokens[from], N.nameWords) && isCapWord(tokens[from + 2])) from++;
  if (from >= to) {
    // A lone everyday word may still be a listed company ("giants including Apple, Amazon").
    const t = tokens[p.from];
    // "Jobs would leave": at a sentence start it counts only as the surname of a person named in full.
    if (p.to - p.from === 1 && t.cap) out.push({ ...shortMention(p.from), surnameOnly: t.sentenceStart });
    return;
  }
  const words = tokensIn(tokens, from, to);
  if (!words.length) return;
  // "Powerbeats3 Wireless", "Radeon Pro 5500M", "Apple CarPlay": product and brand names carry digits or inner capitals; names do not.
  if (words.some((t) => HAS_DIGIT.test(t.text))) return;
  if (words.length > 1 && words.some(isCamelBrand)) {
    for (let k = from; k < to; k++) if (isCapWord(tokens[k]) && isDistinctive(tokens[k])) out.push(shortMention(k));
    return;
  }
  if (words.length > 1 && (inList(words[0], K.placePrefixes) || inList(words[0], K.organizationPrefixes))) {
    out.push(candidate(from, to, inList(words[0], K.placePrefixes) ? "place" : "organization"));
    return;
  }
  const prev = tokens[from - 1]?.text === "." ? tokens[from - 2] : tokens[from - 1]; // "Mr. Smith"
  const honorific = !!prev && prev.word && inList(prev, K.honorifics);
  if (words.length === 1) {
    const t = words[0];
    // "Mr Key" is a person; "Premier League" is not: a title needs a word that could only be a name.
    const titled = honorific && (inList(prev, K.courtesyHonorifics) || (!headType(t) && (!isEveryday(t) || inNames(t, N.nameWords))));
    if (isNameLike(t) || titled) out.push(shortMention(from, titled));
    return;
  }
  if (!words.every((t) => isNameLike(t) || inList(t, K.nameParticles)) && !startsName(words[0]) && role === "none" && !honorific) {
    // Not a name as a whole: its single distinctive words may still refer back to entities.
    for (let k = from; k < to; k++) {
      if (isCapWord(tokens[k]) && isDistinctive(tokens[k])) out.push(shortMention(k));
    }
    return;
  }
  // "Star Wars", "Red Cross", "Land Base": an everyday last word needs a name-starting first word or a role.
  const last = words[words.length - 1];
  const first = words[0];
  const clearFirstName = (startsName(first) || inNames(first, N.nameWords)) && !inList(first, K.common);
  const thingName = isEveryday(first) || !inNames(last, N.nameWords); // "Helmut Newton" is a name, "Bat Cave" is not
  if (isEveryday(last) && !inNames(last, N.surnames) && !clearFirstName && thingName && role === "none" && !honorific) return;
  if (inList(last, K.calendarWords)) return; // "Black Friday", "Super Tuesday"
  const titled = role !== "none" || honorific;
  const next = tokens[to];
  // "Walter Reed hospital", "Kennedy airport": a name before an institution noun names the institution.
  if (!titled && next?.word && !next.cap && inList(next, K.institutionHeads) && !tokens[to - 1].possessive) {
    out.push(candidate(from, to, "organization"));
    return;
  }
  // "the Cleveland Browns", "the Doobie Brothers": a plural name after an article is a team or band, not a person.
  if (!titled && tokens[from - 1]?.key === "the" && /\p{Ll}s$/u.test(last.text) && !last.possessive && !inNames(last, N.nameWords)) {
    out.push(candidate(from, to, "organization"));
    return;
  }
  out.push(candidate(from, to, "person"));
}

/** "Ubisoft, Microsoft, and Sony": lone words coordinated with a company are companies too. */
function markCoordinatedCompanies(tokens: Token[], out: Candidate[]): void {
  const sorted = [...out].sort((a, b) => a.from - b.from);
  // A lone word that is part of a person's full name elsewhere stays a person ("Mohamed").
  const personWords = new Set<string>();
  for (const c of out) if (c.type === "person" && !c.short) for (let k = c.from; k < c.to; k++) personWords.add(tokens[k].key);
  let group: Candidate[] = [];
  let groupEnd = -1;
  let conjoined = false;
  for (const c of sorted) {
    const prev = group[group.length - 1];
    if (prev && c.short && groupEnd === c.from) { groupEnd = c.to; continue; } // "Lockheed Martin": a word glued to a name stays out of the list
    if (prev && !coordinated(tokens, groupEnd, c.from)) {
      markCoordinatedGroup(tokens, group, conjoined, personWords);
      group = [];
      conjoined = false;
    } else if (prev) conjoined ||= tokens[c.from - 1].key === "and" || tokens[c.from - 1].key === "or";
    group.push(c);
    groupEnd = c.to;
  }
  markCoordinatedGroup(tokens, group, conjoined, personWords);
}

/** Types the members of one group of coordinated candidates (see markCoordinatedCompanies). */
function markCoordinatedGroup(tokens: Token[], group: Candidate[], conjoined: boolean, personWords: Set<string>): void {
  // "the AMAs, Dick Clark Productions": two names joined by a comma alone are an apposition, not a list.
  if ((conjoined || group.length > 2) && group.some((c) => c.type === "company")) {
    for (const c of group) if (c.short && isDistinctive(tokens[c.from]) && !personWords.has(tokens[c.from].key)) { c.type = "company"; c.short = false; }
    // "Draper, Lockheed and Northrop Grumman": a two-word "name" in a list ("and"/"or", not an apposition such as
    // "co-founder of Google, Sergey Brin") with two companies is one too.
    if (conjoined && group.filter((c) => c.type === "company").length > 1) {
      for (const c of group) if (c.type === "person" && !c.short && c.to - c.from === 2) c.type = "company";
    }
  }
}

/** Only ",", "and", "or" (or ", and") lie between two candidates. */
function coordinated(tokens: Token[], from: number, to: number): boolean {
  if (to <= from || to - from > 2) return false;
  for (let k = from; k < to; k++) if (![",", "and", "or"].includes(tokens[k].key)) return false;
  return true;
}

const isLowerIn = (t: Token, list: number) => t.word && !t.cap && inList(t, list);

/**
 * The company nouns (in text order) whose list, past any introducers ("including"), lands on a capitalised word or
 * a candidate: only those can list names. Found back from those words, so most words are never looked up.
 */
function listingNouns(tokens: Token[], out: Candidate[]): number[] {
  const starts = new Uint8Array(tokens.length);
  for (const c of out) starts[c.from] = 1;
  const nouns: number[] = [];
  for (let k = 1; k < tokens.length; k++) {
    if ((!tokens[k].capWord && !starts[k]) || isLowerIn(tokens[k], K.listIntroducers)) continue;
    for (let m = k - 1; m >= 0; m--) {
      if (isLowerIn(tokens[m], K.companyNouns)) nouns.push(m);
      if (!isLowerIn(tokens[m], K.listIntroducers)) break;
    }
  }
  return nouns.sort((a, b) => a - b);
}

/** "Internet companies Alibaba, Tencent and Baidu": names listed after a company noun are companies. */
function markListedCompanies(tokens: Token[], out: Candidate[]): void {
  const nouns = listingNouns(tokens, out);
  if (!nouns.length) return;
  const byStart = new Map(out.map((c) => [c.from, c]));
  const covered = new Uint8Array(tokens.length);
  for (const c of out) covered.fill(1, c.from, c.to);
  for (const i of nouns) {
    let k = i + 1;
    while (k < tokens.length && isLowerIn(tokens[k], K.listIntroducers)) k++;
    while (k < tokens.length) {
      let c = byStart.get(k);
      if (!c) {
        // "construction goods giant Home Depot": everyday capitalised words that made no name are the company's name.
        let j = k;
        while (j < tokens.length && j - k < 3 && !covered[j] && isCapWord(tokens[j]) && !tokens[j].sentenceStart && !tokens[j].lineStart &&
          !inList(tokens[j], K.titles) && !inList(tokens[j], K.runStopwords)) {
          j++;
          if (tokens[j - 1].possessive) break;
        }
        if (j === k || isCapWord(tokens[j]) && !tokens[j - 1].possessive) break;
        c = candidate(k, j, "company");
        out.push(c);
      }
      if ((c.type !== "person" && c.type !== "company") || c.to - c.from > 2) break;
      if (c.type === "person" && !c.short) break;
      c.type = "company";
      c.short = false;
      k = c.to;
      if (tokens[k]?.text === ",") k++;
      if (tokens[k]?.key === "and" || tokens[k]?.key === "or") k++;
    }
  }
}

/** "Acme Corp (NYSE: ACM)": a name right before an exchange ticker in brackets is a company. */
function markTickedCompanies(tokens: Token[], out: Candidate[]): void {
  for (const c of out) {
    const open = tokens[c.to];
    if (open?.text === "(" && inListAt(tokens[c.to + 1], K.stockExchanges) && tokens[c.to + 2]?.text === ":" &&
      (c.type === "person" || c.type === "organization")) {
      c.type = "company";
      c.short = false;
    }
  }
}

/** Words an appositive may hold between its article and its company noun ("a freight forwarding startup"). */
const APPOSITIVE_WORDS = 5;

/**
 * "Flexport, a freight forwarding startup,", "Ascom, a global solutions provider": a name followed by an
 * appositive whose head is a company noun is a company. The noun must end the appositive ("a bank teller",
 * "a startup founder" describe people), and "the" needs a modifier ("X, the company said" is no appositive).
 */
function markAppositiveCompanies(tokens: Token[], out: Candidate[]): void {
  for (const c of out) {
    if (c.type === "company" || c.type === "country" || c.type === "place") continue;
    if (c.type === "person" && !c.short && c.to - c.from > 3) continue;
    if (tokens[c.to]?.text !== "," || !["a", "an", "the"].includes(tokens[c.to + 1]?.key ?? "")) continue;
    const first = c.to + 2;
    let k = first;
    while (k < first + APPOSITIVE_WORDS && tokens[k]?.word && !tokens[k].cap && !inList(tokens[k], K.companyNouns) &&
      !inList(tokens[k], K.connectors) && !inList(tokens[k], K.runStopwords)) k++;
    const noun = tokens[k];
    if (!noun?.word || noun.cap || !inList(noun, K.companyNouns) || noun.possessive) continue;
    if (tokens[c.to + 1].key === "the" && k === first) continue;
    const after = tokens[k + 1];
    if (after && after.word && !inList(after, K.connectors) && !inList(after, K.appositiveEnds)) continue;
    c.type = "company";
    c.short = false;
  }
}
