// JSON lines (one article object per line) or a JSON array / single object of
// articles, as crawlers export them. Each record: `text` or `html`, optional
// `id`, `title`, `published`, `url`, `publisher`, `authors`. One malformed
// record is one error; the rest of the file is still read.
import { normaliseText } from "../nlp/normalise.ts";
import type { Metadata, RawDocument } from "../types.ts";
import { readHtml } from "./html.ts";
import { isoDate } from "./html/metadata.ts";

export interface RecordsResult {
  docs: RawDocument[];
  /** One message per record that could not be read ("line 3: invalid JSON ..."). */
  errors: string[];
}

const MAX_ID_LENGTH = 120;

/**
 * Reads the records of one .jsonl/.json file. `baseId` is the file's article id
 * (path without extension); each record's id is `<baseId>/<record id or line>`.
 */
export function readRecords(content: string, baseId: string, sourceFile: string): RecordsResult {
  const result: RecordsResult = { docs: [], errors: [] };
  const usedIds = new Set<string>();
  const add = (value: unknown, where: string, fallbackId: string) => {
    const doc = toDocument(value, baseId, sourceFile, fallbackId, usedIds);
    if (typeof doc === "string") result.errors.push(`${where}: ${doc}`);
    else result.docs.push(doc);
  };
  const trimmed = content.trimStart();
  if (trimmed.startsWith("[")) {
    // A JSON array: the whole file must parse.
    let items: unknown;
    try {
      items = JSON.parse(content);
    } catch (err) {
      result.errors.push(`invalid JSON: ${(err as Error).message}`);
      return result;
    }
    (items as unknown[]).forEach((item, i) => add(item, `item ${i + 1}`, String(i + 1)));
    return result;
  }
  const lines = content.split("\n");
  const first = lines.findIndex((l) => l.trim() !== "");
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(lines[i]);
    } catch (err) {
      // A pretty-printed single object spans lines: try the whole file once.
      if (i === first && tryWhole(content, add)) break;
      result.errors.push(`line ${i + 1}: invalid JSON: ${(err as Error).message}`);
      continue;
    }
    add(value, `line ${i + 1}`, String(i + 1));
  }
  return result;
}

function tryWhole(content: string, add: (value: unknown, where: string, fallbackId: string) => void): boolean {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    return false;
  }
  add(value, "record", "1");
  return true;
}

function toDocument(value: unknown, baseId: string, sourceFile: string, fallbackId: string, usedIds: Set<string>): RawDocument | string {
  if (!value || typeof value !== "object" || Array.isArray(value)) return "not a JSON object";
  const rec = value as Record<string, unknown>;
  const text = str(rec.text);
  const html = str(rec.html);
  if (!text && !html) return 'no "text" or "html" field';
  const page = html && !text ? readHtml(html) : null;
  const body = page ? page.text : normaliseText(text!);
  if (!body.trim()) return "empty article (no text)";
  const given: Partial<Metadata> = { ...page?.given, ...statedMetadata(rec) };
  let id = safeIdPart(rec.id) || fallbackId;
  if (usedIds.has(id)) id = `${id}-${fallbackId}`;
  usedIds.add(id);
  return { id: `${baseId}/${id}`, sourceFile, format: page ? "html" : "json", text: body, given };
}

function statedMetadata(rec: Record<string, unknown>): Partial<Metadata> {
  const given: Partial<Metadata> = {};
  const title = str(rec.title);
  if (title) given.title = oneLine(title);
  const published = str(rec.published) ? isoDate(str(rec.published)!) : "";
  if (published) given.published = published;
  const url = str(rec.url);
  if (url) given.sourceUrl = url.trim();
  const publisher = str(rec.publisher);
  if (publisher) given.publisher = oneLine(publisher);
  const authors = ([] as unknown[]).concat(rec.authors ?? []).map((a) => (typeof a === "string" ? oneLine(a) : "")).filter(Boolean);
  if (authors.length) given.authors = authors;
  return given;
}

/**
 * A record id made safe as one path segment: no separators, no `..`, no NUL or
 * control characters, no leading dot, bounded length. "" when nothing is left.
 */
export function safeIdPart(value: unknown): string {
  if (typeof value !== "string" && typeof value !== "number") return "";
  return String(value)
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, "_")
    .replace(/\.{2,}/g, "_")
    .replace(/^[.\s_]+|[.\s]+$/g, "")
    .slice(0, MAX_ID_LENGTH);
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value : undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
