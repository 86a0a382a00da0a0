// Sentence spans and word count of the clean body, computed once and shared
// by every analysis stage.
import { classOf, WORD } from "../nlp/chars.ts";
import { splitSentences } from "../nlp/sentences.ts";
import type { Stage } from "../types.ts";

const isAlnum = (cp: number) => (classOf(cp) & WORD) !== 0;

const ALNUM = 1;
const JOINER = 2; // ' ’ . -
/** ALNUM, JOINER or 0 for each ASCII unit. */
const ASCII_KIND = Uint8Array.from({ length: 128 }, (_, c) => (isAlnum(c) ? ALNUM : c === 39 || c === 46 || c === 45 ? JOINER : 0));

/**
 * Words: runs of letters and digits, a single apostrophe, full stop or hyphen
 * between two of them joining one word ("don't", "U.S", "e-mail"). One pass;
 * ASCII by table look-up, with no branch on the character in the common case.
 */
export function countWords(text: string): number {
  let n = 0;
  let inWord = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const unit = text.charCodeAt(i);
    let kind: number;
    if (unit < 0x80) kind = ASCII_KIND[unit];
    else {
      const cp = unit >= 0xd800 && unit <= 0xdbff ? text.codePointAt(i)! : unit;
      if (cp > 0xffff) i++;
      kind = isAlnum(cp) ? ALNUM : cp === 0x2019 ? JOINER : 0;
    }
    n += kind & ALNUM & (inWord ^ 1);
    if (kind === JOINER) inWord = inWord && i + 1 < length && isAlnum(text.codePointAt(i + 1)!) ? 1 : 0;
    else inWord = kind;
  }
  return n;
}

export const segment: Stage = (article) => ({
  ...article,
  sentences: splitSentences(article.text),
  words: countWords(article.text),
});
