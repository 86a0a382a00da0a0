// The metadata a page states about itself: JSON-LD (schema.org Article types),
// Open Graph / article: meta tags, <meta name="author">, <title>, canonical link.
// JSON-LD wins over meta tags, which win over <title>: it is the most specific.
import type { Metadata } from "../../types.ts";

const ARTICLE_TYPE = /(?:Article|BlogPosting|Report|SocialMediaPosting)$/;

interface LdArticle {
  headline?: string;
  datePublished?: string;
  authors: string[];
  publisher?: string;
  url?: string;
}

export function pageMetadata(document: Document): Partial<Metadata> {
  const meta = metaTags(document);
  const ld = jsonLdArticle(document);
  const given: Partial<Metadata> = {};
  const siteName = clean(meta.get("og:site_name") ?? "");
  const title = clean(ld?.headline ?? meta.get("og:title") ?? meta.get("twitter:title") ?? withoutSiteName(document.querySelector("title")?.textContent ?? "", siteName));
  if (title) given.title = title;
  const published = isoDate(ld?.datePublished ?? meta.get("article:published_time") ?? meta.get("og:article:published_time") ?? meta.get("datepublished") ?? meta.get("pubdate") ?? meta.get("date") ?? "");
  if (published) given.published = published;
  const authors = ld?.authors.length ? ld.authors : authorNames(meta.get("author") ?? meta.get("article:author") ?? "");
  if (authors.length) given.authors = authors;
  const publisher = clean(ld?.publisher ?? siteName);
  if (publisher) given.publisher = publisher;
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? "";
  const url = [canonical, meta.get("og:url") ?? "", ld?.url ?? ""].find(isAbsoluteUrl);
  if (url) given.sourceUrl = url;
  return given;
}

/** "Tram vote | City Press" → "Tram vote": `<title>` often carries the site's name after a separator. */
function withoutSiteName(title: string, siteName: string): string {
  const t = clean(title);
  if (!siteName) return t;
  for (const sep of [" | ", " - ", " – ", " — ", " :: ", " : "]) {
    if (t.endsWith(sep + siteName)) return t.slice(0, -(sep + siteName).length);
    if (t.startsWith(siteName + sep)) return t.slice((siteName + sep).length);
  }
  return t;
}

/** `<meta property|name|itemprop=K content=V>`, keys lower-cased; the first occurrence wins. */
function metaTags(document: Document): Map<string, string> {
  const tags = new Map<string, string>();
  for (const el of Array.from(document.querySelectorAll("meta[content]"))) {
    const content = el.getAttribute("content") ?? "";
    for (const attr of ["property", "name", "itemprop"]) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key && content.trim() && !tags.has(key)) tags.set(key, content.trim());
    }
  }
  return tags;
}

/** The first schema.org Article-like object in the page's JSON-LD blocks (also inside @graph). */
function jsonLdArticle(document: Document): LdArticle | null {
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? "");
    } catch {
      continue; // broken JSON-LD is common; the meta tags remain
    }
    const found = findArticle(data, 0);
    if (found) return found;
  }
  return null;
}

function findArticle(data: unknown, depth: number): LdArticle | null {
  if (depth > 4 || !data || typeof data !== "object") return null;
  if (Array.isArray(data)) {
    for (const item of data) {
      const found = findArticle(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  const obj = data as Record<string, unknown>;
  const types = ([] as unknown[]).concat(obj["@type"] ?? []).filter((t): t is string => typeof t === "string");
  if (types.some((t) => ARTICLE_TYPE.test(t))) {
    return {
      headline: str(obj.headline) ?? str(obj.name),
      datePublished: str(obj.datePublished) ?? str(obj.dateCreated),
      authors: names(obj.author),
      publisher: names(obj.publisher)[0],
      url: str(obj.url) ?? str(obj.mainEntityOfPage) ?? str((obj.mainEntityOfPage as Record<string, unknown> | undefined)?.["@id"]),
    };
  }
  return findArticle(obj["@graph"], depth + 1);
}

/** Names from a schema.org Person/Organization, a string, or a list of either. */
function names(value: unknown): string[] {
  const out: string[] = [];
  for (const item of ([] as unknown[]).concat(value ?? [])) {
    const name = typeof item === "string" ? item : item && typeof item === "object" ? str((item as Record<string, unknown>).name) : undefined;
    if (name && !isAbsoluteUrl(name) && clean(name)) out.push(clean(name));
  }
  return [...new Set(out)];
}

/** `<meta name="author">` content: "A, B and C"; profile URLs are not names. */
function authorNames(content: string): string[] {
  if (!content || isAbsoluteUrl(content)) return [];
  return [...new Set(content.split(/\s*(?:,|;|\band\b|&)\s*/).map(clean).filter(Boolean))];
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

function clean(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function isAbsoluteUrl(text: string | undefined): boolean {
  return !!text && /^https?:\/\/[^\s]+$/i.test(text.trim());
}

/**
 * The calendar date a timestamp states, in its own time zone ("2019-11-20T04:00:00-06:00"
 * → "2019-11-20"): the date the outlet printed, not the UTC one.
 */
export function isoDate(value: string): string {
  const m = /^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
  if (m) {
    const [, y, mo, d] = m;
    if (mo && (+mo < 1 || +mo > 12)) return y;
    return d && +d >= 1 && +d <= 31 ? `${y}-${mo}-${d}` : mo ? `${y}-${mo}` : y;
  }
  // Free-form dates ("Nov 20, 2019") parse as local time, so read them back in local time.
  const d = new Date(Date.parse(value));
  if (!value.trim() || !Number.isFinite(d.getTime())) return "";
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}
