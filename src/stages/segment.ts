// Sentence spans and word count of the clean body, computed once and shared
// by every analysis stage.
import { splitSentences } from "../nlp/sentences.ts";
import { joinedEnd, wordsOf } from "../nlp/words.ts";
import type { Stage } from "../types.ts";

/** ' . - ’ */
const isJoiner = (c: number) => c === 39 || c === 46 || c === 45 || c === 0x2019;

/**
 * Words: runs of letters and digits, a single apostrophe, full stop or hyphen
 * between two of them joining one word ("don't", "U.S", "e-mail"). Counted
 * over the article's word table (the same runs, split finer), which the quote,
 * theme and keyphrase stages read too: the text is scanned once.
 */
export function countWords(text: string): number {
  const words = wordsOf(text);
  let n = 0;
  for (let w = 0; w < words.count; w = joinedEnd(words, text, w, isJoiner)) n++;
  return n;
}

export const segment: Stage = (article) => ({
  ...article,
  sentences: splitSentences(article.text),
  words: countWords(article.text),
});
