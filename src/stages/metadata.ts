// Article metadata: title, publication date (and which clue gave it), authors
// and publisher. Reads what the cleaner set aside (bylines, datelines, copyright
// lines in `removed`) and the clean body; metadata given by the source wins.
import { isHeadlineShaped, isProse, isSentenceLike, lineShape } from "../clean/lines.ts";
import { isCaption, Line } from "../clean/signals.ts";
import { parseByline } from "../metadata/byline.ts";
import { type FoundDate, findDates, monthWithYearInSentence, toIso } from "../metadata/dates.ts";
import { chromeSiteName, closingCredit, copyrightHolder, datelineAgency, selfReference } from "../metadata/publisher.ts";
import type { Article, Metadata, RemovedLine, Stage } from "../types.ts";

/** Chrome that carries the page's own date (not a rail of other stories' dates, not a copyright range). */
const DATE_BEARING = new Set(["timestamp", "dateline", "byline", "widget", "navigation", "breadcrumb", "section-label"]);
/** Chrome in which a site names itself. */
const SELF_NAMING = new Set(["author-bio", "disclaimer", "follow-us", "widget", "navigation", "dateline", "comment-form"]);
/** Paragraphs at the top of the body in which a photo caption dates the story. */
const CAPTION_WINDOW = 3;

function paragraphs(text: string): string[] {
  return text.split("\n\n").map((p) => p.trim()).filter(Boolean);
}

/** The headline is the first paragraph when it is shaped like one; a caption, byline or dateline is not. */
export function titleOf(text: string): string {
  const lineEnd = text.indexOf("\n");
  const first = (lineEnd < 0 ? text : text.slice(0, lineEnd)).trim();
  if (!first || first.length > 300) return "";
  const s = lineShape(first);
  return !isProse(s) && !isSentenceLike(s) && isHeadlineShaped(first, s) ? first : "";
}

/** Raw line number where the body starts: the first kept line after the headline. */
function firstBodyLine(article: Article, title: string): number {
  const gone = new Set(article.removed.map((r) => r.line));
  const raw = article.raw;
  // Line by line from the top, without splitting the whole text: the body starts within a few lines.
  let n = 0;
  for (let start = 0; start <= raw.length; n++) {
    let end = raw.indexOf("\n", start);
    if (end < 0) end = raw.length;
    const line = raw.slice(start, end).trim();
    if (line && !gone.has(n) && line !== title) return n;
    start = end + 1;
  }
  return n;
}

function sourceOf(r: RemovedLine, d: FoundDate): string {
  if (d.timestamp || r.reason === "timestamp") return "timestamp";
  return r.reason === "byline" ? "byline" : "dateline";
}

/** Publication date at the finest granularity the text supports, with the clue it came from. */
export function publishedOf(article: Article, title: string): { published: string; dateSource: string } {
  const headerEnd = firstBodyLine(article, title);
  let yearOnly: { published: string; dateSource: string } | null = null;
  for (const r of article.removed) {
    const trusted = r.reason === "timestamp" || r.reason === "dateline" || r.reason === "byline" || (DATE_BEARING.has(r.reason) && r.line < headerEnd);
    if (!trusted) continue;
    for (const d of findDates(r.text)) {
      if (d.granularity !== "year") return { published: toIso(d), dateSource: sourceOf(r, d) };
      yearOnly ??= { published: toIso(d), dateSource: sourceOf(r, d) };
    }
  }
  if (yearOnly) return yearOnly;
  // A caption or the story itself dates the events, not the page: month granularity.
  const paras = paragraphs(article.text);
  for (const p of paras.slice(0, CAPTION_WINDOW)) {
    if (p.length > 2000 || !isCaption(new Line(p))) continue;
    const d = findDates(p).find((x) => x.granularity !== "year");
    if (d) return { published: toIso(d, "month"), dateSource: "caption" };
  }
  for (const span of article.sentences) {
    const sentence = article.text.slice(span.start, span.end);
    const d = findDates(sentence).find((x) => x.granularity !== "year") ?? monthWithYearInSentence(sentence);
    if (d) return { published: toIso(d, "month"), dateSource: "body" };
  }
  return { published: "", dateSource: "" };
}

/** Authors of the first byline that names people (later bylines belong to rails of other stories). */
export function authorsOf(article: Article): string[] {
  for (const r of article.removed) {
    if (r.reason !== "byline") continue;
    const authors = parseByline(r.text).authors;
    if (authors.length) return [...new Set(authors)];
  }
  return [];
}

/** The holder named in a dated copyright notice, else in any copyright line ("© Reuters" may be a photo credit). */
function copyrightHolderOf(removed: RemovedLine[]): string {
  const notices = removed.filter((r) => r.reason === "copyright");
  const dated = notices.filter((r) => /\d{4}|all rights reserved/i.test(r.text));
  for (const r of [...dated, ...notices]) {
    const name = copyrightHolder(r.text);
    if (name) return name;
  }
  return "";
}

export function publisherOf(article: Article): string {
  const bylines = article.removed.filter((r) => r.reason === "byline");
  const paras = paragraphs(article.text);
  const clues: Array<() => string> = [
    () => bylines.map((r) => parseByline(r.text).publisher).find(Boolean) ?? "",
    () => (paras.length ? datelineAgency(paras[0]) || datelineAgency(paras[1] ?? "") : ""),
    () => copyrightHolderOf(article.removed),
    () => (paras.length ? closingCredit(paras[paras.length - 1]) : ""),
    () => article.removed.filter((r) => SELF_NAMING.has(r.reason)).map((r) => chromeSiteName(r.text)).find(Boolean) ?? "",
    () => selfReference(article.text),
  ];
  for (const clue of clues) {
    const name = clue();
    if (name) return name;
  }
  return "";
}

export const metadata: Stage = (article) => {
  const title = titleOf(article.text);
  const { published, dateSource } = publishedOf(article, title);
  const inferred: Metadata = {
    ...article.meta,
    title,
    published,
    dateSource,
    authors: authorsOf(article),
    publisher: publisherOf(article),
  };
  const given = Object.fromEntries(Object.entries(article.given).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : !!v)));
  const meta = { ...inferred, ...given };
  if (given.published) meta.dateSource = "given";
  return { ...article, meta };
};
