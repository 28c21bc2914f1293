import type { ManifestNode } from "../manifest/types";
import { DEFAULT_META_COLUMNS, snapshotSettingsOf } from "./snapshot-settings";

const node = (config: Record<string, unknown>): ManifestNode =>
  ({ unique_id: "snapshot.shop.orders_history", name: "orders_history", original_file_path: "snapshots/orders.sql", config }) as unknown as ManifestNode;

const settings = (config: Record<string, unknown>, macroExists?: (name: string) => boolean) => {
  const { settings: found, diagnostics } = snapshotSettingsOf(node(config), macroExists);
  expect(diagnostics).toEqual([]);
  return found!;
};

const problems = (config: Record<string, unknown>, macroExists?: (name: string) => boolean) => {
  const { settings: found, diagnostics } = snapshotSettingsOf(node(config), macroExists);
  expect(found).toBeNull();
  return diagnostics.map(({ code, message, hint, file, nodeId, severity }) => ({ code, message, hint, file, nodeId, severity }));
};

const timestamp = { strategy: "timestamp", unique_key: "id", updated_at: "updated_at" };

describe("snapshotSettingsOf", () => {
  it("reads a timestamp snapshot with dbt's defaults", () => {
    expect(settings(timestamp)).toEqual({
      strategy: "timestamp",
      strategyName: "timestamp",
      uniqueKey: ["id"],
      updatedAt: "updated_at",
      checkCols: [],
      hardDeletes: "ignore",
      meta: { dbt_scd_id: "dbt_scd_id", dbt_updated_at: "dbt_updated_at", dbt_valid_from: "dbt_valid_from", dbt_valid_to: "dbt_valid_to", dbt_is_deleted: "dbt_is_deleted" },
      validToCurrent: null,
    });
  });

  it("reads the strategy in any case, a unique_key list without blanks, and check_cols as a list, one column or 'all'", () => {
    expect(settings({ strategy: "CHECK", unique_key: ["id", " ", "region"], check_cols: ["name", "price"] })).toMatchObject({ strategy: "check", strategyName: "check", uniqueKey: ["id", "region"], checkCols: ["name", "price"] });
    expect(settings({ strategy: "check", unique_key: "id", check_cols: "name" }).checkCols).toEqual(["name"]);
    expect(settings({ strategy: "check", unique_key: "id", check_cols: "ALL" }).checkCols).toBe("all");
    expect(settings({ ...timestamp, unique_key: 7 }).uniqueKey).toEqual(["7"]);
  });

  it("reads hard_deletes in any case, and the legacy invalidate_hard_deletes as true or 'true'", () => {
    expect(settings({ ...timestamp, hard_deletes: "New_Record" }).hardDeletes).toBe("new_record");
    expect(settings({ ...timestamp, hard_deletes: "invalidate" }).hardDeletes).toBe("invalidate");
    expect(settings({ ...timestamp, hard_deletes: "ignore", invalidate_hard_deletes: true }).hardDeletes).toBe("ignore");
    expect(settings({ ...timestamp, invalidate_hard_deletes: true }).hardDeletes).toBe("invalidate");
    expect(settings({ ...timestamp, invalidate_hard_deletes: "True" }).hardDeletes).toBe("invalidate");
    expect(settings({ ...timestamp, invalidate_hard_deletes: false }).hardDeletes).toBe("ignore");
    expect(settings({ ...timestamp, hard_deletes: null }).hardDeletes).toBe("ignore");
  });

  it("renames the meta columns named in snapshot_meta_column_names, ignoring blank names, and reads dbt_valid_to_current", () => {
    const found = settings({ ...timestamp, snapshot_meta_column_names: { dbt_valid_from: "valid_from", dbt_valid_to: " ", dbt_is_deleted: "deleted", other: "x" }, dbt_valid_to_current: "'9999-12-31'" });
    expect(found.meta).toEqual({ ...DEFAULT_META_COLUMNS, dbt_valid_from: "valid_from", dbt_is_deleted: "deleted" });
    expect(found.validToCurrent).toBe("'9999-12-31'");
    expect(settings({ ...timestamp, dbt_valid_to_current: "  " }).validToCurrent).toBeNull();
    expect(settings({ ...timestamp, updated_at: "  ", strategy: "check", check_cols: "all" }).updatedAt).toBeNull();
  });

  it("takes a strategy a snapshot_<name>_strategy macro defines as custom", () => {
    const asked: string[] = [];
    const found = settings({ strategy: "Name_Changed", unique_key: "id" }, (name) => (asked.push(name), name === "snapshot_name_changed_strategy"));
    expect(found).toMatchObject({ strategy: "custom", strategyName: "name_changed" });
    expect(asked).toEqual(["snapshot_name_changed_strategy"]);
  });

  it("reports every problem with its code, message, hint and file", () => {
    const where = { file: "snapshots/orders.sql", nodeId: "snapshot.shop.orders_history", severity: "error" };
    expect(problems({})).toEqual([
      {
        code: "TSDBT-E502",
        message: "Snapshot orders_history has no strategy.",
        hint: "Set `strategy: timestamp` (with updated_at) or `strategy: check` (with check_cols), or define a macro snapshot_<name>_strategy(node, snapshotted_rel, current_rel, model_config, target_exists) for a custom strategy.",
        ...where,
      },
      { code: "TSDBT-E501", message: "Snapshot orders_history has no unique_key.", hint: "Set `unique_key` to the column (or list of columns) that identifies a row of the source.", ...where },
    ]);
    expect(problems({ strategy: "Nightly", unique_key: ["id"] })).toEqual([
      {
        code: "TSDBT-E502",
        message: "Snapshot orders_history uses strategy 'Nightly', and no macro snapshot_nightly_strategy defines it.",
        hint: "Set `strategy: timestamp` (with updated_at) or `strategy: check` (with check_cols), or define a macro snapshot_nightly_strategy(node, snapshotted_rel, current_rel, model_config, target_exists) for a custom strategy.",
        ...where,
      },
    ]);
    expect(problems({ strategy: "timestamp", unique_key: [" "], updated_at: 3 })).toEqual([
      { code: "TSDBT-E501", message: "Snapshot orders_history has no unique_key.", hint: "Set `unique_key` to the column (or list of columns) that identifies a row of the source.", ...where },
      { code: "TSDBT-E503", message: "Snapshot orders_history uses the timestamp strategy but has no updated_at.", hint: "Set `updated_at` to the column that records when a row last changed.", ...where },
    ]);
    expect(problems({ strategy: "check", unique_key: "id", check_cols: [] })).toEqual([
      { code: "TSDBT-E504", message: "Snapshot orders_history uses the check strategy but has no check_cols.", hint: "Set `check_cols` to a list of columns, or to 'all'.", ...where },
    ]);
    expect(problems({ ...timestamp, hard_deletes: "Purge" })).toEqual([
      { code: "TSDBT-E505", message: "Snapshot orders_history has hard_deletes 'Purge'.", hint: "Use one of ignore, invalidate, new_record.", ...where },
    ]);
  });

  it("keeps timestamp and check built in even where macros of those names exist (dbt's own do), and calls a blank strategy none", () => {
    expect(settings(timestamp, () => true).strategy).toBe("timestamp");
    expect(settings({ strategy: "check", unique_key: "id", check_cols: "all" }, () => true).strategy).toBe("check");
    expect(problems({ strategy: " ", unique_key: "id" }, () => true).map((d) => [d.code, d.message])).toEqual([["TSDBT-E502", "Snapshot orders_history has no strategy."]]);
    expect(problems({ strategy: null, unique_key: "id" }).map((d) => d.message)).toEqual(["Snapshot orders_history has no strategy."]);
  });

  it("needs no updated_at for check and no check_cols for timestamp", () => {
    expect(settings({ strategy: "check", unique_key: "id", check_cols: "all" }).updatedAt).toBeNull();
    expect(settings(timestamp).checkCols).toEqual([]);
  });
});
