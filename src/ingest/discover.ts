// Finds every input file under a folder, recursively, in a stable order.
// Problems found while walking (unreadable folders, broken links) are
// reported, never thrown, so one bad entry never stops the batch.
import fs from "node:fs/promises";
import path from "node:path";

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the input folder, with "/" separators. */
  rel: string;
}

export interface DiscoveryProblem {
  rel: string;
  error: string;
}

export async function discover(root: string): Promise<{ files: InputFile[]; problems: DiscoveryProblem[] }> {
  const files: InputFile[] = [];
  const problems: DiscoveryProblem[] = [];
  const visitedDirs = new Set<string>();

  async function walk(dir: string): Promise<void> {
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch (err) {
      problems.push({ rel: relOf(root, dir), error: describe(err) });
      return;
    }
    if (visitedDirs.has(real)) {
      problems.push({ rel: relOf(root, dir), error: "symlink loop: folder already visited" });
      return;
    }
    visitedDirs.add(real);
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (err) {
      problems.push({ rel: relOf(root, dir), error: describe(err) });
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      let stat;
      try {
        stat = await fs.stat(full);
      } catch (err) {
        problems.push({ rel: relOf(root, full), error: entry.isSymbolicLink() ? `broken symlink (${describe(err)})` : describe(err) });
        continue;
      }
      if (stat.isDirectory()) await walk(full);
      else if (stat.isFile()) files.push({ path: full, rel: relOf(root, full) });
    }
  }

  await walk(root);
  files.sort((a, b) => compareIds(a.rel, b.rel));
  problems.sort((a, b) => compareIds(a.rel, b.rel));
  return { files, problems };
}

function relOf(root: string, full: string): string {
  return path.relative(root, full).split(path.sep).join("/");
}

/** Code-point order, independent of locale and of the file system's listing order. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function describe(err: unknown): string {
  if (err && typeof err === "object" && "code" in err) {
    const code = String((err as { code: unknown }).code);
    const messages: Record<string, string> = {
      ENOENT: "file not found",
      EACCES: "permission denied",
      ELOOP: "symlink loop",
      EISDIR: "is a folder",
    };
    return messages[code] ?? `${code}: ${(err as unknown as Error).message}`;
  }
  return err instanceof Error ? err.message : String(err);
}
