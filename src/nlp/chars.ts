// Unicode character classes by table lookup: the scanners ask for every
// character of every article, and a \p{...} regex test per character cost more
// than the rest of their work. Flags come from the same regexes, so answers are
// identical; each block of 256 code units is filled the first time one of its
// characters is asked about (English news touches a handful of blocks).
export const LETTER = 1; // \p{L}
export const NUMBER = 2; // \p{N}
export const MARK = 4; // \p{M}

const CLASSES: ReadonlyArray<readonly [number, RegExp]> = [[LETTER, /\p{L}/u], [NUMBER, /\p{N}/u], [MARK, /\p{M}/u]];

const flags = new Uint8Array(0x10000);
const filled = new Uint8Array(0x100);

function classify(s: string): number {
  let f = 0;
  for (const [flag, re] of CLASSES) if (re.test(s)) f |= flag;
  return f;
}

function fill(block: number): void {
  for (let c = block << 8, end = c + 0x100; c < end; c++) flags[c] = classify(String.fromCharCode(c));
  filled[block] = 1;
}

/** Class flags of a code point (a code unit, for lone surrogates). */
export function charClass(code: number): number {
  if (code > 0xffff) return classify(String.fromCodePoint(code));
  if (!filled[code >> 8]) fill(code >> 8);
  return flags[code];
}

/**
 * The same characters in one flat string. Text built by concatenation is a rope,
 * on which every charCodeAt walks the rope's structure; the stages read the
 * clean text character by character many times, so one copy pays. A UTF-16 round trip keeps every unit, lone surrogates included.
 */
export function flatCopy(text: string): string {
  return Buffer.from(text, "utf16le").toString("utf16le");
}
