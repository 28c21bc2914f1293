import { batchId, ceilingTimestamp, formatBatchStart, isoUtc, offsetTimestamp, parseWallClock, planBatches, truncateTimestamp, type BatchPlanInput } from "./microbatch-batches";

const t = (iso: string) => new Date(`${iso}Z`);
const windows = (input: Partial<BatchPlanInput>) =>
  planBatches({ batchSize: "day", begin: null, lookback: 1, isIncremental: false, eventTimeStart: null, eventTimeEnd: null, now: t("2026-12-05T23:08:19"), ...input }, "m").map((b) => [isoUtc(b.start), isoUtc(b.end)]);

describe("batch arithmetic (dbt's examples: 2024-09-17 16:06:00)", () => {
  const at = t("2024-09-17T16:06:00");
  it.each([
    ["hour", "2024-09-17T16:00:00", "2024-09-17T15:00:00", "2024-09-17T17:00:00", "2024-09-17T17:00:00"],
    ["day", "2024-09-17T00:00:00", "2024-09-16T00:00:00", "2024-09-18T00:00:00", "2024-09-18T00:00:00"],
    ["month", "2024-09-01T00:00:00", "2024-08-01T00:00:00", "2024-10-01T00:00:00", "2024-10-01T00:00:00"],
    ["year", "2024-01-01T00:00:00", "2023-01-01T00:00:00", "2025-01-01T00:00:00", "2025-01-01T00:00:00"],
  ] as const)("%s: truncate, offset -1 / +1, ceiling", (size, cut, back, ahead, ceiling) => {
    expect(truncateTimestamp(at, size)).toEqual(t(cut));
    expect(offsetTimestamp(at, size, -1)).toEqual(t(back));
    expect(offsetTimestamp(at, size, 1)).toEqual(t(ahead));
    expect(ceilingTimestamp(at, size)).toEqual(t(ceiling));
    // on a boundary the ceiling is the instant itself
    expect(ceilingTimestamp(t(cut), size)).toEqual(t(cut));
  });

  it("months move by calendar months, across years", () => {
    expect(offsetTimestamp(t("2024-01-31T10:00:00"), "month", 1)).toEqual(t("2024-02-01T00:00:00"));
    expect(offsetTimestamp(t("2024-01-15T00:00:00"), "month", -2)).toEqual(t("2023-11-01T00:00:00"));
  });

  it("labels and ids as dbt prints them (Batch 1 of 2 START batch 2026-12-02T05 …, model.batch.id 20261202T05)", () => {
    expect([formatBatchStart(at, "year"), formatBatchStart(at, "month"), formatBatchStart(at, "day"), formatBatchStart(at, "hour")]).toEqual(["2024", "2024-09", "2024-09-17", "2024-09-17T16"]);
    expect(batchId(t("2026-12-02T05:00:00"), "hour")).toBe("20261202T05");
    expect(batchId(t("2026-12-02T00:00:00"), "day")).toBe("20261202");
  });

  it("reads ISO dates and datetimes on their wall clock, as dbt reads begin and --event-time-*", () => {
    expect(parseWallClock("2026-12-02")).toEqual(t("2026-12-02T00:00:00"));
    expect(parseWallClock("2026-12-02 07:00:00")).toEqual(t("2026-12-02T07:00:00"));
    expect(parseWallClock("2026-01-01T10:00:00+02:00")).toEqual(t("2026-01-01T10:00:00"));
    expect(parseWallClock("soon")).toBeNull();
  });
});

// The batch lists below are what dbt-core 1.10.23 ran (Batch i of n lines, run_results batch_results)
// with its clock at 2026-12-05 23:08 UTC on a model with batch_size day, begin 2026-12-01, lookback 1.
describe("which batches a run builds (dbt-core 1.10.23 runs)", () => {
  it("first run: from begin to the current day, the last batch ending at the next boundary", () => {
    expect(windows({ begin: t("2026-12-01T00:00:00") })).toEqual([
      ["2026-12-01T00:00:00+00:00", "2026-12-02T00:00:00+00:00"],
      ["2026-12-02T00:00:00+00:00", "2026-12-03T00:00:00+00:00"],
      ["2026-12-03T00:00:00+00:00", "2026-12-04T00:00:00+00:00"],
      ["2026-12-04T00:00:00+00:00", "2026-12-05T00:00:00+00:00"],
      ["2026-12-05T00:00:00+00:00", "2026-12-06T00:00:00+00:00"],
    ]);
  });

  it("incremental run: the current batch and `lookback` before it (one more on a boundary)", () => {
    expect(windows({ begin: t("2026-12-01T00:00:00"), isIncremental: true })).toEqual([
      ["2026-12-04T00:00:00+00:00", "2026-12-05T00:00:00+00:00"],
      ["2026-12-05T00:00:00+00:00", "2026-12-06T00:00:00+00:00"],
    ]);
    expect(windows({ isIncremental: true, lookback: 3 }).map(([s]) => s.slice(0, 10))).toEqual(["2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05"]);
  });

  it("--event-time-start / --event-time-end: start cut to its batch, end rounded up to the next boundary", () => {
    // `--event-time-start 2026-12-02 --event-time-end 2026-12-04T12:00:00`: Batch 1..3 of 3
    expect(windows({ eventTimeStart: t("2026-12-02T00:00:00"), eventTimeEnd: t("2026-12-04T12:00:00"), isIncremental: true })).toEqual([
      ["2026-12-02T00:00:00+00:00", "2026-12-03T00:00:00+00:00"],
      ["2026-12-03T00:00:00+00:00", "2026-12-04T00:00:00+00:00"],
      ["2026-12-04T00:00:00+00:00", "2026-12-05T00:00:00+00:00"],
    ]);
    // hour batches: `--event-time-start 2026-12-02T05:00:00 --event-time-end "2026-12-02 07:00:00"`: 2026-12-02T05, 2026-12-02T06
    expect(windows({ batchSize: "hour", eventTimeStart: t("2026-12-02T05:00:00"), eventTimeEnd: t("2026-12-02T07:00:00") })).toEqual([
      ["2026-12-02T05:00:00+00:00", "2026-12-02T06:00:00+00:00"],
      ["2026-12-02T06:00:00+00:00", "2026-12-02T07:00:00+00:00"],
    ]);
  });

  it("a first run without begin is refused, as dbt refuses it", () => {
    expect(() => windows({ begin: null })).toThrow("Microbatch model 'm' requires a 'begin' configuration.");
  });
});
