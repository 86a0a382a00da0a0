// The --incremental cache: each input file's analysis, keyed by a hash of its
// path and bytes, kept under the output folder (`cache/`) and valid only for
// the pipeline version that wrote it. A re-run analyses only new or changed
// files and feeds the cached results of the others to the writer, so the
// datasets come out byte-identical to a full run.
//
// Layout: `entries.bin` holds the outcomes one after another, serialised like
// a worker's reply (v8 structured clone, so NaN, -0 and undefined survive);
// `index.tsv` maps key → byte offset and length in it; `version` names the
// pipeline version; `files.tsv` keeps each input file's key with what stat
// said of it, so an unchanged file is not read and hashed again. Only the
// index stays in memory; entries are read one at a time. A re-run's entries file is the old one (hard-linked) with the new
// entries appended, so unchanged files cost no copying.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { sourceHash } from "../bundle.mjs";

const CACHE_FOLDER = "cache";
const ENTRIES = "entries.bin";
const INDEX = "index.tsv";
const VERSION = "version";
const FILES = "files.tsv";
/** files.tsv lines written at once. */
const FILES_BATCH = 4096;

/** What stat says of a file that changes whenever its bytes do: size, inode, modification and change times (ns). */
const signature = (st: fs.BigIntStats) => `${st.size}:${st.ino}:${st.mtimeNs}:${st.ctimeNs}`;

/**
 * The pipeline version: a hash of every source and data file under src/, the
 * locked library versions, and the run settings that change an analysis.
 */
export function pipelineVersion(settings: Record<string, unknown>): string {
  return sourceHash().update(JSON.stringify(settings)).digest("hex");
}

/** The cache key of one input file: its relative path (which gives the article id) and its bytes. */
export function fileKey(rel: string, bytes: Uint8Array): string {
  return createHash("sha256").update(rel).update("\0").update(bytes).digest("hex");
}

export class AnalysisCache {
  private readonly index = new Map<string, { offset: number; length: number }>();
  /** The previous run's files: relative path → stat signature and key. */
  private readonly known = new Map<string, { signature: string; key: string }>();
  /**
   * Files last changed before this (ns since the epoch, two seconds before the run began) are vouched for by
   * their signature next time: any later change, even on a file system with coarse times, gives another.
   */
  private readonly vouchBefore = BigInt(Date.now() - 2000) * 1_000_000n;
  /** This run's files.tsv, written a batch of lines at a time (100,000 lines held to the end took some 25 MB). */
  private filesFd = -1;
  private filesBatch: string[] = [];
  private fd: number | null = null;
  private out!: fs.WriteStream;
  private outIndex!: fs.WriteStream;
  private freshDir = "";
  /** Bytes in the new entries file. */
  private written = 0;
  /** The new entries file starts as the old one (a hard link): kept entries stay where they are. */
  private extendsOld = false;
  /** The old index.tsv then, whose lines hold for the new entries file too. */
  private oldIndex = "";
  hits = 0;

  private constructor(private readonly version: string) {}

  /** Opens the cache of the previous output `outputDir` (if of this version) and starts a new one in `freshDir`. */
  static async open(outputDir: string, freshDir: string, version: string): Promise<AnalysisCache> {
    const cache = new AnalysisCache(version);
    const old = path.join(outputDir, CACHE_FOLDER);
    const fresh = path.join(freshDir, CACHE_FOLDER);
    fs.mkdirSync(fresh, { recursive: true });
    try {
      // Keys name bytes, whatever the pipeline version.
      eachLine(fs.readFileSync(path.join(old, FILES), "utf8"), (rel, signature, key) => cache.known.set(rel, { signature, key }));
    } catch {
      // No list of files: each is hashed.
    }
    try {
      if (fs.readFileSync(path.join(old, VERSION), "utf8") === version) {
        let live = 0;
        const index = fs.readFileSync(path.join(old, INDEX), "utf8");
        eachLine(index, (key, offset, length) => {
          if (!key) return;
          cache.index.set(key, { offset: Number(offset), length: Number(length) });
          live += Number(length);
        });
        cache.fd = fs.openSync(path.join(old, ENTRIES), "r");
        // New entries are appended to the old file, unless most of it is entries of files gone since: then the live ones are copied.
        const size = fs.fstatSync(cache.fd).size;
        if (live * 2 >= size) {
          fs.linkSync(path.join(old, ENTRIES), path.join(fresh, ENTRIES));
          cache.extendsOld = true;
          cache.written = size;
          cache.oldIndex = index;
        }
      }
    } catch {
      // No previous cache, or an unreadable one: every file is analysed afresh.
      cache.index.clear();
      cache.extendsOld = false;
      cache.written = 0;
    }
    cache.out = fs.createWriteStream(path.join(fresh, ENTRIES), { flags: cache.extendsOld ? "a" : "w" });
    cache.outIndex = fs.createWriteStream(path.join(fresh, INDEX));
    cache.filesFd = fs.openSync(path.join(fresh, FILES), "w");
    cache.freshDir = fresh;
    return cache;
  }

  /**
   * The key of an input file (see fileKey); from the previous run's list when
   * stat says it is unchanged since. A file over `maxBytes` is not read: its
   * key names its size, which alone decides its outcome (an error). Undefined
   * when it cannot be stat-ed (its analysis says why).
   */
  keyOf(rel: string, file: string, maxBytes: number): string | undefined {
    try {
      // Stat before reading: a change after the stat gives another signature next time.
      const st = fs.statSync(file, { bigint: true });
      if (st.size > maxBytes) return `over-max-bytes:${st.size}`;
      const sig = signature(st);
      const seen = this.known.get(rel);
      const key = seen?.signature === sig ? seen.key : fileKey(rel, fs.readFileSync(file));
      if (st.ctimeNs < this.vouchBefore && this.filesBatch.push(`${rel}\t${sig}\t${key}\n`) >= FILES_BATCH) this.writeFiles();
      return key;
    } catch {
      return undefined;
    }
  }

  /** The previous run listed the file `rel` (see keyOf). */
  lists(rel: string): boolean {
    return this.known.has(rel);
  }

  private writeFiles(): void {
    fs.writeSync(this.filesFd, this.filesBatch.join(""));
    this.filesBatch = [];
  }

  has(key: string): boolean {
    return this.fd !== null && this.index.has(key);
  }

  /** The cached outcome for `key`, serialised, or undefined. */
  get(key: string): Buffer | undefined {
    const at = this.index.get(key);
    if (!at || this.fd === null) return undefined;
    const buf = Buffer.allocUnsafe(at.length);
    if (fs.readSync(this.fd, buf, 0, at.length, at.offset) !== at.length) return undefined;
    this.hits++;
    return buf;
  }

  /** Keeps the entries of `keys` in the new cache, unread unless the old entries are being compacted. */
  async keepUnread(keys: readonly string[]): Promise<void> {
    if (!this.extendsOld) {
      for (const key of keys) {
        const entry = this.get(key);
        if (entry) await this.put(key, entry);
      }
      return;
    }
    const kept = keys.filter((key) => this.index.has(key));
    this.hits += kept.length;
    // Every old entry kept (a re-run that resumes at the end): the old index says it all, and is written as it is.
    if (kept.length === this.index.size) this.outIndex.write(this.oldIndex.endsWith("\n") || !this.oldIndex ? this.oldIndex : this.oldIndex + "\n");
    else this.outIndex.write(kept.map((key) => this.indexLine(key)).join(""));
    await this.drained();
  }

  private indexLine(key: string): string {
    const at = this.index.get(key)!;
    return `${key}\t${at.offset}\t${at.length}\n`;
  }

  /** Keeps an entry `get` returned in the new cache. */
  keep(key: string, entry: Uint8Array): Promise<void> {
    if (!this.extendsOld || !this.index.has(key)) return this.put(key, entry);
    this.outIndex.write(this.indexLine(key));
    return this.drained();
  }

  /** Records an outcome (as encodeOutcome gives it) in the new cache. */
  async put(key: string, entry: Uint8Array): Promise<void> {
    this.outIndex.write(`${key}\t${this.written}\t${entry.length}\n`);
    this.out.write(entry);
    this.written += entry.length;
    await this.drained();
  }

  private async drained(): Promise<void> {
    if (this.out.writableNeedDrain) await once(this.out, "drain");
    if (this.outIndex.writableNeedDrain) await once(this.outIndex, "drain");
  }

  async close(): Promise<void> {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    this.out.end();
    this.outIndex.end();
    await Promise.all([once(this.out, "finish"), once(this.outIndex, "finish")]);
    this.writeFiles();
    fs.closeSync(this.filesFd);
    fs.writeFileSync(path.join(this.freshDir, VERSION), this.version);
  }
}

/**
 * Calls `row` with the three tab-separated fields of each line of `text` that
 * has them (files.tsv, index.tsv). Scanned with indexOf: splitting every line
 * took twice as long, some 0.25 s per file at 100,000 files.
 */
export function eachLine(text: string, row: (a: string, b: string, c: string) => void): void {
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const first = text.indexOf("\t", start);
    const second = first === -1 || first > end ? -1 : text.indexOf("\t", first + 1);
    if (second !== -1 && second < end) {
      let third = text.indexOf("\t", second + 1);
      if (third === -1 || third > end) third = end;
      if (third > second + 1) row(text.slice(start, first), text.slice(first + 1, second), text.slice(second + 1, third));
    }
    start = end + 1;
  }
}
