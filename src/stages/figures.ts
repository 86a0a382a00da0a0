// PLACEHOLDER (replaced by the figures stage).
import type { Stage } from "../types.ts";

export const figures: Stage = (article) => article;
