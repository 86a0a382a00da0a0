// PLACEHOLDER (replaced by the entities stage).
import type { Stage } from "../types.ts";

export const entities: Stage = (article) => article;
