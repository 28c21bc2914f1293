import { DiagnosticError } from "../diagnostics/diagnostic";
import { buildGraph } from "../graph/build-graph";
import { shopManifest } from "../graph/__fixtures__/shop-project";
import { selectNodes, type SelectionOptions } from "./select-nodes";

const manifest = shopManifest();
const graph = buildGraph(manifest);
/** Selected ids without the resource type and package prefix: `model.shop.orders` → `orders`. */
const names = (options: SelectionOptions): string[] =>
  selectNodes(manifest, graph, { indirectSelection: "empty", ...options })
    .map((id) => id.split(".").slice(2).join("."))
    .sort();
const select = (...select: string[]): string[] => names({ select });

describe("graph operators", () => {
  it("selects a node by name alone", () => {
    expect(select("orders")).toEqual(["orders"]);
  });

  it("adds all ancestors with +x and all descendants with x+", () => {
    expect(select("+orders")).toEqual(["orders", "raw.orders", "raw.payments", "stg_orders", "stg_payments"]);
    expect(select("stg_customers+")).toEqual(["customer_country", "customers", "expression_is_true_customer_country_id", "not_null_customers_id", "relationships_orders_customers", "stg_customers", "weekly_dashboard"]);
  });

  it("limits the depth with n+x and x+n", () => {
    expect(select("1+customers")).toEqual(["customers", "orders", "stg_customers"]);
    expect(select("2+customers")).toEqual(["customers", "orders", "raw.customers", "stg_customers", "stg_orders", "stg_payments"]);
    expect(select("stg_customers+1")).toEqual(["customers", "stg_customers"]);
  });

  it("combines both directions with +x+", () => {
    expect(select("+stg_payments+1")).toEqual(["assert_positive_payments", "orders", "raw.payments", "stg_payments"]);
  });

  it("selects descendants and all their ancestors with @x", () => {
    expect(select("@customer_country")).toEqual(["country_codes", "customer_country", "customers", "expression_is_true_customer_country_id", "orders", "raw.customers", "raw.orders", "raw.payments", "stg_customers", "stg_orders", "stg_payments"]);
    expect(select("@stg_customers")).toContain("country_codes");
  });
});

describe("set operators", () => {
  it("takes the union of space-separated specs and of repeated --select values", () => {
    expect(select("orders customers")).toEqual(["customers", "orders"]);
    expect(select("orders", "customers calendar")).toEqual(["calendar", "customers", "orders"]);
  });

  it("takes the intersection of comma-joined specs", () => {
    expect(select("tag:staging,tag:finance")).toEqual(["stg_payments"]);
    expect(select("+customers,resource_type:source")).toEqual(["raw.customers", "raw.orders", "raw.payments"]);
  });

  it("keeps only nodes in every part of a three-part intersection", () => {
    // stg_orders is staging+nightly, stg_payments staging+finance: neither is in all three
    expect(select("tag:staging,tag:nightly,tag:finance")).toEqual([]);
    expect(select("+customers,tag:staging,tag:finance")).toEqual(["stg_payments"]);
  });

  it("removes --exclude specs, which may use operators too", () => {
    expect(names({ select: ["+orders"], exclude: ["resource_type:source stg_orders"] })).toEqual(["orders", "stg_payments"]);
    expect(names({ select: ["tag:staging"], exclude: ["+stg_customers"] })).toEqual(["stg_orders", "stg_payments"]);
  });

  it("selects everything but the excluded nodes when only --exclude is given", () => {
    const all = names({});
    const rest = names({ exclude: ["tag:staging"] });
    expect(rest).toEqual(all.filter((name) => !["stg_orders", "stg_customers", "stg_payments"].includes(name)));
  });
});

describe("defaults, resource types and errors", () => {
  it("selects every node, source and exposure when nothing is asked for", () => {
    expect(selectNodes(manifest, graph, { indirectSelection: "empty" })).toEqual(graph.ids());
  });

  it("uses defaultSelection when nothing is asked for", () => {
    expect(names({ defaultSelection: ["resource_type:seed"] })).toEqual(["country_codes"]);
  });

  it("keeps only --resource-type types", () => {
    expect(names({ select: ["+customers"], resourceTypes: ["source", "seed"] })).toEqual(["raw.customers", "raw.orders", "raw.payments"]);
  });

  it("returns nothing, without an error, for a spec that matches nothing, and reports the spec", () => {
    const unmatched: string[] = [];
    expect(names({ select: ["no_such_model orders tag:nope+"], onUnmatched: (spec) => unmatched.push(spec) })).toEqual(["orders"]);
    expect(unmatched).toEqual(["no_such_model", "tag:nope+"]);
  });

  it("keeps every type for --resource-type all", () => {
    expect(names({ select: ["+orders"], resourceTypes: ["all"] })).toEqual(select("+orders"));
  });

  it("rejects an unknown selector: reference with the closest names", () => {
    expect(() => select("selector:nightly")).toThrow(/not defined in selectors\.yml/);
  });

  it("rejects an unknown --resource-type with the closest name", () => {
    expect(() => names({ resourceTypes: ["modle"] })).toThrow(/'model'/);
  });

  it("rejects an unknown method naming the spec and the closest method", () => {
    try {
      select("tags:nightly");
      throw new Error("expected a selection error");
    } catch (error) {
      expect(error).toBeInstanceOf(DiagnosticError);
      const [diagnostic] = (error as DiagnosticError).diagnostics;
      expect(diagnostic.code).toBe("TSDBT-E021");
      expect(diagnostic.message).toContain("'tags:nightly'");
      expect(diagnostic.hint).toContain("'tag'");
    }
  });

  it("rejects malformed specs", () => {
    expect(() => select("+")).toThrow(/TSDBT-E021.*malformed/);
    expect(() => select("a,,b")).toThrow(/TSDBT-E021/);
    expect(() => select("@+orders")).toThrow(/'@' and '\+'/);
    expect(() => select("config:table")).toThrow(/config key/);
  });
});
