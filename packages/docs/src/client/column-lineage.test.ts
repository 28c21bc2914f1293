import { entry } from "../__fixtures__/entries";
import { ColumnLineage } from "./column-lineage";

describe("ColumnLineage", () => {
  const entries = [
    entry({ name: "raw" }),
    entry({ name: "stg", lineage: { id: [[0, "ID"]], name: [[0, "first"], [0, "last"]] } }),
    entry({ name: "mart", lineage: { customer_id: [[1, "id"]], label: [[1, "name"], ["source.x.y.z", "code"]] } }),
  ];
  const lineage = new ColumnLineage(entries);

  it("walks upstream and downstream (case-insensitive names, unknown ids kept)", () => {
    expect(lineage.upstreamOf({ entry: 2, column: "LABEL" })).toEqual([{ entry: 1, column: "name" }, { entry: "source.x.y.z", column: "code" }]);
    expect(lineage.downstreamOf({ entry: 0, column: "id" })).toEqual([{ entry: 1, column: "id" }]);
    const g = lineage.graph({ entry: 1, column: "name" });
    expect(g.columns).toEqual([{ entry: 1, column: "name" }, { entry: 0, column: "first" }, { entry: 0, column: "last" }, { entry: 2, column: "label" }]);
    expect(g.edges).toEqual([[1, 0], [2, 0], [0, 3]]);
    expect(g.truncated).toBe(false);
    expect(lineage.graph({ entry: 2, column: "label" }, 2).truncated).toBe(true);
  });
});
