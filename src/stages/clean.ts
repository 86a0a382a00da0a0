// Boilerplate removal. Lines are classified by general signals (src/clean/signals.ts)
// according to where they stand: the header zone (before the first prose line),
// the footer zone (from the first chrome evidence after the last line that reads
// as article text) and the body between them. The body only loses lines that are
// unmistakably chrome and never a line shaped like a sentence. Bylines, datelines and timestamps are removed
// from the body but kept in `removed`, where the metadata stage reads them.
import * as S from "../clean/signals.ts";
import { isDeck, isHeadlineShaped, isProse, isSentenceLike, lineShape, MAX_CHROME_CHARS } from "../clean/lines.ts";
import { leadingDatelineLength, opensWithStampLabel } from "../metadata/dates.ts";
import { flatCopy } from "../nlp/chars.ts";
import type { RemovedLine, Stage } from "../types.ts";

class Line extends S.Line {
  constructor(
    /** 0-based line number in the raw text. */
    readonly n: number,
    text: string,
  ) {
    super(text, lineShape(text.length <= MAX_CHROME_CHARS ? text : text.slice(0, MAX_CHROME_CHARS)));
  }
}

/** Header lines scanned at most before the body is assumed to have started. */
const HEADER_LIMIT = 30;
/** Longest header line taken for a section label ("Business / Technology", "World News Asia"). */
const SECTION_LABEL_WORDS = 6;

/** Longer lines than this are not chrome any of these signals knows. */
const ANYWHERE_CHROME_WORDS = 40;

/** Signals that mark chrome wherever a line stands (unless it reads as a sentence). */
function anywhereChrome(l: Line): string {
  if (l.shape.words > ANYWHERE_CHROME_WORDS) return "";
  if (S.isCopyright(l)) return "copyright";
  if (S.isByline(l.text)) return "byline";
  if (S.isDateline(l)) return /\d{1,2}:\d{2}|\d{4}-\d{1,2}-\d{1,2}/.test(l.text) ? "timestamp" : "dateline";
  if (S.isBreadcrumb(l)) return "breadcrumb";
  if (S.isRailHeading(l)) return "rail";
  if (S.isCreditOnly(l)) return "credit";
  if (S.isStaffCredit(l)) return "staff-credit";
  if (S.isWidget(l)) return "widget";
  if (S.isGluedNavigation(l)) return "navigation";
  if (l.shape.words <= 12 && S.isCommentForm(l)) return "comment-form";
  if (l.shape.words <= 15 && S.isCallToAction(l)) return "follow-us";
  return "";
}

/** Longest call to action taken at the page edges. */
const EDGE_CALL_WORDS = 40;

/** Signals trusted only at the edges of the page, where whole sentences can be chrome. */
function edgeChrome(l: Line): string {
  // In the body a link standing alone is part of the story (a product list, a venue's site).
  if (S.isStandaloneUrl(l.text)) return "url";
  if (S.isCommentForm(l)) return "comment-form";
  if (S.isRightsNotice(l)) return "copyright";
  if (S.isDisclaimer(l)) return "disclaimer";
  if (S.isAuthorBio(l)) return "author-bio";
  // At the edges a call to action may run on ("Join our forums …! And if you have a tip, write to …").
  if (S.isCallToAction(l, EDGE_CALL_WORDS)) return "follow-us";
  return "";
}

/**
 * Signals too weak to start the footer alone: a link, a byline, a date or a
 * credit also close stories (a source link, an event date). Two in a row do.
 */
const WEAK_CHROME = new Set(["url", "byline", "dateline", "credit", "breadcrumb"]);

/** How a tail line counts towards the footer: "" (no chrome), "weak" or "strong". */
function footerWeight(l: Line, chrome: string): "" | "weak" | "strong" {
  if (!chrome) return "";
  // "Published 5 June 2023" is the page's own stamp, not a date in the story.
  if (!WEAK_CHROME.has(chrome) || (chrome === "dateline" && opensWithStampLabel(l.text))) return "strong";
  return "weak";
}

/** Inside the body, any complete punctuated sentence is article text, however few running words it has. */
function readsAsSentence(l: Line): boolean {
  return isProse(l.shape) || (l.shape.terminal && l.shape.opens && l.shape.words >= 3);
}

function toLines(raw: string): Line[] {
  const lines: Line[] = [];
  for (let n = 0, start = 0; start <= raw.length; n++) {
    let end = raw.indexOf("\n", start);
    if (end < 0) end = raw.length;
    const text = raw.slice(start, end).trim();
    start = end + 1;
    if (text) lines.push(new Line(n, text));
  }
  return lines;
}

/** A long line is article text by construction; chrome signals only look at chrome-sized lines. */
const chromeSized = (l: Line) => l.text.length <= MAX_CHROME_CHARS;

export const clean: Stage = (article) => {
  const lines = toLines(article.raw);
  const reasons = new Array<string>(lines.length).fill("");
  const removed: RemovedLine[] = [];
  let title = "";

  // Header: from the top to the first line that reads as article prose.
  let bodyStart = 0;
  for (; bodyStart < lines.length && bodyStart < HEADER_LIMIT; bodyStart++) {
    const l = lines[bodyStart];
    if (!chromeSized(l)) break;
    const chrome = anywhereChrome(l) || edgeChrome(l);
    if (chrome) { reasons[bodyStart] = chrome; continue; }
    if (isProse(l.shape) || isSentenceLike(l.shape) || S.isCaption(l)) break;
    if (!title && isHeadlineShaped(l.text, l.shape)) { title = l.key; continue; }
    if (title && l.hasKey(title)) { reasons[bodyStart] = "duplicate-headline"; continue; }
    // Section labels are short, one phrase, and never end with a stop; anything else may be a
    // standfirst, a caption or a location line ("BAAR, SWITZERLAND").
    if (isDeck(l.shape) || l.shape.terminal || l.shape.words > SECTION_LABEL_WORDS || l.text.includes(",")) continue;
    reasons[bodyStart] = "section-label";
  }
  if (bodyStart === HEADER_LIMIT) {
    // No prose near the top: a list-like text, not a page header. Keep its short lines.
    for (let i = 0; i < bodyStart; i++) if (reasons[i] === "section-label") reasons[i] = "";
    bodyStart = 0;
  }

  // Tail: the lines after the last one that reads as article text. Closing lists
  // (tour dates, results, numbered products) stand there too, so the footer starts
  // only at chrome evidence and the tail above it stays with the story.
  let tailStart = lines.length;
  const tailChrome = new Array<string>(lines.length).fill("");
  const weight = new Array<"" | "weak" | "strong">(lines.length).fill("");
  for (; tailStart > bodyStart; tailStart--) {
    const l = lines[tailStart - 1];
    if (!chromeSized(l)) break;
    const chrome = anywhereChrome(l) || edgeChrome(l);
    if (!chrome && (S.isCaption(l) || isProse(l.shape) || isSentenceLike(l.shape))) break;
    tailChrome[tailStart - 1] = chrome;
    weight[tailStart - 1] = footerWeight(l, chrome);
  }
  // The footer opens at a strong chrome line or at two weak ones in a row.
  let bodyEnd = tailStart;
  while (bodyEnd < lines.length && !(weight[bodyEnd] === "strong" || (weight[bodyEnd] === "weak" && weight[bodyEnd + 1] === "weak"))) bodyEnd++;
  for (let i = bodyEnd; i < lines.length; i++) reasons[i] = tailChrome[i] || "footer";

  // Body: only unmistakable chrome, never a line that reads as a sentence.
  // A date standing alone here is a timeline subheading, not the page's dateline.
  for (let i = bodyStart; i < bodyEnd; i++) {
    const l = lines[i];
    if (!chromeSized(l)) continue;
    if (title && l.hasKey(title)) { reasons[i] = "duplicate-headline"; continue; }
    // A line that reads as a sentence only ever loses to a copyright notice, the first
    // signal anywhereChrome checks, so the other signals need not run on it.
    if (readsAsSentence(l)) {
      if (l.shape.words <= ANYWHERE_CHROME_WORDS && S.isCopyright(l)) reasons[i] = "copyright";
      continue;
    }
    const chrome = anywhereChrome(l);
    if (chrome === "dateline" || chrome === "timestamp") continue;
    if (chrome) reasons[i] = chrome;
  }

  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (reasons[i]) {
      removed.push({ line: l.n, text: l.text, reason: reasons[i] });
      continue;
    }
    // A date glued before the first paragraph ("Thursday, May 7, 2015 On Tuesday, …") is a dateline.
    const dateline = i <= bodyStart ? leadingDatelineLength(l.text) : 0;
    if (dateline) {
      removed.push({ line: l.n, text: l.text.slice(0, dateline).trim(), reason: "dateline" });
      kept.push(l.text.slice(dateline).trim());
    } else kept.push(l.text);
  }
  // One flat string: every later stage scans it character by character, which is slower on a rope of concatenated parts.
  return { ...article, text: kept.length ? flatCopy(kept.join("\n\n") + "\n") : "", removed };
};
