import type { AdapterError } from "@tsdbt/adapter-api";
import { bigqueryDialect } from "./bigquery-dialect";
import { bigqueryPartitionCopies, partitionIdExpression } from "./copy-partitions";
import { bigqueryIncrementalStatements } from "./incremental-sql";
import { readPartitionBy } from "./partition-by";
import { parseSchemaStatement } from "./schema-statements";

function failure(fn: () => unknown): AdapterError {
  try {
    fn();
  } catch (error) {
    return error as AdapterError;
  }
  throw new Error("expected a failure");
}

describe("bigqueryDialect", () => {
  it("quotes with backticks and writes backslash-escaped literals", () => {
    expect(bigqueryDialect.quote("select")).toBe("`select`");
    expect(bigqueryDialect.quote("a`b\\c")).toBe("`a\\`b\\\\c`");
    expect(bigqueryDialect.literal("It's a \\ test\nline")).toBe("'It\\'s a \\\\ test\\nline'");
  });

  it("drops without cascade and names GoogleSQL types for seeds", () => {
    expect(bigqueryDialect.dropRelation("`p`.`d`.`t`", "table")).toBe("drop table if exists `p`.`d`.`t`");
    expect(["integer", "float", "boolean", "date", "timestamp", "text"].map((k) => bigqueryDialect.typeFor(k as never))).toEqual(["INT64", "FLOAT64", "BOOL", "DATE", "DATETIME", "STRING"]);
    expect(bigqueryDialect.commentOn("table", "`p`.`d`.`t`", "x")).toBeNull();
  });

  it("writes the partition expression for each data type and granularity", () => {
    const ddl = (partition_by: unknown) => bigqueryDialect.createTableAs("`p`.`d`.`t`", "select 1", { config: { partition_by } }).split("\n")[1];
    expect(ddl("day")).toBe("partition by day");
    expect(ddl({ field: "d", data_type: "date", granularity: "year" })).toBe("partition by date_trunc(d, year)");
    expect(ddl({ field: "ts", data_type: "timestamp" })).toBe("partition by timestamp_trunc(ts, day)");
    expect(ddl({ field: "dt", data_type: "datetime", granularity: "hour" })).toBe("partition by datetime_trunc(dt, hour)");
    expect(ddl({ field: "n", data_type: "int64", range: { start: 0, end: 100, interval: 5 } })).toBe("partition by range_bucket(n, generate_array(0, 100, 5))");
    expect(ddl({ field: "x", data_type: "timestamp", time_ingestion_partitioning: true, granularity: "hour" })).toBe("partition by timestamp_trunc(_PARTITIONTIME, hour)");
  });

  it.each([
    [{ field: "d", data_type: "string" }, /data_type 'string' is not one of date, timestamp, datetime, int64/],
    [{ field: "d", granularity: "week" }, /granularity 'week' is not one of hour, day, month, year/],
    [{ field: "n", data_type: "int64" }, /needs range: \{start, end, interval\}/],
    [{ data_type: "date" }, /partition_by has no field/],
    [["a"], /partition_by must be a mapping/],
  ])("rejects a bad partition_by with TSDBT-E134 (%#)", (value, message) => {
    const error = failure(() => readPartitionBy(value));
    expect(error.code).toBe("TSDBT-E134");
    expect(error.message).toMatch(message);
    expect(error.hint).toBeTruthy();
  });

  it("refuses more than four cluster_by columns with TSDBT-E134", () => {
    const tooMany = failure(() => bigqueryDialect.createTableAs("`t`", "select 1", { config: { cluster_by: ["a", "b", "c", "d", "e"] } }));
    expect([tooMany.code, tooMany.message]).toEqual(["TSDBT-E134", "cluster_by names 5 columns; BigQuery clusters on at most 4."]);
  });

  it("copy_partitions: insert_overwrite only; the working table takes the partitioning; partitions are named table$id", () => {
    const partitionBy = { field: "day", data_type: "date", copy_partitions: true };
    expect(bigqueryPartitionCopies("merge", { partition_by: partitionBy })).toBeNull();
    expect(bigqueryPartitionCopies("insert_overwrite", { partition_by: { field: "day", data_type: "date" } })).toBeNull();
    const plan = bigqueryPartitionCopies("insert_overwrite", { partition_by: partitionBy, cluster_by: "v", labels: { a: "b" } })!;
    expect(plan.workingConfig).toEqual({ partition_by: partitionBy });
    expect(plan.partitionIdentifier("orders", "20240101")).toBe("orders$20240101");
    expect(plan.partitionsQuery("`p`.`d`.`t`")).toBe("select distinct coalesce(format_date('%Y%m%d', `day`), '__NULL__') as partition_id\nfrom `p`.`d`.`t`");
  });

  it.each([
    [{ field: "d", data_type: "date", granularity: "month" }, "coalesce(format_date('%Y%m', `d`), '__NULL__')"],
    [{ field: "d", data_type: "date", granularity: "year" }, "coalesce(format_date('%Y', `d`), '__NULL__')"],
    [{ field: "ts", data_type: "timestamp", granularity: "hour" }, "coalesce(format_timestamp('%Y%m%d%H', `ts`, 'UTC'), '__NULL__')"],
    [{ field: "dt", data_type: "datetime" }, "coalesce(format_datetime('%Y%m%d', `dt`), '__NULL__')"],
    [
      { field: "n", data_type: "int64", range: { start: 5, end: 50, interval: 10 } },
      "case when `n` is null then '__NULL__' when `n` < 5 or `n` >= 50 then '__UNPARTITIONED__' else cast(5 + div(`n` - 5, 10) * 10 as string) end",
    ],
  ])("names the partition of a row as BigQuery does (%#)", (partitionBy, expression) => {
    expect(partitionIdExpression(readPartitionBy(partitionBy)!)).toBe(expression);
  });

  it("leaves strategies other than partitioned insert_overwrite to the runner", () => {
    const input = { target: "`t`", source: "`s`", columns: ["a"], uniqueKey: ["a"], predicates: [], config: {} };
    expect(bigqueryIncrementalStatements("merge", input)).toBeNull();
    expect(bigqueryIncrementalStatements("insert_overwrite", input)).toBeNull();
  });
});

describe("parseSchemaStatement", () => {
  it("recognises the schema statements tsdbt writes, and nothing else", () => {
    expect(parseSchemaStatement("create schema if not exists `my-proj`.`dbt_ann`")).toEqual({ action: "create", project: "my-proj", dataset: "dbt_ann", cascade: false });
    expect(parseSchemaStatement("drop schema if exists `odd \\` name` cascade")).toEqual({ action: "drop", project: null, dataset: "odd ` name", cascade: true });
    expect(parseSchemaStatement("DROP SCHEMA IF EXISTS plain")).toEqual({ action: "drop", project: null, dataset: "plain", cascade: false });
    expect(parseSchemaStatement("create schema `x` options(location='EU')")).toBeNull();
    expect(parseSchemaStatement("create table `x`.`y` (a int64)")).toBeNull();
  });

  it("recognises them with a query comment before or after (a dispatched create_schema sends one)", () => {
    const comment = '/* {"app": "dbt", "node_id": "model.p.m"} */';
    expect(parseSchemaStatement(`${comment}\ncreate schema if not exists \`p\`.\`ds\``)).toEqual({ action: "create", project: "p", dataset: "ds", cascade: false });
    expect(parseSchemaStatement(`drop schema if exists \`ds\` cascade\n${comment}`)).toEqual({ action: "drop", project: null, dataset: "ds", cascade: true });
    expect(parseSchemaStatement(`${comment}\ncreate table \`ds\`.\`t\` (a int64)`)).toBeNull();
  });
});
