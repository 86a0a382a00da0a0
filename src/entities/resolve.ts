// Gives every candidate its canonical name, so each real thing appears once
// per article: companies lose their legal forms ("Alibaba Group Holding Ltd"
// -> "Alibaba"), and lone words ("Ma", "Xi", "Kaspersky") take the name of
// the nearest preceding person or company they belong to (or, failing that,
// the first following one).
import type { Mention } from "../types.ts";
import { KEY_LIST as K, NAME_LIST as N } from "./lexicon.ts";
import type { Candidate } from "./recognise.ts";
import { inList, inNames, type Token } from "./tokens.ts";

interface Referent {
  /** Token index where the entity was named. */
  at: number;
  name: string;
  type: "person" | "company";
  /** Lower-case keys a lone word may match: any word of a person's name ("Lula" of Luiz Inácio Lula da Silva), a company's first word. */
  handles: Set<string>;
  /** A person's last name word (Western order), the one handle a sentence-initial everyday word may match. */
  surname?: string;
}

const slice = (text: string, tokens: Token[], from: number, to: number) => text.slice(tokens[from].start, tokens[to - 1].end);

/** Company name without trailing legal forms, keeping at least one word. */
function companyName(text: string, tokens: Token[], c: Candidate): string {
  let to = c.to;
  while (to - 1 > c.from && (inList(tokens[to - 1], K.companyLegalForms) || !tokens[to - 1].word)) to--;
  const from = tokens[c.from].key === "the" ? c.from + 1 : c.from;
  // "Australian Broadcasting Corporation" keeps its legal form: without it no word is a brand.
  const brand = tokens.slice(from, to).some((t) => t.word && !inList(t, K.common) && !inList(t, K.gazetteerWord));
  if (!brand) to = c.to;
  return slice(text, tokens, Math.min(from, to - 1), to);
}

const nameWords = (tokens: Token[], from: number, to: number) =>
  tokens.slice(from, to).filter((t) => t.word && t.cap && !t.initial && !inList(t, K.nameParticles));

export function resolve(text: string, tokens: Token[], candidates: Candidate[]): Mention[] {
  const referents: Referent[] = [];
  const companyByKey = new Map<string, string>();
  const personByKey = new Map<string, string>();
  const named: Array<{ c: Candidate; name: string }> = [];
  // What each full name was resolved to, for the acronyms and shortenings that stand for it ("CBP", "Big Machine").
  const resolvedAs = new Map<Candidate, { resolvedName: string; type: Candidate["type"]; code: string }>();
  const longForms = new Set<Candidate>();
  for (const c of candidates) if (c.longForm) longForms.add(c.longForm);
  const surnames = personSurnames(tokens, candidates);
  // "Northrop Grumman" typed a company once (in a list of companies) is one everywhere in the article.
  const companyNames = new Set(candidates.filter((c) => c.type === "company" && !c.short).map((c) => companyName(text, tokens, c).toLowerCase()));

  for (let c of candidates) {
    if (c.longForm) { named.push({ c, name: slice(text, tokens, c.from, c.to) }); continue; } // named after the loop: its long form may come later
    const original = c;
    if (c.type === "person" && !c.short && companyNames.has(slice(text, tokens, c.from, c.to).toLowerCase())) c = { ...c, type: "company" };
    if (c.type === "person" && !c.short && modifiesKnownPerson(tokens, c, surnames)) {
      // "Warhol Polaroids" after Andy Warhol: the surname refers back; the rest is not a name.
      named.push({ c: { ...c, to: c.from + 1, short: true }, name: "" });
      continue;
    }
    if (c.short) { named.push({ c, name: "" }); continue; }
    if (c.to - c.from === 1 && (c.type === "place" || c.type === "company") && surnames.has(tokens[c.from].key)) {
      // "Richardson" after Sheldon Richardson is the person, not the Texas city.
      named.push({ c: { ...c, type: "person", short: true }, name: "" });
      continue;
    }
    let name = c.name;
    if (c.type === "company") {
      const own = companyName(text, tokens, c);
      name = companyByKey.get(own.toLowerCase()) ?? own;
      companyByKey.set(own.toLowerCase(), name);
      referents.push({ at: c.from, name, type: "company", handles: new Set([tokens[c.from].key]) });
    } else if (c.type === "person") {
      const own = c.name || slice(text, tokens, c.from, c.to);
      name = personByKey.get(own.toLowerCase()) ?? own;
      personByKey.set(own.toLowerCase(), name);
      const words = nameWords(tokens, c.from, c.to);
      if (words.length) referents.push({ at: c.from, name, type: "person", handles: new Set(words.map((w) => w.key)),
        surname: words.length > 1 ? words[words.length - 1].key : undefined });
    } else if (!name) {
      name = slice(text, tokens, tokens[c.from].key === "the" && c.to - c.from > 1 ? c.from + 1 : c.from, c.to);
    }
    named.push({ c, name });
    if (longForms.has(original)) resolvedAs.set(original, { resolvedName: name, type: c.type, code: c.code });
  }

  // Referents by handle, each list in text order (candidates come sorted), so a lookup is a binary search.
  const byHandle = new Map<string, Referent[]>();
  for (const r of referents) {
    for (const h of r.handles) {
      const list = byHandle.get(h);
      if (list) list.push(r);
      else byHandle.set(h, [r]);
    }
  }
  // "President Trump", "Mr. Key": a titled lone name with no full name in the article is a referent of its own,
  // so the bare "Trump" before and after it is the same person.
  const byTitledName = new Map<string, Referent[]>();
  for (const { c } of named) {
    const key = tokens[c.from].key;
    if (!c.short || !c.honorific || byHandle.has(key)) continue;
    const ref: Referent = { at: c.from, name: tokens[c.from].text, type: "person", handles: new Set([key]) };
    const list = byTitledName.get(key);
    if (list) list.push(ref);
    else byTitledName.set(key, [ref]);
  }
  const mentions: Mention[] = [];
  for (const { c, name } of named) {
    let finalName = name;
    let type = c.type;
    let code = c.code;
    const long = c.longForm && resolvedAs.get(c.longForm);
    if (long) { finalName = long.resolvedName; type = long.type; code = long.code; }
    else if (c.short) {
      const key = tokens[c.from].key;
      const ref = nearest(byHandle.get(key), c.from);
      const known = companyByKey.get(key);
      const titled = c.honorific ? tokens[c.from].text : nearest(byTitledName.get(key), c.from)?.name;
      if (c.surnameOnly) {
        if (ref?.surname !== key) continue;
        finalName = ref.name;
        type = "person";
      } else if (ref) { finalName = ref.name; type = ref.type; }
      else if (known) { finalName = known; type = "company"; }
      else if (titled) { finalName = titled; type = "person"; }
      else continue;
    }
    const start = tokens[c.from].start;
    const end = tokens[c.to - 1].end;
    mentions.push({ start, end, surface: text.slice(start, end), name: finalName, type, code });
  }
  return mentions;
}

/** A two-word "name" opening with the surname of a person already named (not a Chinese-order surname). */
function modifiesKnownPerson(tokens: Token[], c: Candidate, surnames: Set<string>): boolean {
  const first = tokens[c.from];
  return c.to - c.from === 2 && !inNames(first, N.surnames) && surnames.has(first.key);
}

/** Last words of the article's full person names (Western order), for modifiesKnownPerson. */
function personSurnames(tokens: Token[], candidates: Candidate[]): Set<string> {
  const out = new Set<string>();
  for (const c of candidates) {
    if (c.type !== "person" || c.short || c.to - c.from < 2) continue;
    const words = nameWords(tokens, c.from, c.to);
    if (words.length > 1 && !inNames(words[0], N.surnames)) out.add(words[words.length - 1].key);
  }
  return out;
}

/** Nearest referent (of one handle's list, in text order) before `at`; else the first one after it. */
function nearest(list: Referent[] | undefined, at: number): Referent | undefined {
  if (!list) return undefined;
  let lo = 0;
  let hi = list.length; // first index with r.at >= at
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].at < at) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0) return list[lo - 1];
  while (lo < list.length && list[lo].at === at) lo++;
  return list[lo];
}
