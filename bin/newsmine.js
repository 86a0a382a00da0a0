#!/usr/bin/env node
// Entry point: runs the CLI from its cached bundle (src/bundle.mjs), built on
// first use; where it cannot be built, runs the TypeScript sources through
// tsx. Either way a clone works right after `npm ci`, with no build step.
import { bundled, ROOT } from "../src/bundle.mjs";

const cli = await bundled(`${ROOT}/src/cli.ts`, "cli");
if (cli) await import(cli.href);
else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli.ts");
}
