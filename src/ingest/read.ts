// Ingest: reads one input file into RawDocuments. The only stage besides the
// writer that touches the file system.
import fs from "node:fs";
import { gunzipSync } from "node:zlib";
import { normaliseText } from "../nlp/normalise.ts";
import type { RawDocument } from "../types.ts";
import { decode, InputError } from "./decode.ts";
import type { InputFile } from "./discover.ts";

export { InputError };

export interface ReadOptions {
  maxBytes: number;
}

const TEXT_EXTENSIONS = [".txt", ".text", ".md"];
const HTML_EXTENSIONS = [".html", ".htm", ".html.gz", ".htm.gz"];
const RECORD_EXTENSIONS = [".jsonl", ".json"];

/** The articles of one file, and the records in it that could not be read (one message each). */
export interface ReadResult {
  docs: RawDocument[];
  errors: string[];
}

/** The article id of a file: its relative path without extension. */
export function articleIdOf(rel: string): string {
  return rel.replace(/(\.[A-Za-z0-9]{1,5})+$/, "");
}

export function isReadable(rel: string): boolean {
  const lower = rel.toLowerCase();
  return [...TEXT_EXTENSIONS, ...HTML_EXTENSIONS, ...RECORD_EXTENSIONS].some((ext) => lower.endsWith(ext));
}

export async function readInput(file: InputFile, options: ReadOptions): Promise<ReadResult> {
  // Synchronous: reads run where nothing else waits (a worker, or the one-thread run), and cost less than their promise round trips.
  const stat = fs.statSync(file.path);
  if (stat.size > options.maxBytes) throw new InputError(`file is ${stat.size} bytes, over the --max-bytes limit of ${options.maxBytes}`);
  const bytes = fs.readFileSync(file.path);
  const lower = file.rel.toLowerCase();
  const id = articleIdOf(file.rel);
  if (HTML_EXTENSIONS.some((ext) => lower.endsWith(ext))) {
    // Loaded on the first page only: the HTML libraries take longer to load than a text corpus takes to read.
    const { decodeHtml, readHtml } = await import("./html.ts");
    const page = readHtml(decodeHtml(lower.endsWith(".gz") ? gunzip(bytes, options.maxBytes) : bytes));
    if (!page.text.trim()) throw new InputError("no article text found in the page");
    return { docs: [{ id, sourceFile: file.rel, format: "html", text: page.text, given: page.given }], errors: [] };
  }
  const { text } = decode(bytes);
  const normalised = normaliseText(text);
  if (!normalised.trim()) throw new InputError("empty file (no text)");
  if (RECORD_EXTENSIONS.some((ext) => lower.endsWith(ext))) {
    // Records may hold HTML: the JSON reader brings the HTML libraries, loaded on the first such file only.
    const { readRecords } = await import("./jsonl.ts");
    return readRecords(normalised, id, file.rel);
  }
  return { docs: [{ id, sourceFile: file.rel, format: "text", text: normalised, given: {} }], errors: [] };
}

/** Decompresses a .gz page, refusing to inflate past the size limit (gzip bombs). */
function gunzip(bytes: Uint8Array, maxBytes: number): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new InputError(code === "ERR_BUFFER_TOO_LARGE" ? `decompressed page is over the --max-bytes limit of ${maxBytes}` : `not a readable gzip file (${(err as Error).message})`);
  }
}
