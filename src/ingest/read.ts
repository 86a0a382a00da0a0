// Ingest: reads one input file into RawDocuments. The only stage besides the
// writer that touches the file system.
import fs from "node:fs/promises";
import { normaliseText } from "../nlp/normalise.ts";
import type { RawDocument } from "../types.ts";
import { decode, InputError } from "./decode.ts";
import type { InputFile } from "./discover.ts";

export { InputError };

export interface ReadOptions {
  maxBytes: number;
}

const TEXT_EXTENSIONS = [".txt", ".text", ".md"];

/** The article id of a file: its relative path without extension. */
export function articleIdOf(rel: string): string {
  return rel.replace(/(\.[A-Za-z0-9]{1,5})+$/, "");
}

export function isReadable(rel: string): boolean {
  const lower = rel.toLowerCase();
  return TEXT_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export async function readInput(file: InputFile, options: ReadOptions): Promise<RawDocument[]> {
  const stat = await fs.stat(file.path);
  if (stat.size > options.maxBytes) throw new InputError(`file is ${stat.size} bytes, over the --max-bytes limit of ${options.maxBytes}`);
  const bytes = await fs.readFile(file.path);
  const { text } = decode(bytes);
  const normalised = normaliseText(text);
  if (!normalised.trim()) throw new InputError("empty file (no text)");
  return [{ id: articleIdOf(file.rel), sourceFile: file.rel, format: "text", text: normalised, given: {} }];
}
