// PLACEHOLDER (replaced by the themes stage).
import fs from "node:fs";
import { parse } from "yaml";
import type { Stage } from "../types.ts";

export interface ThemeDefinition {
  id: string;
  label: string;
  phrases: string[];
}

export interface ThemeTaxonomy {
  themes: ThemeDefinition[];
}

export const DEFAULT_TAXONOMY = new URL("../data/themes.yaml", import.meta.url);

export function loadTaxonomy(file: string | URL = DEFAULT_TAXONOMY): ThemeTaxonomy {
  const doc = parse(fs.readFileSync(file, "utf8")) as { themes: ThemeDefinition[] };
  return { themes: doc.themes };
}

export const themes: Stage = (article, ctx) => {
  const text = article.text.toLowerCase();
  const found = [];
  for (const t of ctx.themes.themes) {
    for (const p of t.phrases) {
      let i = text.indexOf(p.toLowerCase());
      while (i >= 0) {
        found.push({ theme: t.id, start: i, end: i + p.length, surface: article.text.slice(i, i + p.length) });
        i = text.indexOf(p.toLowerCase(), i + p.length);
      }
    }
  }
  return { ...article, themes: found };
};
