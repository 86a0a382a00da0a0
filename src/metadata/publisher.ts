// Where an article names its outlet, strongest clue first: the byline
// ("(China Daily)"), a wire dateline ("WASHINGTON (AP) —"), the copyright line,
// an agency credit closing the text ("— Bloomberg"), the outlet naming itself in
// page chrome ("a columnist with China.org.cn") or in its reporting ("Wikinews has learned").
import { isChromeLabel } from "../clean/vocabulary.ts";
import { isDateWord } from "./dates.ts";
import { agencyName, bareToken, canonicalOutlet, isDomain, isOutletName, SELF_REFERENCE_AFTER } from "./outlets.ts";

/** "WASHINGTON (AP) —", "BEIJING, Nov. 8 (Xinhua) --": the agency of a wire dateline. */
export function datelineAgency(firstParagraph: string): string {
  // An upper-case place, optionally a date after a comma, then the agency in brackets and a dash.
  const m = /^\p{Lu}{2}[\p{Lu} .'’-]{0,40}(?:,[\p{L}\p{N} .]{1,24})?\s*\(([^()/]{2,40})\)\s*[—–-]/u.exec(firstParagraph.slice(0, 120));
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
  return canonicalOutlet(rest);
}

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

/** An outlet naming itself as the reporter: "Wikinews has learned", "BBC News understands". */
export function selfReference(text: string): string {
  CAPITALISED_RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CAPITALISED_RUN.exec(text))) {
    const after = ` ${m[2]} `;
    if (!SELF_REFERENCE_AFTER.some((p) => after.startsWith(p))) continue;
    const words = m[1].split(/\s+/);
    // The shortest outlet-shaped tail of the run, grown left over its capitalised words ("New York Times").
    for (let i = words.length - 1; i >= 0; i--) {
      if (!isOutletName(words.slice(i).join(" "))) continue;
      let start = i;
      while (start > 0 && !isDateWord(words[start - 1]) && !/^(?:the|a|an)$/i.test(words[start - 1])) start--;
      return canonicalOutlet(words.slice(start).join(" "));
    }
  }
  return "";
}
