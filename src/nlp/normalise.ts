// Text normalisation applied to every input before anything else reads it:
// one line-end convention, one kind of space and one Unicode composition, so
// every later offset and pattern sees the same characters whatever the source
// produced (CRLF, CR or LF; NFD from macOS or NFC). Linear in the text length.

// CRLF, CR, and the Unicode line/paragraph separators and NEL all end a line;
// vertical tab and form feed (page breaks in old exports) too.
const LINE_BREAK = /\r\n?|[\u2028\u2029\u0085\u000B\u000C]/g;
// NBSP, figure/narrow spaces, en/em spaces, ideographic space, etc.
const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
// Zero-width characters, soft hyphens and the BOM, which carry no text.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// C0/C1 control characters other than tab and newline.
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;

export function normaliseText(text: string): string {
  const flat = text
    .replace(LINE_BREAK, "\n")
    .replace(INVISIBLE, "")
    .replace(ODD_SPACES, " ")
    .replace(CONTROL, "")
    .normalize("NFC");
  return trimLineEnds(flat);
}

/**
 * Drops spaces and tabs before each newline and at the end, in one pass over
 * the characters. Not /[ \t]+$/gm, which backtracks quadratically over long
 * runs of spaces that do not end a line.
 */
function trimLineEnds(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  if (!text.includes(" \n") && !text.includes("\t\n") && !isBlank(last)) return text;
  const out = new Uint16Array(text.length);
  let o = 0;
  let blankFrom = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isBlank(c)) {
      if (blankFrom < 0) blankFrom = i;
      continue;
    }
    if (blankFrom >= 0 && c !== 0x0a) for (let j = blankFrom; j < i; j++) out[o++] = text.charCodeAt(j);
    blankFrom = -1;
    out[o++] = c;
  }
  return utf16.decode(out.subarray(0, o));
}

const utf16 = new TextDecoder("utf-16le");
const isBlank = (c: number) => c === 0x20 || c === 0x09;
