import type { SqlDialect } from "@tsdbt/adapter-api";
import type { SnapshotSettings } from "@tsdbt/core";

/** Prefix of the helper columns of the staging table (never copied into the snapshot). */
export const STAGING_PREFIX = "__tsdbt_snap_";
/** The staging column holding a row's change time. */
export const STAGED_UPDATED_AT = `${STAGING_PREFIX}updated_at`;

/** Everything the statements of one snapshot run are built from. */
export interface SnapshotSqlInput {
  dialect: SqlDialect;
  settings: SnapshotSettings;
  /** The snapshot table, rendered. */
  target: string;
  /** The staging table (source rows plus helper columns), rendered. */
  staging: string;
  /** The source's columns (as the engine names them), in order. */
  sourceColumns: string[];
}

/** The time of this snapshot run, as the engine's timestamp type (constant inside one transaction). */
export function snapshotTime(dialect: SqlDialect): string {
  return `cast(${dialect.currentTimestamp()} as ${dialect.typeFor("timestamp")})`;
}

/** md5 over the text of each part, `|`-separated, nulls as empty strings (the row version id). */
export function hashOf(dialect: SqlDialect, parts: string[]): string {
  const text = dialect.typeFor("text");
  const joined = parts.map((p) => `coalesce(cast(${p} as ${text}), '')`).join(" || '|' || ");
  return dialect.md5Hex ? dialect.md5Hex(joined) : `md5(${joined})`;
}

/** `(select *, <change time> as __tsdbt_snap_updated_at from (<sql>))`: the staging table's query. */
export function stagingQuery(input: Pick<SnapshotSqlInput, "dialect" | "settings">, sql: string): string {
  const { settings, dialect } = input;
  const changedAt = settings.updatedAt ?? snapshotTime(dialect);
  return `select tsdbt_source.*, ${changedAt} as ${STAGED_UPDATED_AT}\nfrom (\n${sql.trim().replace(/;+\s*$/, "")}\n) as tsdbt_source`;
}

const qualified = (alias: string, columns: readonly string[]) => columns.map((c) => `${alias}.${c}`);

/** `t.k = s.k and …` over the unique key. */
function keyMatch(settings: SnapshotSettings, left: string, right: string): string {
  return settings.uniqueKey.map((k) => `${left}.${k} = ${right}.${k}`).join(" and ");
}

/** The condition a snapshot row (alias `t`) meets while it is the current version. */
export function isCurrent(settings: SnapshotSettings, alias: string): string {
  const validTo = `${alias}.${settings.meta.dbt_valid_to}`;
  return settings.validToCurrent ? `(${validTo} is null or ${validTo} = ${settings.validToCurrent})` : `${validTo} is null`;
}

/** What current rows hold in dbt_valid_to, typed like the change time. */
function currentValidTo(settings: SnapshotSettings, changedAt: string): string {
  const typedNull = `nullif(${changedAt}, ${changedAt})`;
  return settings.validToCurrent ? `coalesce(${typedNull}, ${settings.validToCurrent})` : typedNull;
}

/** The meta column values of new (not deleted) versions taken from the staging table (alias `s`). */
function newVersionMeta(input: SnapshotSqlInput): string[] {
  const { settings, dialect } = input;
  const m = settings.meta;
  const changedAt = `s.${STAGED_UPDATED_AT}`;
  const out = [
    `${hashOf(dialect, [...qualified("s", settings.uniqueKey), changedAt])} as ${m.dbt_scd_id}`,
    `${changedAt} as ${m.dbt_updated_at}`,
    `${changedAt} as ${m.dbt_valid_from}`,
    `${currentValidTo(settings, changedAt)} as ${m.dbt_valid_to}`,
  ];
  if (settings.hardDeletes === "new_record") out.push(`${dialect.literal("False")} as ${m.dbt_is_deleted}`);
  return out;
}

function metaNames(settings: SnapshotSettings): string[] {
  const m = settings.meta;
  return [m.dbt_scd_id, m.dbt_updated_at, m.dbt_valid_from, m.dbt_valid_to, ...(settings.hardDeletes === "new_record" ? [m.dbt_is_deleted] : [])];
}

/** The first build: every staged row becomes the current version. */
export function createSnapshotTable(input: SnapshotSqlInput): string {
  const cols = input.sourceColumns.map((c) => `s.${input.dialect.quote(c)}`);
  return input.dialect.createTableAs(input.target, `select ${[...cols, ...newVersionMeta(input)].join(", ")}\nfrom ${input.staging} as s`);
}

/** The condition under which a current snapshot row `t` is outdated by staged row `s`. */
function changed(input: SnapshotSqlInput): string {
  const { settings, dialect } = input;
  const conditions: string[] = [];
  if (settings.strategy === "timestamp") conditions.push(`t.${settings.meta.dbt_valid_from} < s.${STAGED_UPDATED_AT}`);
  else {
    const cols = settings.checkCols === "all" ? input.sourceColumns.map((c) => dialect.quote(c)) : settings.checkCols;
    for (const c of cols) conditions.push(`t.${c} is distinct from s.${c}`);
  }
  if (settings.hardDeletes === "new_record") conditions.push(`t.${settings.meta.dbt_is_deleted} = ${dialect.literal("True")}`);
  return conditions.length ? `(${conditions.join(" or ")})` : "false";
}

/**
 * The statements of a run on an existing snapshot table, in order: close the current
 * versions of changed rows, record hard deletes, insert the new versions (new rows, changed
 * rows, rows that came back). Each statement only sees the state the previous one left.
 */
export function snapshotUpdateStatements(input: SnapshotSqlInput): string[] {
  const { settings, dialect, target, staging } = input;
  const m = settings.meta;
  const now = snapshotTime(dialect);
  const notDeleted = settings.hardDeletes === "new_record" ? ` and (t.${m.dbt_is_deleted} is null or t.${m.dbt_is_deleted} <> ${dialect.literal("True")})` : "";
  const statements: string[] = [];

  // 1. close outdated versions: at the row's new change time (a deletion record: now)
  const stagedChange = `(select max(s.${STAGED_UPDATED_AT}) from ${staging} as s where ${keyMatch(settings, "t", "s")})`;
  const closeAt = settings.hardDeletes === "new_record" ? `case when t.${m.dbt_is_deleted} = ${dialect.literal("True")} then ${now} else ${stagedChange} end` : stagedChange;
  statements.push(
    `update ${target} as t set ${m.dbt_valid_to} = ${closeAt}\nwhere ${isCurrent(settings, "t")} and exists (select 1 from ${staging} as s where ${keyMatch(settings, "t", "s")} and ${changed(input)})`,
  );

  // 2. rows gone from the source
  const gone = `not exists (select 1 from ${staging} as s where ${keyMatch(settings, "t", "s")})`;
  if (settings.hardDeletes === "new_record") {
    const copy = input.sourceColumns.map((c) => `t.${dialect.quote(c)}`);
    const deletionMeta = [
      `${hashOf(dialect, [...qualified("t", settings.uniqueKey), now])}`,
      now,
      now,
      currentValidTo(settings, now),
      dialect.literal("True"),
    ];
    statements.push(
      `insert into ${target} (${[...input.sourceColumns.map((c) => dialect.quote(c)), ...metaNames(settings)].join(", ")})\nselect ${[...copy, ...deletionMeta].join(", ")}\nfrom ${target} as t\nwhere ${isCurrent(settings, "t")}${notDeleted} and ${gone}`,
    );
  }
  if (settings.hardDeletes !== "ignore") {
    statements.push(`update ${target} as t set ${m.dbt_valid_to} = ${now}\nwhere ${isCurrent(settings, "t")}${notDeleted} and ${gone}`);
  }

  // 3. new versions: staged rows without a current version
  const cols = input.sourceColumns.map((c) => dialect.quote(c));
  statements.push(
    `insert into ${target} (${[...cols, ...metaNames(settings)].join(", ")})\nselect ${[...cols.map((c) => `s.${c}`), ...newVersionMeta(input)].join(", ")}\nfrom ${staging} as s\nwhere not exists (select 1 from ${target} as t where ${keyMatch(settings, "t", "s")} and ${isCurrent(settings, "t")})`,
  );
  return statements;
}
