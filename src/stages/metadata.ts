// PLACEHOLDER (replaced by the metadata stage).
import type { Stage } from "../types.ts";

export const metadata: Stage = (article) => ({ ...article, meta: { ...article.meta, ...article.given } });
