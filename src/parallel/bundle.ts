// The script analysis workers start from. Through tsx, every worker would
// compile each TypeScript module on a loader thread of its own: over a
// second per worker and some 40 MB each. Instead the worker and the pipeline
// are bundled once into one plain ES module (with esbuild, which tsx uses
// anyway), kept under node_modules/.cache and reused while the sources are
// unchanged. Where that cannot be done (no esbuild, read-only install), the
// workers fall back to tsx: slower to start, same results.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { pipelineVersion } from "../output/cache.ts";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const ENTRY = path.join(ROOT, "src", "parallel", "worker.ts");
/** Inside the project, so the bundle's imports of installed packages resolve from its node_modules. */
const CACHE_DIR = path.join(ROOT, "node_modules", ".cache", "newsmine");
const TSX_WORKER = new URL("./worker.mjs", import.meta.url);

let script: Promise<URL> | undefined;

/** The worker script: the bundle, built on first use, or the tsx entry when it cannot be built. */
export function workerScript(): Promise<URL> {
  return (script ??= bundle().catch(() => TSX_WORKER));
}

async function bundle(): Promise<URL> {
  // Named by the pipeline version: a hash of every file under src/ and of the locked packages.
  const name = `worker-${pipelineVersion({}).slice(0, 16)}.mjs`;
  const out = path.join(CACHE_DIR, name);
  if (!fs.existsSync(out)) {
    const { build } = await import("esbuild");
    const tmp = `${out}.${process.pid}.tmp`;
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    await build({ entryPoints: [ENTRY], outfile: tmp, bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", logLevel: "silent" });
    // Renamed into place whole, so a concurrent run never starts a half-written bundle.
    fs.renameSync(tmp, out);
    for (const old of fs.readdirSync(CACHE_DIR)) if (old.startsWith("worker-") && old.endsWith(".mjs") && old !== name) fs.rmSync(path.join(CACHE_DIR, old), { force: true });
  }
  return pathToFileURL(out);
}
