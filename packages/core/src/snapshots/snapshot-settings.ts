import type { Diagnostic } from "../diagnostics/diagnostic";
import type { ManifestNode } from "../manifest/types";

/** How a snapshot notices that a row changed. */
/** `custom`: a project's or package's `snapshot_<name>_strategy` macro (the name is in `strategyName`). */
export type SnapshotStrategy = "timestamp" | "check" | "custom";

/** What a snapshot does with rows that disappear from its source. */
export type HardDeletes = "ignore" | "invalidate" | "new_record";

/** The names of the columns a snapshot adds to the source's columns. */
export interface SnapshotMetaColumns {
  dbt_scd_id: string;
  dbt_updated_at: string;
  dbt_valid_from: string;
  dbt_valid_to: string;
  dbt_is_deleted: string;
}

/** A snapshot's config, checked and normalised. */
export interface SnapshotSettings {
  strategy: SnapshotStrategy;
  /** The `strategy` config as written (lower-cased): `timestamp`, `check` or a custom strategy's name. */
  strategyName: string;
  /** Columns that identify a row (one or more). */
  uniqueKey: string[];
  /** The column (or SQL expression) holding the row's last change; required by `timestamp`. */
  updatedAt: string | null;
  /** Columns compared by `check`; `all` compares every source column. */
  checkCols: string[] | "all";
  hardDeletes: HardDeletes;
  meta: SnapshotMetaColumns;
  /** SQL expression current rows carry in `dbt_valid_to` (null: SQL NULL). */
  validToCurrent: string | null;
}

/** The default meta column names. */
export const DEFAULT_META_COLUMNS: SnapshotMetaColumns = {
  dbt_scd_id: "dbt_scd_id",
  dbt_updated_at: "dbt_updated_at",
  dbt_valid_from: "dbt_valid_from",
  dbt_valid_to: "dbt_valid_to",
  dbt_is_deleted: "dbt_is_deleted",
};

/** Codes of snapshot configuration problems. */
export const SnapshotErrorCode = {
  missingUniqueKey: "TSDBT-E501",
  unknownStrategy: "TSDBT-E502",
  missingUpdatedAt: "TSDBT-E503",
  missingCheckCols: "TSDBT-E504",
  invalidHardDeletes: "TSDBT-E505",
  invalidRelation: "TSDBT-E506",
} as const;

const list = (value: unknown): string[] => (value === undefined || value === null ? [] : (Array.isArray(value) ? value : [value]).map(String).filter((s) => s.trim() !== ""));

/**
 * Reads a snapshot node's config into {@link SnapshotSettings}: strategy, unique_key (a column
 * or a list), updated_at, check_cols (a list or `all`), hard_deletes (with the legacy
 * `invalidate_hard_deletes: true` meaning `invalidate`), snapshot_meta_column_names and
 * dbt_valid_to_current. Problems are returned as diagnostics instead (every one of them).
 */
export function snapshotSettingsOf(node: ManifestNode, macroExists: (name: string) => boolean = () => false): { settings: SnapshotSettings | null; diagnostics: Diagnostic[] } {
  const config = node.config;
  const diagnostics: Diagnostic[] = [];
  const problem = (code: string, message: string, hint: string) =>
    diagnostics.push({ code, severity: "error", message, hint, file: node.original_file_path, nodeId: node.unique_id });

  const strategy = String(config.strategy ?? "").trim().toLowerCase();
  const custom = strategy !== "timestamp" && strategy !== "check" && strategy !== "" && macroExists(`snapshot_${strategy}_strategy`);
  if (strategy !== "timestamp" && strategy !== "check" && !custom) {
    problem(
      SnapshotErrorCode.unknownStrategy,
      strategy === "" ? `Snapshot ${node.name} has no strategy.` : `Snapshot ${node.name} uses strategy '${String(config.strategy)}', and no macro snapshot_${strategy}_strategy defines it.`,
      `Set \`strategy: timestamp\` (with updated_at) or \`strategy: check\` (with check_cols), or define a macro snapshot_${strategy || "<name>"}_strategy(node, snapshotted_rel, current_rel, model_config, target_exists) for a custom strategy.`,
    );
  }
  const uniqueKey = list(config.unique_key);
  if (uniqueKey.length === 0) problem(SnapshotErrorCode.missingUniqueKey, `Snapshot ${node.name} has no unique_key.`, "Set `unique_key` to the column (or list of columns) that identifies a row of the source.");
  const updatedAt = typeof config.updated_at === "string" && config.updated_at.trim() !== "" ? config.updated_at : null;
  if (strategy === "timestamp" && !updatedAt) problem(SnapshotErrorCode.missingUpdatedAt, `Snapshot ${node.name} uses the timestamp strategy but has no updated_at.`, "Set `updated_at` to the column that records when a row last changed.");
  const checkCols: string[] | "all" = typeof config.check_cols === "string" && config.check_cols.toLowerCase() === "all" ? "all" : list(config.check_cols);
  if (strategy === "check" && checkCols !== "all" && checkCols.length === 0) problem(SnapshotErrorCode.missingCheckCols, `Snapshot ${node.name} uses the check strategy but has no check_cols.`, "Set `check_cols` to a list of columns, or to 'all'.");

  let hardDeletes: HardDeletes = "ignore";
  const raw = config.hard_deletes;
  if (raw !== undefined && raw !== null) {
    const value = String(raw).toLowerCase();
    if (value === "ignore" || value === "invalidate" || value === "new_record") hardDeletes = value;
    else problem(SnapshotErrorCode.invalidHardDeletes, `Snapshot ${node.name} has hard_deletes '${String(raw)}'.`, "Use one of ignore, invalidate, new_record.");
  } else if (String(config.invalidate_hard_deletes).toLowerCase() === "true") {
    hardDeletes = "invalidate";
  }

  const names = (config.snapshot_meta_column_names ?? {}) as Record<string, unknown>;
  const meta = { ...DEFAULT_META_COLUMNS };
  for (const key of Object.keys(meta) as (keyof SnapshotMetaColumns)[]) {
    const v = names[key];
    if (typeof v === "string" && v.trim() !== "") meta[key] = v;
  }
  const current = config.dbt_valid_to_current;
  const validToCurrent = typeof current === "string" && current.trim() !== "" ? current : null;
  if (diagnostics.length > 0) return { settings: null, diagnostics };
  return { settings: { strategy: custom ? "custom" : (strategy as SnapshotStrategy), strategyName: strategy, uniqueKey, updatedAt, checkCols, hardDeletes, meta, validToCurrent }, diagnostics };
}
