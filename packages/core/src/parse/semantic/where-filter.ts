/** A MetricFlow filter as dbt stores it: one or more Jinja-templated SQL conditions. */
export interface WhereFilterIntersection {
  where_filters: { where_sql_template: string }[];
}

/** `filter:` / `where:` as written (a string or a list of strings) in dbt's stored shape; null when absent. */
export function whereFilter(value: unknown): WhereFilterIntersection | null {
  if (value === null || value === undefined) return null;
  const list = Array.isArray(value) ? value : [value];
  return { where_filters: list.map((v) => ({ where_sql_template: String(v) })) };
}

/** Standard time grains, for turning `3 months` into `{count: 3, granularity: month}`. */
const GRAINS = new Set(["nanosecond", "microsecond", "millisecond", "second", "minute", "hour", "day", "week", "month", "quarter", "year"]);

/** A `<count> <granularity>` window (`28 days`, `1 month`); null when absent; an error sentence when malformed. */
export function timeWindow(value: unknown): { count: number; granularity: string } | null | string {
  if (value === null || value === undefined) return null;
  const parts = String(value).toLowerCase().split(" ");
  if (parts.length !== 2 || !/^\d+$/.test(parts[0])) return `'${String(value)}' is not a window of the form '<count> <granularity>' (e.g. '28 days')`;
  let granularity = parts[1];
  if (granularity.endsWith("s") && GRAINS.has(granularity.slice(0, -1))) granularity = granularity.slice(0, -1);
  return { count: Number(parts[0]), granularity };
}
