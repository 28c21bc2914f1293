import * as fs from "node:fs";
import * as path from "node:path";
import type { Manifest } from "@tsdbt/core";
import type { CatalogLike } from "./types";

/** Where the known columns of a node came from. */
export type ColumnSource = "catalog" | "lineage" | "seed-file" | "declared";

/**
 * Known output columns of nodes and sources, in order: the warehouse catalog first (the truth),
 * then what lineage computed for a parent model, then a seed file's header, then the columns
 * declared in properties YAML.
 */
export class KnownColumns {
  private readonly fromLineage = new Map<string, string[]>();
  private readonly seedCache = new Map<string, string[] | undefined>();

  constructor(
    private readonly manifest: Manifest,
    private readonly catalog: CatalogLike | undefined,
    private readonly projectDir: string | undefined,
  ) {}

  /** Records the columns lineage found for a node (complete lists only). */
  setFromLineage(id: string, columns: string[]): void {
    this.fromLineage.set(id, columns);
  }

  /** The node's columns and where they came from, or undefined when nothing knows them. */
  lookup(id: string): { columns: string[]; source: ColumnSource } | undefined {
    const cat = this.catalog?.nodes?.[id] ?? this.catalog?.sources?.[id];
    if (cat?.columns && Object.keys(cat.columns).length) {
      const cols = Object.entries(cat.columns)
        .map(([key, c]) => ({ name: c.name ?? key, index: typeof c.index === "number" ? c.index : Number.MAX_SAFE_INTEGER }))
        .sort((a, b) => a.index - b.index);
      return { columns: cols.map((c) => c.name), source: "catalog" };
    }
    const lineage = this.fromLineage.get(id);
    if (lineage) return { columns: lineage, source: "lineage" };
    const node = this.manifest.nodes[id];
    if (node?.resource_type === "seed") {
      const header = this.seedHeader(id);
      if (header) return { columns: header, source: "seed-file" };
    }
    const declared = Object.values(node?.columns ?? this.manifest.sources[id]?.columns ?? {}).map((c) => c.name);
    return declared.length ? { columns: declared, source: "declared" } : undefined;
  }

  /** The header row of a seed's CSV file (quotes and the `delimiter` config honoured). */
  private seedHeader(id: string): string[] | undefined {
    if (this.seedCache.has(id)) return this.seedCache.get(id);
    const node = this.manifest.nodes[id];
    let header: string[] | undefined;
    const root = (node as { root_path?: string }).root_path ?? this.projectDir;
    if (root) {
      try {
        const fd = fs.openSync(path.resolve(root, node.original_file_path), "r");
        try {
          const buf = Buffer.alloc(64 * 1024);
          const n = fs.readSync(fd, buf, 0, buf.length, 0);
          const delimiter = typeof node.config.delimiter === "string" && node.config.delimiter ? node.config.delimiter : ",";
          header = splitCsvLine(buf.subarray(0, n).toString("utf8").replace(/^\uFEFF/, ""), delimiter);
        } finally {
          fs.closeSync(fd);
        }
      } catch {
        header = undefined;
      }
    }
    this.seedCache.set(id, header);
    return header;
  }
}

/** Fields of the first record of CSV text. */
export function splitCsvLine(text: string, delimiter: string): string[] | undefined {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (text.startsWith(delimiter, i)) {
      fields.push(field.trim());
      field = "";
      i += delimiter.length - 1;
    } else if (ch === "\n" || ch === "\r") break;
    else field += ch;
  }
  fields.push(field.trim());
  return fields.some(Boolean) ? fields : undefined;
}
