// Words for the theme matcher and the keyphrase chunker: runs of letters and
// digits; an apostrophe followed by letters stays inside ("China's"); any other
// character separates words. Same words as /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu,
// scanned by hand because a regex match object per word cost more than the work on the word.
const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const codeSize = (code: number) => (code > 0xffff ? 2 : 1);

function isLetter(code: number): boolean {
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  return LETTER.test(String.fromCodePoint(code));
}

function isLetterOrDigit(code: number): boolean {
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  return LETTER_OR_DIGIT.test(String.fromCodePoint(code));
}

/** Offset of the first word character at or after `from` (text.length when none). */
export function nextWordStart(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const code = text.codePointAt(i)!;
    if (isLetterOrDigit(code)) return i;
    i += codeSize(code);
  }
  return text.length;
}

/** End of the word starting at `start`: letters and digits, then apostrophe + letters groups. */
export function wordEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const code = text.codePointAt(i)!;
    if (!isLetterOrDigit(code)) break;
    i += codeSize(code);
  }
  while (i + 1 < text.length && (text[i] === "'" || text[i] === "’") && isLetter(text.codePointAt(i + 1)!)) {
    i++;
    while (i < text.length) {
      const code = text.codePointAt(i)!;
      if (!isLetter(code)) break;
      i += codeSize(code);
    }
  }
  return i;
}
