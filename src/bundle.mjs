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
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = path.resolve(import.meta.dirname, "..");
/** Inside the project, so a bundle's imports of installed packages resolve from its node_modules. */
const CACHE_DIR = path.join(ROOT, "node_modules", ".cache", "newsmine");

/**
 * Packages a bundle loads as installed: esbuild and tsx run binaries and
 * loaders of their own, bullmq reads its scripts from its folder, and the
 * HTML readers (big, and for HTML pages only) stay out of the worker's code.
 */
const INSTALLED = ["esbuild", "tsx", "bullmq", "ioredis", "linkedom", "@mozilla/readability"];

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
 * or undefined when it cannot be built. It takes in the packages it uses but
 * those of INSTALLED: node spent some 200 ms of each start resolving and
 * compiling the files of packages such as zod and commander one by one. As an ES module
 * it is split at dynamic imports, so what a module loads lazily (and the
 * packages it alone uses) still loads lazily; as CommonJS, one file, whose
 * lazily imported modules are initialised on first use, which
 * src/parallel/worker-start.cjs runs with a V8 code cache.
 * @param {string} entry
 * @param {string} prefix names the bundle's folder, `<prefix>-<hash>`
 * @param {{ format?: "esm" | "cjs" }} [options]
 * @returns {Promise<URL | undefined>}
 */
export async function bundled(entry, prefix, { format = "esm" } = {}) {
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
        external: INSTALLED,
        // Packages written as CommonJS require node's modules: an ES module has no `require` of its own to give them.
        banner: format === "esm" ? { js: 'import { createRequire as newsmineCreateRequire } from "node:module"; const require = newsmineCreateRequire(import.meta.url);' } : undefined,
        logLevel: "silent",
        plugins: format === "esm" ? [ownLocation, thisModuleShared] : [ownLocation],
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
 * This module stays out of the ES module bundle, which imports it from here:
 * bin/newsmine.js has loaded it already, so the bundle shares its instance,
 * and the hash of the sources it worked out (some 20 ms) is not worked out again.
 * @type {import("esbuild").Plugin}
 */
const thisModuleShared = {
  name: "this-module-shared",
  setup(build) {
    const self = fileURLToPath(import.meta.url);
    build.onResolve({ filter: /[\\/]bundle\.mjs$/ }, (args) => (path.resolve(args.resolveDir, args.path) === self ? { path: import.meta.url, external: true } : undefined));
  },
};

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
