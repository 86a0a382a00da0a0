// Bytes to text: byte-order marks first, then binary signatures, then
// BOM-less UTF-16, strict UTF-8, and finally, by byte statistics, GB18030/GBK
// for Chinese or else UTF-8 with stray bytes read as Windows-1252 (which
// WHATWG also uses for Latin-1). Binary content is refused with a reason.

export class InputError extends Error {}

/**
 * Magic numbers of common non-text files scrapers pick up, for a clear reason;
 * other binaries are caught by their NUL and control bytes.
 */
const BINARY_SIGNATURES: Array<[string, number[]]> = [
  ["PDF document", [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ["PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["JPEG image", [0xff, 0xd8, 0xff]],
  ["GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["TIFF image", [0x49, 0x49, 0x2a, 0x00]],
  ["TIFF image", [0x4d, 0x4d, 0x00, 0x2a]],
  ["ZIP archive or Office document", [0x50, 0x4b, 0x03, 0x04]],
  ["legacy Office document", [0xd0, 0xcf, 0x11, 0xe0]],
  ["gzip archive", [0x1f, 0x8b]],
  ["xz archive", [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ["7-Zip archive", [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ["RAR archive", [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]],
  ["ELF executable", [0x7f, 0x45, 0x4c, 0x46]],
];

const SAMPLE = 8192;

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
}

export function decode(bytes: Uint8Array): { text: string; encoding: string } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  for (const [name, sig] of BINARY_SIGNATURES) if (startsWith(bytes, sig)) throw new InputError(`binary file (${name}), not text`);
  const utf16 = bomlessUtf16(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  if (looksBinary(bytes)) throw new InputError("binary file (control bytes), not text");
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Scraped files often mix encodings: UTF-8 with a few stray legacy bytes, or
    // Windows-1252 with pasted UTF-8 punctuation. Each valid UTF-8 sequence is
    // read as UTF-8 and every other byte as Windows-1252, unless the file is
    // mostly legacy bytes that pair up as Chinese GB18030.
    const mixed = decodeUtf8WithStrays(bytes);
    if (mixed.multibyte < 4 * mixed.strays && looksGb18030(bytes)) return { text: new TextDecoder("gb18030").decode(bytes), encoding: "gb18030" };
    return { text: mixed.text, encoding: mixed.multibyte > 0 ? "utf-8+windows-1252" : "windows-1252" };
  }
}

/** Whether byte `j` exists and lies in lo..hi. */
const byteIn = (b: Uint8Array, j: number, lo: number, hi: number) => j < b.length && b[j] >= lo && b[j] <= hi;

/** Length of the valid UTF-8 sequence at `i` (1 for ASCII), or 0 when none starts there (WHATWG/Unicode rules). */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) return byteIn(b, i + 1, 0x80, 0xbf) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const lo = c === 0xe0 ? 0xa0 : 0x80;
    const hi = c === 0xed ? 0x9f : 0xbf; // no surrogates
    return byteIn(b, i + 1, lo, hi) && byteIn(b, i + 2, 0x80, 0xbf) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const lo = c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xf4 ? 0x8f : 0xbf; // nothing past U+10FFFF
    return byteIn(b, i + 1, lo, hi) && byteIn(b, i + 2, 0x80, 0xbf) && byteIn(b, i + 3, 0x80, 0xbf) ? 4 : 0;
  }
  return 0;
}

const utf16 = new TextDecoder("utf-16le");

/**
 * Valid UTF-8 sequences decoded as UTF-8, every other byte as Windows-1252,
 * in one pass into UTF-16 code units; counts of both kinds.
 */
export function decodeUtf8WithStrays(bytes: Uint8Array): { text: string; multibyte: number; strays: number } {
  const out = new Uint16Array(bytes.length); // never more code units than bytes
  let o = 0;
  let multibyte = 0;
  let strays = 0;
  let i = 0;
  while (i < bytes.length) {
    const c = bytes[i];
    const n = utf8SequenceLength(bytes, i);
    if (n === 1) {
      out[o++] = c;
    } else if (n === 0) {
      out[o++] = c < 0xa0 ? CP1252_HIGH.charCodeAt(c - 0x80) : c;
      strays++;
      i++;
      continue;
    } else {
      let cp = c & (n === 2 ? 0x1f : n === 3 ? 0x0f : 0x07);
      for (let k = 1; k < n; k++) cp = (cp << 6) | (bytes[i + k] & 0x3f);
      if (cp >= 0x10000) {
        out[o++] = 0xd800 + ((cp - 0x10000) >> 10);
        out[o++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
      } else out[o++] = cp;
      multibyte++;
    }
    i += n;
  }
  return { text: utf16.decode(out.subarray(0, o)), multibyte, strays };
}

// Windows-1252 bytes 0x80–0x9F (WHATWG index); the five unassigned bytes stay
// C1 controls, which normalisation drops.
const CP1252_HIGH = "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

/**
 * Node's TextDecoder("windows-1252") decodes as ISO-8859-1 (bytes 0x80–0x9F
 * become C1 controls, losing curly quotes, dashes and the euro sign), so the
 * 32 bytes where the two differ are mapped here.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder("latin1").decode(bytes).replace(/[\u0080-\u009F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

/**
 * UTF-16 without a BOM: ASCII-heavy text then has a NUL in every other byte,
 * always on the same side. Binary files have NULs on both sides.
 */
function bomlessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const units = n / 2;
  if (oddNul > units * 0.6 && evenNul === 0) return "utf-16le";
  if (evenNul > units * 0.6 && oddNul === 0) return "utf-16be";
  return null;
}

/** NUL bytes, or many control bytes in the first 8 KB, mean binary. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SAMPLE);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 8 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return n > 0 && control / n > 0.1;
}

/**
 * Chinese legacy text (GB2312 ⊂ GBK ⊂ GB18030) stores each hanzi as two bytes
 * both in 0xA1–0xFE, so nearly every high byte sits in such a pair and the
 * byte stream is valid GB18030 throughout. Western Windows-1252 text has its
 * high bytes (accents, curly quotes) alone between ASCII letters.
 */
export function looksGb18030(bytes: Uint8Array): boolean {
  let high = 0;
  let pairedHigh = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b === 0x80 || b === 0xff) return false;
    const t = bytes[i + 1] ?? -1;
    if (t >= 0x30 && t <= 0x39) {
      // Four-byte GB18030 sequence: lead, digit, lead-range byte, digit.
      const t2 = bytes[i + 2] ?? -1;
      const t3 = bytes[i + 3] ?? -1;
      if (t2 < 0x81 || t2 > 0xfe || t3 < 0x30 || t3 > 0x39) return false;
      high += 2;
      pairedHigh += 2;
      i += 4;
      continue;
    }
    if (t < 0x40 || t === 0x7f || t === 0xff) return false;
    high += t >= 0x80 ? 2 : 1;
    if (b >= 0xa1 && t >= 0xa1) pairedHigh += 2;
    i += 2;
  }
  return pairedHigh >= 4 && pairedHigh >= high * 0.8;
}
