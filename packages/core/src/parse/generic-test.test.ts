import * as fs from "node:fs";
import * as path from "node:path";
import { buildGenericTestNode, readTestDefinition, type GenericTestDefinition, type TestTarget } from "./generic-test";
import { synthesizeGenericTestNames } from "./generic-test-name";

/**
 * Every generic test of the four corpus projects (jaffle_shop, jaffle-shop, dbt-utils'
 * integration tests, mattermost-analytics with its packages): the test entry as written in YAML,
 * what it is attached to, and the unique id, alias and kwargs dbt-core 1.10.23 gave it.
 */
interface CorpusCase {
  package: string;
  file: string;
  kind: "model" | "seed" | "snapshot" | "source";
  target: string;
  source?: string;
  column?: string;
  entry: unknown;
  unique_id: string;
  alias?: string;
  kwargs: Record<string, unknown>;
}
const corpus = JSON.parse(fs.readFileSync(path.join(__dirname, "__fixtures__", "corpus-generic-tests.json"), "utf8")) as Record<string, CorpusCase[]>;

function nodeFor(c: CorpusCase) {
  const def = readTestDefinition(c.entry, c.column);
  if (typeof def === "string") throw new Error(def);
  const target: TestTarget = { kind: c.kind, name: c.target, sourceName: c.source, packageName: c.package, file: c.file, column: c.column };
  return { def, node: buildGenericTestNode(def, target, c.file.split("/").slice(1, -1)) };
}

describe.each(Object.keys(corpus))("generic tests of corpus project %s get dbt-core's ids", (short) => {
  const cases = corpus[short];

  it("has cases", () => expect(cases.length).toBeGreaterThan(10));

  it("unique ids, names and fqn", () => {
    const got = cases.map((c) => nodeFor(c).node.unique_id);
    expect(got).toEqual(cases.map((c) => c.unique_id));
    for (const c of cases) {
      const { node } = nodeFor(c);
      const name = c.unique_id.split(".")[2];
      expect(node.name).toBe(name);
      expect(node.fqn).toEqual([c.package, ...c.file.split("/").slice(1, -1), name]);
    }
  });

  it("aliases (a hashed short name past 63 characters) and file names", () => {
    for (const c of cases) {
      const { def, node } = nodeFor(c);
      const alias = c.alias ?? node.name;
      expect([c.unique_id, def.config.alias ?? node.name]).toEqual([c.unique_id, alias]);
      expect(node.path).toBe(`${alias}.sql`);
    }
  });

  it("test_metadata kwargs, in dbt's key order", () => {
    for (const c of cases) {
      const { node } = nodeFor(c);
      expect([c.unique_id, JSON.stringify(node.test_metadata!.kwargs)]).toEqual([c.unique_id, JSON.stringify(c.kwargs)]);
    }
  });
});

describe("readTestDefinition", () => {
  it("takes arguments from `arguments:`, config from `config:` and legacy top-level keys", () => {
    const def = readTestDefinition({ accepted_values: { severity: "warn", config: { where: "x > 1" }, arguments: { values: ["a"] }, name: "my_test", description: "d" } }, "status") as GenericTestDefinition;
    expect(def.args).toEqual({ column_name: "status", values: ["a"] });
    expect(Object.keys(def.args)).toEqual(["column_name", "values"]);
    expect(def.config).toEqual({ severity: "warn", where: "x > 1" });
    expect(def.customName).toBe("my_test");
    expect(def.description).toBe("d");
  });

  it("reads the test_name form and namespaces", () => {
    const def = readTestDefinition({ test_name: "dbt_utils.expression_is_true", name: "positive", expression: "x > 0" }) as GenericTestDefinition;
    expect([def.namespace, def.testName, def.customName, def.args]).toEqual(["dbt_utils", "expression_is_true", "positive", { expression: "x > 0" }]);
  });

  it("rejects bad shapes with a sentence", () => {
    expect(readTestDefinition({ unique: {}, not_null: {} })).toMatch(/exactly one key/);
    expect(readTestDefinition({ unique: ["a"] })).toMatch(/must be a mapping/);
    expect(readTestDefinition({ unique: { model: "x" } })).toMatch(/'model' cannot be given/);
    expect(readTestDefinition("not a name")).toMatch(/is not a test name/);
  });
});

describe("generic test names (dbt-core 1.10.23 oracle)", () => {
  it("keeps a trailing underscore when there are no arguments", () => {
    expect(synthesizeGenericTestNames("is_empty", "fct_x", {}).fullName).toBe("is_empty_fct_x_");
  });

  it("prints booleans, None and floats as Python does", () => {
    const names = synthesizeGenericTestNames("dbt_utils_accepted_range", "data_test_accepted_range", { min_value: -2, max_value: 11.1, inclusive: false, column_name: "id" });
    expect(names.fullName).toBe("dbt_utils_accepted_range_data_test_accepted_range_id__False__11_1___2");
    expect(names.shortName).toBe("dbt_utils_accepted_range_data__6ebc2ada4d22bc2596b03beffdc452ce");
    expect(synthesizeGenericTestNames("accepted_values", "t", { values: ["a", null] }).fullName).toBe("accepted_values_t_a__None");
  });

  it("names tests on versioned models with the version", () => {
    const def = readTestDefinition("not_null", "id") as GenericTestDefinition;
    const node = buildGenericTestNode(def, { kind: "model", name: "orders", version: 2, packageName: "shop", file: "models/orders.yml", column: "id" }, []);
    expect(node.name).toBe("not_null_orders_v2_id");
    expect(node.test_metadata!.kwargs.model).toBe("{{ get_where_subquery(ref('orders', version='2')) }}");
    expect(node.attached_node).toBe("model.shop.orders.v2");
  });
});
