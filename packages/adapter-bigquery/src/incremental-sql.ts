import { AdapterError, type IncrementalSqlInput } from "@tsdbt/adapter-api";
import { INVALID_MODEL_CONFIG, partitionKey, readPartitionBy } from "./partition-by";

const DEST = "DBT_INTERNAL_DEST";
const SOURCE = "DBT_INTERNAL_SOURCE";

function q(name: string): string {
  return `\`${name.replace(/\\/g, "\\\\").replace(/`/g, "\\`")}\``;
}

/**
 * BigQuery's `insert_overwrite` as one MERGE, so the partitions are swapped atomically with no
 * script: target rows of the replaced partitions that the new rows do not match are deleted
 * (`when not matched by source and …`), every new row is inserted. The replaced partitions are
 * the `partitions` config (static: a list of SQL literals such as `date('2024-01-01')`) or, without
 * it, those present in the new rows (dynamic). Partitions are compared by their partition value
 * (a day, an hour, an int64 range's column). Other strategies: null (the runner's portable SQL).
 * A model with `copy_partitions` is written by copy jobs instead (copy-partitions.ts).
 */
export function bigqueryIncrementalStatements(strategy: string, input: IncrementalSqlInput): string[] | null {
  if (strategy === "microbatch") return microbatchStatements(input);
  if (strategy !== "insert_overwrite") return null;
  const partition = readPartitionBy(input.config.partition_by);
  if (!partition) return null; // no partition_by: the runner replaces the whole table
  const field = q(partition.field);
  const destKey = partitionKey(partition, `${DEST}.${field}`);
  const partitions = input.config.partitions;
  const replaced = Array.isArray(partitions) && partitions.length > 0
    ? partitions.map(String).join(", ")
    : `select distinct ${partitionKey(partition, field)} from ${input.source}`;
  const cols = input.columns.map(q);
  const extra = input.predicates.map((p) => `\n  and (${p})`).join("");
  return [
    [
      `merge into ${input.target} as ${DEST}`,
      `using ${input.source} as ${SOURCE}`,
      "on false",
      `when not matched by source and ${destKey} in (${replaced})${extra} then delete`,
      `when not matched then insert (${cols.join(", ")})`,
      `values (${cols.map((c) => `${SOURCE}.${c}`).join(", ")})`,
    ].join("\n"),
  ];
}

/**
 * One batch of a microbatch model, as dbt-bigquery writes it: `insert_overwrite` of the partitions
 * the batch holds. dbt-bigquery requires `partition_by`, partitioned by the model's `batch_size`.
 * @throws AdapterError TSDBT-E134 without `partition_by`, or with another granularity.
 */
function microbatchStatements(input: IncrementalSqlInput): string[] | null {
  const partition = readPartitionBy(input.config.partition_by);
  if (!partition) throw new AdapterError(INVALID_MODEL_CONFIG, "The 'microbatch' strategy requires a `partition_by` config.", "Partition the model by its event_time column, e.g. `partition_by: {field: created_at, data_type: timestamp, granularity: day}`.");
  const batchSize = String(input.config.batch_size);
  if (partition.granularity !== batchSize) {
    throw new AdapterError(
      INVALID_MODEL_CONFIG,
      `The 'microbatch' strategy requires a \`partition_by\` config with the same granularity as its configured \`batch_size\`. Got: \`batch_size\`: ${batchSize}, \`partition_by.granularity\`: ${partition.granularity}.`,
      `Set partition_by's granularity to ${batchSize}, or batch_size to ${partition.granularity}.`,
    );
  }
  return bigqueryIncrementalStatements("insert_overwrite", input);
}
