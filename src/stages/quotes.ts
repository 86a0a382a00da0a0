// Quotes stage: direct, partial and indirect (reported) statements with their
// speakers. Runs after the entities stage and reads its mentions for speaker
// names; see src/quotes/ for the grammar.
import { findCueSites } from "../quotes/attribution.ts";
import { directQuotes } from "../quotes/direct.ts";
import { Doc } from "../quotes/doc.ts";
import { indirectQuotes } from "../quotes/indirect.ts";
import { findQuotedSpans } from "../quotes/marks.ts";
import { Speakers } from "../quotes/speakers.ts";
import { splitSentences } from "../nlp/sentences.ts";
import type { Quote, Stage } from "../types.ts";

export const quotes: Stage = (article) => {
  const text = article.text;
  const sentences = article.sentences.length || !text ? article.sentences : splitSentences(text);
  const doc = new Doc(text, sentences, findQuotedSpans(text));
  const speakers = new Speakers(doc, article.mentions);
  const sites = findCueSites(doc, speakers);
  const direct = directQuotes(doc, sites, speakers);
  // A reported clause may hold a partial quote (both are kept), never a direct one.
  const fullQuotes = direct.filter((q) => q.type !== "partial");
  const indirect = indirectQuotes(doc, sites, speakers).filter((q) => !overlapsAny(q, fullQuotes));
  return { ...article, quotes: [...direct, ...indirect].sort((a, b) => a.start - b.start || a.end - b.end) };
};

/** Whether `q` overlaps any quote of `sorted` (ordered by start, not overlapping each other). */
function overlapsAny(q: Quote, sorted: Quote[]): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].end <= q.start) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo].start < q.end;
}
