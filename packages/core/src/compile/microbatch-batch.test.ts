import type { ManifestNode } from "../manifest/types";
import { eventTimeFilterFor, isMicrobatchModel } from "./microbatch-batch";

/**
 * Which nodes run in batches, and which inputs a batch filters: dbt-core 1.10's rule
 * (`resolve_event_time_filter`): a model (not a snapshot) materialized `incremental` with
 * `incremental_strategy: microbatch`; an input is filtered only when its `event_time` is set
 * (a blank one is no column).
 */
const node = (resource_type: string, config: Record<string, unknown>) => ({ resource_type, config }) as unknown as ManifestNode;
const BATCH = { id: "20261202", eventTimeStart: "2026-12-02T00:00:00Z", eventTimeEnd: "2026-12-03T00:00:00Z" };

describe("microbatch models", () => {
  it("are incremental models with the microbatch strategy, and nothing else", () => {
    expect([
      isMicrobatchModel(node("model", { materialized: "incremental", incremental_strategy: "microbatch" })),
      isMicrobatchModel(node("model", { materialized: "table", incremental_strategy: "microbatch" })),
      isMicrobatchModel(node("model", { materialized: "incremental", incremental_strategy: "merge" })),
      isMicrobatchModel(node("snapshot", { materialized: "incremental", incremental_strategy: "microbatch" })),
    ]).toEqual([true, false, false, false]);
  });

  it("filter an input on its event_time column to the batch's window, and leave an input without one (unset, blank, not text) whole", () => {
    expect(eventTimeFilterFor({ config: { event_time: "occurred_at" } }, BATCH)).toEqual({ field_name: "occurred_at", start: "2026-12-02 00:00:00+00:00", end: "2026-12-03 00:00:00+00:00" });
    expect([{ config: { event_time: "" } }, { config: { event_time: null } }, { config: {} }, { config: null }, { config: { event_time: 5 } }].map((target) => eventTimeFilterFor(target, BATCH))).toEqual([null, null, null, null, null]);
  });
});
