import { DiagnosticError } from "../diagnostics/diagnostic";
import { buildGraph } from "../graph/build-graph";
import { shopManifest } from "../graph/__fixtures__/shop-project";
import { selectNodes, type SelectionOptions } from "./select-nodes";
import { parseSelectorsFile } from "./selectors-file";

const SELECTORS = `
selectors:
  - name: staging_cli
    description: CLI-style string
    definition: 'tag:staging,tag:finance stg_orders'
  - name: nightly_kv
    definition:
      tag: nightly
  - name: marts_upstream
    definition:
      method: path
      value: models/marts/customers.sql
      parents: true
      parents_depth: 1
  - name: payments_down
    definition:
      method: fqn
      value: stg_payments
      children: true
      children_depth: 1
  - name: country_family
    definition:
      method: fqn
      value: customer_country
      childrens_parents: true
  - name: finance_not_staging
    default: true
    definition:
      union:
        - tag: finance
        - method: config.materialized
          value: table
        - exclude:
            - tag: staging
            - customers
  - name: both_tables
    definition:
      intersection:
        - 'config.materialized:table'
        - method: fqn
          value: customers
          parents: true
  - name: refers
    definition:
      method: selector
      value: nightly_kv
      children: true
      children_depth: 1
  - name: cautious_orders
    definition:
      method: fqn
      value: orders
      indirect_selection: cautious
  - name: minus_inline
    definition:
      method: tag
      value: staging
      exclude:
        - stg_orders
`;

const manifest = shopManifest();
const graph = buildGraph(manifest);
const selectors = parseSelectorsFile(SELECTORS, "selectors.yml");
const names = (options: SelectionOptions): string[] =>
  selectNodes(manifest, graph, { selectors, indirectSelection: "empty", ...options })
    .map((id) => id.split(".").slice(2).join("."))
    .sort();
const bySelector = (selector: string): string[] => names({ selector });

function diagnosticOf(action: () => unknown) {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DiagnosticError);
    return (error as DiagnosticError).diagnostics[0];
  }
  throw new Error("expected a DiagnosticError");
}

describe("selectors.yml", () => {
  it("parses names, descriptions, the default and the raw definition", () => {
    expect(Object.keys(selectors.selectors)).toHaveLength(10);
    expect(selectors.defaultSelector).toBe("finance_not_staging");
    expect(selectors.selectors.staging_cli.description).toBe("CLI-style string");
    expect(selectors.selectors.nightly_kv.rawDefinition).toEqual({ tag: "nightly" });
    expect(selectors.selectors.nightly_kv.line).toBe(6);
  });

  it("supports CLI-style strings with set operators", () => {
    expect(bySelector("staging_cli")).toEqual(["stg_orders", "stg_payments"]);
  });

  it("supports key-value definitions", () => {
    expect(bySelector("nightly_kv")).toEqual(["stg_orders"]);
  });

  it("supports parents/children with depths and childrens_parents", () => {
    expect(bySelector("marts_upstream")).toEqual(["customers", "orders", "stg_customers"]);
    expect(bySelector("payments_down")).toEqual(["assert_positive_payments", "orders", "stg_payments"]);
    expect(bySelector("country_family")).toEqual(names({ select: ["@customer_country"] }));
  });

  it("supports union and intersection with an exclude item", () => {
    expect(bySelector("finance_not_staging")).toEqual(["orders"]);
    expect(bySelector("both_tables")).toEqual(["customers", "orders"]);
    expect(bySelector("minus_inline")).toEqual(["stg_customers", "stg_payments"]);
  });

  it("lets a selector build on another with method: selector, also from --select", () => {
    expect(bySelector("refers")).toEqual(["orders", "orders_snapshot", "stg_orders"]);
    expect(names({ select: ["selector:nightly_kv+1"] })).toEqual(["orders", "orders_snapshot", "stg_orders"]);
  });

  it("honours a selector's own indirect_selection", () => {
    expect(selectNodes(manifest, graph, { selectors, selector: "cautious_orders" })).toEqual(["model.shop.orders", "test.shop.unique_orders_id"]);
  });

  it("applies the default selector only when nothing else is asked for", () => {
    expect(names({})).toEqual(["orders"]);
    expect(names({ select: ["calendar"] })).toEqual(["calendar"]);
    expect(names({ exclude: ["calendar"] })).toContain("stg_orders");
  });

  it("rejects an unknown --selector with the closest names", () => {
    const diagnostic = diagnosticOf(() => names({ selector: "nightly_kw" }));
    expect(diagnostic.code).toBe("TSDBT-E021");
    expect(diagnostic.message).toContain("'nightly_kw'");
    expect(diagnostic.hint).toContain("'nightly_kv'");
  });

  it("refuses --selector together with --select", () => {
    expect(() => names({ selector: "nightly_kv", select: ["orders"] })).toThrow(/--selector/);
  });

  it("reports a selector that refers to itself", () => {
    const looping = parseSelectorsFile("selectors:\n  - name: a\n    definition: {method: selector, value: b}\n  - name: b\n    definition: 'selector:a'\n");
    expect(() => selectNodes(manifest, graph, { selectors: looping, selector: "a" })).toThrow(/b → a → b/);
  });
});

describe("selectors.yml errors", () => {
  it("names the file, line and column of an unknown method, with the closest method", () => {
    const diagnostic = diagnosticOf(() =>
      parseSelectorsFile("selectors:\n  - name: x\n    definition:\n      method: tagg\n      value: a\n", "selectors.yml"),
    );
    expect(diagnostic).toMatchObject({ code: "TSDBT-E021", file: "selectors.yml", line: 4, col: 7 });
    expect(diagnostic.hint).toContain("'tag'");
  });

  it("reports every broken selector at once", () => {
    const error = (() => {
      try {
        parseSelectorsFile("selectors:\n  - name: a\n  - definition: 'tag:x'\n  - name: c\n    definition: {union: [{tag: x}], tag: y}\n");
      } catch (caught) {
        return caught as DiagnosticError;
      }
      throw new Error("expected a DiagnosticError");
    })();
    expect(error.diagnostics.map((d) => d.message)).toEqual([
      "The selector 'a' has no 'definition'.",
      "A selector has no 'name'.",
      "'union:' must be the only key of its mapping.",
    ]);
  });

  it("rejects two default selectors, bad flags and YAML syntax errors", () => {
    expect(() => parseSelectorsFile("selectors:\n  - {name: a, default: true, definition: x}\n  - {name: b, default: true, definition: y}\n")).toThrow(/both marked 'default: true'/);
    expect(() => parseSelectorsFile("selectors:\n  - name: a\n    definition: {method: tag, value: x, parents: yes please}\n")).toThrow(/'parents' must be true or false/);
    expect(() => parseSelectorsFile("selectors:\n  - name: a\n    definition: {method: tag, value: x, indirect_selection: lazy}\n")).toThrow(/eager, cautious, buildable, empty/);
    expect(() => parseSelectorsFile("selectors:\n  - name: [unclosed\n")).toThrow(/error TSDBT-E001: selectors.yml is not valid YAML/);
    expect(() => parseSelectorsFile("something_else: 1\n")).toThrow(/no 'selectors:' list/);
  });

  // dbt-core 1.10.23 wrote definition {method: tag, value: "a"} in manifest.json for
  // value: "{{ 'a' if target.name == 'dev' else 'zzz' }}" on target dev, and selected by it.
  it("renders values holding Jinja with the renderer it is given, natively (a list stays a list)", () => {
    const render = (text: string) => {
      const values: Record<string, unknown> = { "{{ 'a' if target.name == 'dev' else 'zzz' }}": "a", "{{ var('tags') }}": ["x", "y"] };
      return text in values ? { value: values[text] } : { failure: { code: "TSDBT-E008", message: "The variable 'nope' is required but has no value.", hint: "Define it." } };
    };
    const file = parseSelectorsFile(
      "selectors:\n  - name: by_target\n    definition:\n      method: tag\n      value: \"{{ 'a' if target.name == 'dev' else 'zzz' }}\"\n  - name: tags\n    definition:\n      union: \"{{ var('tags') }}\"\n",
      "selectors.yml",
      render,
    );
    expect(file.selectors.by_target.rawDefinition).toEqual({ method: "tag", value: "a" });
    expect(file.selectors.tags.rawDefinition).toEqual({ union: ["x", "y"] });
    expect(() => parseSelectorsFile("selectors:\n  - name: a\n    definition: \"{{ var('nope') }}\"\n", "selectors.yml", render)).toThrow(/selectors.yml:3:17: error TSDBT-E008/);
  });

  it("keeps the last value of a repeated key, as dbt's loader does", () => {
    const file = parseSelectorsFile("selectors:\n  - name: a\n    definition: 'tag:x'\n    definition: 'tag:y'\n");
    expect(file.selectors.a.rawDefinition).toBe("tag:y");
  });
});
