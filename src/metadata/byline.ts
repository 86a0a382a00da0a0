// Bylines: recognising them ("By A and B in Place (Outlet)", "JANE DOE | Reuters",
// "Reporting by A; Editing by B") and reading authors and outlet from them.
import { lineShape, phraseKey, splitTokens } from "../clean/lines.ts";
import { isChromeLabel } from "../clean/vocabulary.ts";
import { isDateWord } from "./dates.ts";
import { agencyName, BYLINE_ROLES, canonicalOutlet, isOutletName, PHOTO_CREDITS } from "./outlets.ts";

export interface Byline {
  authors: string[];
  publisher: string;
}

// Case is spelled out (no i flag) so that the name after "By" must be capitalised.
const BY_OPENER = /^(?:(?:[Ww]ritten|[Rr]eported|[Ww]ords|[Ss]tory|[Tt]ext|[Cc]ompiled|[Rr]eporting|WRITTEN|REPORTED|WORDS|STORY|TEXT|COMPILED|REPORTING)\s+)?(?:[Bb]y|BY)[:\s]+(?=["'“]?\p{Lu})/u;
const LABEL_OPENER = /^(?:[Aa]uthor|[Rr]eporter|[Ww]riter|[Bb]yline|[Cc]orrespondent|AUTHOR|REPORTER|WRITER|BYLINE|CORRESPONDENT)s?\s*:\s*(?=\p{Lu})/u;
const PHOTO_OPENER = new RegExp(`^[\\[(]?(?:${[...PHOTO_CREDITS].join("|")})s?\\s*(?:by|:|/)`, "iu");
/** Lower-case particles inside personal names ("Ursula von der Leyen"). */
const NAME_PARTICLES = new Set(["de", "van", "von", "der", "den", "da", "del", "della", "di", "bin", "binti", "al", "el", "le", "la", "du", "dos", "das", "y", "ibn"]);
/** Small words a byline may carry besides names ("By A and B in Place for Outlet"). */
const CONNECTORS = new Set([...NAME_PARTICLES, "and", "in", "of", "the", "for", "with", "from", "to", "at"]);

/** Share of running lower-case words in a byline, not counting connectors and date words. */
function bylineLowerShare(rest: string): number {
  let words = 0, lower = 0;
  for (const tok of rest.split(/\s+/)) {
    const w = tok.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
    if (!w) continue;
    words++;
    if (w[0] !== w[0].toUpperCase() && !CONNECTORS.has(w) && !isDateWord(w)) lower++;
  }
  return words ? lower / words : 1;
}

/** A line that is a byline (not a photographer's credit, not a sentence starting "By Tuesday, …"). */
export function isByline(line: string): boolean {
  if (line.length > 300 || PHOTO_OPENER.test(line)) return false;
  const by = BY_OPENER.exec(line) ?? LABEL_OPENER.exec(line);
  if (by) {
    const rest = line.slice(by[0].length);
    const first = rest.split(/[\s,]/)[0];
    if (isDateWord(first)) return false; // "By Tuesday, …", "By March 2020 …"
    const s = lineShape(rest);
    return s.words >= 1 && s.words <= 30 && bylineLowerShare(rest) <= 0.2;
  }
  return pipeByline(line) !== null || namedWithRole(line);
}

/**
 * A name and a job title without "By": "Tom Krisher, AP Auto Writer", or
 * "Damian Carrington Environment editor" (capitalised beat, lower-case role).
 */
function namedWithRole(line: string): boolean {
  const m = /^([^,]{3,50}),\s+([^,]{2,50})$/u.exec(line);
  if (m) return isPersonName(m[1]) && withoutRole(m[2]) !== m[2];
  return nameBeforeBeat(line) !== "";
}

/** "Damian Carrington Environment editor" → "Damian Carrington". */
function nameBeforeBeat(line: string): string {
  const words = line.split(/\s+/, 8); // an eighth word is already too many
  if (words.length < 4 || words.length > 7) return "";
  const role = words[words.length - 1];
  if (role !== role.toLowerCase() || !BYLINE_ROLES.has(role)) return "";
  const name = words.slice(0, -2).join(" ");
  return /^\p{Lu}/u.test(words[words.length - 2]) && isPersonName(name) ? name : "";
}

const NAME_WORD = /^(?:\p{Lu}[\p{L}'’.-]*|\p{Lu}\.)$/u;

/** Two to four capitalised words (or an all-caps name), optionally with particles. */
function isPersonName(name: string): boolean {
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length < 2 || words.length > 5) return false;
  if (!NAME_WORD.test(words[0]) || !NAME_WORD.test(words[words.length - 1])) return false;
  return words.every((w) => NAME_WORD.test(w) || NAME_PARTICLES.has(w)) && !isChromeLabel(name);
}

/** "JOHN SMITH" → "John Smith"; mixed-case names stay as written. */
export function titleCaseName(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

/** "NAME | Outlet": a person's name and an outlet separated by a bar. */
function pipeByline(line: string): Byline | null {
  if (line.length > 120 || !line.includes("|")) return null;
  const parts = line.split("|").map((p) => p.trim());
  if (parts.length !== 2) return null;
  const [name, outlet] = parts;
  if (!isPersonName(name) || isOutletName(name)) return null;
  if (!outlet || !/^\p{Lu}/u.test(outlet) || lineShape(outlet).words > 5 || isChromeLabel(outlet)) return null;
  return { authors: [titleCaseName(name)], publisher: canonicalOutlet(outlet) };
}

// Where the names end: a location ("in Wuzhen"), a bracket, a timestamp label, a dash or a bar.
const NAMES_END = /\s+(?:in|at|from)\s+\p{Lu}|\s*[([]|\s+(?:updated|published|posted|last updated)\b|\s+[|—–]\s*|\s+-\s+|;/iu;

/** A name with a job title after it ("Meg James Staff Writer") loses the title. */
function withoutRole(item: string): string {
  const words = item.split(/\s+/);
  for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
    if (BYLINE_ROLES.has(phraseKey(words.slice(-n).join(" ")).trim())) return words.slice(0, -n).join(" ");
  }
  return item;
}

/** Authors and outlet named in a byline line. */
export function parseByline(line: string): Byline {
  const pipe = pipeByline(line);
  if (pipe) return pipe;
  const beat = nameBeforeBeat(line);
  if (beat) return { authors: [titleCaseName(beat)], publisher: "" };
  let publisher = "";
  // "(China Daily)" after the names names the outlet, as does a field of its own ("By X | China Daily | Updated: …").
  const bracket = /\(([^()]{2,60})\)/.exec(line);
  const field = line.split(/\s+\|\s+/).slice(1).find((f) => isOutletName(f.trim()));
  if (bracket && isOutletName(bracket[1])) publisher = canonicalOutlet(bracket[1]);
  else if (field) publisher = canonicalOutlet(field.trim());
  const opener = BY_OPENER.exec(line) ?? LABEL_OPENER.exec(line);
  // Glued labels come apart first: "Meg JamesStaff Writer" → "Meg James Staff Writer".
  let rest = splitTokens(opener ? line.slice(opener[0].length) : line).join(" ");
  const end = NAMES_END.exec(rest);
  if (end) rest = rest.slice(0, end.index);
  const authors: string[] = [];
  for (const raw of rest.split(/\s*,\s*|\s+and\s+|\s*&\s*/)) {
    const written = raw.trim().replace(/^["'“]|["'”.]$/g, "");
    const item = withoutRole(written);
    if (!item) continue;
    // "AP Auto Writer": an agency's job title, not a name.
    const agency = item !== written ? agencyName(item.split(/\s+/)[0]) : "";
    if (agency) {
      publisher ||= agency;
      continue;
    }
    if (isOutletName(item)) {
      publisher ||= canonicalOutlet(item.replace(/^special to\s+/i, ""));
      continue;
    }
    if (BYLINE_ROLES.has(phraseKey(item).trim())) continue;
    if (isPersonName(item)) authors.push(titleCaseName(item));
  }
  return { authors, publisher };
}
