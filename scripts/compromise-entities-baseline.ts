// Throwaway baseline: what compromise finds out of the box (people(),
// organizations(), places()) scored by the same scorer as our entities.
// Writes a minimal output folder (mentions.csv + the files the scorer reads):
//   node --import tsx scripts/compromise-entities-baseline.ts --input DIR --output DIR
//   node ../shared/eval/score.mjs --gold GOLD --out DIR
// Organisations count as companies and places as countries, which is the best
// compromise can do without our rules (it has no company/country split).
import fs from "node:fs";
import path from "node:path";
import nlp from "compromise";

const arg = (name: string) => process.argv[process.argv.indexOf(`--${name}`) + 1];
const input = arg("input");
const output = arg("output");
fs.mkdirSync(path.join(output, "clean"), { recursive: true });
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
const rows = ["article_id,entity_id,name,type,surface,start,end"];
const articles = ["article_id,source_file,title,published,publisher,authors,words"];
for (const file of fs.readdirSync(input).filter((f) => f.endsWith(".txt")).sort()) {
  const id = file.replace(/\.txt$/, "");
  const text = fs.readFileSync(path.join(input, file), "utf8");
  fs.writeFileSync(path.join(output, "clean", file), text);
  articles.push(`${quote(id)},${quote(file)},"","","","",0`);
  const doc = nlp(text);
  const add = (type: string, names: string[]) => {
    for (const n of names) {
      const name = n.replace(/^[\s"'“‘(]+|[\s"'”’),.;:!?]+$/g, "").replace(/['’]s$/, "");
      if (name) rows.push([id, `${type}:${name}`, name, type, name, 0, 0].map((v) => quote(String(v))).join(","));
    }
  };
  add("person", doc.people().out("array"));
  add("company", doc.organizations().out("array"));
  add("country", doc.places().out("array"));
}
fs.writeFileSync(path.join(output, "mentions.csv"), rows.join("\n") + "\n");
fs.writeFileSync(path.join(output, "articles.csv"), articles.join("\n") + "\n");
fs.writeFileSync(path.join(output, "entities.csv"), "entity_id,name,type,articles,mentions\n");
fs.writeFileSync(path.join(output, "figures.csv"), "article_id,value,unit,text\n");
fs.writeFileSync(path.join(output, "quotes.csv"), "article_id,type,speaker,text\n");
fs.writeFileSync(path.join(output, "article_themes.csv"), "article_id,theme,mentions\n");
fs.writeFileSync(path.join(output, "themes.csv"), "period,theme,articles,mentions,words\n");
