// The pipeline version: a hash of the code and data that shape the results
// (every file under src/, package.json and the lock file). Jobs carry it, so
// a worker running other code refuses the job instead of mixing results from
// two pipelines into one output. NEWSMINE_PIPELINE_VERSION names the version
// instead (e.g. a container image tag) where every machine runs one image.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

let cached: Promise<string> | undefined;

export function pipelineVersion(): Promise<string> {
  return (cached ??= process.env.NEWSMINE_PIPELINE_VERSION ? Promise.resolve(process.env.NEWSMINE_PIPELINE_VERSION) : compute());
}

async function compute(): Promise<string> {
  const src = path.join(ROOT, "src");
  const files = (await fs.readdir(src, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
  files.push("package.json", "package-lock.json");
  files.sort();
  const hash = createHash("sha256");
  for (const rel of files) {
    const bytes = await fs.readFile(path.join(ROOT, rel)).catch(() => Buffer.alloc(0));
    hash.update(`${rel}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest("hex").slice(0, 16);
}
