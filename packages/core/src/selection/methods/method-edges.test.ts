/**
 * Selector methods at their edges: what each one must not pick (members of another type, folders in
 * the middle of an fqn), values compared as numbers, and the exact message and hint of a value a
 * method refuses.
 */
import { DiagnosticError, type Diagnostic } from "../../diagnostics/diagnostic";
import { buildGraph } from "../../graph/build-graph";
import { dependsOn, makeNode, withEntries } from "../../graph/__fixtures__/manifest-factory";
import { shopManifest } from "../../graph/__fixtures__/shop-project";
import { selectNodes } from "../select-nodes";

const manifest = withEntries(shopManifest(), [
  makeNode("revenue", { path: "marts/finance/revenue.sql", version: null, config: { retries: 3, meta: null } as never, depends_on: dependsOn() }),
  makeNode("fct_revenue_v1", { path: "marts/finance/fct_revenue_v1.sql", name: "fct_revenue", version: 1, latest_version: 9, fqn: ["shop", "marts", "finance", "fct_revenue", "v1"] }),
  makeNode("fct_revenue_v9", { path: "marts/finance/fct_revenue_v9.sql", name: "fct_revenue", version: 9, latest_version: 9, fqn: ["shop", "marts", "finance", "fct_revenue", "v9"] }),
  makeNode("fct_revenue_v10", { path: "marts/finance/fct_revenue_v10.sql", name: "fct_revenue", version: 10, latest_version: 9, fqn: ["shop", "marts", "finance", "fct_revenue", "v10"] }),
  makeNode("fct_costs_alpha", { path: "marts/fct_costs_alpha.sql", name: "fct_costs", version: "alpha", latest_version: "beta", fqn: ["shop", "marts", "fct_costs", "valpha"] }),
  makeNode("fct_costs_beta", { path: "marts/fct_costs_beta.sql", name: "fct_costs", version: "beta", latest_version: "beta", fqn: ["shop", "marts", "fct_costs", "vbeta"] }),
  makeNode("fct_costs_gamma", { path: "marts/fct_costs_gamma.sql", name: "fct_costs", version: "gamma", latest_version: "beta", fqn: ["shop", "marts", "fct_costs", "vgamma"] }),
]);
manifest.exposures["exposure.shop.weekly_dashboard"].original_file_path = "models/marts/exposures.prod.yml";
manifest.nodes["test.shop.assert_no_refunds"] = { ...makeNode("assert_no_refunds", { resource_type: "test" }), test_metadata: null } as never;
manifest.unit_tests["unit_test.shop.orders.totals"] = {
  unique_id: "unit_test.shop.orders.totals",
  resource_type: "unit_test",
  package_name: "shop",
  name: "totals",
  original_file_path: "models/_unit.yml",
  fqn: ["shop", "orders", "totals"],
  depends_on: { macros: [], nodes: ["model.shop.orders"] },
};
const graph = buildGraph(manifest);
const select = (spec: string): string[] => selectNodes(manifest, graph, { select: [spec], indirectSelection: "empty" });

function refusal(spec: string): Diagnostic {
  try {
    select(spec);
  } catch (error) {
    expect(error).toBeInstanceOf(DiagnosticError);
    return (error as DiagnosticError).diagnostics[0];
  }
  throw new Error("expected a DiagnosticError");
}

describe("fqn: and file:", () => {
  it("a folder in the middle of an fqn selects nothing; folders from the project on do", () => {
    expect(select("finance")).toEqual([]);
    expect(select("marts.finance")).toEqual([
      "model.shop.fct_revenue_v1",
      "model.shop.fct_revenue_v10",
      "model.shop.fct_revenue_v9",
      "model.shop.revenue",
    ]);
  });

  it("name.version picks one version of a model below several folders", () => {
    expect(select("fct_revenue.v1")).toEqual(["model.shop.fct_revenue_v1"]);
    expect(select("fct_revenue")).toEqual(["model.shop.fct_revenue_v1", "model.shop.fct_revenue_v10", "model.shop.fct_revenue_v9"]);
  });

  // dbt-core 1.10.23 stopped with "tuple index out of range" on `path:.`; tsdbt reads it as the project folder
  it("path:. is the whole project", () => {
    expect(select("path:.")).toEqual(expect.arrayContaining(["model.shop.orders", "seed.shop.country_codes", "source.shop.raw.orders", "exposure.shop.weekly_dashboard"]));
  });

  it("file: takes the stem without the last extension only", () => {
    expect(select("file:exposures.prod")).toEqual(["exposure.shop.weekly_dashboard"]);
    expect(select("file:exposures")).toEqual([]);
  });
});

describe("attribute methods", () => {
  // dbt-core 1.10.23: config.owner_team:core picked the model with owner_team: core, while
  // config.retries:3 and config.meta.level:2 matched nothing for retries: 3 and meta: {level: 2}
  it("config.<key>: a number never matches (dbt compares it with the text); a null on the way matches nothing", () => {
    expect(select("config.retries:3")).toEqual([]);
    expect(select("config.meta.owner:ops")).toEqual([]);
  });

  it("access: picks models only, a model without an access level being protected", () => {
    expect(select("access:protected")).toEqual([
      "model.shop.customer_country",
      "model.shop.customers",
      "model.shop.fct_costs_alpha",
      "model.shop.fct_costs_beta",
      "model.shop.fct_costs_gamma",
      "model.shop.fct_revenue_v1",
      "model.shop.fct_revenue_v10",
      "model.shop.fct_revenue_v9",
      "model.shop.revenue",
      "model.shop.stg_customers",
      "model.shop.stg_orders",
      "model.shop.stg_payments",
      "model.utils.calendar",
    ]);
  });

  it("version: compares numbers as numbers (10 is after 9) and other versions as text", () => {
    expect(select("version:prerelease")).toEqual(["model.shop.fct_costs_gamma", "model.shop.fct_revenue_v10"]);
    expect(select("version:old")).toEqual(["model.shop.fct_costs_alpha", "model.shop.fct_revenue_v1"]);
    expect(select("version:latest")).toEqual(["model.shop.fct_costs_beta", "model.shop.fct_revenue_v9"]);
  });

  it("version:none picks the unversioned models only", () => {
    const none = select("version:none");
    expect(none).toContain("model.shop.revenue");
    expect(none).not.toContain("model.shop.fct_revenue_v1");
    expect(none.filter((id) => !id.startsWith("model."))).toEqual([]);
  });
});

describe("resource methods", () => {
  it("exposure: and unit_test: pick their own resource type only", () => {
    expect(select("exposure:*")).toEqual(["exposure.shop.weekly_dashboard"]);
    expect(select("unit_test:*")).toEqual(["unit_test.shop.orders.totals"]);
  });

  it("tag:* skips members without tags", () => {
    expect(select("tag:*")).toEqual(["model.shop.orders", "model.shop.stg_customers", "model.shop.stg_orders", "model.shop.stg_payments", "source.shop.raw.customers"]);
  });
});

describe("test methods", () => {
  it("a test whose test_metadata is null is singular, and test_name: skips it", () => {
    expect(select("test_type:singular")).toEqual(["test.shop.assert_no_refunds", "test.shop.assert_positive_payments"]);
    expect(select("test_name:*")).not.toContain("test.shop.assert_no_refunds");
  });

  it("test_name:<namespace>.<name> matches namespaced tests only", () => {
    expect(select("test_name:*.unique")).toEqual([]);
    expect(select("test_name:*.expression_is_true")).toEqual(["test.shop.expression_is_true_customer_country_id"]);
  });
});

describe("the message and hint of a value a method refuses", () => {
  it("an unknown value of a method with a fixed list", () => {
    expect(refusal("resource_type:modle")).toMatchObject({
      code: "TSDBT-E021",
      message: "The selection spec 'resource_type:modle' asks for resource_type 'modle', which does not exist.",
      hint: "Valid values for 'resource_type:' are: model, seed, snapshot, test, analysis, operation, source, exposure, unit_test, metric, semantic_model, saved_query.",
    });
    expect(refusal("access:secret")).toMatchObject({
      message: "The selection spec 'access:secret' asks for access 'secret', which does not exist.",
      hint: "Valid values for 'access:' are: public, protected, private.",
    });
    expect(refusal("version:beta")).toMatchObject({ hint: "Valid values for 'version:' are: latest, prerelease, old, none." });
    expect(refusal("test_type:integration")).toMatchObject({ hint: "Valid values for 'test_type:' are: generic, schema, singular, data, unit." });
  });

  it("too many dotted parts for a source, an exposure, a metric, a semantic model or a saved query", () => {
    expect(refusal("source:a.b.c.d")).toMatchObject({
      message: "The selection spec 'source:a.b.c.d' has 4 dotted parts, but a source is named by at most three.",
      hint: "Write 'source:<source>', 'source:<source>.<table>' or 'source:<package>.<source>.<table>'.",
    });
    expect(refusal("exposure:a.b.c")).toMatchObject({
      message: "The selection spec 'exposure:a.b.c' has 3 dotted parts, but an exposure is named by at most two.",
      hint: "Write 'exposure:<name>' or 'exposure:<package>.<name>'.",
    });
    expect(refusal("metric:a.b.c")).toMatchObject({
      message: "The selection spec 'metric:a.b.c' has 3 dotted parts, but a metric is named by at most two.",
      hint: "Write 'metric:<name>' or 'metric:<package>.<name>'.",
    });
    expect(refusal("semantic_model:a.b.c")).toMatchObject({
      message: "The selection spec 'semantic_model:a.b.c' has 3 dotted parts, but a semantic model is named by at most two.",
      hint: "Write 'semantic_model:<name>' or 'semantic_model:<package>.<name>'.",
    });
    expect(refusal("saved_query:a.b.c")).toMatchObject({
      message: "The selection spec 'saved_query:a.b.c' has 3 dotted parts, but a saved query is named by at most two.",
      hint: "Write 'saved_query:<name>' or 'saved_query:<package>.<name>'.",
    });
    expect(select("exposure:shop.weekly_dashboard")).toEqual(["exposure.shop.weekly_dashboard"]);
  });

  it("a method that needs run results", () => {
    expect(refusal("source_status:fresher")).toMatchObject({
      message: "The selection spec 'source_status:fresher' needs the results of a previous run, which tsdbt cannot select on yet.",
      hint: "Select the nodes by name, tag or state:modified instead.",
    });
  });
});
