// HTML page → main-content text (one block per line) plus the metadata the
// page states about itself. Mozilla Readability over linkedom finds the story
// container (linkedom: ~5x faster than jsdom here at the same F1); before it
// we strip what a reader never sees (scripts, hidden elements) and the chrome
// news sites mark by class name; after it we drop link lists.
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import vocabulary from "../data/html-boilerplate.json" with { type: "json" };
import { normaliseText } from "../nlp/normalise.ts";
import type { Metadata } from "../types.ts";
import { decode, decodeWindows1252 } from "./decode.ts";
import { pageMetadata } from "./html/metadata.ts";

export interface HtmlDocument {
  text: string;
  given: Partial<Metadata>;
}

const DROP_TAGS = new Set(vocabulary.dropTags.map((t) => t.toUpperCase()));
const BLOCK_TAGS = new Set(vocabulary.blockTags.map((t) => t.toUpperCase()));
const CHROME_TOKENS = new Set(vocabulary.chromeTokens);
const STORY_PARAGRAPH_CHARS = 80;
const MAX_READABILITY_DEPTH = 100;
const MAX_PARSE_DEPTH = 2000;
const MAX_LINK_DENSITY = 0.8;
const ELEMENT = 1;
const TEXT = 3;

/**
 * Page bytes to text. Valid UTF-8 (or a BOM) is taken as such; otherwise the
 * charset the page declares (`<meta charset>`, http-equiv Content-Type) is
 * used when TextDecoder knows it, else windows-1252, as browsers do.
 */
export function decodeHtml(bytes: Uint8Array): string {
  const { text, encoding } = decode(bytes);
  if (encoding === "utf-8" || encoding.startsWith("utf-16")) return text;
  const declared = declaredCharset(bytes);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared ?? "");
  } catch {
    return text; // no declaration, or a label TextDecoder does not know: keep the guess
  }
  // Node's TextDecoder decodes "windows-1252" (and its alias iso-8859-1) as Latin-1.
  return decoder.encoding === "windows-1252" ? decodeWindows1252(bytes) : decoder.decode(bytes);
}

/** The charset named in the first 4 KB of the page (the HTML standard's prescan window is 1 KB; pages overrun it). */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
  return /<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})/i.exec(head)?.[1].toLowerCase() ?? null;
}

/** Extracts the main content and metadata of one HTML page. Never throws on odd markup. */
export function readHtml(html: string): HtmlDocument {
  // The parser's cost grows with the square of nesting depth: absurdly deep markup is read as tag soup.
  const lean = withoutInertBlocks(html);
  const source = maxNesting(lean) > MAX_PARSE_DEPTH ? tagSoupText(lean) : lean;
  const { document } = parseHTML(/<html[\s>]/i.test(source) ? source : `<!doctype html><html><body>${source}</body></html>`);
  const given = pageMetadata(document as unknown as Document);
  const body = (document.body ?? document.documentElement) as unknown as Element | null;
  if (!body) return { text: "", given };
  const depth = stripInvisibleAndChrome(body, measure(body));
  let main: Element | null = null;
  // Readability's time grows with the cube of nesting depth; real pages stay under ~50 levels.
  if (depth <= MAX_READABILITY_DEPTH) {
    try {
      const article = new Readability(document as unknown as Document, { serializer: (el) => el as Element }).parse();
      main = article?.content ?? null;
    } catch {
      main = null; // Readability gives up on some malformed trees; the whole body is the fallback.
    }
  }
  const content = main && textLength(main) > 0 ? main : body;
  dropLinkLists(content, measure(content));
  const lines = blockLines(content);
  return { text: normaliseText(lines.join("\n")), given };
}

/**
 * Scripts (except JSON-LD, read for metadata), styles, SVG and comments cut
 * out of the source before parsing: they are a third of a news page's bytes
 * and many of its nodes, and never text. indexOf scanning keeps it linear.
 */
function withoutInertBlocks(html: string): string {
  const lower = html.toLowerCase();
  const parts: string[] = [];
  let at = 0;
  const open = /<(script|style|svg)\b|<!--/g;
  for (let m = open.exec(lower); m; m = open.exec(lower)) {
    const closer = m[1] ? `</${m[1]}` : "-->";
    const end = lower.indexOf(closer, m.index + m[0].length);
    if (end < 0) break;
    const close = m[1] ? lower.indexOf(">", end) : end + 2;
    if (close < 0) break;
    const tagEnd = lower.indexOf(">", m.index);
    const keep = m[1] === "script" && /application\/ld\+json/.test(lower.slice(m.index, tagEnd));
    if (!keep) {
      parts.push(html.slice(at, m.index));
      at = close + 1;
    }
    open.lastIndex = close + 1;
  }
  parts.push(html.slice(at));
  return parts.join("");
}

const VOID_OR_SELF_CLOSING = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p", "li", "td", "th", "tr", "option", "dt", "dd"]);

/** Upper bound of element nesting, by counting open and close tags in one linear scan. */
function maxNesting(html: string): number {
  let depth = 0;
  let max = 0;
  for (const m of html.matchAll(/<(\/?)([A-Za-z][A-Za-z0-9]*)[^<>]*?(\/?)>/g)) {
    if (VOID_OR_SELF_CLOSING.has(m[2].toLowerCase()) || m[3]) continue;
    depth = m[1] ? Math.max(0, depth - 1) : depth + 1;
    if (depth > max) max = depth;
  }
  return max;
}

/** Markup flattened to block lines without a tree: tags become line breaks; entities stay for the parser to decode. */
function tagSoupText(html: string): string {
  const flat = html
    .replace(/<(script|style|template|noscript)\b[^>]*>[^]*?<\/\1\s*>/gi, "\n")
    .replace(/<[^>]*>/g, "\n")
    .replace(/</g, "&lt;");
  return `<!doctype html><html><body>${flat.split("\n").filter((line) => line.trim()).map((line) => `<p>${line}</p>`).join("")}</body></html>`;
}

/**
 * Removes non-rendered and hidden elements, and elements whose class/id names
 * page chrome. Returns the depth of the deepest element kept.
 */
function stripInvisibleAndChrome(root: Element, stats: Map<Element, TextStats>): number {
  const doomed: Element[] = [];
  let deepest = 0;
  // Top-down, not descending into what goes: nested chrome is judged once.
  const stack: Array<[Element, number]> = Array.from(root.children, (el) => [el, 1]);
  while (stack.length) {
    const [el, depth] = stack.pop()!;
    if (DROP_TAGS.has(el.tagName) || isHidden(el) || (namesChrome(el) && (stats.get(el)?.storyParagraphs ?? 0) < 2)) doomed.push(el);
    else {
      deepest = Math.max(deepest, depth);
      for (const child of Array.from(el.children)) stack.push([child, depth + 1]);
    }
  }
  for (const el of doomed) el.remove();
  return deepest;
}

function isHidden(el: Element): boolean {
  if (el.hasAttribute("hidden") || el.getAttribute("aria-hidden") === "true") return true;
  const style = el.getAttribute("style");
  return style !== null && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

function namesChrome(el: Element): boolean {
  const names = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`.toLowerCase();
  for (const name of names.split(/\s+/)) {
    if (!name) continue;
    if (CHROME_TOKENS.has(name)) return true;
    for (const part of name.split(/[-_]+/)) if (CHROME_TOKENS.has(part)) return true;
  }
  return false;
}

/**
 * Blocks that are mostly link text ("You may also like", teaser lists, tag
 * clouds) are navigation, not story: removed below the content root.
 */
function dropLinkLists(root: Element, stats: Map<Element, TextStats>): void {
  const doomed: Element[] = [];
  const stack: Element[] = Array.from(root.children);
  while (stack.length) {
    const el = stack.pop()!;
    const { chars, linkChars } = stats.get(el) ?? { chars: 0, linkChars: 0 };
    if (BLOCK_TAGS.has(el.tagName) && chars > 0 && linkChars / chars > MAX_LINK_DENSITY) doomed.push(el);
    else for (const child of Array.from(el.children)) stack.push(child);
  }
  for (const el of doomed) el.remove();
}

interface TextStats {
  /** Non-space characters of text inside the element. */
  chars: number;
  /** Of those, the ones inside links. */
  linkChars: number;
  /**
   * Paragraphs of at least STORY_PARAGRAPH_CHARS inside. Class names are not
   * always honest (sites wrap the whole story in "paywall" or
   * "has-breadcrumb" containers): an element with several full paragraphs is
   * story, whatever it is called.
   */
  storyParagraphs: number;
}

/** Text statistics of every element under `root`, in one bottom-up pass (linear even for deep trees). */
function measure(root: Element): Map<Element, TextStats> {
  const stats = new Map<Element, TextStats>();
  const order: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    order.push(el);
    for (const child of Array.from(el.children)) stack.push(child);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const el = order[i];
    const own: TextStats = { chars: 0, linkChars: 0, storyParagraphs: 0 };
    for (const node of Array.from(el.childNodes)) {
      if (node.nodeType === TEXT) own.chars += compactLength((node as Text).data);
      const child = node.nodeType === ELEMENT ? stats.get(node as Element) : undefined;
      if (!child) continue;
      own.chars += child.chars;
      own.linkChars += child.linkChars;
      own.storyParagraphs += child.storyParagraphs;
    }
    if (el.tagName === "A") own.linkChars = own.chars;
    if (el.tagName === "P" && own.chars >= STORY_PARAGRAPH_CHARS) own.storyParagraphs++;
    stats.set(el, own);
  }
  return stats;
}

function compactLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 32) n++;
  return n;
}

function textLength(el: Element): number {
  return (el.textContent ?? "").trim().length;
}

/**
 * Flattens an element to text lines: every block element starts a new line,
 * whitespace inside a line collapses to one space. Iterative, so deep trees
 * cannot overflow the stack.
 */
export function blockLines(root: Element): string[] {
  const lines: string[] = [];
  let current = "";
  const breakLine = () => {
    const line = current.replace(/\s+/g, " ").trim();
    if (line) lines.push(line);
    current = "";
  };
  // Stack entries: a node to visit, or a marker to close a block after its children.
  const stack: Array<Node | null> = [root];
  while (stack.length) {
    const node = stack.pop();
    if (node === null) {
      breakLine();
      continue;
    }
    if (!node) continue;
    if (node.nodeType === TEXT) {
      current += (node as Text).data;
      continue;
    }
    if (node.nodeType !== ELEMENT) continue;
    const tag = (node as Element).tagName;
    if (DROP_TAGS.has(tag)) continue;
    const block = BLOCK_TAGS.has(tag);
    if (block) {
      breakLine();
      stack.push(null);
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  breakLine();
  return lines;
}
