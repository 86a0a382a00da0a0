// @ts-check
// Where an analysis worker starts when the worker is bundled as CommonJS (see
// src/bundle.mjs): runs the bundle with a V8 code cache kept beside it. A
// worker otherwise spends a few hundred milliseconds compiling the bundle,
// and compiles each function again the first time it runs, which is most of
// why its first files are slow: what a short --incremental re-run is made of.
// The cache is written once, by a worker that has analysed a few files (their
// functions are compiled into it then), and dropped by V8 if it does not fit
// this node (another V8 version or flags), which the next worker rewrites.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { createRequire } = require("node:module");
const { parentPort, threadId, workerData } = require("node:worker_threads");

/** Files a worker analyses before it saves the code cache. */
const WARM_FILES = 8;

const { bundle, codeCache } = /** @type {{ codeCached: { bundle: string; codeCache: string } }} */ (workerData).codeCached;

/** Compiles the bundle with the cache if there is one that fits; says whether a cache should be written. */
function compile() {
  let cachedData;
  try {
    cachedData = fs.readFileSync(codeCache);
  } catch {
    // None yet.
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(bundle, "utf8")}\n})`, { filename: bundle, cachedData });
  return { script, stale: cachedData === undefined || script.cachedDataRejected === true };
}

const { script, stale } = compile();
const bundleModule = { exports: {} };
script.runInThisContext().call(bundleModule.exports, bundleModule.exports, createRequire(bundle), bundleModule, bundle, path.dirname(bundle));

if (stale) {
  let files = 0;
  const count = (/** @type {object} */ message) => {
    if (!("seq" in message) || ++files <= WARM_FILES) return;
    parentPort?.off("message", count);
    // Written beside and renamed into place: a concurrent worker never reads half a cache.
    try {
      const tmp = `${codeCache}.${process.pid}.${threadId}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, codeCache);
    } catch {
      // A read-only install runs without a cache.
    }
  };
  parentPort?.on("message", count);
}
