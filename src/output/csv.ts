// CSV (RFC 4180) formatting and streaming files with back-pressure. Rows are
// formatted where articles are analysed (worker threads), so the main thread
// only appends text; files grow as rows arrive and memory stays flat.
import fs from "node:fs";
import { once } from "node:events";
import { columns, type DatasetName, type Row } from "../schema.ts";

export interface CsvOptions {
  /** Guard text cells against spreadsheet formula injection (OWASP). */
  formulaGuard: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;
// A signed plain number ("-5", "+1.5e3") is read as a number, never a formula.
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
// A cell holding a delimiter, quote or line break is quoted (RFC 4180).
const NEEDS_QUOTES = /[",\n\r]/;

/**
 * OWASP CSV-injection guard: a text cell starting with = + - @ tab or CR gets
 * a leading apostrophe, which makes spreadsheets read it as text. Signed
 * plain numbers are left as they are, so numeric text columns stay numbers.
 */
export function guardFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

/** One cell: numbers as written by String (non-finite ones empty), booleans as true/false, text quoted when it must be. */
function formatCell(value: unknown, formulaGuard: boolean): string {
  if (typeof value === "string") {
    const text = formulaGuard ? guardFormula(value) : value;
    return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  }
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  return "";
}

/** Formats rows of one dataset, cells in the schema's column order, each row ending in LF. */
export class RowFormatter<N extends DatasetName> {
  private readonly columns: string[];

  constructor(readonly name: N, private readonly options: CsvOptions) {
    this.columns = columns(name);
  }

  header(): string {
    return this.columns.map((c) => formatCell(c, false)).join(",") + "\n";
  }

  format(row: Row<N>): string {
    const cells = row as Record<string, unknown>;
    let line = "";
    for (let i = 0; i < this.columns.length; i++) line += (i ? "," : "") + formatCell(cells[this.columns[i]], this.options.formulaGuard);
    return line + "\n";
  }
}

/** Text is gathered into writes of about this size: a write per row cost more than the analysis. */
const WRITE_BYTES = 64 * 1024;

/** One CSV file being written: the header, then rows or preformatted text, in order. */
export class CsvSink<N extends DatasetName> {
  private readonly formatter: RowFormatter<N>;
  private readonly file: fs.WriteStream;
  private readonly done: Promise<unknown>;
  private pending = "";
  /** Bytes handed to the file stream so far. */
  private flushed = 0;

  /** `holds`: the bytes the file holds already (an earlier run's, --incremental), header included; none, and the sink starts it with a header. */
  constructor(readonly name: N, path: string, options: CsvOptions, holds = 0) {
    this.formatter = new RowFormatter(name, options);
    if (holds) this.flushed = holds;
    else this.pending = this.formatter.header();
    this.file = fs.createWriteStream(path, { flags: holds ? "a" : "w" });
    this.done = once(this.file, "finish");
  }

  /** The file's size once everything appended so far is written. */
  get bytes(): number {
    return this.flushed + Buffer.byteLength(this.pending);
  }

  write(row: Row<N>): Promise<void> {
    return this.append(this.formatter.format(row));
  }

  /** Appends rows formatted by a RowFormatter of this dataset with the same options. */
  async append(rows: string): Promise<void> {
    this.pending += rows;
    if (this.pending.length >= WRITE_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = this.pending;
    this.pending = "";
    this.flushed += Buffer.byteLength(chunk);
    if (!this.file.write(chunk) && this.file.writableNeedDrain) await once(this.file, "drain");
  }

  async close(): Promise<void> {
    await this.flush();
    this.file.end();
    await this.done;
  }
}
