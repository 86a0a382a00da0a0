// The page-chrome vocabulary of src/data/boilerplate.json, prepared once for
// whole-word look-ups (word sets, one regex per phrase list, one caption-credit regex).
import vocab from "../data/boilerplate.json" with { type: "json" };
import { keyWords, phraseKey } from "./lines.ts";

const wordsOf = (list: string[]) => new Set(list.flatMap((p) => keyWords(phraseKey(p))));
const phraseKeysOf = (list: string[]) => list.map(phraseKey).filter((k) => k.trim());

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A regex matching any of `texts` literally (nothing, for an empty list): one native scan for a whole list. */
export function literalAlternation(texts: string[], flags = ""): RegExp {
  return new RegExp(texts.length ? texts.map(escapeRegExp).join("|") : "(?!)", flags);
}

/** Whole-word phrases looked for inside phrase keys (key.includes(phrase) for any of them). */
const phrasesOf = (list: string[]) => literalAlternation(phraseKeysOf(list));

export const WIDGET_WORDS = wordsOf(vocab.widgetWords);
export const NEUTRAL_WORDS = wordsOf(vocab.neutralWords);
export const RAILS = new Set(vocab.rails.map((r) => phraseKey(r)));
export const COMMENT_FORM = phrasesOf(vocab.commentForm);
export const COMMENT_NOTICES = phrasesOf(vocab.commentNotices);
export const RIGHTS = phrasesOf(vocab.rights);
export const LEGAL_LINKS = phrasesOf(vocab.legalLinks);
/** Longest line taken for a legal-link label ("Privacy Policy", "Terms & Conditions"). */
export const LEGAL_LABEL_WORDS = 6;
export const DISCLAIMER = phrasesOf(vocab.disclaimer);
export const CALL_OPENERS = phraseKeysOf(vocab.callToAction);
export const CALL_OBJECTS = phrasesOf(vocab.callToActionObjects);
export const BIO_ROLES = wordsOf(vocab.bioRoles);
export const BIO_SUBJECTS = new Set(phraseKeysOf(vocab.bioSubjects));
/** Regex alternation of vocabulary words in lower, Sentence, Title or UPPER case (the names after them stay case-sensitive). */
const alternation = (list: string[]) =>
  [...new Set(list.flatMap((w) => [w, w[0].toUpperCase() + w.slice(1), w.replace(/(^|\s)\p{L}/gu, (c) => c.toUpperCase()), w.toUpperCase()]))]
    .sort((a, b) => b.length - a.length)
    .map((w) => escapeRegExp(w).replace(/ /g, "\\s+"))
    .join("|");
export const CAPTION_CREDIT = new RegExp(
  [
    `\\b(?:${alternation(vocab.captionCreditWords)})s?(?:\\s+by|\\s*:)\\s*\\p{Lu}`,
    `\\b(?:${alternation(vocab.captionPhrases)})\\b`,
    `\\b(?:${alternation(vocab.pictureAgencies)})\\s*\\/`,
    `\\/\\s*(?:${alternation(vocab.pictureAgencies)})\\b`,
    `\\(\\p{Lu}[\\p{L}.]{1,30}\\/\\s*\\p{Lu}`,
  ].join("|"),
  "u",
);
export const SEPARATORS = new Set(vocab.breadcrumbSeparators);
/** `Editor: Liu Jing`, `[Editor: Wang Shen]`, `Edited by Ana Silva`: a staff label, then names only (letters, initials, commas), bracketed or not. */
export const STAFF_CREDIT = new RegExp(
  `^[\\[(]?\\s*(?:(?:${alternation(vocab.staffCredits.filter((w) => !w.endsWith(" by")))})\\s*[:：]|(?:${alternation(vocab.staffCredits.filter((w) => w.endsWith(" by")))})\\s)` +
    `\\s*\\p{L}[\\p{L}'’., -]{0,60}[\\])]?$`,
  "u",
);

/** A label made of page-chrome words ("Privacy Policy", "Entries RSS"), not a name. */
export function isChromeLabel(text: string): boolean {
  const key = phraseKey(text);
  return RIGHTS.test(key) || LEGAL_LINKS.test(key) || keyWords(key).some((w) => WIDGET_WORDS.has(w) && !NEUTRAL_WORDS.has(w));
}
