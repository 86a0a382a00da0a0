// One analysis worker: loads the pipeline once, then reads and analyses the
// files the main thread sends, replying with each file's outcome.
import { parentPort, workerData } from "node:worker_threads";
import { analyse } from "../pipeline.ts";
import { recordFile, rowFormatters } from "../output/rows.ts";
import { analyseFile } from "./file.ts";
import type { WorkerReply, WorkerSetup, WorkerTask } from "./pool.ts";

const setup = workerData as WorkerSetup;
const ctx = { themes: setup.taxonomy };
const format = rowFormatters({ formulaGuard: setup.formulaGuard });
const port = parentPort!;

port.on("message", async ({ seq, file }: WorkerTask) => {
  const stageMs: Record<string, number> = {};
  const outcome = recordFile(await analyseFile(file, { maxBytes: setup.maxBytes }, ctx, analyse, stageMs), format);
  port.postMessage({ seq, outcome, stageMs } satisfies WorkerReply);
});
