#!/usr/bin/env node
// Entry point: runs the TypeScript sources through tsx, so a clone works
// right after `npm ci` with no build step.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
