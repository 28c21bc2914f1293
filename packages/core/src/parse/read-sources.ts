import type { Diagnostic } from "../diagnostics/diagnostic";
import type { SourceDefinition } from "../manifest/types";
import { diagnosticAt } from "../yaml/diagnostic-at";
import { readColumns, type PropertiesFile, type TestEntry } from "./properties";
import { PROPERTY_KEYS, warnUnknownKeys } from "./property-keys";
import { mergeConfigs } from "../config/merge-configs";
import type { ConfigLayer } from "../config/normalise-config";

/** A source table and the tests written on it. */
export interface ReadSource {
  source: SourceDefinition;
  tests: TestEntry[];
  /** The tags the table's tests inherit: the source's and the table's own `tags:` (not their config's). */
  testTags: string[];
  /** The properties file sets `enabled` on the source or the table (dbt_project.yml's then does not apply). */
  enabledInFile: boolean;
  /** What the properties file configures, for `unrendered_config` (see {@link applyProjectSourceConfig}). */
  written: WrittenSourceConfig;
}

/** A source table's config as its properties file gives it (source's, then table's; YAML values are rendered when read). */
interface WrittenSourceConfig {
  /** The `config:` keys of the source, then of the table, in order, with their merged values. */
  config: Record<string, unknown>;
  /** Tags and meta of the file alone (the source's and the table's, top-level and in config). */
  tags: string[];
  meta: Record<string, unknown>;
  /** Whether the source or table sets `freshness`. */
  freshness: boolean;
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
      const freshness = sourceFreshness([src.freshness, srcConfig.freshness, table.freshness, tableConfig.freshness]);
      const meta = { ...asRecord(src.meta), ...asRecord(srcConfig.meta), ...asRecord(table.meta), ...asRecord(tableConfig.meta) };
      const tags = [...new Set([...asTags(src.tags), ...asTags(srcConfig.tags), ...asTags(table.tags), ...asTags(tableConfig.tags)])].sort();
      const loadedAtField = str(tableConfig.loaded_at_field) ?? str(table.loaded_at_field) ?? str(srcConfig.loaded_at_field) ?? str(src.loaded_at_field);
      const loadedAtQuery = str(tableConfig.loaded_at_query) ?? str(table.loaded_at_query) ?? str(srcConfig.loaded_at_query) ?? str(src.loaded_at_query);
      const quoting = { database: null, schema: null, identifier: null, column: null, ...asRecord(src.quoting), ...asRecord(table.quoting) };
      const raw = unrenderedSource(file, i);
      const writtenTags = [...new Set([...asTags(src.tags), ...asTags(srcConfig.tags), ...asTags(table.tags), ...asTags(tableConfig.tags)])];
      const written: WrittenSourceConfig = { config: {}, tags: writtenTags, meta, freshness: [src.freshness, srcConfig.freshness, table.freshness, tableConfig.freshness].some((f) => f !== undefined) };
      for (const c of [srcConfig, tableConfig]) for (const [k, v] of Object.entries(c)) written.config[k] = k === "tags" ? writtenTags : k === "meta" ? meta : k === "freshness" ? freshness : v;
      out.push({
        written,
        tests,
        testTags: [...asTags(src.tags), ...asTags(table.tags)],
        enabledInFile: tableConfig.enabled !== undefined || srcConfig.enabled !== undefined,
        source: {
          database: str(src.database) ?? targetDatabase,
          schema: str(src.schema) ?? sourceName,
          name,
          resource_type: "source",
          package_name: file.packageName,
          path: file.parsed.file,
          original_file_path: file.parsed.file,
          unique_id: id,
          fqn: [file.packageName, ...folderOf(file.parsed.file), sourceName, name],
          source_name: sourceName,
          source_description: typeof src.description === "string" ? src.description : "",
          loader: typeof src.loader === "string" ? src.loader : "",
          identifier: str(table.identifier) ?? name,
          quoting: quoting as Record<string, boolean | null>,
          loaded_at_field: loadedAtField,
          loaded_at_query: loadedAtQuery,
          freshness,
          external: (table.external as Record<string, unknown> | undefined) ?? null,
          description: typeof table.description === "string" ? table.description : "",
          columns,
          meta,
          source_meta: { ...asRecord(src.meta), ...asRecord(srcConfig.meta) },
          tags,
          // dbt's SourceConfig: these keys, then any other config key written
          config: { enabled: (tableConfig.enabled ?? srcConfig.enabled ?? true) as boolean, event_time: tableConfig.event_time ?? srcConfig.event_time ?? null, freshness, loaded_at_field: loadedAtField, loaded_at_query: loadedAtQuery, meta, tags, ...otherKeys(srcConfig, tableConfig) },
          patch_path: null,
          unrendered_config: {},
          relation_name: null,
          created_at: Date.now() / 1000,
          unrendered_database: str(raw.database),
          unrendered_schema: str(raw.schema),
        },
      });
    });
  });
  return out;
}

const SOURCE_CONFIG_KEYS = new Set(["enabled", "event_time", "freshness", "loaded_at_field", "loaded_at_query", "meta", "tags"]);

/** Config keys a source or table sets besides dbt's SourceConfig fields (the table's win). */
function otherKeys(...configs: Record<string, unknown>[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of configs) for (const [k, v] of Object.entries(c)) if (!SOURCE_CONFIG_KEYS.has(k)) out[k] = v;
  return out;
}

/** The i-th source entry of a properties file as written, before rendering. */
function unrenderedSource(file: PropertiesFile, i: number): Record<string, unknown> {
  const list = asRecord(file.unrendered?.value).sources;
  return Array.isArray(list) ? asRecord(list[i]) : {};
}

/**
 * Applies the dbt_project.yml `sources:` config of a source table, as dbt-core 1.10 does: `enabled`
 * when the properties file does not set it, and `meta` under the file's (other keys, `tags`
 * included, dbt does not take from there).
 */
export function applyProjectSourceConfig({ source, enabledInFile, written }: ReadSource, layers: ConfigLayer[], unrenderedLayers: ConfigLayer[] = layers): void {
  source.unrendered_config = sourceUnrenderedConfig(written, source, unrenderedLayers);
  if (layers.length === 0) return;
  const project = mergeConfigs(...layers);
  if (typeof project.enabled === "boolean" && !enabledInFile) source.config.enabled = project.enabled;
  if (project.meta && typeof project.meta === "object") {
    source.meta = { ...(project.meta as Record<string, unknown>), ...source.meta };
    source.config.meta = source.meta;
  }
}

const NO_CRITERION = () => ({ count: null, period: null });

/**
 * A table's freshness as dbt stores it: the source's, then its config's, then the table's and the
 * table's config's, merged key by key; `freshness: null` on the table (or its config) switches it
 * off; missing criteria are `{count: null, period: null}`.
 */
function sourceFreshness(layers: unknown[]): Record<string, unknown> | null {
  let merged: Record<string, unknown> = {};
  let off = false;
  layers.forEach((layer, i) => {
    if (layer === undefined) return;
    if (layer === null) {
      // only a table can switch off the freshness its source gives it
      if (i >= 2) off = true;
      return;
    }
    off = false;
    merged = { ...merged, ...asRecord(layer) };
  });
  if (off) return null;
  return { warn_after: merged.warn_after ?? NO_CRITERION(), error_after: merged.error_after ?? NO_CRITERION(), filter: merged.filter ?? null };
}

/** Folders between the resource root and a properties file (for fqn). */
function folderOf(file: string): string[] {
  const parts = file.split("/");
  return parts.slice(1, -1);
}

/**
 * A source table's `unrendered_config` as dbt 1.10 records it (checked against it): the keys
 * dbt_project.yml's `sources:` sets, in place but with the properties file's values; then the
 * file's `config:` keys (the source's, then the table's); `freshness` when the file sets it;
 * `loaded_at_field` and `loaded_at_query`; then `meta` and `tags` (the file's, `{}`/`[]` when none).
 */
function sourceUnrenderedConfig(written: WrittenSourceConfig, source: SourceDefinition, projectLayers: ConfigLayer[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const layer of projectLayers) for (const key of Object.keys(layer)) out[key] = undefined;
  Object.assign(out, written.config);
  if (written.freshness) out.freshness = source.freshness;
  out.loaded_at_field = source.loaded_at_field;
  out.loaded_at_query = source.loaded_at_query;
  out.meta ??= written.meta;
  out.tags ??= written.tags;
  for (const [key, value] of Object.entries(out)) if (value === undefined) delete out[key];
  return out;
}
