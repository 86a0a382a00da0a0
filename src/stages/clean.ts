// Boilerplate removal. Lines are classified by general signals (src/clean/signals.ts)
// according to where they stand: the header zone (before the first prose line),
// the footer zone (after the last line that reads as article text) and the body
// between them. The body only loses lines that are unmistakably chrome and never
// a line shaped like a sentence. Bylines, datelines and timestamps are removed
// from the body but kept in `removed`, where the metadata stage reads them.
import * as S from "../clean/signals.ts";
import { isDeck, isHeadlineShaped, isProse, isSentenceLike, lineShape, MAX_CHROME_CHARS, phraseKey } from "../clean/lines.ts";
import { leadingDatelineLength } from "../metadata/dates.ts";
import type { RemovedLine, Stage } from "../types.ts";

interface Line extends S.LineInfo {
  /** 0-based line number in the raw text. */
  n: number;
}

/** Header lines scanned at most before the body is assumed to have started. */
const HEADER_LIMIT = 30;
/** Longest header line taken for a section label ("Business / Technology", "World News Asia"). */
const SECTION_LABEL_WORDS = 6;

/** Signals that mark chrome wherever a line stands (unless it reads as a sentence). */
function anywhereChrome(l: Line): string {
  if (l.shape.words > 40) return ""; // longer than any chrome these signals know
  if (S.isStandaloneUrl(l.text)) return "url";
  if (S.isCopyright(l)) return "copyright";
  if (S.isByline(l.text)) return "byline";
  if (S.isDateline(l)) return /\d{1,2}:\d{2}|\d{4}-\d{1,2}-\d{1,2}/.test(l.text) ? "timestamp" : "dateline";
  if (S.isBreadcrumb(l)) return "breadcrumb";
  if (S.isRailHeading(l)) return "rail";
  if (S.isCreditOnly(l)) return "credit";
  if (S.isWidget(l)) return "widget";
  if (S.isGluedNavigation(l)) return "navigation";
  if (l.shape.words <= 12 && S.isCommentForm(l)) return "comment-form";
  if (l.shape.words <= 15 && S.isCallToAction(l)) return "follow-us";
  return "";
}

/** Signals trusted only at the edges of the page, where whole sentences can be chrome. */
function edgeChrome(l: Line): string {
  if (S.isCommentForm(l)) return "comment-form";
  if (S.isRightsNotice(l)) return "copyright";
  if (S.isDisclaimer(l)) return "disclaimer";
  if (S.isAuthorBio(l)) return "author-bio";
  if (S.isCallToAction(l)) return "follow-us";
  return "";
}

/** Inside the body, any complete punctuated sentence is article text, however few running words it has. */
function readsAsSentence(l: Line): boolean {
  return isProse(l.shape) || (l.shape.terminal && l.shape.opens && l.shape.words >= 3);
}

function toLines(raw: string): Line[] {
  const lines: Line[] = [];
  raw.split("\n").forEach((rawLine, n) => {
    const text = rawLine.trim();
    if (!text) return;
    const chromeSized = text.length <= MAX_CHROME_CHARS;
    lines.push({ n, text, shape: lineShape(chromeSized ? text : text.slice(0, MAX_CHROME_CHARS)), key: chromeSized ? phraseKey(text) : "" });
  });
  return lines;
}

/** A long line is article text by construction; chrome signals only look at chrome-sized lines. */
const chromeSized = (l: Line) => l.key !== "";

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
    if (title && l.key === title) { reasons[bodyStart] = "duplicate-headline"; continue; }
    // Section labels are short and never end with a stop; anything else may be a standfirst or caption.
    if (isDeck(l.shape) || l.shape.terminal || l.shape.words > SECTION_LABEL_WORDS) continue;
    reasons[bodyStart] = "section-label";
  }
  if (bodyStart === HEADER_LIMIT) {
    // No prose near the top: a list-like text, not a page header. Keep its short lines.
    for (let i = 0; i < bodyStart; i++) if (reasons[i] === "section-label") reasons[i] = "";
    bodyStart = 0;
  }

  // Footer: from the bottom up to the last line that reads as article text.
  let bodyEnd = lines.length;
  for (; bodyEnd > bodyStart; bodyEnd--) {
    const l = lines[bodyEnd - 1];
    if (!chromeSized(l)) break;
    const chrome = anywhereChrome(l) || edgeChrome(l);
    if (chrome) { reasons[bodyEnd - 1] = chrome; continue; }
    if (S.isCaption(l) || isProse(l.shape) || isSentenceLike(l.shape)) break;
    reasons[bodyEnd - 1] = "footer";
  }

  // Body: only unmistakable chrome, never a line that reads as a sentence.
  // A date standing alone here is a timeline subheading, not the page's dateline.
  for (let i = bodyStart; i < bodyEnd; i++) {
    const l = lines[i];
    if (!chromeSized(l)) continue;
    if (title && l.key === title) { reasons[i] = "duplicate-headline"; continue; }
    const chrome = anywhereChrome(l);
    if (chrome === "dateline" || chrome === "timestamp") continue;
    if (chrome && (!readsAsSentence(l) || chrome === "url" || chrome === "copyright")) reasons[i] = chrome;
  }

  const kept: string[] = [];
  lines.forEach((l, i) => {
    if (reasons[i]) { removed.push({ line: l.n, text: l.text, reason: reasons[i] }); return; }
    // A date glued before the first paragraph ("Thursday, May 7, 2015 On Tuesday, …") is a dateline.
    const dateline = i <= bodyStart ? leadingDatelineLength(l.text) : 0;
    if (dateline) {
      removed.push({ line: l.n, text: l.text.slice(0, dateline).trim(), reason: "dateline" });
      kept.push(l.text.slice(dateline).trim());
    } else kept.push(l.text);
  });
  return { ...article, text: kept.length ? kept.join("\n\n") + "\n" : "", removed };
};
