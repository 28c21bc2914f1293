import { AdapterError, type PartitionCopyPlan, type RelationConfig } from "@tsdbt/adapter-api";
import { bigqueryQuote } from "./bigquery-quote";
import { INVALID_MODEL_CONFIG, readPartitionBy, type PartitionBy } from "./partition-by";

/** How BigQuery spells the time partition ids of each granularity (`20240101`, `2024010113`…). */
const ID_FORMATS: Record<PartitionBy["granularity"], string> = { hour: "%Y%m%d%H", day: "%Y%m%d", month: "%Y%m", year: "%Y" };

/**
 * The SQL expression giving the id of the partition a row of `p` falls in, as BigQuery names
 * partitions: `20240101` (day), `2024010113` (hour, UTC for TIMESTAMP), `202401`, `2024`; for
 * int64 ranges the start of the row's bucket, `__UNPARTITIONED__` outside the range; `__NULL__`
 * for a NULL partition value.
 */
export function partitionIdExpression(p: PartitionBy): string {
  const column = bigqueryQuote(p.field);
  const format = `'${ID_FORMATS[p.granularity]}'`;
  switch (p.dataType) {
    case "int64": {
      const { start, end, interval } = p.range!;
      return [
        `case when ${column} is null then '__NULL__'`,
        `when ${column} < ${start} or ${column} >= ${end} then '__UNPARTITIONED__'`,
        `else cast(${start} + div(${column} - ${start}, ${interval}) * ${interval} as string) end`,
      ].join(" ");
    }
    case "date":
      return `coalesce(format_date(${format}, ${column}), '__NULL__')`;
    case "timestamp":
      return `coalesce(format_timestamp(${format}, ${column}, 'UTC'), '__NULL__')`;
    case "datetime":
      return `coalesce(format_datetime(${format}, ${column}), '__NULL__')`;
  }
}

/**
 * dbt-bigquery's `copy_partitions`: an `insert_overwrite` model whose `partition_by` sets
 * `copy_partitions: true` writes its new rows to a working table partitioned as the target, then
 * each partition found in it replaces the target's partition with a copy job
 * (`temp$20240101` → `target$20240101`, WRITE_TRUNCATE): no MERGE, so no query bytes are billed
 * for the swap. Null for other strategies and models without it.
 * @throws AdapterError TSDBT-E134 with a static `partitions` list or `time_ingestion_partitioning`.
 */
export function bigqueryPartitionCopies(strategy: string, config: RelationConfig): PartitionCopyPlan | null {
  if (strategy !== "insert_overwrite") return null;
  const partition = readPartitionBy(config.partition_by);
  if (!partition?.copyPartitions) return null;
  if (partition.timeIngestion) {
    throw new AdapterError(INVALID_MODEL_CONFIG, "partition_by.copy_partitions with time_ingestion_partitioning is not supported: tsdbt does not fill ingestion-time partitions.", "Partition on the column itself (leave time_ingestion_partitioning out).");
  }
  if (Array.isArray(config.partitions) && config.partitions.length > 0) {
    throw new AdapterError(
      INVALID_MODEL_CONFIG,
      "partition_by.copy_partitions copies the partitions the new rows fall in, so it does not take a static `partitions` list.",
      "Leave `partitions` out (the new rows decide the partitions), or copy_partitions out (one MERGE replaces the listed partitions).",
    );
  }
  return {
    workingConfig: { partition_by: config.partition_by },
    partitionsQuery: (source) => `select distinct ${partitionIdExpression(partition)} as partition_id\nfrom ${source}`,
    partitionIdentifier: (identifier, partitionId) => `${identifier}$${partitionId}`,
  };
}
