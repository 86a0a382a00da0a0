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

export class CsvSink<N extends DatasetName> {
  private readonly stringifier: Stringifier;
  private readonly file: fs.WriteStream;
  private readonly done: Promise<unknown>;
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
    this.stringifier.pipe(this.file);
  }

  async write(row: Row<N>): Promise<void> {
    this.rows++;
    if (!this.stringifier.write(row)) await once(this.stringifier, "drain");
  }

  async close(): Promise<void> {
    this.stringifier.end();
    await this.done;
  }
}
