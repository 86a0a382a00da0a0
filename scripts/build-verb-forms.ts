// Regenerates src/data/verb-forms.json from compromise's English lexicon:
// inflected verb forms (past tense, 3rd-person present, participles), which
// the keyphrase chunker treats as noun-phrase boundaries.
// Run: node --import tsx scripts/build-verb-forms.ts
import fs from "node:fs";
import nlp from "compromise";

const TAGS = new Set(["PastTense", "PresentTense", "Participle"]);
const lexicon = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
const words = Object.entries(lexicon)
  .filter(([w, tags]) => /^[a-z]+$/.test(w) && [tags].flat().some((t) => t.split(",").some((x) => TAGS.has(x))))
  .map(([w]) => w)
  .sort();
const version = (JSON.parse(fs.readFileSync(new URL("../node_modules/compromise/package.json", import.meta.url), "utf8")) as { version: string }).version;
const out = {
  _source: `Inflected verb forms (PastTense, PresentTense, Participle) from the lexicon of compromise ${version} (MIT), extracted by scripts/build-verb-forms.ts.`,
  words,
};
fs.writeFileSync(new URL("../src/data/verb-forms.json", import.meta.url), JSON.stringify(out, null, 0).replace(/","/g, '", "') + "\n");
console.log(`${words.length} verb forms`);
