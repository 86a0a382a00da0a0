// @ts-check
// Plain JavaScript, as bin/newsmine.js loads it before any TypeScript loader.
//
// Through tsx, every process (and every worker thread) compiles each
// TypeScript module on a loader thread of its own: about half a second per
// start, and some 40 MB per worker. Instead the CLI and the analysis worker
// are each bundled once into one plain ES module (with esbuild, which tsx
// uses anyway), kept under node_modules/.cache and reused while the sources
// are unchanged. Where that cannot be done (no esbuild, read-only install),
// callers fall back to tsx: slower to start, same results.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const ROOT = path.resolve(import.meta.dirname, "..");
/** Inside the project, so a bundle's imports of installed packages resolve from its node_modules. */
const CACHE_DIR = path.join(ROOT, "node_modules", ".cache", "newsmine");

/** @type {string | undefined} */
let sourceDigest;

/**
 * A hash of every file under src/ (path and bytes) and of the locked package
 * versions: what the code of a run is, wherever the project lies. Worked out
 * once per process; callers add what else their hash names.
 * @returns {import("node:crypto").Hash}
 */
export function sourceHash() {
  if (sourceDigest === undefined) {
    const hash = createHash("sha256");
    const walk = (/** @type {string} */ dir) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else hash.update(path.relative(ROOT, full)).update("\0").update(fs.readFileSync(full)).update("\0");
      }
    };
    walk(path.join(ROOT, "src"));
    for (const f of ["package.json", "package-lock.json"]) if (fs.existsSync(path.join(ROOT, f))) hash.update(fs.readFileSync(path.join(ROOT, f)));
    sourceDigest = hash.digest("hex");
  }
  return createHash("sha256").update(sourceDigest);
}

/**
 * The bundle of `entry` (a module under src/), built on first use: a file URL,
 * or undefined when it cannot be built. As an ES module it is split at dynamic
 * imports, so what a module loads lazily (and the packages it alone uses)
 * still loads lazily; as CommonJS, one file with the packages it uses (bar
 * `external` ones), whose lazily imported modules are initialised on first
 * use, which src/parallel/worker-start.cjs runs with a V8 code cache.
 * @param {string} entry
 * @param {string} prefix names the bundle's folder, `<prefix>-<hash>`
 * @param {{ format?: "esm" | "cjs", external?: string[] }} [options] `external`: packages a CommonJS bundle leaves out
 * @returns {Promise<URL | undefined>}
 */
export async function bundled(entry, prefix, { format = "esm", external = [] } = {}) {
  try {
    // The bundle holds absolute paths (see below): named by the project's place as well as its sources.
    const name = `${prefix}-${sourceHash().update(ROOT).digest("hex").slice(0, 16)}`;
    const dir = path.join(CACHE_DIR, name);
    const extension = format === "esm" ? ".mjs" : ".cjs";
    const main = path.join(dir, `${path.basename(entry, path.extname(entry))}${extension}`);
    if (!fs.existsSync(main)) {
      const { build } = await import("esbuild");
      const tmp = `${dir}.${process.pid}.tmp`;
      fs.mkdirSync(CACHE_DIR, { recursive: true });
      await build({
        entryPoints: [entry],
        outdir: tmp,
        outExtension: { ".js": extension },
        bundle: true,
        splitting: format === "esm",
        platform: "node",
        format,
        target: "node20",
        // The ES module loads installed packages as they are; the CommonJS bundle takes them in, under its code cache.
        packages: format === "esm" ? "external" : undefined,
        external,
        logLevel: "silent",
        plugins: [ownLocation],
      });
      // Renamed into place whole, so a concurrent run never starts a half-written bundle; if one got there first, its bundle serves.
      try {
        fs.renameSync(tmp, dir);
      } catch {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
      // Bundles of older sources go; so do their unfinished builds, but not a concurrent build of these sources.
      for (const old of fs.readdirSync(CACHE_DIR)) if (old.startsWith(`${prefix}-`) && !old.startsWith(name)) fs.rmSync(path.join(CACHE_DIR, old), { recursive: true, force: true });
    }
    return fs.existsSync(main) ? pathToFileURL(main) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Modules find their data files from `import.meta`: inside a bundle that
 * would name the bundle, so each source's own location is written in.
 * @type {import("esbuild").Plugin}
 */
const ownLocation = {
  name: "own-location",
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.(ts|mjs)$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, "utf8");
      const own = { url: pathToFileURL(args.path).href, dirname: path.dirname(args.path) };
      const contents = source.replace(/\bimport\.meta\.(url|dirname)\b/g, (_, key) => JSON.stringify(own[/** @type {"url" | "dirname"} */ (key)]));
      return { contents, loader: args.path.endsWith(".ts") ? "ts" : "js" };
    });
  },
};
