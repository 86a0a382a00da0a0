// Finds every input file under a folder, recursively, in a stable order.
// Problems found while walking (unreadable folders, broken links, symlink
// loops, pipes and devices, undecodable names) are reported, never thrown, so
// one bad entry never stops the batch.
import fs from "node:fs/promises";
import type { Dirent, Stats } from "node:fs";
import path from "node:path";

export interface InputFile {
  /** Absolute path. */
  readonly path: string;
  /** Path relative to the input folder, with "/" separators. */
  readonly rel: string;
}

/**
 * A file discovery found: its absolute path is worked out when asked for
 * rather than held, as the file list lasts the whole run (some 6 MB less
 * per 100,000 files). A getter does not survive structured cloning: send
 * `{ path, rel }` to other threads.
 */
class FoundFile implements InputFile {
  /** `folder`: the input folder's absolute path ending in a separator, shared by every file. */
  constructor(private readonly folder: string, readonly rel: string) {}

  get path(): string {
    return this.folder + (path.sep === "/" ? this.rel : this.rel.replaceAll("/", path.sep));
  }
}

export interface DiscoveryProblem {
  rel: string;
  error: string;
}

export interface DiscoverOptions {
  /** Folders never to descend into (absolute paths), e.g. the output folder when it lies inside the input. */
  exclude?: string[];
}

/** Folders a run writes beside its output; never input, even when the output lies inside the input folder. */
export const WORK_FOLDER = /\.newsmine-(tmp|old)-/;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const lossyUtf8 = new TextDecoder("utf-8");

export async function discover(root: string, options: DiscoverOptions = {}): Promise<{ files: InputFile[]; problems: DiscoveryProblem[] }> {
  const files: InputFile[] = [];
  const problems: DiscoveryProblem[] = [];
  const visitedDirs = new Set<string>();
  const excluded = new Set((options.exclude ?? []).map((p) => path.resolve(p)));
  const base = path.resolve(root);
  const folder = base.endsWith(path.sep) ? base : base + path.sep;
  // Symlinked folders are followed only after every real folder has been read,
  // so a folder reached both ways is read under its real path.
  let links: Array<{ full: string; parentReal: string }> = [];

  /** Reads folder `dir` (real path `real`, `relDir` relative to the input folder). */
  async function visit(dir: string, real: string, relDir: string): Promise<void> {
    visitedDirs.add(real);
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true, encoding: "buffer" });
    } catch (err) {
      problems.push({ rel: relDir, error: describe(err) });
      return;
    }
    // Sorted, so nothing depends on the order the file system lists entries in.
    entries.sort((x, y) => Buffer.compare(x.name, y.name));
    for (const entry of entries) {
      if (entry.name[0] === 0x2e /* "." */) continue;
      let name: string;
      try {
        name = strictUtf8.decode(entry.name);
      } catch {
        // Lossy decoding would give an id that names no file (or another file).
        problems.push({ rel: relOf(base, path.join(dir, lossyUtf8.decode(entry.name))), error: "file name is not valid UTF-8" });
        continue;
      }
      // The file list holds `rel` for the whole run: concatenation would make it a rope, some 60 bytes
      // larger per file; a joined array makes a flat string. `dir` is normalised and `name` a plain entry name.
      const full = [dir, name].join(dir.endsWith(path.sep) ? "" : path.sep);
      const rel = relDir ? [relDir, name].join("/") : name;
      if (excluded.has(full) || WORK_FOLDER.test(name)) continue;
      // The listing tells files and folders apart; only links, and entries some file systems list without a type, are stat-ed.
      let kind: Stats | Dirent<Buffer> = entry;
      if (entry.isSymbolicLink() || !(entry.isFile() || entry.isDirectory() || isSpecial(entry))) {
        try {
          kind = await fs.stat(full);
        } catch (err) {
          const loop = (err as NodeJS.ErrnoException).code === "ELOOP";
          problems.push({ rel, error: entry.isSymbolicLink() && !loop ? `broken symlink (${describe(err)})` : describe(err) });
          continue;
        }
      }
      if (kind.isDirectory()) {
        if (entry.isSymbolicLink()) links.push({ full, parentReal: real });
        else await visit(full, path.join(real, name), rel);
      } else if (kind.isFile()) files.push(new FoundFile(folder, rel));
      else problems.push({ rel, error: `not a regular file (${kindOf(kind)})` });
    }
  }

  async function followLink(full: string, parentReal: string): Promise<void> {
    let real: string;
    try {
      real = await fs.realpath(full);
    } catch (err) {
      problems.push({ rel: relOf(base, full), error: describe(err) });
      return;
    }
    if (parentReal === real || parentReal.startsWith(real + path.sep))
      problems.push({ rel: relOf(base, full), error: "symlink loop: links back to a folder above it" });
    else if (visitedDirs.has(real)) problems.push({ rel: relOf(base, full), error: "links to a folder already read" });
    else await visit(full, real, relOf(base, full));
  }

  await followLink(base, "");
  while (links.length > 0) {
    const batch = links.sort((a, b) => compareIds(a.full, b.full));
    links = [];
    for (const { full, parentReal } of batch) await followLink(full, parentReal);
  }
  files.sort((a, b) => compareIds(a.rel, b.rel));
  problems.sort((a, b) => compareIds(a.rel, b.rel));
  return { files, problems };
}

function relOf(root: string, full: string): string {
  return path.relative(root, full).split(path.sep).join("/");
}

const isSpecial = (kind: Stats | Dirent<Buffer>) => kind.isFIFO() || kind.isSocket() || kind.isCharacterDevice() || kind.isBlockDevice();

function kindOf(stat: Stats | Dirent<Buffer>): string {
  if (stat.isFIFO()) return "named pipe";
  if (stat.isSocket()) return "socket";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "device";
  return "special file";
}

/** Code-point order, independent of locale and of the file system's listing order. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A file-system error as a short reason without the absolute path. */
export function describe(err: unknown): string {
  if (err && typeof err === "object" && "code" in err) {
    const code = String((err as { code: unknown }).code);
    const messages: Record<string, string> = {
      ENOENT: "file not found",
      EACCES: "permission denied",
      EPERM: "operation not permitted",
      ELOOP: "symlink loop",
      EISDIR: "is a folder",
      ENOTDIR: "a part of the path is not a folder",
      EROFS: "read-only file system",
      ENOSPC: "no space left on device",
      ENAMETOOLONG: "path too long",
      EIO: "input/output error",
    };
    return messages[code] ?? code;
  }
  return err instanceof Error ? err.message : String(err);
}
