// Code-unit helpers for the cleaning scanners, over the shared class table.
import { classOf, SPACE, WORD } from "../nlp/chars.ts";

/** /\s/ for one UTF-16 unit, ASCII without a table look-up. */
export function isSpaceUnit(code: number): boolean {
  if (code < 0x80) return code === 32 || (code >= 9 && code <= 13);
  return (classOf(code) & SPACE) !== 0;
}

/** A letter or digit at the UTF-16 unit level: astral letters, split into surrogates, are not. */
export function isWordUnit(code: number): boolean {
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  return (classOf(code) & WORD) !== 0;
}

const utf16 = new TextDecoder("utf-16le");

/** The string of the first `length` UTF-16 units of `units` (no lone surrogates among them). */
export function unitsToString(units: Uint16Array, length: number): string {
  return utf16.decode(units.subarray(0, length));
}
