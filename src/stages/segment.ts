// Sentence spans and word count of the clean body, computed once and shared
// by every analysis stage.
import { splitSentences } from "../nlp/sentences.ts";
import type { Stage } from "../types.ts";

const ALNUM = /[\p{L}\p{N}]/u;

/** A letter or digit; ASCII answered without a regex. */
function isAlnum(code: number): boolean {
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  return ALNUM.test(String.fromCodePoint(code));
}

const isJoiner = (code: number) => code === 39 || code === 0x2019 || code === 46 || code === 45; // ' ’ . -

/**
 * Words: runs of letters and digits, a single apostrophe, full stop or hyphen
 * between two of them joining one word ("don't", "U.S", "e-mail"). One pass, no regex on ASCII.
 */
export function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const size = code > 0xffff ? 2 : 1;
    if (isAlnum(code)) {
      if (!inWord) n++;
      inWord = true;
    } else if (!(inWord && isJoiner(code) && i + 1 < text.length && isAlnum(text.codePointAt(i + 1)!))) inWord = false;
    i += size;
  }
  return n;
}

export const segment: Stage = (article) => ({
  ...article,
  sentences: splitSentences(article.text),
  words: countWords(article.text),
});
