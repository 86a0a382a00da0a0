// Checkpoints of the writer, for --incremental. At a few points of a run the
// writer's state (its aggregates, the articles written, how far each CSV had
// got) is saved with a digest of the input files before that point: their
// paths and content keys. A re-run whose first files are those resumes from
// the furthest matching checkpoint: it takes that much of each CSV and the
// clean texts from the previous output and carries on from the saved state,
// which is exactly what a full run had there, so the output is byte-identical
// and unchanged files cost next to nothing. New articles usually sort after
// the old ones (dated names, new folders), so most re-runs resume near the end.
//
// Layout under <output>/cache/resume/: index.json (the settings the states
// depend on, when the run finished, the article CSVs' sizes then, the
// checkpoints) and <position>.bin per checkpoint (a v8-serialised snapshot).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";

const FOLDER = path.join("cache", "resume");
const INDEX = "index.json";

export interface Checkpoint {
  /** Input files written before it. */
  position: number;
  /** prefixDigests of those files. */
  digest: string;
}

interface ResumeIndex {
  settings: string;
  /** When the run that saved the checkpoints had written its article files (ms since the epoch, rounded up). */
  savedAt: number;
  /** That run's article CSVs and their sizes then. */
  outputs: Record<string, number>;
  points: Checkpoint[];
}

/** A saved state to resume from, with what the previous output must still show for it to hold. */
export interface Resumable<S> {
  snapshot: S;
  savedAt: number;
  outputs: Record<string, number>;
}

/** Checkpoints are saved every this many files (a power of two, about a quarter of the run, at least 1024) and at the end. */
export function checkpointInterval(files: number): number {
  return 2 ** Math.max(10, Math.floor(Math.log2(Math.max(1, files / 4))));
}

/**
 * The digest of the first n files, for each n in `positions`. A file is given
 * as what decides its part of the output: its path and its content key
 * ("-" when not read, "?" when its key is unknown).
 */
export function prefixDigests(files: Iterable<string>, positions: ReadonlySet<number>): Map<number, string> {
  const hash = createHash("sha256");
  const digests = new Map<number, string>();
  let n = 0;
  for (const file of files) {
    // Paths hold no NUL, so the sequence reads back one way only.
    hash.update(file).update("\0");
    if (positions.has(++n)) digests.set(n, hash.copy().digest("hex"));
  }
  return digests;
}

/**
 * The previous output's checkpoints (those saved under the same settings),
 * read when first asked for, and this run's, saved in a fresh output folder.
 */
export class Checkpoints<S> {
  private readonly oldDir: string;
  private readonly freshDir: string;
  private previousIndex: ResumeIndex | undefined | null = null;
  private readonly saved: Checkpoint[] = [];

  /** `settings`: everything besides the input the saved states depend on (pipeline version, period). */
  constructor(previousOutput: string, freshOutput: string, private readonly settings: string) {
    this.oldDir = path.join(previousOutput, FOLDER);
    this.freshDir = path.join(freshOutput, FOLDER);
  }

  private get previous(): ResumeIndex | undefined {
    if (this.previousIndex === null) {
      try {
        const index = JSON.parse(fs.readFileSync(path.join(this.oldDir, INDEX), "utf8")) as ResumeIndex;
        this.previousIndex = index.settings === this.settings && Array.isArray(index.points) ? index : undefined;
      } catch {
        this.previousIndex = undefined; // none saved, or unreadable: no resuming
      }
    }
    return this.previousIndex;
  }

  /** The previous run's checkpoints, furthest first. */
  get candidates(): Checkpoint[] {
    return [...(this.previous?.points ?? [])].sort((a, b) => b.position - a.position);
  }

  /** A previous checkpoint's state, or undefined when its file is missing or damaged. */
  load(point: Checkpoint): Resumable<S> | undefined {
    if (!this.previous) return undefined;
    try {
      const snapshot = v8.deserialize(fs.readFileSync(path.join(this.oldDir, fileOf(point)))) as S;
      return { snapshot, savedAt: this.previous.savedAt, outputs: this.previous.outputs };
    } catch {
      return undefined;
    }
  }

  /** Keeps a previous checkpoint (one the run resumed at or before) in the new folder. */
  carry(point: Checkpoint): void {
    fs.mkdirSync(this.freshDir, { recursive: true });
    fs.linkSync(path.join(this.oldDir, fileOf(point)), path.join(this.freshDir, fileOf(point)));
    this.saved.push(point);
  }

  /** Saves the state after `position` files; serialised at once, so live objects may go on changing. */
  save(point: Checkpoint, snapshot: S): void {
    fs.mkdirSync(this.freshDir, { recursive: true });
    fs.writeFileSync(path.join(this.freshDir, fileOf(point)), v8.serialize(snapshot));
    this.saved.push(point);
  }

  /** Writes the index, once every output file the checkpoints refer to is complete. */
  close(outputs: Record<string, number>): void {
    const index: ResumeIndex = { settings: this.settings, savedAt: Date.now() + 1, outputs, points: this.saved };
    fs.mkdirSync(this.freshDir, { recursive: true });
    fs.writeFileSync(path.join(this.freshDir, INDEX), JSON.stringify(index));
  }
}

const fileOf = (point: Checkpoint) => `${point.position}.bin`;
