// Figures stage: every quantity in the clean text (counts, money, measures,
// percentages) as a plain number with its unit, currency, qualifier and the
// sentence it stands in. The finding itself lives in src/figures/.
import { findFigures } from "../figures/extract.ts";
import { sentenceAt } from "../nlp/sentences.ts";
import type { Stage } from "../types.ts";

export const figures: Stage = (article) => ({
  ...article,
  figures: findFigures(article.text).map((f) => {
    const s = article.sentences[sentenceAt(article.sentences, f.start)];
    return { ...f, sentence: s ? article.text.slice(s.start, s.end) : "" };
  }),
});
