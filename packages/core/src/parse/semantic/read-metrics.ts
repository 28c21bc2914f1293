import type { PropertiesFile } from "../properties";
import { timeWindow, whereFilter } from "./where-filter";
import { asList, asRecord, asTags, strOrNull, yamlResourceBase, type YamlResourceBase } from "./yaml-resource";

/** A measure a metric reads, in dbt's stored shape. */
export interface MeasureInput {
  name: string;
  filter: ReturnType<typeof whereFilter>;
  alias: string | null;
  join_to_timespine: boolean;
  fill_nulls_with: number | null;
}

/** A metric in dbt's manifest shape (input_measures and depends_on are filled when linking). */
export interface MetricDefinition extends YamlResourceBase {
  resource_type: "metric";
  description: string;
  label: string;
  type: string;
  type_params: {
    measure: MeasureInput | null;
    input_measures: MeasureInput[];
    numerator: Record<string, unknown> | null;
    denominator: Record<string, unknown> | null;
    expr: string | null;
    window: { count: number; granularity: string } | null;
    grain_to_date: string | null;
    metrics: Record<string, unknown>[];
    conversion_type_params: { base_measure: MeasureInput; conversion_measure: MeasureInput; [key: string]: unknown } | null;
    cumulative_type_params: Record<string, unknown> | null;
    metric_aggregation_params: null;
  };
  filter: ReturnType<typeof whereFilter>;
  metadata: null;
  time_granularity: string | null;
  meta: Record<string, unknown>;
  tags: string[];
  config: Record<string, unknown>;
  unrendered_config: Record<string, unknown>;
  sources: [string, string][];
  depends_on: { macros: string[]; nodes: string[] };
  refs: unknown[];
  metrics: string[][];
  created_at: number;
  group: string | null;
}

/** Reads a measure input written as a name or as `{name, filter, alias, join_to_timespine, fill_nulls_with}`. */
export function measureInput(value: unknown): MeasureInput {
  if (typeof value !== "object" || value === null) return { name: String(value), filter: null, alias: null, join_to_timespine: false, fill_nulls_with: null };
  const m = asRecord(value);
  return { name: String(m.name), filter: whereFilter(m.filter), alias: strOrNull(m.alias), join_to_timespine: m.join_to_timespine === true, fill_nulls_with: typeof m.fill_nulls_with === "number" ? m.fill_nulls_with : null };
}

function metricInput(value: unknown, problems: string[]): Record<string, unknown> {
  if (typeof value !== "object" || value === null) return { name: String(value), filter: null, alias: null, offset_window: null, offset_to_grain: null };
  const m = asRecord(value);
  return { name: String(m.name), filter: whereFilter(m.filter), alias: strOrNull(m.alias), offset_window: windowOf(m.offset_window, problems), offset_to_grain: strOrNull(m.offset_to_grain) };
}

function windowOf(value: unknown, problems: string[]): { count: number; granularity: string } | null {
  const w = timeWindow(value);
  if (typeof w === "string") {
    problems.push(w);
    return null;
  }
  return w;
}

/**
 * Reads one `metrics:` entry. `problems` receives sentences about malformed parts (a bad
 * window), which the caller reports.
 */
export function readMetric(file: PropertiesFile, entry: Record<string, unknown>, problems: string[]): MetricDefinition {
  const name = String(entry.name);
  const type = String(entry.type ?? "").toLowerCase();
  const tp = asRecord(entry.type_params);
  const config = asRecord(entry.config);
  const meta = { ...asRecord(entry.meta), ...asRecord(config.meta) };
  let cumulative: Record<string, unknown> | null = null;
  if (type === "cumulative") {
    const c = asRecord(tp.cumulative_type_params);
    cumulative = { window: windowOf(c.window ?? tp.window, problems), grain_to_date: strOrNull(c.grain_to_date ?? tp.grain_to_date), period_agg: strOrNull(c.period_agg) ?? "first", metric: null };
  }
  let conversion: MetricDefinition["type_params"]["conversion_type_params"] = null;
  if (tp.conversion_type_params !== undefined && tp.conversion_type_params !== null) {
    const c = asRecord(tp.conversion_type_params);
    conversion = { base_measure: measureInput(c.base_measure), conversion_measure: measureInput(c.conversion_measure), entity: String(c.entity), calculation: strOrNull(c.calculation) ?? "conversion_rate", window: windowOf(c.window, problems), constant_properties: c.constant_properties ?? null };
  }
  const group = strOrNull(config.group) ?? strOrNull(entry.group);
  return {
    ...yamlResourceBase(file, "metric", name),
    resource_type: "metric",
    description: strOrNull(entry.description) ?? "",
    label: strOrNull(entry.label) ?? name,
    type,
    type_params: {
      measure: tp.measure === undefined || tp.measure === null ? null : measureInput(tp.measure),
      input_measures: [],
      numerator: tp.numerator === undefined || tp.numerator === null ? null : metricInput(tp.numerator, problems),
      denominator: tp.denominator === undefined || tp.denominator === null ? null : metricInput(tp.denominator, problems),
      expr: tp.expr === undefined || tp.expr === null ? null : String(tp.expr),
      window: windowOf(tp.window, problems),
      grain_to_date: strOrNull(tp.grain_to_date),
      metrics: asList(tp.metrics).map((m) => metricInput(m, problems)),
      conversion_type_params: conversion,
      cumulative_type_params: cumulative,
      metric_aggregation_params: null,
    },
    filter: whereFilter(entry.filter),
    metadata: null,
    time_granularity: strOrNull(entry.time_granularity),
    meta,
    tags: [...new Set([...asTags(entry.tags), ...asTags(config.tags)])],
    config: { enabled: config.enabled !== false, group, meta },
    unrendered_config: {},
    sources: [],
    depends_on: { macros: [], nodes: [] },
    refs: [],
    metrics: [],
    created_at: Date.now() / 1000,
    group,
  };
}
