// One function per chrome signal. Each looks at one trimmed line and answers
// whether that signal fires; the cleaner decides by zone which ones apply.
// Vocabulary comes from src/data/boilerplate.json (see vocabulary.ts); matching is whole-word.
import { isByline } from "../metadata/byline.ts";
import { findDates, isDateWord } from "../metadata/dates.ts";
import { bareToken, isDomain, isOutletName } from "../metadata/outlets.ts";
import { gluedBoundaries, hasPhraseKey, keyWords, lineShape, type LineShape, phraseKey, splitTokens } from "./lines.ts";
import {
  BIO_ROLES, BIO_SUBJECTS, CALL_OBJECTS, CALL_OPENERS, CAPTION_CREDIT, COMMENT_FORM, COMMENT_NOTICES, DISCLAIMER,
  LEGAL_LABEL_WORDS, LEGAL_LINKS, NEUTRAL_WORDS, RAILS, RIGHTS, SEPARATORS, STAFF_CREDIT, WIDGET_WORDS,
} from "./vocabulary.ts";

/** Everything signals need about a line, computed once. */
export interface LineInfo {
  text: string;
  shape: LineShape;
  /** phraseKey(text). */
  key: string;
}

/** A line whose phrase key is computed on first use: most lines are decided without it. */
export class Line implements LineInfo {
  private cachedKey: string | undefined;

  constructor(readonly text: string, readonly shape: LineShape = lineShape(text)) {}

  get key(): string {
    return (this.cachedKey ??= phraseKey(this.text));
  }

  /** Whether the phrase key is `key`, keying only the first words of a longer line. */
  hasKey(key: string): boolean {
    return this.cachedKey === undefined ? hasPhraseKey(this.text, key) : this.cachedKey === key;
  }
}

/** A line that is only a link or an address: "https://…", "www.site.com", "twitter.com/jdoe", "jdoe@site.com". */
export function isStandaloneUrl(line: string): boolean {
  return /^[<(\[]?(?:(?:https?:\/\/|www\.)\S+|[\w-]+(?:\.[\w-]+)+\/\S*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)[>)\]]?$/i.test(line);
}

// A link or an e-mail address inside a line; the look-behind keeps the scan linear.
const LINK_IN_LINE = /(?:https?:\/\/|www\.)\S|(?<![\w.+-])[\w.+-]+@[\w-]+\.\w/i;

// The key can only hold "all rights reserved" when the text has "reserved" in some case, or a
// "(s)" (which phraseKey drops): most sentences are decided without keying them.
const MAY_RESERVE = /reserved|\(s\)/i;

/** "Copyright ©1999-2018", "© 2024 Reuters", "Copyright ⓒ Site.com", "Chinanews.com. All rights reserved." */
export function isCopyright(info: LineInfo): boolean {
  if (info.shape.words > 40) return false;
  // "ⓒ" and "@" stand in for "©" on some sites.
  if (/^(?:[©ⓒ]|\(c\)|copyright\b\s*(?:[©ⓒ@]|\(c\)|\d{4}|\p{Lu}))/iu.test(info.text)) return true;
  return /[©ⓒ]\s*\d{4}/.test(info.text) || (MAY_RESERVE.test(info.text) && info.key.includes(" all rights reserved "));
}

/** A rights or permissions notice (any sentence), or a legal link label; only trusted at the page edges. */
export function isRightsNotice(info: LineInfo): boolean {
  return RIGHTS.test(info.key) || (info.shape.words <= LEGAL_LABEL_WORDS && LEGAL_LINKS.test(info.key));
}

/** "home > NEWS", "Business / Technology", "World | Asia | China": short labels between separators. */
export function isBreadcrumb(info: LineInfo): boolean {
  if (info.shape.words > 12 || info.shape.terminal) return false;
  const tokens = info.text.split(/\s+/);
  let segments = 1, segmentWords = 0, separators = 0;
  for (const t of tokens) {
    if (SEPARATORS.has(t)) {
      if (segmentWords === 0) return false;
      separators++;
      segments++;
      segmentWords = 0;
      continue;
    }
    if (++segmentWords > 3) return false;
  }
  return separators > 0 && segmentWords > 0 && segments >= 2;
}

/** A rail or section heading: the whole line is a known label ("Hot Topics", "Related stories:"). */
export function isRailHeading(info: LineInfo): boolean {
  return info.shape.words <= 6 && RAILS.has(info.key);
}

/**
 * Share / print / comment widgets: every word is widget vocabulary, a number,
 * a date, an outlet name or a small glue word ("0 Comment(s)Print E-mail China.org.cn, November 16, 2016").
 */
export function isWidget(info: LineInfo): boolean {
  if (info.shape.words > 20 || info.shape.words === 0) return false;
  // Fast exit: no widget word at all (glued runs without one are left to isGluedNavigation).
  if (!keyWords(info.key).some(isWidgetWord)) return false;
  let widget = 0, other = 0;
  for (const raw of info.text.split(/\s+/)) {
    if (SEPARATORS.has(raw)) continue;
    // Outlet and site names ("ChinaNews", "China.org.cn") belong in chrome too; decided once per token.
    let siteName: boolean | undefined;
    for (const part of splitTokens(raw)) {
      let unknown = 0;
      for (const w of keyWords(phraseKey(part))) {
        if (WIDGET_WORDS.has(w)) widget++;
        else if (!NEUTRAL_WORDS.has(w) && !isDateWord(w)) unknown++;
      }
      if (!unknown) continue;
      siteName ??= isDomain(bareToken(raw)) || isOutletName(bareToken(raw));
      if (!siteName && (part === raw || !isOutletName(bareToken(part)))) other += unknown;
    }
    if (other > 2) return false;
  }
  return widget > 0 && widget >= 3 * other;
}

const isWidgetWord = (word: string) => WIDGET_WORDS.has(word);

/** Navigation labels pasted together without spaces ("Send your storiesGet more from …MobileRSS"). */
export function isGluedNavigation(info: LineInfo): boolean {
  if (info.shape.terminal || info.shape.words > 25) return false;
  let glued = 0;
  for (const token of info.text.split(/\s+/)) {
    const boundaries = gluedBoundaries(token);
    if (boundaries === 1 && isCamelCaseName(token)) continue;
    glued += boundaries;
  }
  return glued >= 2;
}

/** "TikTok", "ByteDance", "LinkedIn": two capitalised parts, neither a page label (unlike "HomeNews"): a name, not glue. */
function isCamelCaseName(token: string): boolean {
  const parts = splitTokens(token);
  return parts.length === 2 && parts.every((part) => /^\p{Lu}/u.test(part) && !keyWords(phraseKey(part)).some(isWidgetWord) && !RAILS.has(phraseKey(part)));
}

/** Most words a comment-form label or button has ("Please enter your name here"). */
const FORM_WORDS = 8;

/**
 * A comment-form label, button or prompt ("Your Comment", "Add your comments...",
 * "Please enter your comment!"), or a moderation notice. Form vocabulary only counts
 * on form-shaped lines: short, and not a statement closed by a full stop, because
 * story sentences use the same words ("did not respond to a request for comment.").
 */
export function isCommentForm(info: LineInfo): boolean {
  return COMMENT_NOTICES.test(info.key) || (isFormShaped(info) && COMMENT_FORM.test(info.key));
}

/** Short, and not a statement: no closing full stop unless it is a two-word label ("No comments."). */
function isFormShaped(info: LineInfo): boolean {
  if (info.shape.words > FORM_WORDS) return false;
  return info.shape.words <= 2 || !/[^.]\.["'”’)]*$/u.test(info.text);
}

export function isDisclaimer(info: LineInfo): boolean {
  return DISCLAIMER.test(info.key);
}

/** "Follow X on Twitter …", "Download our app", "Sign up for the newsletter", "Write to Jane Doe at jdoe@site.com". */
export function isCallToAction(info: LineInfo, maxWords = 25): boolean {
  if (info.shape.words > maxWords) return false;
  const opens = CALL_OPENERS.some((p) => info.key.startsWith(p));
  return opens && (CALL_OBJECTS.test(info.key) || LINK_IN_LINE.test(info.text));
}

/** "Jane Doe is a columnist with X.", "The writer is a senior fellow at Y." */
export function isAuthorBio(info: LineInfo): boolean {
  if (info.shape.words > 60) return false;
  const m = /^(.{2,60}?)\s+(?:is|was|has been|writes)\s+(?:a|an|the)?\s*(.{0,80})/u.exec(info.text);
  if (!m) return false;
  const subject = phraseKey(m[1]);
  const subjectIsName = /^(?:\p{Lu}[\p{L}'’.-]*\s+){1,3}\p{Lu}[\p{L}'’.-]*$/u.test(m[1]) || BIO_SUBJECTS.has(subject);
  return subjectIsName && keyWords(phraseKey(m[2])).slice(0, 6).some((w) => BIO_ROLES.has(w));
}

const RELATIVE_ARTICLE = /\ban?\s+(?=(?:minute|hour|day|week|month|year)s?\s+ago\b)/gi;

/** A line that is only a date or timestamp, with labels ("Updated: 2015-12-19 09:13", "Friday, July 21, 2017"). */
export function isDateline(info: LineInfo): boolean {
  if (info.shape.words > 14 || findDates(info.text).length === 0 && !/\d{1,2}:\d{2}/.test(info.text)) return false;
  // "Updated a day ago": the article counts as the number.
  return info.text.replace(RELATIVE_ARTICLE, "1 ").split(/\s+/).every((t) => {
    const w = bareToken(t);
    return !w || isDateWord(w) || SEPARATORS.has(t);
  });
}

const CREDIT_ONLY = /^[\[(]?(?:photo|photograph|image|picture|video|credit|graphic)s?(?:\s+(?:source|credit))?(?:\s*[:/,]|\s+by\b)/i;

/** A photo credit standing alone ("Photo: Reuters", "Image source, Getty Images"). */
export function isCreditOnly(info: LineInfo): boolean {
  return info.shape.words <= 8 && !info.shape.terminal && CREDIT_ONLY.test(info.text);
}

/** A credit of the desk staff who handled the story ("Editor: Liu Jing", "[Editor: Wang Shen]"): not its authors. */
export function isStaffCredit(info: LineInfo): boolean {
  return info.shape.words <= 8 && !info.shape.terminal && STAFF_CREDIT.test(info.text);
}

/** A photo caption: descriptive text carrying a credit ("… (Xinhua/Ju Huanzong)", "… Image: Nick Moreau."). */
export function isCaption(info: LineInfo): boolean {
  return info.shape.words >= 5 && CAPTION_CREDIT.test(info.text);
}

export { isByline };
