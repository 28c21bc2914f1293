import { diffRows, formatRowDiff } from "./row-diff";

describe("unit test row diff", () => {
  it("compares rows as multisets over the expected columns, numbers by value", () => {
    const diff = diffRows([{ id: 1, v: "2.50" }, { id: 1, v: 2.5 }], [{ id: "1", v: 2.5, extra: "x" }, { id: 1, v: 2.5 }], ["id", "v"]);
    expect(diff).toEqual({ columns: ["id", "v"], missing: [], unexpected: [] });
  });

  it("reports duplicates and nulls, and prints + expected / - actual rows side by side", () => {
    const diff = diffRows([{ id: 1, name: null }, { id: 2, name: "b" }], [{ id: 2, name: "b" }, { id: 2, name: "b" }, { id: 1, name: "a" }], ["id", "name"]);
    expect(diff.missing).toEqual([{ id: 1, name: null }]);
    expect(diff.unexpected).toEqual([{ id: 2, name: "b" }, { id: 1, name: "a" }]);
    expect(formatRowDiff(diff)).toBe(
      [
        "actual differs from expected: 1 expected row missing, 2 unexpected rows (+ expected, - actual)",
        "    | id | name |",
        "  - | 1  | a    |",
        "  + | 1  | null |",
        "  - | 2  | b    |",
      ].join("\n"),
    );
  });
});
