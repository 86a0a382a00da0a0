// The pipeline version a job is made for: the --incremental cache's version
// (a hash of src/, the locked libraries and the settings that change an
// analysis). Jobs carry it, so a worker running other code or settings
// refuses the job instead of mixing two pipelines' results into one output.
// NEWSMINE_PIPELINE_VERSION names the code's version instead (e.g. a
// container image tag) where every machine runs one image.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import { pipelineVersion } from "../output/cache.ts";

export interface AnalysisSettings {
  maxBytes: number;
  /** --themes file (absolute path), or null for the default taxonomy. */
  themes: string | null;
}

const versions = new Map<string, Promise<string>>();

export function versionFor(settings: AnalysisSettings): Promise<string> {
  const key = JSON.stringify(settings);
  let v = versions.get(key);
  if (!v) versions.set(key, (v = compute(settings)));
  return v;
}

async function compute({ maxBytes, themes }: AnalysisSettings): Promise<string> {
  // As the local --incremental run keys its cache: the taxonomy's text, not its path.
  const analysis = { themes: themes ? await fs.readFile(themes, "utf8") : null, maxBytes };
  const named = process.env.NEWSMINE_PIPELINE_VERSION;
  if (!named) return pipelineVersion(analysis);
  return `${named}-${createHash("sha256").update(JSON.stringify(analysis)).digest("hex").slice(0, 12)}`;
}
