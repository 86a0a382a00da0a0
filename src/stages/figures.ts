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
    // Fields named one by one: an object spread per figure cost as much as the lookup.
    return {
      start: f.start, end: f.end, text: f.text, value: f.value, valueHigh: f.valueHigh, unit: f.unit, currency: f.currency, kind: f.kind,
      qualifier: f.qualifier, sentence: s ? article.text.slice(s.start, s.end) : "",
    };
  }),
});
