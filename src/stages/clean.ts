// PLACEHOLDER (replaced by the boilerplate stage): keeps every non-empty line.
import type { Stage } from "../types.ts";

export const clean: Stage = (article) => ({
  ...article,
  text: article.raw.split("\n").map((l) => l.trim()).filter(Boolean).join("\n\n") + "\n",
  removed: [],
});
