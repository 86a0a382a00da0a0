// Progress of the extract command on stderr: a live bar on an interactive
// terminal, one plain line per tenth of the run in CI logs and pipes (where
// a redrawn bar turns into noise), and nothing for small runs or --quiet.
import cliProgress from "cli-progress";

/** Runs with fewer files finish too fast for progress to help. */
export const MIN_FILES = 20;

export type ProgressMode = "bar" | "lines" | "none";

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): boolean;
}

export interface Progress {
  /** Files done so far out of the total. */
  update(done: number, total: number): void;
  /** Writes a log line without tearing the bar. */
  log(line: string): void;
  /** Flushes pending lines and removes the bar. */
  stop(): void;
}

export function progressMode(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, quiet: boolean): ProgressMode {
  if (quiet) return "none";
  const ci = env.CI !== undefined && env.CI !== "" && env.CI !== "0" && env.CI.toLowerCase() !== "false";
  return stream.isTTY === true && !ci && env.TERM !== "dumb" ? "bar" : "lines";
}

export function createProgress(stream: ProgressStream, mode: ProgressMode, now: () => number = () => performance.now()): Progress {
  const write = (line: string) => void stream.write(line + "\n");
  if (mode === "bar") return barProgress(stream, write);
  if (mode === "lines") return lineProgress(write, now);
  return { update: () => {}, log: write, stop: () => {} };
}

function lineProgress(write: (line: string) => void, now: () => number): Progress {
  const started = now();
  let reportedTenths = 0;
  return {
    update(done, total) {
      if (total < MIN_FILES) return;
      const tenths = Math.floor((done * 10) / total);
      if (tenths <= reportedTenths) return;
      reportedTenths = tenths;
      const seconds = (now() - started) / 1000;
      const rate = seconds > 0 ? `, ${Math.round(done / seconds)} files/s` : "";
      write(`newsmine: ${done}/${total} files (${Math.round((done * 100) / total)}%${rate})`);
    },
    log: write,
    stop: () => {},
  };
}

function barProgress(stream: ProgressStream, write: (line: string) => void): Progress {
  // cli-progress only reads isTTY/columns and calls write (directly and via readline).
  const bars = new cliProgress.MultiBar(
    {
      stream: stream as NodeJS.WriteStream,
      format: "newsmine [{bar}] {percentage}% | {value}/{total} files | ETA {eta_formatted}",
      clearOnComplete: true,
      // Leave the terminal's cursor and line-wrap modes alone (cli-progress
      // truncates the bar to the width instead), so Ctrl-C leaves no trace.
      hideCursor: false,
      linewrap: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let bar: cliProgress.SingleBar | null = null;
  return {
    update(done, total) {
      if (!bar && total >= MIN_FILES) bar = bars.create(total, done);
      bar?.update(done);
    },
    log(line) {
      if (bar) bars.log(line + "\n");
      else write(line);
    },
    stop() {
      if (!bar) return;
      bars.update(); // writes lines logged since the last redraw
      bars.stop();
      bar = null;
    },
  };
}
