// The script analysis workers start from: the worker bundled with the
// pipeline as CommonJS, run with a V8 code cache (see worker-start.cjs), or
// the tsx entry when it cannot be built.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundled, ROOT } from "../bundle.mjs";

const ENTRY = path.join(ROOT, "src", "parallel", "worker.ts");
const START = new URL("./worker-start.cjs", import.meta.url);
const TSX_WORKER = new URL("./worker.mjs", import.meta.url);

/** A worker's script, and what its workerData needs besides the pool's setup. */
export interface WorkerScript {
  url: URL;
  workerData?: object;
}

let script: Promise<WorkerScript> | undefined;

/** The worker script, built on first use. */
export function workerScript(): Promise<WorkerScript> {
  return (script ??= bundled(ENTRY, "worker", { format: "cjs" }).then((url) => {
    if (!url) return { url: TSX_WORKER };
    const bundle = fileURLToPath(url);
    return { url: START, workerData: { codeCached: { bundle, codeCache: `${bundle}.v8cache` } } };
  }));
}
