// Atomic replacement of the output folder. A run writes into
// `<output>.newsmine-tmp-<pid>` beside the output; at the end the previous
// output is renamed to `<output>.newsmine-old-<pid>`, the new one renamed into
// place, and the old one removed. A run killed at any moment therefore leaves
// either the previous output or the new one complete; a kill between the two
// renames leaves only the `-old-` folder, which the next run puts back.
//
// A run resumed from a checkpoint (--incremental) may also take over parts of
// the previous output: whole folders of its clean texts, and its article
// CSVs, to which the new run's rows are appended (a copy would write the
// whole file again: some 500 MB per 100,000 articles). Between the two
// renames they move from the old folder into the new one, as a journal in
// the new one lists. A run killed mid-way has them put back as they were by
// the next run.
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";

export type WorkKind = "tmp" | "old";

export function workFolder(target: string, kind: WorkKind, pid = process.pid): string {
  return `${target}.newsmine-${kind}-${pid}`;
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(
    () => true,
    () => false,
  );
}

/**
 * Cleans up after runs that were killed: restores a previous output left
 * moved aside mid-swap, and removes their unfinished temporary folders.
 * Folders of runs still alive are left alone. Returns one note per action.
 */
export async function recoverLeftovers(target: string): Promise<string[]> {
  const dir = path.dirname(target);
  const name = path.basename(target);
  const pattern = new RegExp(`^${escapeRegExp(name)}\\.newsmine-(tmp|old)-(\\d+)$`);
  const entries = await fs.readdir(dir).catch(() => [] as string[]);
  const stale = entries
    .map((e) => ({ entry: e, m: pattern.exec(e) }))
    .filter(({ m }) => m && !isRunning(Number(m[2])))
    .map(({ entry, m }) => ({ full: path.join(dir, entry), kind: m![1] as WorkKind, pid: Number(m![2]) }))
    .sort((a, b) => (a.full < b.full ? -1 : 1));
  const notes: string[] = [];
  for (const { full, kind, pid } of stale) {
    if (kind === "old" && !(await exists(target))) {
      await returnAdopted(workFolder(target, "tmp", pid), full);
      await fs.rename(full, target);
      notes.push(`restored the previous output from ${path.basename(full)} (an earlier run was killed mid-swap)`);
    } else {
      await fs.rm(full, { recursive: true, force: true });
      notes.push(`removed ${path.basename(full)} left by an interrupted run`);
    }
  }
  return notes;
}

/** Lists, in a new output folder, what it takes over from the old one while they move (an Adoption bar `from`). */
const JOURNAL = path.join("cache", "adopted.json");

/**
 * An article CSV of the previous output that a new one takes over: its first
 * `keep` bytes, then the rows the new run wrote to `<file>.rows` in the new
 * folder, appended at the swap.
 */
export interface AdoptedCsv {
  /** Its name in the output folder. */
  file: string;
  keep: number;
  /** The size and modification time (ms) it had when the run resumed: it must still have them at the swap. */
  size: number;
  mtimeMs: number;
  /** Its bytes after `keep`, saved in the new folder (relative path) to put back if the swap is undone; none when it is kept whole. */
  tail?: string;
}

/** Where the rows a run appends to an adopted CSV are written meanwhile. */
export const rowsFileOf = (file: string) => `${file}.rows`;

/** Parts of the previous output that a new one takes over, and which output folder (its inode) they were checked in. */
export interface Adoption {
  /** Folders under clean/. */
  folders: readonly string[];
  csvs: readonly AdoptedCsv[];
  from: bigint;
}

/**
 * Replaces `target` with `fresh` by two renames. The previous output is only
 * moved aside once the new one is complete, and removed after the swap.
 * `adopt`: what moves from the old output into the new one between the two
 * renames, provided the old output is still the one it came from. `finish`
 * runs last, with the new folder complete but for it.
 */
export async function swapIn(fresh: string, target: string, adopt: Adoption = { folders: [], csvs: [], from: 0n }, finish?: () => void | Promise<void>): Promise<void> {
  const old = workFolder(target, "old");
  const adopting = adopt.folders.length + adopt.csvs.length > 0;
  if (adopting) await fs.writeFile(path.join(fresh, JOURNAL), JSON.stringify({ folders: adopt.folders, csvs: adopt.csvs }));
  let hadOld = false;
  try {
    await fs.rename(target, old);
    hadOld = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  try {
    if (adopting && (!hadOld || (await fs.stat(old, { bigint: true })).ino !== adopt.from))
      throw new Error("another run replaced the output folder during this one; run again");
    for (const dir of adopt.folders) {
      const to = path.join(fresh, "clean", dir);
      await fs.mkdir(path.dirname(to), { recursive: true });
      await fs.rename(path.join(old, "clean", dir), to);
    }
    for (const csv of adopt.csvs) await takeOver(csv, old, fresh);
    await finish?.();
    await fs.rename(fresh, target);
  } catch (err) {
    if (hadOld) {
      await returnAdopted(fresh, old);
      await fs.rename(old, target);
    }
    throw err;
  }
  if (adopting) await fs.rm(path.join(target, JOURNAL), { force: true });
  if (hadOld) await fs.rm(old, { recursive: true, force: true });
}

/** Moves an adopted CSV from the old output into the new one, cut to its kept bytes with the new rows appended. */
async function takeOver(csv: AdoptedCsv, old: string, fresh: string): Promise<void> {
  const from = path.join(old, csv.file);
  const st = await fs.stat(from);
  if (st.size !== csv.size || st.mtimeMs !== csv.mtimeMs || st.nlink !== 1) throw new Error(`the previous output's ${csv.file} changed during the run; run again`);
  const rows = path.join(fresh, rowsFileOf(csv.file));
  if (csv.keep < csv.size) await fs.truncate(from, csv.keep);
  await append(rows, from);
  await fs.rename(from, path.join(fresh, csv.file));
  await fs.rm(rows);
}

/** Appends the file `from` to the file `to`. */
const append = (from: string, to: string) => pipeline(createReadStream(from), createWriteStream(to, { flags: "a" }));

/**
 * Puts back what a swap had taken from `old` into `fresh` (see swapIn), as
 * its journal lists: folders moved back; CSVs moved back, cut to their kept
 * bytes and given their saved tails again. Each step can be repeated, so a
 * run killed while doing this has the next one finish it.
 */
async function returnAdopted(fresh: string, old: string): Promise<void> {
  let adopted: Pick<Adoption, "folders" | "csvs">;
  try {
    adopted = JSON.parse(await fs.readFile(path.join(fresh, JOURNAL), "utf8")) as Pick<Adoption, "folders" | "csvs">;
  } catch {
    return; // no journal: nothing was taken
  }
  for (const dir of adopted.folders) {
    const [from, to] = [path.join(fresh, "clean", dir), path.join(old, "clean", dir)];
    if ((await exists(from)) && !(await exists(to))) await fs.rename(from, to);
  }
  for (const csv of adopted.csvs) {
    const [moved, original] = [path.join(fresh, csv.file), path.join(old, csv.file)];
    // The new folder's file of that name is the adopted one: before the move there is only its .rows file.
    if (!(await exists(original))) {
      if (!(await exists(moved))) continue;
      await fs.rename(moved, original);
    }
    await fs.truncate(original, csv.keep);
    if (csv.tail) await append(path.join(fresh, csv.tail), original);
  }
}

/** Saves the bytes of `file` from `start` on as `to`. */
export const saveTail = (file: string, start: number, to: string) => pipeline(createReadStream(file, { start }), createWriteStream(to));

/**
 * The file for an article's clean text, `clean/<article_id>.txt`. Refuses ids
 * that would land outside `cleanRoot` or clash with the file system (empty,
 * NUL, absolute, `.`/`..` or empty segments), whatever ingest produced.
 */
export function cleanPathOf(cleanRoot: string, id: string): string {
  if (!id) throw new Error("empty article_id");
  if (id.includes("\0")) throw new Error("article_id contains a NUL character");
  const segments = id.split("/");
  if (segments.some((s) => s === "" || s === "." || s === ".."))
    throw new Error(`article_id ${JSON.stringify(id)} has an empty, "." or ".." path segment`);
  const file = path.join(cleanRoot, ...segments) + ".txt";
  const rel = path.relative(cleanRoot, file);
  if (rel === ".." || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) throw new Error(`article_id ${JSON.stringify(id)} leaves the output folder`);
  return file;
}

/** An article's clean text file relative to clean/, for an id cleanPathOf accepted before (a checkpoint's). */
export const cleanFileOf = (id: string): string => (path.sep === "/" ? id : id.replaceAll("/", path.sep)) + ".txt";

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
