import { DiagnosticError } from "../../diagnostics/diagnostic";
import { buildGraph } from "../../graph/build-graph";
import { makeNode, withEntries } from "../../graph/__fixtures__/manifest-factory";
import { shopManifest } from "../../graph/__fixtures__/shop-project";
import type { Manifest } from "../../manifest/types";
import { selectNodes } from "../select-nodes";

function macro(id: string, sql: string, calls: string[] = []): Manifest["macros"][string] {
  return {
    unique_id: id,
    resource_type: "macro",
    package_name: "shop",
    name: id.split(".").pop() as string,
    path: "macros/m.sql",
    original_file_path: "macros/m.sql",
    macro_sql: sql,
    depends_on: { macros: calls },
    description: "",
    meta: {},
    docs: { show: true, node_color: null },
    patch_path: null,
    arguments: [],
    created_at: 0,
    supported_languages: null,
  };
}

function previousRun(): Manifest {
  const state = shopManifest();
  state.macros["macro.shop.cents_to_dollars"] = macro("macro.shop.cents_to_dollars", "{{ x }} / 100", ["macro.shop.round_it"]);
  state.macros["macro.shop.round_it"] = macro("macro.shop.round_it", "round({{ x }}, 2)");
  return state;
}

/** The current project: one new model and one change of each kind against previousRun(). */
function currentRun(): Manifest {
  const current = withEntries(previousRun(), [makeNode("brand_new")]);
  current.nodes["model.shop.stg_orders"].checksum = { name: "sha256", checksum: "edited" };
  current.nodes["model.shop.customer_country"].config.materialized = "table";
  current.nodes["model.shop.stg_customers"].schema = "staging";
  current.nodes["model.shop.orders"].description = "Orders, now documented.";
  current.nodes["model.shop.customers"].contract = { enforced: true, alias_types: true, checksum: "new-columns" };
  current.macros["macro.shop.round_it"] = macro("macro.shop.round_it", "round({{ x }}, 4)");
  return current;
}

const current = currentRun();
const graph = buildGraph(current);
const select = (spec: string): string[] =>
  selectNodes(current, graph, { select: [spec], state: previousRun(), indirectSelection: "empty" });

describe("state: method", () => {
  it("state:new selects nodes absent from the state manifest", () => {
    expect(select("state:new")).toEqual(["model.shop.brand_new"]);
  });

  it("state:modified.<kind> selects nodes changed in that way, plus new ones", () => {
    expect(select("state:modified.body")).toEqual(["model.shop.brand_new", "model.shop.stg_orders"]);
    expect(select("state:modified.configs")).toEqual(["model.shop.brand_new", "model.shop.customer_country"]);
    expect(select("state:modified.relation")).toEqual(["model.shop.brand_new", "model.shop.stg_customers"]);
    expect(select("state:modified.persisted_descriptions")).toEqual(["model.shop.brand_new", "model.shop.orders"]);
    expect(select("state:modified.contract")).toEqual(["model.shop.brand_new", "model.shop.customers"]);
  });

  it("state:modified.macros follows macros that call a changed macro", () => {
    expect(select("state:modified.macros")).toEqual(["model.shop.brand_new", "model.shop.customers"]);
  });

  it("state:modified is every kind of change together", () => {
    expect(select("state:modified")).toEqual([
      "model.shop.brand_new",
      "model.shop.customer_country",
      "model.shop.customers",
      "model.shop.orders",
      "model.shop.stg_customers",
      "model.shop.stg_orders",
    ]);
  });

  it("state:modified+ adds everything downstream of a change", () => {
    expect(select("state:modified.body+")).toContain("snapshot.shop.orders_snapshot");
  });

  it("state:old and state:unmodified", () => {
    expect(select("state:old")).not.toContain("model.shop.brand_new");
    expect(select("state:unmodified")).toContain("model.shop.stg_payments");
    expect(select("state:unmodified")).not.toContain("model.shop.stg_orders");
  });

  it("prefers unrendered configs when recorded, so target-specific values do not count as changes", () => {
    const state = previousRun();
    state.nodes["model.shop.orders"].unrendered_config = { materialized: "table" };
    state.nodes["model.shop.orders"].config.schema = "prod_schema";
    const edited = withEntries(previousRun(), []);
    edited.nodes["model.shop.orders"].unrendered_config = { materialized: "table" };
    edited.nodes["model.shop.orders"].config.schema = "dev_schema";
    expect(selectNodes(edited, buildGraph(edited), { select: ["state:modified.configs"], state })).toEqual([]);
  });

  it("without a state manifest fails with TSDBT-E020 and a hint to pass --state", () => {
    try {
      selectNodes(current, graph, { select: ["state:modified"] });
      throw new Error("expected an error");
    } catch (error) {
      expect(error).toBeInstanceOf(DiagnosticError);
      const [diagnostic] = (error as DiagnosticError).diagnostics;
      expect(diagnostic.code).toBe("TSDBT-E020");
      expect(diagnostic.hint).toContain("--state");
    }
  });

  it("finds nothing modified against the manifest a parse of the same project wrote (seeds have no contract there)", () => {
    const current = previousRun();
    current.nodes["seed.shop.country_codes"] = { ...current.nodes["seed.shop.country_codes"]!, contract: { enforced: false, alias_types: true } } as (typeof current.nodes)[string];
    const saved = JSON.parse(JSON.stringify(previousRun())) as Manifest;
    delete (saved.nodes["seed.shop.country_codes"] as { contract?: unknown }).contract;
    expect(selectNodes(current, buildGraph(current), { select: ["state:modified"], state: saved })).toEqual([]);
  });

  it("rejects an unknown state value", () => {
    expect(() => select("state:changed")).toThrow(/modified\.body/);
  });
});
