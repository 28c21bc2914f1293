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

describe("selectors.yml file structure", () => {
  const allProblems = (text: string) => {
    try {
      parseSelectorsFile(text, "selectors.yml");
    } catch (error) {
      return (error as DiagnosticError).diagnostics;
    }
    throw new Error("expected a DiagnosticError");
  };

  // dbt-core 1.10.23 with an empty selectors.yml ran, and `--selector s` said: expected one of []
  it("reads an empty file, or one of comments only, as no selectors", () => {
    for (const text of ["", "# selectors come later\n"]) {
      const file = parseSelectorsFile(text, "selectors.yml");
      expect(file.selectors).toEqual({});
      expect(file.defaultSelector).toBeUndefined();
    }
  });

  it("reports invalid YAML as TSDBT-E001 at the parser's position, first line of its message only", () => {
    expect(allProblems("selectors:\n  - name: [unclosed\n")).toEqual([
      {
        code: "TSDBT-E001",
        severity: "error",
        message: "selectors.yml is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 3, column 1:",
        hint: "Fix the YAML syntax; selectors.yml holds a top-level 'selectors:' list.",
        file: "selectors.yml",
        line: 3,
        col: 1,
      },
    ]);
  });

  it("names the place and the fix of a file without a selectors list and of an entry that is not a mapping", () => {
    expect(allProblems("# header\nsomething_else: 1\n")).toEqual([
      {
        code: "TSDBT-E021",
        severity: "error",
        message: "selectors.yml has no 'selectors:' list.",
        hint: "Start the file with 'selectors:' followed by a list of selectors, each with a name and a definition.",
        file: "selectors.yml",
        line: 2,
        col: 1,
      },
    ]);
    expect(allProblems("selectors:\n  - 'tag:a'\n  - name: s\n    definition: 'tag:b'\n")).toEqual([
      {
        code: "TSDBT-E021",
        severity: "error",
        message: "Each entry of 'selectors:' must be a mapping with 'name' and 'definition'.",
        hint: "Write '- name: my_selector' followed by 'definition: ...'.",
        file: "selectors.yml",
        line: 2,
        col: 5,
      },
    ]);
  });

  it("gives the hint and place of a missing name, a missing or empty definition, a repeated name and a second default", () => {
    expect(allProblems("selectors:\n  - definition: 'tag:x'\n  - name: a\n  - name: b\n    definition:\n")).toEqual([
      { code: "TSDBT-E021", severity: "error", message: "A selector has no 'name'.", hint: "Add 'name: <selector_name>' to the entry.", file: "selectors.yml", line: 2, col: 5 },
      {
        code: "TSDBT-E021",
        severity: "error",
        message: "The selector 'a' has no 'definition'.",
        hint: "Add a definition, for example \"definition: 'tag:nightly'\".",
        file: "selectors.yml",
        line: 3,
        col: 5,
      },
      expect.objectContaining({ message: "The selector 'b' has no 'definition'.", line: 4 }),
    ]);
    expect(allProblems("selectors:\n  - {name: a, definition: x}\n  - {name: a, definition: y}\n")).toEqual([
      { code: "TSDBT-E021", severity: "error", message: "The selector 'a' is defined more than once.", hint: "Give each selector a unique name.", file: "selectors.yml", line: 3, col: 5 },
    ]);
    expect(allProblems("selectors:\n  - {name: a, default: true, definition: x}\n  - {name: b, default: true, definition: y}\n")).toEqual([
      {
        code: "TSDBT-E021",
        severity: "error",
        message: "The selectors 'a' and 'b' are both marked 'default: true'.",
        hint: "Mark at most one selector as the default.",
        file: "selectors.yml",
        line: 3,
        col: 24,
      },
    ]);
  });

  // dbt-core 1.10.23 refused `default: maybe` and `default: "true"`, and took `default: True`
  it("takes only a YAML boolean as 'default'", () => {
    expect(parseSelectorsFile("selectors:\n  - {name: a, default: True, definition: x}\n").defaultSelector).toBe("a");
    expect(parseSelectorsFile("selectors:\n  - {name: a, default: false, definition: x}\n").defaultSelector).toBeUndefined();
    for (const value of ["maybe", '"true"']) {
      expect(allProblems(`selectors:\n  - {name: a, default: ${value}, definition: x}\n`)).toEqual([
        {
          code: "TSDBT-E021",
          severity: "error",
          message: "The selector 'a' has a 'default' that is neither true nor false.",
          hint: "Write 'default: true' (unquoted) or leave the key out.",
          file: "selectors.yml",
          line: 2,
          col: 24,
        },
      ]);
    }
  });
});

describe("selectors.yml holding Jinja", () => {
  const rendered: string[] = [];
  const render = (text: string) => {
    rendered.push(text);
    const values: Record<string, unknown> = { "{{ 1 }}": 1, "{{ ['orders', 'nightly:x'] }}": ["orders", "nightly:x"] };
    return text in values ? { value: values[text] } : { failure: { code: "TSDBT-E008", message: "The variable 'nope' is required but has no value.", hint: "Define it." } };
  };
  const parse = (text: string) => parseSelectorsFile(text, "selectors.yml", render);

  it("renders a value to a number natively (parents_depth: \"{{ 1 }}\" is a depth of 1)", () => {
    const file = parse("selectors:\n  - name: s\n    definition: {method: fqn, value: customers, parents: true, parents_depth: \"{{ 1 }}\"}\n");
    expect(selectNodes(manifest, graph, { selectors: file, selector: "s", indirectSelection: "empty" }).sort()).toEqual([
      "model.shop.customers",
      "model.shop.orders",
      "model.shop.stg_customers",
    ]);
  });

  // dbt-core 1.10.23 said "'{{ 'tag' }}' is not a valid method name" for a key holding Jinja
  it("leaves keys as written", () => {
    rendered.length = 0;
    expect(() => parse("selectors:\n  - name: s\n    definition: {\"{{ 'tag' }}\": a}\n")).toThrow("uses the unknown method '{{ 'tag' }}'");
    expect(rendered).toEqual([]);
  });

  it("reports a value that cannot be rendered with the renderer's code, sentence and hint, at the value", () => {
    try {
      parse("selectors:\n  - name: a\n    definition: \"{{ var('nope') }}\"\n");
      throw new Error("expected a DiagnosticError");
    } catch (error) {
      expect((error as DiagnosticError).diagnostics).toEqual([
        {
          code: "TSDBT-E008",
          severity: "error",
          message: "The Jinja in selectors.yml could not be rendered: The variable 'nope' is required but has no value.",
          hint: "Define it.",
          file: "selectors.yml",
          line: 3,
          col: 17,
        },
      ]);
    }
  });

  it("names the file of a mistake inside a rendered list", () => {
    expect(() => parse("selectors:\n  - name: s\n    definition:\n      union: \"{{ ['orders', 'nightly:x'] }}\"\n")).toThrow(
      expect.objectContaining({ diagnostics: [expect.objectContaining({ code: "TSDBT-E021", message: "The selection spec 'nightly:x' uses the unknown method 'nightly'.", file: "selectors.yml" })] }),
    );
  });
});
