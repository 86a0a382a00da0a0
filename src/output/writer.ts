// The write stage: streams each analysed Article's rows into the datasets,
// keeps only small corpus-wide aggregates (entities, theme periods) in
// memory, and swaps the finished folder in atomically at the end.
import fs from "node:fs/promises";
import { linkSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { EntityType } from "../types.ts";
import { CsvSink, type CsvOptions } from "./csv.ts";
import { writeDataPackage } from "./datapackage.ts";
import { ARTICLE_DATASETS, entityTallies, phraseCounts, type ArticleDataset, type ArticleRecord } from "./rows.ts";
import { cleanPathOf, recoverLeftovers, swapIn, workFolder } from "./swap.ts";
import { ThemeAggregator, type Period } from "./theme-periods.ts";
import { KeyphraseAggregator } from "./keyphrases.ts";
import { ReportAggregator } from "../report/aggregate.ts";
import { renderReport } from "../report/html.ts";
import type { ThemeTaxonomy } from "../stages/themes.ts";

export interface WriterOptions extends CsvOptions {
  period: Period;
  taxonomy: ThemeTaxonomy;
}

export interface RunError {
  sourceFile: string;
  stage: string;
  error: string;
}

interface EntityAggregate {
  name: string;
  type: EntityType;
  code: string;
  articles: number;
  mentions: number;
  aliases: Set<string>;
}

/** Writes into `<output>.newsmine-tmp-<pid>` and renames it over `<output>` on commit. */
export class DatasetWriter {
  private readonly tmpDir: string;
  private sinks!: { [N in ArticleDataset]: CsvSink<N> };
  private readonly entities = new Map<string, EntityAggregate>();
  private readonly themes: ThemeAggregator;
  private readonly keyphrases: KeyphraseAggregator;
  private readonly report = new ReportAggregator();
  private readonly errors: RunError[] = [];
  private readonly ids = new Set<string>();
  /** Folders under clean/ made so far: one mkdir per folder, not per article. */
  private readonly cleanDirs = new Set<string>();
  readonly counts = { articles: 0, mentions: 0, entities: 0, figures: 0, quotes: 0, errors: 0 };

  constructor(readonly outputDir: string, private readonly options: WriterOptions) {
    const resolved = path.resolve(outputDir);
    this.tmpDir = workFolder(resolved, "tmp");
    this.themes = new ThemeAggregator(options.taxonomy, options.period);
    this.keyphrases = new KeyphraseAggregator({ period: options.period });
  }

  /** Clears leftovers of killed runs, then starts the temporary folder. Returns notes for the log. */
  async open(): Promise<string[]> {
    const notes = await recoverLeftovers(path.resolve(this.outputDir));
    await fs.rm(this.tmpDir, { recursive: true, force: true });
    await fs.mkdir(path.join(this.tmpDir, "clean"), { recursive: true });
    const sink = <N extends ArticleDataset>(name: N) => new CsvSink(name, path.join(this.tmpDir, `${name}.csv`), this.options);
    this.sinks = {
      articles: sink("articles"),
      mentions: sink("mentions"),
      figures: sink("figures"),
      quotes: sink("quotes"),
      article_themes: sink("article_themes"),
    };
    return notes;
  }

  /**
   * Articles must arrive in article_id order (the caller guarantees it).
   * `previousOutput`: an earlier output folder that may hold this article's
   * clean text already (--incremental); an identical file there is linked
   * rather than written again.
   */
  async add(r: ArticleRecord, previousOutput?: string): Promise<void> {
    const cleanPath = cleanPathOf(path.join(this.tmpDir, "clean"), r.id);
    if (this.ids.has(r.id)) throw new Error(`duplicate article_id ${JSON.stringify(r.id)} (an earlier file has the same id)`);
    this.ids.add(r.id);
    const dir = path.dirname(cleanPath);
    if (!this.cleanDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.cleanDirs.add(dir);
    }
    const previous = previousOutput && cleanPathOf(path.join(previousOutput, "clean"), r.id);
    if (!previous || !linkSame(previous, cleanPath, r.text)) writeFileSync(cleanPath, r.text);

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
    await swapIn(this.tmpDir, path.resolve(this.outputDir));
  }

  async abort(): Promise<void> {
    await fs.rm(this.tmpDir, { recursive: true, force: true });
  }
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
