import { AdapterError } from "@tsdbt/adapter-api";

/** A model's `partition_by` config, checked (dbt-bigquery's shape). */
export interface PartitionBy {
  field: string;
  dataType: "date" | "timestamp" | "datetime" | "int64";
  granularity: "hour" | "day" | "month" | "year";
  range: { start: number; end: number; interval: number } | null;
  timeIngestion: boolean;
  copyPartitions: boolean;
}

const DATA_TYPES = ["date", "timestamp", "datetime", "int64"] as const;
const GRANULARITIES = ["hour", "day", "month", "year"] as const;

/** Code of a model config BigQuery cannot build (bad `partition_by`, unsupported combination). */
export const INVALID_MODEL_CONFIG = "TSDBT-E134";

function bad(message: string, hint: string): AdapterError {
  return new AdapterError(INVALID_MODEL_CONFIG, message, hint);
}

/**
 * Reads `partition_by` (`{field, data_type, granularity, range, time_ingestion_partitioning,
 * copy_partitions}`); null when unset. A plain string is a DATE column (dbt-bigquery's old form).
 * @throws AdapterError TSDBT-E134 for an unknown data_type/granularity or a range without bounds.
 */
export function readPartitionBy(value: unknown): PartitionBy | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return { field: value, dataType: "date", granularity: "day", range: null, timeIngestion: false, copyPartitions: false };
  if (typeof value !== "object" || Array.isArray(value)) throw bad(`partition_by must be a mapping with a field, not ${JSON.stringify(value)}.`, "Write `partition_by: {field: created_at, data_type: timestamp}`.");
  const raw = value as Record<string, unknown>;
  if (typeof raw.field !== "string" || raw.field === "") throw bad("partition_by has no field.", "Name the column: `partition_by: {field: created_at, data_type: timestamp}`.");
  const dataType = String(raw.data_type ?? "date").toLowerCase();
  if (!(DATA_TYPES as readonly string[]).includes(dataType)) throw bad(`partition_by's data_type '${dataType}' is not one of ${DATA_TYPES.join(", ")}.`, "Use date, timestamp, datetime or int64.");
  const granularity = String(raw.granularity ?? "day").toLowerCase();
  if (!(GRANULARITIES as readonly string[]).includes(granularity)) throw bad(`partition_by's granularity '${granularity}' is not one of ${GRANULARITIES.join(", ")}.`, "Use hour, day, month or year.");
  let range: PartitionBy["range"] = null;
  if (dataType === "int64") {
    const r = raw.range as Record<string, unknown> | undefined;
    const n = (k: string) => (r && Number.isInteger(Number(r[k])) ? Number(r[k]) : NaN);
    range = { start: n("start"), end: n("end"), interval: n("interval") };
    if (Object.values(range).some(Number.isNaN)) throw bad("partition_by with data_type int64 needs range: {start, end, interval} (whole numbers).", "Write `range: {start: 0, end: 100, interval: 10}`.");
  }
  return {
    field: raw.field,
    dataType: dataType as PartitionBy["dataType"],
    granularity: granularity as PartitionBy["granularity"],
    range,
    timeIngestion: raw.time_ingestion_partitioning === true,
    copyPartitions: raw.copy_partitions === true,
  };
}

/**
 * The expression a table is partitioned on, over `column` (the field, or a qualified reference
 * to it): `day` for a daily DATE, `timestamp_trunc(ts, hour)`, `date_trunc(day, month)`,
 * `range_bucket(n, generate_array(0, 100, 10))`; `_PARTITIONTIME` for ingestion-time partitions.
 */
export function partitionExpression(p: PartitionBy, column: string = p.field): string {
  if (p.timeIngestion) return p.granularity === "day" ? "_PARTITIONDATE" : `timestamp_trunc(_PARTITIONTIME, ${p.granularity})`;
  switch (p.dataType) {
    case "int64":
      return `range_bucket(${column}, generate_array(${p.range!.start}, ${p.range!.end}, ${p.range!.interval}))`;
    case "date":
      return p.granularity === "day" ? column : `date_trunc(${column}, ${p.granularity})`;
    case "timestamp":
      return `timestamp_trunc(${column}, ${p.granularity})`;
    case "datetime":
      return `datetime_trunc(${column}, ${p.granularity})`;
  }
}

/**
 * The value a row's partition is compared by when partitions are replaced: the truncated
 * value itself for time partitions (a DATE/TIMESTAMP/DATETIME), the column for int64 ranges.
 */
export function partitionKey(p: PartitionBy, column: string): string {
  return p.dataType === "int64" ? column : partitionExpression({ ...p, timeIngestion: false }, column);
}
