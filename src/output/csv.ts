// Streaming CSV files (RFC 4180 via csv-stringify) with back-pressure, so rows
// go to disk as they are produced and memory stays flat.
import fs from "node:fs";
import { once } from "node:events";
import { stringify, type Stringifier } from "csv-stringify";
import { columns, type DatasetName, type Row } from "../schema.ts";

export interface CsvOptions {
  /** Guard text cells against spreadsheet formula injection (OWASP). */
  formulaGuard: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;
// A signed plain number ("-5", "+1.5e3") is read as a number, never a formula.
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * OWASP CSV-injection guard: a text cell starting with = + - @ tab or CR gets
 * a leading apostrophe, which makes spreadsheets read it as text. Signed
 * plain numbers are left as they are, so numeric text columns stay numbers.
 */
export function guardFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

/** Rows are gathered into writes of about this size: a write per row cost more than the analysis. */
const WRITE_BYTES = 64 * 1024;

export class CsvSink<N extends DatasetName> {
  private readonly stringifier: Stringifier;
  private readonly file: fs.WriteStream;
  private readonly done: Promise<unknown>;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  rows = 0;

  constructor(readonly name: N, path: string, options: CsvOptions) {
    this.file = fs.createWriteStream(path);
    this.done = once(this.file, "finish");
    this.stringifier = stringify({
      header: true,
      columns: columns(name),
      record_delimiter: "unix",
      cast: {
        string: options.formulaGuard ? guardFormula : (s) => s,
        number: (n) => (Number.isFinite(n) ? String(n) : ""),
        boolean: (b) => (b ? "true" : "false"),
      },
    });
    // The stringifier emits each row synchronously; rows are kept until a write's worth has gathered.
    this.stringifier.on("data", (chunk: Buffer) => {
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
    });
  }

  async write(row: Row<N>): Promise<void> {
    this.rows++;
    this.stringifier.write(row);
    if (this.pendingBytes >= WRITE_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    if (!this.file.write(chunk)) await once(this.file, "drain");
  }

  async close(): Promise<void> {
    const ended = once(this.stringifier, "end");
    this.stringifier.end();
    this.stringifier.resume();
    await ended;
    await this.flush();
    this.file.end();
    await this.done;
  }
}
