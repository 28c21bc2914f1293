import { shopEntries } from "../__fixtures__/entries";
import { childrenOf, parseCriterion, selectEntries } from "./selector";

const entries = shopEntries();
const graph = { entries, children: childrenOf(entries) };
const names = (select: string, exclude = "") => {
  const { ids, errors } = selectEntries(graph, select, exclude);
  expect(errors).toEqual([]);
  return [...ids].sort((a, b) => a - b).map((i) => `${entries[i].type}:${entries[i].name}`);
};

describe("selector", () => {
  it("parses graph operators and methods", () => {
    expect(parseCriterion("2+tag:nightly+")).toEqual({ method: "tag", value: "nightly", at: false, parents: 2, children: Number.POSITIVE_INFINITY });
    expect(parseCriterion("@orders")).toMatchObject({ method: "default", value: "orders", at: true, parents: null, children: null });
  });

  it("selects by name with ancestors and descendants", () => {
    expect(names("stg_orders")).toEqual(["model:stg_orders"]);
    expect(names("+stg_orders")).toEqual(["source:orders", "model:stg_orders"]);
    expect(names("stg_orders+")).toEqual(["model:stg_orders", "model:orders", "test:not_null_orders_amount_usd", "model:revenue"]);
    expect(names("1+revenue")).toEqual(["model:orders", "model:revenue"]);
    expect(names("@stg_customers")).toEqual(["source:orders", "model:stg_orders", "model:stg_customers", "model:orders", "test:not_null_orders_amount_usd", "model:revenue"]);
  });

  it("supports methods, wildcards, unions, intersections and exclusion", () => {
    expect(names("tag:staging")).toEqual(["model:stg_orders", "model:stg_customers"]);
    expect(names("tag:staging,tag:pii")).toEqual(["model:stg_customers"]);
    expect(names("tag:nightly stg_*")).toEqual(["model:stg_orders", "model:stg_customers", "model:revenue"]);
    expect(names("path:models/marts", "resource_type:test")).toEqual(["model:orders", "model:revenue"]);
    expect(names("marts")).toEqual(["model:orders", "test:not_null_orders_amount_usd", "model:revenue"]);
    expect(names("source:raw+", "resource_type:test")).toEqual(["source:orders", "model:stg_orders", "model:orders", "model:revenue"]);
    expect(names("config.materialized:incremental")).toEqual(["model:revenue"]);
    expect(names("test_name:not_null")).toEqual(["test:not_null_orders_amount_usd"]);
    expect(names("package:shop,resource_type:source")).toEqual(["source:orders"]);
  });

  it("reports unknown methods and selects everything but macros for an empty selector", () => {
    expect(selectEntries(graph, "colour:red").errors[0]).toMatch(/Unknown selector method 'colour'/);
    expect(selectEntries(graph, "").ids.size).toBe(entries.length - 1);
  });
});
