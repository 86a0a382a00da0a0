// The write stage: streams each analysed Article's rows into the datasets,
// keeps only small corpus-wide aggregates (entities, theme periods) in
// memory, and swaps the finished folder in atomically at the end.
import fs from "node:fs/promises";
import { linkSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Article, EntityType } from "../types.ts";
import { CsvSink, type CsvOptions } from "./csv.ts";
import { writeDataPackage } from "./datapackage.ts";
import { entityId } from "./ids.ts";
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
  private sinks!: {
    articles: CsvSink<"articles">;
    mentions: CsvSink<"mentions">;
    figures: CsvSink<"figures">;
    quotes: CsvSink<"quotes">;
    article_themes: CsvSink<"article_themes">;
  };
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
    const sink = <N extends "articles" | "mentions" | "figures" | "quotes" | "article_themes">(name: N) =>
      new CsvSink(name, path.join(this.tmpDir, `${name}.csv`), this.options);
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
  async add(a: Article, previousOutput?: string): Promise<void> {
    const cleanPath = cleanPathOf(path.join(this.tmpDir, "clean"), a.id);
    if (this.ids.has(a.id)) throw new Error(`duplicate article_id ${JSON.stringify(a.id)} (an earlier file has the same id)`);
    this.ids.add(a.id);
    const dir = path.dirname(cleanPath);
    if (!this.cleanDirs.has(dir)) {
      await fs.mkdir(dir, { recursive: true });
      this.cleanDirs.add(dir);
    }
    const previous = previousOutput && cleanPathOf(path.join(previousOutput, "clean"), a.id);
    if (!previous || !linkSame(previous, cleanPath, a.text)) await fs.writeFile(cleanPath, a.text);

    await this.sinks.articles.write({
      article_id: a.id,
      source_file: a.sourceFile,
      source_url: a.meta.sourceUrl,
      format: a.format,
      title: a.meta.title,
      published: a.meta.published,
      date_source: a.meta.dateSource,
      publisher: a.meta.publisher,
      authors: a.meta.authors.join("; "),
      words: a.words,
      boilerplate_lines: a.removed.length,
    });

    const seenHere = new Set<string>();
    for (const m of [...a.mentions].sort(byOffset)) {
      const id = entityId(m.type, m.name);
      await this.sinks.mentions.write({ article_id: a.id, entity_id: id, name: m.name, type: m.type, surface: m.surface, start: m.start, end: m.end });
      let agg = this.entities.get(id);
      if (!agg) this.entities.set(id, (agg = { name: m.name, type: m.type, code: m.code, articles: 0, mentions: 0, aliases: new Set() }));
      agg.mentions++;
      if (!seenHere.has(id)) {
        seenHere.add(id);
        agg.articles++;
      }
      if (m.surface !== m.name) agg.aliases.add(m.surface);
    }

    for (const f of [...a.figures].sort(byOffset)) {
      await this.sinks.figures.write({
        article_id: a.id,
        value: f.value,
        value_high: f.valueHigh === null ? "" : String(f.valueHigh),
        unit: f.unit,
        currency: f.currency,
        kind: f.kind,
        qualifier: f.qualifier,
        text: f.text,
        start: f.start,
        end: f.end,
        sentence: f.sentence,
      });
    }

    const quotes = [...a.quotes].sort(byOffset);
    for (const [i, q] of quotes.entries()) {
      await this.sinks.quotes.write({
        article_id: a.id,
        quote_id: i + 1,
        type: q.type,
        speaker: q.speaker,
        speaker_entity_id: q.speaker && q.speakerType ? entityId(q.speakerType, q.speaker) : "",
        cue: q.cue,
        text: q.text,
        start: q.start,
        end: q.end,
      });
    }

    const themeCounts = this.themes.add(a);
    for (const [theme, mentions] of themeCounts) await this.sinks.article_themes.write({ article_id: a.id, theme, mentions });
    this.keyphrases.add(a);
    this.report.add(a);

    this.counts.articles++;
    this.counts.mentions += a.mentions.length;
    this.counts.figures += a.figures.length;
    this.counts.quotes += a.quotes.length;
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

const byOffset = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start - b.start || a.end - b.end;
