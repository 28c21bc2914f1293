import type { Diagnostic } from "../diagnostics/diagnostic";
import type { SourceDefinition } from "../manifest/types";
import { diagnosticAt } from "../yaml/diagnostic-at";
import { readColumns, type PropertiesFile, type TestEntry } from "./properties";
import { PROPERTY_KEYS, warnUnknownKeys } from "./property-keys";

/** A source table and the tests written on it. */
export interface ReadSource {
  source: SourceDefinition;
  tests: TestEntry[];
  /** The tags the table's tests inherit: the source's and the table's own `tags:` (not their config's). */
  testTags: string[];
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const asTags = (v: unknown): string[] => (typeof v === "string" ? [v] : Array.isArray(v) ? v.map(String) : []);
const str = (v: unknown): string | null => (typeof v === "string" ? v : typeof v === "number" ? String(v) : null);

/**
 * Reads `sources:` of a properties file into source definitions (one per table): schema
 * defaults to the source's name, database to the target's; freshness, loaded_at_field,
 * quoting, meta and tags are inherited from the source by its tables.
 */
export function readSources(file: PropertiesFile, targetDatabase: string | null, diagnostics: Diagnostic[]): ReadSource[] {
  const doc = asRecord(file.parsed.value);
  const list = doc.sources;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    diagnostics.push(diagnosticAt(file.parsed, ["sources"], { code: "TSDBT-E018", message: `'sources' in ${file.parsed.file} must be a list of entries.`, hint: "Write each source as '- name: …' with a 'tables:' list." }));
    return [];
  }
  const out: ReadSource[] = [];
  list.forEach((item, i) => {
    const src = asRecord(item);
    if (typeof src.name !== "string") {
      diagnostics.push(diagnosticAt(file.parsed, ["sources", i], { code: "TSDBT-E019", message: `A source in ${file.parsed.file} has no name.`, hint: "Add 'name: <source name>'." }));
      return;
    }
    warnUnknownKeys(file.parsed, src, ["sources", i], PROPERTY_KEYS.source, `source '${src.name}'`, diagnostics);
    const srcConfig = asRecord(src.config);
    const tables = Array.isArray(src.tables) ? src.tables : [];
    tables.forEach((t, j) => {
      const table = asRecord(t);
      if (typeof table.name !== "string") {
        diagnostics.push(diagnosticAt(file.parsed, ["sources", i, "tables", j], { code: "TSDBT-E019", message: `A table of source '${src.name}' in ${file.parsed.file} has no name.`, hint: "Add 'name: <table name>'." }));
        return;
      }
      const tests: TestEntry[] = [];
      const testKey = table.data_tests !== undefined ? "data_tests" : "tests";
      [...(Array.isArray(table.tests) ? table.tests : []), ...(Array.isArray(table.data_tests) ? table.data_tests : [])].forEach((e, k) => tests.push({ entry: e, path: ["sources", i, "tables", j, testKey, k] }));
      warnUnknownKeys(file.parsed, table, ["sources", i, "tables", j], PROPERTY_KEYS.table, `source table '${src.name}.${table.name}'`, diagnostics);
      const columns = readColumns(table.columns, ["sources", i, "tables", j, "columns"], tests, { parsed: file.parsed, diagnostics });
      const tableConfig = asRecord(table.config);
      const sourceName = src.name as string;
      const name = table.name as string;
      const id = `source.${file.packageName}.${sourceName}.${name}`;
      const freshness = table.freshness !== undefined ? table.freshness : src.freshness ?? tableConfig.freshness ?? srcConfig.freshness ?? null;
      out.push({
        tests,
        testTags: [...asTags(src.tags), ...asTags(table.tags)],
        source: {
          unique_id: id,
          resource_type: "source",
          package_name: file.packageName,
          name,
          source_name: sourceName,
          source_description: typeof src.description === "string" ? src.description : "",
          loader: typeof src.loader === "string" ? src.loader : "",
          identifier: str(table.identifier) ?? name,
          database: str(src.database) ?? targetDatabase,
          schema: str(src.schema) ?? sourceName,
          path: file.parsed.file,
          original_file_path: file.parsed.file,
          fqn: [file.packageName, ...folderOf(file.parsed.file), sourceName, name],
          quoting: { ...asRecord(src.quoting), ...asRecord(table.quoting) } as Record<string, boolean | null>,
          loaded_at_field: str(table.loaded_at_field) ?? str(src.loaded_at_field),
          freshness: freshness ?? { warn_after: { count: null, period: null }, error_after: { count: null, period: null }, filter: null },
          description: typeof table.description === "string" ? table.description : "",
          columns,
          meta: { ...asRecord(src.meta), ...asRecord(table.meta) },
          source_meta: asRecord(src.meta),
          tags: [...new Set([...asTags(src.tags), ...asTags(srcConfig.tags), ...asTags(table.tags), ...asTags(tableConfig.tags)])].sort(),
          config: { enabled: (tableConfig.enabled ?? srcConfig.enabled ?? true) as boolean, ...srcConfig, ...tableConfig },
          patch_path: null,
          unrendered_config: {},
          relation_name: null,
          created_at: Date.now() / 1000,
        },
      });
    });
  });
  return out;
}

/** Folders between the resource root and a properties file (for fqn). */
function folderOf(file: string): string[] {
  const parts = file.split("/");
  return parts.slice(1, -1);
}
