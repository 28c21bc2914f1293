import type { Diagnostic } from "../diagnostics/diagnostic";
import { columnConstraintsOf } from "./model-constraints";
import type { ColumnInfo } from "../manifest/types";
import { diagnosticAt } from "../yaml/diagnostic-at";
import type { ParsedYaml, YamlPathSegment } from "../yaml/parse-yaml";
import { PROPERTY_KEYS, warnUnknownKeys } from "./property-keys";
import { forEachNamedEntry } from "./named-entries";
import { expandModelVersions, type ModelVersion } from "./model-versions";

/** A properties YAML file, parsed, with the package it belongs to. */
export interface PropertiesFile {
  packageName: string;
  parsed: ParsedYaml;
  /** The file as read, before its values were rendered (for what dbt keeps unrendered). */
  unrendered?: ParsedYaml;
  /** The file's text (unit tests read it again to tell `1.0` from `1`). */
  text?: string;
}

/** A test definition found in YAML, with where it was written. */
export interface TestEntry {
  entry: unknown;
  column?: string;
  /** The column's own tags (`tags:` and `config.tags`), which its tests inherit. */
  columnTags?: string[];
  /** The column's `quote:` (true: the test gets the quoted column name). */
  columnQuote?: boolean | null;
  path: YamlPathSegment[];
}

/** What a properties file says about one model, seed, snapshot or analysis. */
export interface NodePatch {
  kind: "model" | "seed" | "snapshot" | "analysis";
  name: string;
  packageName: string;
  file: string;
  path: YamlPathSegment[];
  description: string;
  columns: Record<string, ColumnInfo>;
  config: Record<string, unknown>;
  meta: Record<string, unknown>;
  tags: string[];
  docs?: { show?: boolean; node_color?: string | null };
  access?: string;
  tests: TestEntry[];
  raw: Record<string, unknown>;
  /** Set on each version of a versioned model (one patch per version). */
  version?: ModelVersion;
  /** The package of the resource described, when not the file's own (see fileCrossPackagePatches). */
  nodePackage?: string;
}

const SECTION_KIND: Record<string, NodePatch["kind"]> = { models: "model", seeds: "seed", snapshots: "snapshot", analyses: "analysis" };
const KNOWN_SECTIONS = new Set(["version", "models", "seeds", "snapshots", "analyses", "sources", "exposures", "macros", "metrics", "semantic_models", "saved_queries", "groups", "unit_tests", "data_tests"]);

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asTags = (v: unknown): string[] => (typeof v === "string" ? [v] : Array.isArray(v) ? v.map(String) : []);

/** Reads the `columns:` list of an entry into ColumnInfo records, collecting column tests. */
export function readColumns(list: unknown, basePath: YamlPathSegment[], tests: TestEntry[], check?: { parsed: ParsedYaml; diagnostics: Diagnostic[] }): Record<string, ColumnInfo> {
  const columns: Record<string, ColumnInfo> = {};
  asList(list).forEach((c, i) => {
    const col = asRecord(c);
    if (typeof col.name !== "string") return;
    if (check) warnUnknownKeys(check.parsed, col, [...basePath, i], PROPERTY_KEYS.column, `column '${col.name}'`, check.diagnostics);
    const config = asRecord(col.config);
    const meta = { ...asRecord(col.meta), ...asRecord(config.meta) };
    // dbt 1.10 lists a column's config tags before its top-level ones
    const tags = [...new Set([...asTags(config.tags), ...asTags(col.tags)])];
    columns[col.name] = {
      name: col.name,
      description: typeof col.description === "string" ? col.description : "",
      meta,
      data_type: typeof col.data_type === "string" ? col.data_type : null,
      constraints: columnConstraintsOf(asList(col.constraints)),
      quote: typeof col.quote === "boolean" ? col.quote : null,
      config: { meta, tags },
      tags,
      granularity: typeof col.granularity === "string" ? col.granularity : null,
      doc_blocks: [],
    };
    const colTests = [...asList(col.tests), ...asList(col.data_tests)];
    const key = col.data_tests !== undefined ? "data_tests" : "tests";
    const info = columns[col.name];
    colTests.forEach((t, j) => tests.push({ entry: t, column: col.name as string, columnTags: info.tags, columnQuote: info.quote, path: [...basePath, i, key, j] }));
  });
  return columns;
}

/**
 * Reads the model/seed/snapshot/analysis entries of a properties file into patches, and
 * reports wrong shapes (a section that is not a list, an entry without a name).
 */
export function readNodePatches(file: PropertiesFile, diagnostics: Diagnostic[]): NodePatch[] {
  const doc = asRecord(file.parsed.value);
  const patches: NodePatch[] = [];
  for (const key of Object.keys(doc)) {
    if (!KNOWN_SECTIONS.has(key)) {
      diagnostics.push(diagnosticAt(file.parsed, [key], { code: "TSDBT-W011", severity: "warn", message: `Unknown section '${key}' in ${file.parsed.file}; it is ignored.`, hint: `Sections are ${[...KNOWN_SECTIONS].join(", ")}.` }));
    }
  }
  for (const [section, kind] of Object.entries(SECTION_KIND)) {
    forEachNamedEntry(file.parsed, doc, section, diagnostics, (entry, i) => {
      const tests: TestEntry[] = [];
      const testKey = entry.data_tests !== undefined ? "data_tests" : "tests";
      [...asList(entry.tests), ...asList(entry.data_tests)].forEach((t, j) => tests.push({ entry: t, path: [section, i, testKey, j] }));
      warnUnknownKeys(file.parsed, entry, [section, i], kind === "model" ? PROPERTY_KEYS.model : PROPERTY_KEYS.node, `${kind} '${entry.name}'`, diagnostics);
      const columns = readColumns(entry.columns, [section, i, "columns"], tests, { parsed: file.parsed, diagnostics });
      const config = asRecord(entry.config);
      const patch: NodePatch = {
        kind,
        name: entry.name,
        packageName: file.packageName,
        file: file.parsed.file,
        path: [section, i],
        description: typeof entry.description === "string" ? entry.description : "",
        columns,
        config,
        meta: asRecord(entry.meta),
        // dbt 1.10 reads no top-level `tags` on a model, seed, snapshot or analysis entry (only under config:)
        tags: [],
        docs: entry.docs ? (asRecord(entry.docs) as NodePatch["docs"]) : undefined,
        access: typeof entry.access === "string" ? entry.access : undefined,
        tests,
        raw: entry,
      };
      if (kind === "model") patches.push(...expandModelVersions(patch, file.parsed, (list, basePath, out) => readColumns(list, basePath, out, { parsed: file.parsed, diagnostics }), diagnostics));
      else patches.push(patch);
    });
  }
  return patches;
}
