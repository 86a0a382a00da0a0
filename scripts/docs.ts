// `npm run docs`: regenerates the README's data dictionary (between the
// columns markers) from src/schema.ts, so the columns are described once.
// `npm run docs -- --check` only reports whether the README is current.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { columnTable } from "../src/output/datapackage.ts";

export const README = path.resolve(import.meta.dirname, "..", "README.md");
const START = "<!-- columns:start -->";
const END = "<!-- columns:end -->";

/** The README text with the marked region replaced by the current column table. */
export function withColumnTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md needs the markers ${START} and ${END}, in that order`);
  return `${readme.slice(0, start + START.length)}\n${columnTable()}\n${readme.slice(end)}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const current = fs.readFileSync(README, "utf8");
  const updated = withColumnTable(current);
  if (process.argv.includes("--check")) {
    if (updated !== current) {
      process.stderr.write("README.md column table is out of date: run `npm run docs`\n");
      process.exitCode = 1;
    }
  } else if (updated !== current) {
    fs.writeFileSync(README, updated);
    process.stderr.write("README.md column table updated\n");
  }
}
