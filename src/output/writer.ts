// The write stage: streams each analysed Article's rows into the datasets,
// keeps only small corpus-wide aggregates (entities, theme periods) in
// memory, and swaps the finished folder in atomically at the end.
import fs from "node:fs/promises";
import { linkSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, type Stats } from "node:fs";
import path from "node:path";
import type { EntityType } from "../types.ts";
import { CsvSink, type CsvOptions } from "./csv.ts";
import { writeDataPackage } from "./datapackage.ts";
import { ARTICLE_DATASETS, entityTallies, phraseCounts, type ArticleDataset, type ArticleRecord } from "./rows.ts";
import { cleanFileOf, cleanPathOf, recoverLeftovers, rowsFileOf, saveTail, swapIn, workFolder, type AdoptedCsv } from "./swap.ts";
import { ThemeAggregator, type Period, type ThemeState } from "./theme-periods.ts";
import { KeyphraseAggregator, type KeyphraseState } from "./keyphrases.ts";
import { ReportAggregator, type ReportState } from "../report/aggregate.ts";
import { renderReport } from "../report/html.ts";
import type { ThemeTaxonomy } from "../stages/themes.ts";
import type { Checkpoint, Checkpoints, Resumable } from "./checkpoints.ts";

export interface WriterOptions extends CsvOptions {
  period: Period;
  taxonomy: ThemeTaxonomy;
  /** Where to save and find the writer's state (--incremental). */
  checkpoints?: Checkpoints<WriterSnapshot>;
}

export interface RunError {
  sourceFile: string;
  stage: string;
  error: string;
}

export interface EntityAggregate {
  name: string;
  type: EntityType;
  code: string;
  articles: number;
  mentions: number;
  aliases: Set<string>;
}

/**
 * Everything the writer has gathered after some articles, bar the files
 * themselves: a checkpoint (src/output/checkpoints.ts). Live objects: to be
 * serialised before the next article.
 */
export interface WriterSnapshot {
  /** How far each article CSV had got. */
  csvBytes: Record<ArticleDataset, number>;
  /** The articles written, in order: id → bytes of its clean text. */
  articles: Map<string, number>;
  entities: Map<string, EntityAggregate>;
  themes: ThemeState;
  keyphrases: KeyphraseState;
  report: ReportState;
  errors: RunError[];
  counts: DatasetWriter["counts"];
}

/** Writes into `<output>.newsmine-tmp-<pid>` and renames it over `<output>` on commit. */
export class DatasetWriter {
  private readonly tmpDir: string;
  /** The clean/ folder being written. */
  private readonly cleanRoot: string;
  private sinks!: { [N in ArticleDataset]: CsvSink<N> };
  private entities = new Map<string, EntityAggregate>();
  private readonly themes: ThemeAggregator;
  private readonly keyphrases: KeyphraseAggregator;
  private readonly report = new ReportAggregator();
  private errors: RunError[] = [];
  /**
   * With checkpoints, the articles written (WriterSnapshot.articles). Without,
   * none are listed (some 7 MB per 100,000 articles): a duplicate id finds its
   * clean text written already.
   */
  private articles = new Map<string, number>();
  /** Folders under clean/ made so far: one mkdir per folder, not per article. */
  private readonly cleanDirs = new Set<string>();
  /**
   * Folders of the previous output's clean/ (relative paths) that hold exactly
   * the clean texts a resumed run carries over, with those files: taken over
   * whole at the swap (see swapIn), so their files are neither linked one by
   * one nor removed with the old output. Linked after all if an article is
   * written into one.
   */
  private readonly adopted = new Map<string, string[]>();
  /** The previous output's clean/ folder, once resumed from. */
  private previousClean = "";
  /** The inode of the output folder resumed from: the one adopted folders must still be in at the swap. */
  private previousFolder = 0n;
  /**
   * The previous output's article CSVs taken over at the swap (see swapIn),
   * this run's rows being written beside them meanwhile: all but those
   * hard-linked elsewhere too, which appending would change there as well.
   */
  private adoptedCsvs: AdoptedCsv[] = [];
  /** The tails of adopted CSVs cut short, being saved: settles with the error, if one failed. */
  private savingTails: Promise<Error | undefined> = Promise.resolve(undefined);
  /** Clean texts being linked from the previous output after a resume: settles with the error, if one failed. */
  private linking: Promise<Error | undefined> = Promise.resolve(undefined);
  counts = { articles: 0, mentions: 0, entities: 0, figures: 0, quotes: 0, errors: 0 };

  constructor(readonly outputDir: string, private readonly options: WriterOptions) {
    const resolved = path.resolve(outputDir);
    this.tmpDir = workFolder(resolved, "tmp");
    this.cleanRoot = path.join(this.tmpDir, "clean");
    this.themes = new ThemeAggregator(options.taxonomy, options.period);
    this.keyphrases = new KeyphraseAggregator({ period: options.period });
  }

  /** Clears leftovers of killed runs, then starts the temporary folder. Returns notes for the log. */
  async open(): Promise<string[]> {
    const notes = await recoverLeftovers(path.resolve(this.outputDir));
    await fs.rm(this.tmpDir, { recursive: true, force: true });
    await fs.mkdir(this.cleanRoot, { recursive: true });
    this.openSinks();
    return notes;
  }

  /** `holds`: the bytes each file holds already (resuming), header included; the rows of an adopted one go to its .rows file. */
  private openSinks(holds?: Record<ArticleDataset, number>): void {
    const adopted = new Set(this.adoptedCsvs.map((csv) => csv.file));
    const file = (name: ArticleDataset) => (adopted.has(`${name}.csv`) ? rowsFileOf(csvIn(this.tmpDir, name)) : csvIn(this.tmpDir, name));
    const sink = <N extends ArticleDataset>(name: N) => new CsvSink(name, file(name), this.options, holds?.[name]);
    this.sinks = {
      articles: sink("articles"),
      mentions: sink("mentions"),
      figures: sink("figures"),
      quotes: sink("quotes"),
      article_themes: sink("article_themes"),
    };
  }

  /**
   * Carries on from a checkpoint of the previous run, before any article is
   * added: the CSVs start as that much of the previous output's, the clean
   * texts are linked from it, the aggregates are the saved ones. Returns false,
   * changing nothing, when the previous output is no longer as that run left it.
   */
  async resume(from: Resumable<WriterSnapshot>): Promise<boolean> {
    const { snapshot, savedAt, outputs } = from;
    const previous = path.resolve(this.outputDir);
    // Written by that run and not touched since: a file of the size it left, and no later modification.
    const asLeft = (file: string, size: number): Stats | undefined => {
      const st = statSync(file, { throwIfNoEntry: false });
      return st && st.isFile() && st.size === size && st.mtimeMs <= savedAt ? st : undefined;
    };
    const csvs = new Map<ArticleDataset, Stats>();
    for (const name of ARTICLE_DATASETS) {
      const st = snapshot.csvBytes[name] <= outputs[name] && asLeft(csvIn(previous, name), outputs[name]);
      if (!st) return false;
      csvs.set(name, st);
    }
    const oldClean = path.join(previous, "clean");
    for (const [id, bytes] of snapshot.articles) if (!asLeft(oldClean + path.sep + cleanFileOf(id), bytes)) return false;

    for (const s of Object.values(this.sinks)) await s.close();
    const tails: Array<Promise<void>> = [];
    for (const [name, st] of csvs) {
      const [file, keep] = [`${name}.csv`, snapshot.csvBytes[name]];
      await fs.rm(csvIn(this.tmpDir, name));
      if (st.nlink === 1) {
        const tail = keep < st.size ? path.join("cache", `${file}.tail`) : undefined;
        if (tail) tails.push(saveTail(csvIn(previous, name), keep, path.join(this.tmpDir, tail)));
        this.adoptedCsvs.push({ file, keep, size: st.size, mtimeMs: st.mtimeMs, tail });
      } else {
        await fs.copyFile(csvIn(previous, name), csvIn(this.tmpDir, name));
        await fs.truncate(csvIn(this.tmpDir, name), keep);
      }
    }
    this.savingTails = Promise.all(tails).then(
      () => undefined,
      (err: Error) => err,
    );
    this.openSinks(snapshot.csvBytes);
    this.articles = snapshot.articles;
    this.entities = snapshot.entities;
    this.themes.restore(snapshot.themes);
    this.keyphrases.restore(snapshot.keyphrases);
    this.report.restore(snapshot.report);
    this.errors = snapshot.errors;
    this.counts = snapshot.counts;
    this.previousClean = oldClean;
    this.previousFolder = statSync(previous, { bigint: true }).ino;
    const byFolder = new Map<string, string[]>();
    for (const id of snapshot.articles.keys()) {
      const file = cleanFileOf(id);
      const dir = path.dirname(file);
      const files = byFolder.get(dir);
      if (files) files.push(file);
      else byFolder.set(dir, [file]);
    }
    const links: Array<readonly [string, string]> = [];
    for (const [dir, files] of byFolder) {
      if (dir !== "." && holdsJust(oldClean + path.sep + dir, files)) this.adopted.set(dir, files);
      else for (const file of files) links.push(this.linkTarget(file));
    }
    this.linking = linkAll(links).then(
      () => undefined,
      (err: Error) => err,
    );
    return true;
  }

  /** Saves the writer's state as the checkpoint `point` (after the files before it are recorded). */
  checkpoint(point: Checkpoint): void {
    this.options.checkpoints?.save(point, {
      csvBytes: this.csvBytes(),
      articles: this.articles,
      entities: this.entities,
      themes: this.themes.snapshot(),
      keyphrases: this.keyphrases.snapshot(),
      report: this.report.snapshot(),
      errors: this.errors,
      counts: this.counts,
    });
  }

  /** How far each article CSV has got. */
  private csvBytes(): WriterSnapshot["csvBytes"] {
    return Object.fromEntries(ARTICLE_DATASETS.map((name) => [name, this.sinks[name].bytes])) as WriterSnapshot["csvBytes"];
  }

  /** The previous output's clean text `file` (relative to clean/) and where it goes in the new one, its folder made. */
  private linkTarget(file: string): readonly [string, string] {
    const to = this.cleanRoot + path.sep + file;
    this.makeFolderOf(to);
    return [this.previousClean + path.sep + file, to];
  }

  /** Makes the folder of a clean text file, once per folder; a folder taken over whole, or inside one, is linked file by file first. */
  private makeFolderOf(cleanPath: string): void {
    const dir = path.dirname(cleanPath);
    if (this.cleanDirs.has(dir)) return;
    for (let rel = path.relative(this.cleanRoot, dir); rel !== "." && rel !== ""; rel = path.dirname(rel)) {
      const files = this.adopted.get(rel);
      if (!files) continue;
      this.adopted.delete(rel);
      for (const file of files) linkSync(...this.linkTarget(file));
    }
    mkdirSync(dir, { recursive: true });
    this.cleanDirs.add(dir);
  }

  /**
   * Articles must arrive in article_id order (the caller guarantees it).
   * `previousOutput`: an earlier output folder that may hold this article's
   * clean text already (--incremental); an identical file there is linked
   * rather than written again.
   */
  async add(r: ArticleRecord, previousOutput?: string): Promise<void> {
    const cleanPath = cleanPathOf(this.cleanRoot, r.id);
    const duplicate = () => new Error(`duplicate article_id ${JSON.stringify(r.id)} (an earlier file has the same id)`);
    if (this.articles.has(r.id)) throw duplicate();
    if (this.options.checkpoints) this.articles.set(r.id, Buffer.byteLength(r.text));
    this.makeFolderOf(cleanPath);
    const previous = previousOutput && cleanPathOf(path.join(previousOutput, "clean"), r.id);
    if (!previous || !linkSame(previous, cleanPath, r.text)) {
      try {
        writeFileSync(cleanPath, r.text, { flag: "wx" });
      } catch (err) {
        throw (err as NodeJS.ErrnoException).code === "EEXIST" ? duplicate() : err;
      }
    }

    for (const name of ARTICLE_DATASETS) if (r.rows[name]) await this.sinks[name].append(r.rows[name]);

    for (const t of entityTallies(r.entities)) {
      let agg = this.entities.get(t.id);
      if (!agg) this.entities.set(t.id, (agg = { name: t.name, type: t.type, code: t.code, articles: 0, mentions: 0, aliases: new Set() }));
      agg.mentions += t.mentions;
      agg.articles++;
      for (const alias of t.aliases) agg.aliases.add(alias);
    }
    this.themes.add(r.meta.published, r.words, r.themes);
    this.keyphrases.add(r.meta.published, r.words, phraseCounts(r.keyphrases));
    this.report.add(r.report);

    this.counts.articles++;
    this.counts.mentions += r.counts.mentions;
    this.counts.figures += r.counts.figures;
    this.counts.quotes += r.counts.quotes;
  }

  addError(error: RunError): void {
    this.errors.push(error);
    this.counts.errors++;
  }

  /** Writes the aggregate files and run.json, then swaps the folder into place. */
  async commit(runInfo: (counts: DatasetWriter["counts"]) => object): Promise<void> {
    for (const s of Object.values(this.sinks)) await s.close();
    const linkError = await this.linking;
    if (linkError) throw new Error(`the previous output changed during the run: ${linkError.message}`);
    const tailError = await this.savingTails;
    if (tailError) throw new Error(`cannot save the end of a previous CSV (kept to put it back if the swap fails): ${tailError.message}`);
    const csvBytes = this.csvBytes();

    const entities = new CsvSink("entities", path.join(this.tmpDir, "entities.csv"), this.options);
    for (const id of [...this.entities.keys()].sort()) {
      const e = this.entities.get(id)!;
      await entities.write({
        entity_id: id,
        name: e.name,
        type: e.type,
        code: e.code,
        articles: e.articles,
        mentions: e.mentions,
        aliases: [...e.aliases].sort().join("; "),
      });
    }
    await entities.close();
    this.counts.entities = this.entities.size;

    const themeRows = [...this.themes.rows()];
    const themes = new CsvSink("themes", path.join(this.tmpDir, "themes.csv"), this.options);
    for (const row of themeRows) await themes.write(row);
    await themes.close();

    const keyphraseRows = [...this.keyphrases.rows()];
    const keyphrases = new CsvSink("keyphrases", path.join(this.tmpDir, "keyphrases.csv"), this.options);
    for (const row of keyphraseRows) await keyphrases.write(row);
    await keyphrases.close();

    const errors = new CsvSink("errors", path.join(this.tmpDir, "errors.csv"), this.options);
    const sorted = [...this.errors].sort((a, b) => (a.sourceFile < b.sourceFile ? -1 : a.sourceFile > b.sourceFile ? 1 : 0));
    for (const e of sorted) await errors.write({ source_file: e.sourceFile, stage: e.stage, error: e.error });
    await errors.close();

    const run = runInfo(this.counts);
    await fs.writeFile(path.join(this.tmpDir, "run.json"), JSON.stringify(run, null, 2) + "\n");
    await writeDataPackage(this.tmpDir);
    const report = { period: this.options.period, themeRows, keyphrases: keyphraseRows, entities: this.entities.values(), aggregate: this.report, counts: run as Record<string, unknown> };
    await fs.writeFile(path.join(this.tmpDir, "report.html"), renderReport(report));
    // The checkpoints' index last, once the adopted CSVs are appended to: it dates the output files (see resume).
    const adoption = { folders: [...this.adopted.keys()], csvs: this.adoptedCsvs, from: this.previousFolder };
    await swapIn(this.tmpDir, path.resolve(this.outputDir), adoption, () => this.options.checkpoints?.close(csvBytes));
  }

  async abort(): Promise<void> {
    await this.savingTails;
    await this.linking;
    await fs.rm(this.tmpDir, { recursive: true, force: true });
  }
}

/** A dataset's CSV file in output folder `dir`. */
const csvIn = (dir: string, name: ArticleDataset) => path.join(dir, `${name}.csv`);

/**
 * Folder `dir` holds just `files` (paths relative to clean/, all in `dir`,
 * each seen to be a regular file there already): then it has no more
 * entries than they are.
 */
function holdsJust(dir: string, files: readonly string[]): boolean {
  try {
    return readdirSync(dir).length === files.length;
  } catch {
    return false;
  }
}

/** Hard-links each [from, to] pair, a few at a time on libuv's threads, so the main thread goes on meanwhile. */
async function linkAll(pairs: ReadonlyArray<readonly [string, string]>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < pairs.length) {
      const [from, to] = pairs[next++];
      await fs.link(from, to);
    }
  };
  await Promise.all(Array.from({ length: 4 }, lane));
}

/**
 * Hard-links `from` to `to` when `from` holds exactly `text`: reading is far
 * cheaper than creating a file. Synchronous, as a few small system calls cost
 * less than the round trips of their promise versions.
 */
function linkSame(from: string, to: string, text: string): boolean {
  try {
    if (readFileSync(from, "utf8") !== text) return false;
    linkSync(from, to);
    return true;
  } catch {
    return false;
  }
}
