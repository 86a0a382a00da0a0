// The entities stage: people, companies, countries, organisations and places
// in the clean body, each mention carrying its entity's canonical name.
// See src/entities/README.md for the approach.
import { recognise } from "../entities/recognise.ts";
import { resolve } from "../entities/resolve.ts";
import { tokenize } from "../entities/tokens.ts";
import type { Article, Mention, Span, Stage } from "../types.ts";

export function findMentions(text: string, sentences: readonly Span[]): Mention[] {
  const tokens = tokenize(text, sentences);
  return resolve(text, tokens, recognise(tokens));
}

export const entities: Stage = (article: Article) => ({
  ...article,
  mentions: findMentions(article.text, article.sentences),
});
