import { jobLabelsOf, legalLabel } from "./job-labels";

describe("BigQuery job labels", () => {
  it("makes keys and values legal as dbt-bigquery does: trimmed, lower case, [a-z0-9_-], 63 characters", () => {
    expect(legalLabel("  Model.Shop.Orders v2 ")).toBe("model_shop_orders_v2");
    expect(legalLabel("dbt-1.10.23")).toBe("dbt-1_10_23");
    expect(legalLabel("é".repeat(70))).toBe("_".repeat(63));
  });

  it("labels a job with every legal key; none when there are no labels or only empty keys", () => {
    expect(jobLabelsOf({ "Node ID": "model.x", " ": "dropped" })).toEqual({ node_id: "model_x" });
    expect(jobLabelsOf({})).toBeNull();
    expect(jobLabelsOf(undefined)).toBeNull();
  });
});
