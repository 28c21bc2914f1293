import type { PropertiesFile } from "../properties";
import { asList, asRecord, strOrNull, yamlResourceBase, type YamlResourceBase } from "./yaml-resource";

/** A semantic model in dbt's manifest shape (node_relation and depends_on are filled when linking). */
export interface SemanticModelDefinition extends YamlResourceBase {
  resource_type: "semantic_model";
  model: string;
  node_relation: { alias: string; schema_name: string; database: string | null; relation_name: string | null } | null;
  description: string | null;
  label: string | null;
  defaults: { agg_time_dimension: string | null } | null;
  entities: Record<string, unknown>[];
  measures: Record<string, unknown>[];
  dimensions: Record<string, unknown>[];
  metadata: null;
  depends_on: { macros: string[]; nodes: string[] };
  refs: { name: string; package: string | null; version: string | number | null }[];
  created_at: number;
  config: Record<string, unknown>;
  unrendered_config: Record<string, unknown>;
  primary_entity: string | null;
  group: string | null;
}

const elementConfig = (item: Record<string, unknown>) => ({ ...asRecord(item.config), meta: { ...asRecord(asRecord(item.config).meta) } });
const exprOf = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === "boolean" ? (v ? "True" : "False") : String(v));

function entity(item: Record<string, unknown>): Record<string, unknown> {
  return { name: String(item.name), type: String(item.type), description: strOrNull(item.description), label: strOrNull(item.label), role: strOrNull(item.role), expr: exprOf(item.expr), config: elementConfig(item) };
}

function measure(item: Record<string, unknown>): Record<string, unknown> {
  const nad = item.non_additive_dimension === undefined || item.non_additive_dimension === null ? null : asRecord(item.non_additive_dimension);
  return {
    name: String(item.name),
    agg: String(item.agg),
    description: strOrNull(item.description),
    label: strOrNull(item.label),
    create_metric: item.create_metric === true,
    expr: exprOf(item.expr),
    agg_params: item.agg_params === undefined || item.agg_params === null ? null : { percentile: null, use_discrete_percentile: false, use_approximate_percentile: false, ...asRecord(item.agg_params) },
    non_additive_dimension: nad && { name: String(nad.name), window_choice: strOrNull(nad.window_choice) ?? "min", window_groupings: asList(nad.window_groupings).map(String) },
    agg_time_dimension: strOrNull(item.agg_time_dimension),
    config: elementConfig(item),
  };
}

function dimension(item: Record<string, unknown>): Record<string, unknown> {
  const tp = item.type_params === undefined || item.type_params === null ? null : asRecord(item.type_params);
  return {
    name: String(item.name),
    type: String(item.type),
    description: strOrNull(item.description),
    label: strOrNull(item.label),
    is_partition: item.is_partition === true,
    type_params: tp && { time_granularity: strOrNull(tp.time_granularity), validity_params: tp.validity_params === undefined || tp.validity_params === null ? null : { is_start: false, is_end: false, ...asRecord(tp.validity_params) } },
    expr: exprOf(item.expr),
    metadata: null,
    config: elementConfig(item),
  };
}

/** Reads one `semantic_models:` entry (its `model:` is resolved later). */
export function readSemanticModel(file: PropertiesFile, entry: Record<string, unknown>): SemanticModelDefinition {
  const name = String(entry.name);
  const config = asRecord(entry.config);
  const defaults = entry.defaults === undefined || entry.defaults === null ? null : { agg_time_dimension: strOrNull(asRecord(entry.defaults).agg_time_dimension) };
  const group = strOrNull(config.group) ?? strOrNull(entry.group);
  return {
    ...yamlResourceBase(file, "semantic_model", name),
    resource_type: "semantic_model",
    model: String(entry.model ?? ""),
    node_relation: null,
    description: strOrNull(entry.description),
    label: strOrNull(entry.label),
    defaults,
    entities: asList(entry.entities).map((e) => entity(asRecord(e))),
    measures: asList(entry.measures).map((m) => measure(asRecord(m))),
    dimensions: asList(entry.dimensions).map((d) => dimension(asRecord(d))),
    metadata: null,
    depends_on: { macros: [], nodes: [] },
    refs: [],
    created_at: Date.now() / 1000,
    config: { enabled: config.enabled !== false, group, meta: { ...asRecord(entry.meta), ...asRecord(config.meta) }, ...omit(config, ["enabled", "group", "meta"]) },
    unrendered_config: {},
    primary_entity: strOrNull(entry.primary_entity),
    group,
  };
}

function omit(obj: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (!keys.includes(k)) out[k] = v;
  return out;
}
