// PLACEHOLDER (replaced by the quotes stage).
import type { Stage } from "../types.ts";

export const quotes: Stage = (article) => article;
