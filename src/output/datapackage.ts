// datapackage.json (Frictionless Tabular Data Package v1) and the README's
// data dictionary, both derived from src/schema.ts so neither can drift from
// the CSVs the writer produces.
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { datasets, type DatasetDefinition, type DatasetName } from "../schema.ts";

export const DATAPACKAGE_FILE = "datapackage.json";

type FieldType = "string" | "integer" | "number";

export interface TableField {
  name: string;
  type: FieldType;
  format: "default";
  description: string;
  constraints?: { enum: string[] };
}

interface ForeignKey {
  fields: string;
  reference: { resource: DatasetName; fields: string };
}

const definitions = datasets as unknown as Record<DatasetName, DatasetDefinition>;
const FIELD_TYPES = new Set<string>(["string", "integer", "number"]);

/** The Table Schema fields of a dataset, in column order. */
export function tableFields(name: DatasetName): TableField[] {
  const json = z.toJSONSchema(definitions[name].row) as {
    properties: Record<string, { type?: string; enum?: string[]; description?: string }>;
  };
  return Object.entries(json.properties).map(([column, p]) => {
    // Thrown at generation time, so a new column without a CSV type or a
    // description fails the tests instead of shipping an incomplete package.
    if (!p.type || !FIELD_TYPES.has(p.type)) throw new Error(`${name}.${column}: type ${p.type} has no CSV field type`);
    if (!p.description) throw new Error(`${name}.${column}: column has no description`);
    const field: TableField = { name: column, type: p.type as FieldType, format: "default", description: p.description };
    if (p.enum) field.constraints = { enum: p.enum };
    return field;
  });
}

function foreignKeys(name: DatasetName): ForeignKey[] {
  return Object.entries(definitions[name].references ?? {}).map(([column, target]) => {
    const key = definitions[target].primaryKey;
    if (key.length !== 1) throw new Error(`${name}.${column} references ${target}, whose primary key is not one column`);
    return { fields: column, reference: { resource: target, fields: key[0] } };
  });
}

/** The descriptor: one tabular resource per dataset, described as the CSV writer writes it. */
export function dataPackage(): object {
  return {
    profile: "tabular-data-package",
    name: "newsmine-output",
    title: "newsmine datasets",
    description: "Article metadata, entity mentions, figures, quotes and themes extracted from a folder of news articles by newsmine.",
    resources: (Object.keys(definitions) as DatasetName[]).map((name) => {
      const def = definitions[name];
      const keys = foreignKeys(name);
      return {
        profile: "tabular-data-resource",
        name,
        path: def.file,
        description: def.description,
        format: "csv",
        mediatype: "text/csv",
        encoding: "utf-8",
        dialect: { delimiter: ",", lineTerminator: "\n", quoteChar: '"', doubleQuote: true, header: true },
        schema: {
          fields: tableFields(name),
          missingValues: [""],
          primaryKey: [...def.primaryKey],
          ...(keys.length ? { foreignKeys: keys } : {}),
        },
      };
    }),
  };
}

export async function writeDataPackage(dir: string): Promise<void> {
  await fs.writeFile(path.join(dir, DATAPACKAGE_FILE), JSON.stringify(dataPackage(), null, 2) + "\n");
}

/** Markdown-safe cell: no pipes breaking the row, no `<x>` read as HTML. */
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The data dictionary: one table per dataset with every column's type and meaning. */
export function columnTable(): string {
  const sections = (Object.keys(definitions) as DatasetName[]).map((name) => {
    const def = definitions[name];
    const refs = Object.entries(def.references ?? {}).map(([column, target]) => `\`${column}\` → \`${definitions[target].file}\``);
    const lines = [
      `### ${def.file}`,
      "",
      `${def.description} Key: ${def.primaryKey.map((c) => `\`${c}\``).join(" + ")}.${refs.length ? ` References: ${refs.join(", ")}.` : ""}`,
      "",
      "| column | type | description |",
      "| --- | --- | --- |",
      ...tableFields(name).map(
        (f) => `| \`${f.name}\` | ${f.type}${f.constraints ? `: ${f.constraints.enum.join(", ")}` : ""} | ${cell(f.description)} |`,
      ),
    ];
    return lines.join("\n");
  });
  return sections.join("\n\n");
}
