// Where an article names its outlet, strongest clue first: the byline
// ("(China Daily)"), a wire dateline ("WASHINGTON (AP) —"), the copyright line,
// an agency credit closing the text ("— Bloomberg"), the outlet naming itself in
// page chrome ("a columnist with China.org.cn") or in its reporting ("Wikinews has learned").
import { isSpaceUnit } from "../clean/chars.ts";
import { classOf, SPACE, WORD } from "../nlp/chars.ts";
import { isChromeLabel, literalAlternation } from "../clean/vocabulary.ts";
import { isDateWord } from "./dates.ts";
import { agencyName, bareToken, canonicalOutlet, isDomain, isOutletName, SELF_REFERENCE_AFTER } from "./outlets.ts";

/** "WASHINGTON (AP) —", "BEIJING, Nov. 8 (Xinhua) --", "HONG KONG/SAN FRANCISCO, Dec 5 (Reuters) -": the agency of a wire dateline. */
export function datelineAgency(firstParagraph: string): string {
  // Upper-case places (several joined by "/"), optionally a country and a date after commas, then the agency in brackets and a dash.
  const m = /^\p{Lu}{2}[\p{Lu} .'’/-]{0,60}(?:,[\p{L}\p{N} .]{1,24}){0,2}\s*\(([^()/]{2,40})\)\s*[—–-]/u.exec(firstParagraph.slice(0, 140));
  return m && isOutletName(m[1]) ? canonicalOutlet(m[1]) : "";
}

/** "… said. — Bloomberg", "… (Reuters)": an agency credit at the very end of the text. */
export function closingCredit(lastParagraph: string): string {
  const tail = lastParagraph.slice(-80);
  const m = /(?:[—–]|--)\s*([\p{L}][\p{L} .&'’-]{1,40})$|\(([^()/]{2,40})\)$/u.exec(tail.trim());
  const name = m ? (m[1] ?? m[2]).trim() : "";
  return name && (agencyName(name) || isOutletName(name)) ? canonicalOutlet(name) : "";
}

/** "Copyright 2023 The Associated Press. All rights reserved." → "Associated Press". */
export function copyrightHolder(line: string): string {
  if (!/©|\(c\)|copyright|all rights reserved/i.test(line)) return "";
  const rest = line
    .replace(/copyright|©|\(c\)/gi, " ")
    .replace(/\b(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?\b/g, " ")
    .replace(/all rights reserved.*$/i, " ")
    .split(/\.\s|\s+(?:or|and)\s+(?:its|their)\b|[|,;]/)[0]
    .trim()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N})]+$/gu, "");
  const words = rest.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 6 || !/^\p{Lu}|^\p{L}+\.\p{L}/u.test(rest) || isChromeLabel(rest)) return "";
  // "South China Morning Post Publishers Ltd": the outlet, not the company that owns it.
  const outlet = rest.replace(OWNER_SUFFIX, "");
  return canonicalOutlet(outlet !== rest && isOutletName(outlet) ? outlet : rest);
}

/** The owning publisher's words after an outlet's name in a copyright line ("Publishers Ltd", "Information Co"). */
const OWNER_SUFFIX = /\s+(?:publishers?|publishing|information|newspapers?)(?:\s+(?:co|company|ltd|limited|inc|llc|plc|corp|corporation|gmbh))+\.?$/i;

/** A site name used in page chrome ("Follow China.org.cn on Twitter"): the site calling itself. */
export function chromeSiteName(line: string): string {
  if (/\b(?:https?:\/\/|www\.)/i.test(line)) return "";
  for (const raw of line.split(/\s+/)) {
    const token = bareToken(raw);
    if (isDomain(token)) return token;
  }
  return "";
}

const CAPITALISED_RUN = /\b(\p{Lu}[\p{L}\p{N}.'’&-]{0,30}(?:\s+\p{Lu}[\p{L}\p{N}.'’&-]{0,30}){0,4})[,]?\s+(\p{Ll}+(?:\s+\p{Ll}+)?)/gu;
/** The self-reference phrases as written in the text, where a qualifying run's lower-case words start. */
const SELF_REFERENCE_TEXT = literalAlternation(SELF_REFERENCE_AFTER.map((p) => p.trim()), "g");

/** A character no CAPITALISED_RUN match contains (not a letter, digit, space or one of . ' ’ & - ,). */
function isRunBarrier(code: number): boolean {
  if (code < 0x80) {
    const alnum = (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
    return !alnum && !isSpaceUnit(code) && code !== 46 && code !== 39 && code !== 38 && code !== 45 && code !== 44;
  }
  // Halves of an astral letter may stand in a match.
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return (classOf(code) & (WORD | SPACE)) === 0 && code !== 0x2019;
}

/** Offsets where a self-reference phrase is written, ascending (overlapping ones too). */
function selfReferenceOffsets(text: string): number[] {
  const offsets: number[] = [];
  SELF_REFERENCE_TEXT.lastIndex = 0;
  for (let m = SELF_REFERENCE_TEXT.exec(text); m; m = SELF_REFERENCE_TEXT.exec(text)) {
    offsets.push(m.index);
    SELF_REFERENCE_TEXT.lastIndex = m.index + 1;
  }
  return offsets;
}

/**
 * An outlet naming itself as the reporter: "Wikinews has learned", "BBC News understands".
 * Capitalised runs are matched one after another through the text, but only a run
 * whose lower-case words open with a self-reference phrase can qualify, so the scan
 * jumps ahead to each place such a phrase is written: to just after the last barrier
 * character before it, which no match spans, so the matches found from there are the
 * ones a scan from the start would find.
 */
export function selfReference(text: string): string {
  let resume = 0;
  for (const at of selfReferenceOffsets(text)) {
    if (at < resume) continue;
    let from = at;
    while (from > resume && !isRunBarrier(text.charCodeAt(from - 1))) from--;
    CAPITALISED_RUN.lastIndex = from;
    let m: RegExpExecArray | null;
    while ((m = CAPITALISED_RUN.exec(text))) {
      if (m.index > at) break;
      const outlet = selfNamedOutlet(m[1], m[2]);
      if (outlet) return outlet;
    }
    if (!m) return "";
    resume = m.index;
  }
  return "";
}

/** The outlet of a capitalised run followed by a self-reference phrase, or "". */
function selfNamedOutlet(run: string, after: string): string {
  const padded = ` ${after} `;
  if (!SELF_REFERENCE_AFTER.some((p) => padded.startsWith(p))) return "";
  const words = run.split(/\s+/);
  // The shortest outlet-shaped tail of the run, grown left over its capitalised words ("New York Times").
  for (let i = words.length - 1; i >= 0; i--) {
    if (!isOutletName(words.slice(i).join(" "))) continue;
    let start = i;
    while (start > 0 && !isDateWord(words[start - 1]) && !/^(?:the|a|an)$/i.test(words[start - 1])) start--;
    return canonicalOutlet(words.slice(start).join(" "));
  }
  return "";
}
