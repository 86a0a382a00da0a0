// One analysis worker: loads the pipeline once, then, set up by the first
// message, reads and analyses the files the main thread sends, replying with
// each file's outcome (encoded as the cache keeps it, for --incremental).
import { parentPort } from "node:worker_threads";
import { analyse } from "../pipeline.ts";
import { encodeOutcome, recordFile, rowFormatters } from "../output/rows.ts";
import { analyseFile } from "./file.ts";
import type { WorkerMessage, WorkerReply, WorkerSetup, WorkerTask } from "./pool.ts";

const port = parentPort!;
let analyseTask: ((task: WorkerTask) => Promise<void>) | undefined;

port.on("message", async (message: WorkerMessage) => {
  if ("setup" in message) analyseTask = analyser(message.setup);
  else await analyseTask!(message);
});

function analyser(setup: WorkerSetup): (task: WorkerTask) => Promise<void> {
  const ctx = { themes: setup.taxonomy };
  const format = rowFormatters({ formulaGuard: setup.formulaGuard });
  return async ({ seq, file }) => {
    const stageMs: Record<string, number> = {};
    const outcome = recordFile(await analyseFile(file, { maxBytes: setup.maxBytes }, ctx, analyse, stageMs), format);
    if (!setup.encode) return port.postMessage({ seq, outcome, stageMs } satisfies WorkerReply);
    const encoded = encodeOutcome(outcome);
    // v8.serialize gives each result a buffer of its own, so moving it leaves nothing behind.
    port.postMessage({ seq, outcome: encoded, stageMs } satisfies WorkerReply, [encoded.buffer as ArrayBuffer]);
  };
}
