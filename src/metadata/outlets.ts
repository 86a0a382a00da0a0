// What an outlet name looks like: a wire agency, a site domain ("China.org.cn"),
// or a title built on a newspaper word ("People's Daily", "Toronto Star").
import vocab from "../data/publishers.json" with { type: "json" };
import { keyWords, phraseKey } from "../clean/lines.ts";

const AGENCIES = new Map<string, string>(Object.entries(vocab.agencies));
const OUTLET_WORDS = new Set(vocab.outletWords.map((w) => w.toLowerCase()));
const TLD_ALT = vocab.tlds.join("|");
// A first label of three or more characters keeps abbreviations ("U.S", "e.g") out.
const DOMAIN = new RegExp(`^[\\p{L}\\d-]{3,}\\.(?:[\\p{L}\\d-]+\\.)*(?:\\p{L}{2}|${TLD_ALT})$`, "iu");

/** Canonical agency name for a credit ("AP", "The Associated Press"), or "". */
export function agencyName(text: string): string {
  return AGENCIES.get(phraseKey(text).trim()) ?? "";
}

/** A site name such as "China.org.cn" or "CBC.ca" (not a URL). */
export function isDomain(token: string): boolean {
  return token.length <= 80 && token.includes(".") && !token.includes("/") && DOMAIN.test(token);
}

/** Strips edge punctuation a token picks up in running text ("China.org.cn," → "China.org.cn"). */
export function bareToken(token: string): string {
  return token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
}

/** A name that reads as a news outlet rather than a person. */
export function isOutletName(name: string): boolean {
  if (!name || name.length > 80) return false;
  const key = phraseKey(name);
  if (AGENCIES.has(key.trim())) return true;
  if (name.includes(".") && isDomain(bareToken(name))) return true;
  const words = keyWords(key);
  if (words.length === 0 || words.length > 6) return false;
  // "Wikinews", "Chinanews": an outlet word glued as a suffix of a single token.
  if (words.length === 1 && words[0].length >= 7 && words[0].endsWith("news")) return true;
  return words.some((w) => OUTLET_WORDS.has(w.endsWith("'s") ? w.slice(0, -2) : w));
}

/** The name as analysts should see it: agency canonical form, else as written. */
export function canonicalOutlet(name: string): string {
  const trimmed = name.trim().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N})]+$/gu, "");
  return agencyName(trimmed) || trimmed;
}

export const SELF_REFERENCE_AFTER = vocab.selfReferenceAfter.map((p) => phraseKey(p));
export const BYLINE_ROLES = new Set(vocab.bylineRoles.map((p) => phraseKey(p).trim()));
export const PHOTO_CREDITS = new Set(vocab.photoCredits);
