// Atomic replacement of the output folder. A run writes into
// `<output>.newsmine-tmp-<pid>` beside the output; at the end the previous
// output is renamed to `<output>.newsmine-old-<pid>`, the new one renamed into
// place, and the old one removed. A run killed at any moment therefore leaves
// either the previous output or the new one complete; a kill between the two
// renames leaves only the `-old-` folder, which the next run puts back.
//
// A run resumed from a checkpoint (--incremental) may also take over whole
// folders of the previous output's clean texts: between the two renames they
// move from the old folder into the new one, as a journal in the new one
// lists. A run killed mid-way has them moved back by the next run.
import fs from "node:fs/promises";
import path from "node:path";

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

/** Lists, in a new output folder, the clean-text folders it takes over from the old one while they move. */
const JOURNAL = path.join("cache", "adopted-folders.json");

/** Folders under the previous output's clean/ that a new output takes over, and which output folder (its inode) they were checked in. */
export interface Adoption {
  folders: readonly string[];
  from: bigint;
}

/**
 * Replaces `target` with `fresh` by two renames. The previous output is only
 * moved aside once the new one is complete, and removed after the swap.
 * `adopt`: folders under the old clean/ that move into the new one between
 * the two renames, provided the old output is still the one they came from.
 */
export async function swapIn(fresh: string, target: string, adopt: Adoption = { folders: [], from: 0n }): Promise<void> {
  const old = workFolder(target, "old");
  if (adopt.folders.length) await fs.writeFile(path.join(fresh, JOURNAL), JSON.stringify(adopt.folders));
  let hadOld = false;
  try {
    await fs.rename(target, old);
    hadOld = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  try {
    if (adopt.folders.length && (!hadOld || (await fs.stat(old, { bigint: true })).ino !== adopt.from))
      throw new Error("another run replaced the output folder during this one; run again");
    for (const dir of adopt.folders) {
      const to = path.join(fresh, "clean", dir);
      await fs.mkdir(path.dirname(to), { recursive: true });
      await fs.rename(path.join(old, "clean", dir), to);
    }
    await fs.rename(fresh, target);
  } catch (err) {
    if (hadOld) {
      await returnAdopted(fresh, old);
      await fs.rename(old, target);
    }
    throw err;
  }
  if (adopt.folders.length) await fs.rm(path.join(target, JOURNAL), { force: true });
  if (hadOld) await fs.rm(old, { recursive: true, force: true });
}

/** Moves the clean-text folders a swap had taken from `old` into `fresh` back (see swapIn), as its journal lists. */
async function returnAdopted(fresh: string, old: string): Promise<void> {
  let adopted: string[];
  try {
    adopted = JSON.parse(await fs.readFile(path.join(fresh, JOURNAL), "utf8")) as string[];
  } catch {
    return; // no journal: nothing was taken
  }
  for (const dir of adopted) {
    const [from, to] = [path.join(fresh, "clean", dir), path.join(old, "clean", dir)];
    if ((await exists(from)) && !(await exists(to))) await fs.rename(from, to);
  }
}

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
