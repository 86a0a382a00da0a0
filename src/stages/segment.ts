// Sentence spans and word count of the clean body, computed once and shared
// by every analysis stage.
import { splitSentences } from "../nlp/sentences.ts";
import type { Stage } from "../types.ts";

const WORD = /[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu;

export function countWords(text: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text)) n++;
  return n;
}

export const segment: Stage = (article) => ({
  ...article,
  sentences: splitSentences(article.text),
  words: countWords(article.text),
});
