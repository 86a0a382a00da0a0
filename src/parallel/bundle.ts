// The script analysis workers start from: the worker bundled with the
// pipeline (see src/bundle.mjs), or the tsx entry when it cannot be built.
import path from "node:path";
import { bundled, ROOT } from "../bundle.mjs";

const ENTRY = path.join(ROOT, "src", "parallel", "worker.ts");
const TSX_WORKER = new URL("./worker.mjs", import.meta.url);

let script: Promise<URL> | undefined;

/** The worker script, built on first use. */
export function workerScript(): Promise<URL> {
  return (script ??= bundled(ENTRY, "worker").then((url) => url ?? TSX_WORKER));
}
