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

describe("state: comparison of each kind of member", () => {
  /** What `spec` picks in `edit(previousRun())` against previousRun(). */
  function changed(spec: string, edit: (manifest: Manifest) => void): string[] {
    const edited = previousRun();
    edit(edited);
    return selectNodes(edited, buildGraph(edited), { select: [spec], state: previousRun(), indirectSelection: "empty" });
  }
  const source = (manifest: Manifest) => manifest.sources["source.shop.raw.orders"];
  const exposure = (manifest: Manifest) => manifest.exposures["exposure.shop.weekly_dashboard"];

  it("a source's relation is its database, schema and identifier; a model's its database, schema and alias", () => {
    expect(changed("state:modified.relation", (m) => (source(m).identifier = "orders_v2"))).toEqual(["source.shop.raw.orders"]);
    expect(changed("state:modified.relation", (m) => (source(m).database = "other"))).toEqual(["source.shop.raw.orders"]);
    expect(changed("state:modified.relation", (m) => (m.nodes["model.shop.orders"].alias = "orders_v2"))).toEqual(["model.shop.orders"]);
  });

  it("a source is modified by its freshness, not by its description, columns, created_at or key order", () => {
    expect(changed("state:modified", (m) => (source(m).loaded_at_field = "_loaded_at"))).toEqual(["source.shop.raw.orders"]);
    expect(
      changed("state:modified", (m) => {
        source(m).description = "Raw orders.";
        source(m).columns = { id: { name: "id", description: "The id." } } as never;
        source(m).created_at = 99;
      }),
    ).toEqual([]);
    const freshness = { warn_after: { count: 12, period: "hour" }, error_after: { count: 24, period: "hour" }, filter: null };
    const reordered = { filter: null, error_after: { period: "hour", count: 24 }, warn_after: { period: "hour", count: 12 } };
    const withFreshness = previousRun();
    source(withFreshness).freshness = freshness as never;
    const edited = previousRun();
    source(edited).freshness = reordered as never;
    expect(selectNodes(edited, buildGraph(edited), { select: ["state:modified"], state: withFreshness })).toEqual([]);
  });

  it("an exposure is modified by what it depends on and by its description (dbt compares both)", () => {
    expect(changed("state:modified", (m) => (exposure(m).depends_on.nodes = ["model.shop.orders"]))).toEqual(["exposure.shop.weekly_dashboard"]);
    expect(changed("state:modified", (m) => (exposure(m).description = "Weekly numbers."))).toEqual(["exposure.shop.weekly_dashboard"]);
    expect(changed("state:modified", (m) => (exposure(m) as { created_at: number }).created_at = 99)).toEqual([]);
  });

  it("a source's config is compared as configs, not as its body", () => {
    expect(
      changed("state:modified.body", (m) => {
        source(m).config = { enabled: true, tags: ["raw"] } as never;
        source(m).unrendered_config = { tags: ["raw"] };
      }),
    ).toEqual([]);
    expect(changed("state:modified.configs", (m) => (source(m).config = { enabled: true, tags: ["raw"] } as never))).toEqual(["source.shop.raw.orders"]);
  });

  it("unrendered configs, when recorded, are what is compared", () => {
    const state = previousRun();
    state.nodes["model.shop.orders"].unrendered_config = { materialized: "table" };
    expect(changed("state:modified.configs", (m) => (m.nodes["model.shop.orders"].unrendered_config = { materialized: "view" }))).toEqual(["model.shop.orders"]);
    const edited = previousRun();
    edited.nodes["model.shop.orders"].unrendered_config = { materialized: "view" };
    expect(selectNodes(edited, buildGraph(edited), { select: ["state:modified.configs"], state, indirectSelection: "empty" })).toEqual(["model.shop.orders"]);
  });

  it("reads a state manifest without unit tests (written before they existed)", () => {
    const saved = previousRun() as Partial<Manifest>;
    delete saved.unit_tests;
    const now = withEntries(previousRun(), [makeNode("brand_new")]);
    expect(selectNodes(now, buildGraph(now), { select: ["state:new"], state: saved as Manifest, indirectSelection: "empty" })).toEqual(["model.shop.brand_new"]);
  });

  it("a model calling a macro the state manifest does not hold is modified.macros", () => {
    expect(
      changed("state:modified.macros", (m) => {
        m.macros["macro.shop.new_one"] = macro("macro.shop.new_one", "1");
        m.nodes["model.shop.stg_orders"].depends_on.macros = ["macro.shop.new_one"];
      }),
    ).toEqual(["model.shop.stg_orders"]);
  });

  it("a unit test's body is its checksum", () => {
    const withUnitTest = (checksum: string) => (m: Manifest) => {
      m.unit_tests["unit_test.shop.orders.t"] = {
        unique_id: "unit_test.shop.orders.t",
        resource_type: "unit_test",
        package_name: "shop",
        name: "t",
        // the file is not part of the checksum: a unit test with the same checksum is the same
        original_file_path: `models/${checksum}/_unit.yml`,
        fqn: ["shop", "orders", "t"],
        depends_on: { macros: [], nodes: ["model.shop.orders"] },
        checksum,
      };
    };
    const state = previousRun();
    withUnitTest("abc")(state);
    (state.unit_tests["unit_test.shop.orders.t"] as { original_file_path: string }).original_file_path = "models/old/_unit.yml";
    const run = (checksum: string) => {
      const edited = previousRun();
      withUnitTest(checksum)(edited);
      return selectNodes(edited, buildGraph(edited), { select: ["state:modified.body"], state, indirectSelection: "empty" });
    };
    expect(run("abd")).toEqual(["unit_test.shop.orders.t"]);
    expect(run("abc")).toEqual([]);
  });

  it("column descriptions count only with persist_docs.columns, the description only with persist_docs.relation", () => {
    const describe = (persist: Record<string, boolean>) => (m: Manifest) => {
      const node = m.nodes["model.shop.stg_orders"];
      node.config.persist_docs = persist;
      node.columns = { id: { name: "id", description: "Edited." } } as never;
      node.description = "Edited too.";
    };
    const state = previousRun();
    state.nodes["model.shop.stg_orders"].config.persist_docs = { columns: true };
    const stateColumns = (persist: Record<string, boolean>) => {
      const edited = previousRun();
      describe(persist)(edited);
      const saved = previousRun();
      saved.nodes["model.shop.stg_orders"].config.persist_docs = persist;
      saved.nodes["model.shop.stg_orders"].columns = { id: { name: "id", description: "Before." } } as never;
      return selectNodes(edited, buildGraph(edited), { select: ["state:modified.persisted_descriptions"], state: saved, indirectSelection: "empty" });
    };
    expect(stateColumns({ columns: true })).toEqual(["model.shop.stg_orders"]);
    expect(stateColumns({ relation: false, columns: false })).toEqual([]);
  });

  it("a contract counts when its enforcement changes, or its columns change while enforced", () => {
    const contract = (enforced: boolean, checksum: string) => (m: Manifest) => {
      m.nodes["model.shop.stg_orders"].contract = { enforced, alias_types: true, checksum };
    };
    const run = (before: (m: Manifest) => void, after: (m: Manifest) => void) => {
      const state = previousRun();
      before(state);
      const edited = previousRun();
      after(edited);
      return selectNodes(edited, buildGraph(edited), { select: ["state:modified.contract"], state, indirectSelection: "empty" });
    };
    expect(run(contract(true, "a"), contract(false, "a"))).toEqual(["model.shop.stg_orders"]);
    expect(run(contract(true, "a"), contract(true, "b"))).toEqual(["model.shop.stg_orders"]);
    expect(run(contract(false, "a"), contract(false, "b"))).toEqual([]);
    expect(run(contract(true, "a"), contract(true, "a"))).toEqual([]);
  });

  it("macros that call each other, or a macro the manifest does not hold, are not changes", () => {
    const loop = (m: Manifest) => {
      m.macros["macro.shop.round_it"] = macro("macro.shop.round_it", "round({{ x }}, 2)", ["macro.shop.cents_to_dollars", "macro.dbt.missing"]);
    };
    const state = previousRun();
    loop(state);
    const edited = previousRun();
    loop(edited);
    expect(selectNodes(edited, buildGraph(edited), { select: ["state:modified.macros"], state, indirectSelection: "empty" })).toEqual([]);
  });

  it("the messages of a state selection without a state manifest and of an unknown state", () => {
    expect(() => selectNodes(current, graph, { select: ["state:modified"] })).toThrow(
      "The selection spec 'state:modified' compares with a previous run, but no state manifest was given.",
    );
    expect(() => select("state:changed")).toThrow("Valid values for 'state:' are: new, old, modified, unmodified, modified.body,");
  });

  it("state:old is every member the state manifest holds; a new member is modified in every way", () => {
    expect(select("state:old")).toContain("model.shop.stg_payments");
    expect(select("state:old")).toContain("source.shop.raw.orders");
    expect(select("state:modified.relation")).toContain("model.shop.brand_new");
    expect(select("state:unmodified")).not.toContain("model.shop.brand_new");
  });
});
