import type { PropertiesFile } from "../properties";
import { whereFilter } from "./where-filter";
import { asList, asRecord, asTags, strOrNull, yamlResourceBase, type YamlResourceBase } from "./yaml-resource";

/** A saved query in dbt's manifest shape (depends_on is filled when linking). */
export interface SavedQueryDefinition extends YamlResourceBase {
  resource_type: "saved_query";
  query_params: { metrics: string[]; group_by: string[]; where: ReturnType<typeof whereFilter>; order_by: string[]; limit: number | null };
  exports: { name: string; config: Record<string, unknown>; unrendered_config: Record<string, string> }[];
  description: string | null;
  label: string | null;
  metadata: null;
  config: Record<string, unknown>;
  unrendered_config: Record<string, unknown>;
  group: string | null;
  depends_on: { macros: string[]; nodes: string[] };
  created_at: number;
  refs: unknown[];
  tags: string[];
}

/**
 * Reads one `saved_queries:` entry. An export is written to the target's schema and database
 * under its own name unless its config says otherwise.
 */
export function readSavedQuery(file: PropertiesFile, entry: Record<string, unknown>, target: { database: string | null; schema: string }): SavedQueryDefinition {
  const name = String(entry.name);
  const config = asRecord(entry.config);
  const qp = asRecord(entry.query_params);
  const group = strOrNull(config.group) ?? strOrNull(entry.group);
  const exportAs = strOrNull(config.export_as);
  const exportSchema = strOrNull(config.schema);
  return {
    ...yamlResourceBase(file, "saved_query", name),
    resource_type: "saved_query",
    query_params: {
      metrics: asList(qp.metrics).map(String),
      group_by: asList(qp.group_by).map(String),
      where: whereFilter(qp.where),
      order_by: asList(qp.order_by).map(String),
      limit: typeof qp.limit === "number" ? qp.limit : null,
    },
    exports: asList(entry.exports).map((e) => {
      const ex = asRecord(e);
      const own = asRecord(ex.config);
      const unrendered: Record<string, string> = {};
      for (const [k, v] of Object.entries(own)) if (typeof v === "string") unrendered[k] = v;
      return {
        name: String(ex.name),
        config: { export_as: strOrNull(own.export_as) ?? exportAs ?? "table", schema_name: strOrNull(own.schema) ?? strOrNull(own.schema_name) ?? exportSchema ?? target.schema, alias: strOrNull(own.alias) ?? String(ex.name), database: strOrNull(own.database) ?? target.database },
        unrendered_config: unrendered,
      };
    }),
    description: strOrNull(entry.description),
    label: strOrNull(entry.label),
    metadata: null,
    config: { enabled: config.enabled !== false, group, meta: { ...asRecord(entry.meta), ...asRecord(config.meta) }, export_as: exportAs, schema: exportSchema, cache: { enabled: asRecord(config.cache).enabled === true } },
    unrendered_config: {},
    group,
    depends_on: { macros: [], nodes: [] },
    created_at: Date.now() / 1000,
    refs: [],
    tags: asTags(entry.tags ?? config.tags),
  };
}
