import type { Capabilities, DefaultIncrementalStrategy, SqlDialect } from "@tsdbt/adapter-api";
import { RunnerError, RunnerErrorCode } from "../runner-error";

/** Alias of the target relation in strategy SQL; `incremental_predicates` may refer to it. */
export const DEST_ALIAS = "DBT_INTERNAL_DEST";
/** Alias of the new rows in strategy SQL; `incremental_predicates` may refer to it. */
export const SOURCE_ALIAS = "DBT_INTERNAL_SOURCE";

/** What a strategy needs to write new rows (already in `source`) into `target`. */
export interface IncrementalInput {
  dialect: SqlDialect;
  capabilities: Capabilities;
  /** Rendered target relation. */
  target: string;
  /** Rendered relation holding the new rows. */
  source: string;
  /** Columns to write, as the warehouse names them. */
  columns: string[];
  /** `unique_key` columns (SQL as written by the user); empty when unset. */
  uniqueKey: string[];
  /** `incremental_predicates`: extra SQL conditions on the rows replaced. */
  predicates: string[];
  /** `merge_update_columns` / `merge_exclude_columns`, for merge. */
  mergeUpdateColumns: string[] | null;
  mergeExcludeColumns: string[];
  /** `partition_by` column (insert_overwrite); null replaces the whole table. */
  partitionColumn: string | null;
  /** One batch of a microbatch model: the `event_time` column and the window's bounds as SQL text. */
  eventTimeWindow?: EventTimeWindow | null;
}

/** The rows one batch of a microbatch model replaces: `column >= 'start' and column < 'end'`. */
export interface EventTimeWindow {
  column: string;
  /** dbt's text of the bounds (`2024-09-01 00:00:00+00:00`). */
  start: string;
  end: string;
}

/** An incremental strategy: the statements that merge the new rows in, run in order in one transaction. */
export type IncrementalStrategy = (input: IncrementalInput) => string[];

function insertAll(input: IncrementalInput): string {
  const list = input.columns.map((c) => input.dialect.quote(c)).join(", ");
  return `insert into ${input.target} (${list})\n(\n    select ${list}\n    from ${input.source}\n)`;
}

function andPredicates(predicates: string[]): string {
  return predicates.map((p) => `\n  and (${p})`).join("");
}

/** `append`: inserts every new row. */
export const appendStrategy: IncrementalStrategy = (input) => [insertAll(input)];

/** `delete+insert`: deletes target rows whose unique key is among the new rows, then inserts the new rows. Without a key, appends. */
export const deleteInsertStrategy: IncrementalStrategy = (input) => {
  if (input.uniqueKey.length === 0) return [insertAll(input)];
  const keys = input.uniqueKey;
  const destKeys = keys.length === 1 ? `${DEST_ALIAS}.${keys[0]}` : `(${keys.map((k) => `${DEST_ALIAS}.${k}`).join(", ")})`;
  const remove = `delete from ${input.target} as ${DEST_ALIAS}\nwhere ${destKeys} in (select ${keys.join(", ")} from ${input.source})${andPredicates(input.predicates)}`;
  return [remove, insertAll(input)];
};

/** `merge`: updates matching rows and inserts the rest in one MERGE; falls back to delete+insert where MERGE is missing. */
export const mergeStrategy: IncrementalStrategy = (input) => {
  if (!input.capabilities.merge) return deleteInsertStrategy(input);
  if (input.uniqueKey.length === 0) return [insertAll(input)];
  const q = (c: string) => input.dialect.quote(c);
  const excluded = new Set(input.mergeExcludeColumns.map((c) => c.toLowerCase()));
  const updated = (input.mergeUpdateColumns ?? input.columns).filter((c) => !excluded.has(c.toLowerCase()));
  const on = input.uniqueKey.map((k) => `${SOURCE_ALIAS}.${k} = ${DEST_ALIAS}.${k}`).join(" and ");
  const lines = [
    `merge into ${input.target} as ${DEST_ALIAS}`,
    `using ${input.source} as ${SOURCE_ALIAS}`,
    `on (${on})${andPredicates(input.predicates)}`,
  ];
  if (updated.length > 0) lines.push(`when matched then update set ${updated.map((c) => `${q(c)} = ${SOURCE_ALIAS}.${q(c)}`).join(", ")}`);
  lines.push(
    `when not matched then insert (${input.columns.map(q).join(", ")})`,
    `values (${input.columns.map((c) => `${SOURCE_ALIAS}.${q(c)}`).join(", ")})`,
  );
  return [lines.join("\n")];
};

/** `insert_overwrite`: replaces the partitions present in the new rows (the whole table without `partition_by`). */
export const insertOverwriteStrategy: IncrementalStrategy = (input) => {
  if (input.partitionColumn === null && input.dialect.insertOverwrite) {
    return [input.dialect.insertOverwrite(input.target, input.source, input.columns.map((c) => input.dialect.quote(c)))];
  }
  const remove =
    input.partitionColumn === null
      ? `delete from ${input.target} where true`
      : `delete from ${input.target} as ${DEST_ALIAS}\nwhere ${DEST_ALIAS}.${input.partitionColumn} in (select distinct ${input.partitionColumn} from ${input.source})${andPredicates(input.predicates)}`;
  return [remove, insertAll(input)];
};

/**
 * `microbatch`: writes one batch as the engine's dbt adapter does (`capabilities.microbatch`):
 * a MERGE on `unique_key` (dbt-postgres, which requires one), the partitions of the new rows
 * replaced (dbt-bigquery), or, by default, the target's rows of the batch window deleted and the
 * new rows inserted (dbt-duckdb, dbt-snowflake).
 */
export const microbatchStrategy: IncrementalStrategy = (input) => {
  const how = input.capabilities.microbatch ?? "delete+insert";
  if (how === "merge") {
    if (input.uniqueKey.length === 0) {
      throw new RunnerError(RunnerErrorCode.microbatchNeedsUniqueKey, "dbt-postgres 'microbatch' requires a `unique_key` config: each batch is merged into the table on it.", {
        hint: "Set `unique_key` on the model (the column(s) identifying a row), as dbt-postgres requires.",
      });
    }
    return mergeStrategy(input);
  }
  if (how === "insert_overwrite") return insertOverwriteStrategy(input);
  const window = input.eventTimeWindow;
  if (!window) return appendStrategy(input);
  const column = `${DEST_ALIAS}.${window.column}`;
  const remove = `delete from ${input.target} as ${DEST_ALIAS}\nwhere ${column} >= '${window.start}'\n  and ${column} < '${window.end}'${andPredicates(input.predicates)}`;
  return [remove, insertAll(input)];
};

/** The strategy of an incremental model without `incremental_strategy` (with or without a `unique_key`) on an engine that can do `capabilities`. */
export function defaultIncrementalStrategy(capabilities: Capabilities, hasUniqueKey: boolean): DefaultIncrementalStrategy {
  const own = capabilities.defaultIncrementalStrategy;
  if (own) return hasUniqueKey ? own.withUniqueKey : own.withoutUniqueKey;
  return capabilities.merge ? "merge" : "delete+insert";
}

/** Strategies by their `incremental_strategy` config name. */
export const INCREMENTAL_STRATEGIES: Readonly<Record<string, IncrementalStrategy>> = {
  append: appendStrategy,
  "delete+insert": deleteInsertStrategy,
  merge: mergeStrategy,
  insert_overwrite: insertOverwriteStrategy,
  microbatch: microbatchStrategy,
};
