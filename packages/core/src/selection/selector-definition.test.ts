/**
 * The definitions of selectors.yml: which nodes each shape picks, and what a malformed one reports
 * (TSDBT-E021 with message, hint, line and column). Where dbt-core 1.10 behaves in a way one would
 * not guess, the case says what the oracle did on a chain m1 → m2 → m3 → m4 (`dbt ls --selector s`).
 */
import { DiagnosticError, type Diagnostic } from "../diagnostics/diagnostic";
import { buildGraph } from "../graph/build-graph";
import { shopManifest } from "../graph/__fixtures__/shop-project";
import { selectNodes } from "./select-nodes";
import { parseSelectorsFile } from "./selectors-file";

const manifest = shopManifest();
const graph = buildGraph(manifest);

/** The short names of what `--selector s` picks when selectors.yml defines s as `definition`. */
function picks(definition: string): string[] {
  const selectors = parseSelectorsFile(`selectors:\n  - name: s\n    definition: ${definition}\n`, "selectors.yml");
  return selectNodes(manifest, graph, { selectors, selector: "s", indirectSelection: "empty" })
    .map((id) => id.split(".").slice(2).join("."))
    .sort();
}

/** The first problem reported for selectors.yml holding `text`. */
function problem(text: string): Diagnostic {
  try {
    parseSelectorsFile(text, "selectors.yml");
  } catch (error) {
    expect(error).toBeInstanceOf(DiagnosticError);
    return (error as DiagnosticError).diagnostics[0];
  }
  throw new Error("expected a DiagnosticError");
}

/** The first problem reported for a selector s defined as `definition` (written from line 3, column 17). */
const definitionProblem = (definition: string): Diagnostic => problem(`selectors:\n  - name: s\n    definition: ${definition}\n`);

describe("selectors.yml graph flags, read as dbt reads them", () => {
  it("a depth alone selects no neighbours (dbt: {fqn: m2, parents_depth: 1} and {fqn: m2, children_depth: 1} gave m2 only)", () => {
    expect(picks("{method: fqn, value: orders, parents_depth: 1}")).toEqual(["orders"]);
    expect(picks("{method: fqn, value: orders, children_depth: 1}")).toEqual(["orders"]);
  });

  it("a depth of 0 means no limit (dbt: parents_depth 0 of m3 gave m1 m2 m3; children_depth 0 of m2 gave m2 m3 m4)", () => {
    expect(picks("{method: fqn, value: customers, parents: true, parents_depth: 0}")).toEqual([
      "customers",
      "orders",
      "raw.customers",
      "raw.orders",
      "raw.payments",
      "stg_customers",
      "stg_orders",
      "stg_payments",
    ]);
    expect(picks("{method: fqn, value: stg_payments, children: true, children_depth: 0}")).toEqual([
      "assert_positive_payments",
      "customer_country",
      "customers",
      "expression_is_true_customer_country_id",
      "not_null_customers_id",
      "orders",
      "relationships_orders_customers",
      "stg_payments",
      "unique_orders_id",
      "weekly_dashboard",
    ]);
  });

  it("childrens_parents adds to parents (dbt: {fqn: m2, childrens_parents: true, parents: true} gave m1 m2 m3 m4)", () => {
    expect(picks("{method: fqn, value: customers, childrens_parents: true, parents: true}")).toEqual(
      picks("{method: fqn, value: customers, childrens_parents: true}"),
    );
    expect(picks("{method: fqn, value: customers, childrens_parents: true, parents: true}")).toContain("country_codes");
  });

  it("refuses a depth that is not a whole number of at least 0, and a flag that is not a boolean", () => {
    for (const bad of ["-1", "1.5", "two"]) {
      expect(definitionProblem(`{method: fqn, value: m, parents: true, parents_depth: ${bad}}`)).toEqual({
        code: "TSDBT-E021",
        severity: "error",
        message: "'parents_depth' must be a whole number of at least 0.",
        hint: "Write 'parents_depth: 1' for direct neighbours only, or leave it out for no limit.",
        file: "selectors.yml",
        line: 3,
        col: 71,
      });
    }
    expect(definitionProblem("{method: fqn, value: m, children: yes please}")).toMatchObject({
      message: "'children' must be true or false.",
      hint: "Write 'children: true'.",
      line: 3,
      col: 51,
    });
    expect(definitionProblem("{method: fqn, value: m, indirect_selection: lazy}")).toMatchObject({
      message: "'indirect_selection' is 'lazy', which is not a mode.",
      hint: "Use one of: eager, cautious, buildable, empty.",
      line: 3,
      col: 61,
    });
  });
});

describe("selectors.yml definition shapes", () => {
  it("subtracts an inline exclude list from a full definition", () => {
    expect(picks("{method: fqn, value: orders, parents: true, exclude: ['tag:staging']}")).toEqual(["orders", "raw.orders", "raw.payments"]);
  });

  it("refuses an exclude that is not a list (dbt: 'Invalid value for key \"exclude\". Expected a list.')", () => {
    expect(definitionProblem("{method: fqn, value: orders, exclude: stg_orders}")).toMatchObject({
      code: "TSDBT-E021",
      message: "'exclude:' must hold a list of definitions.",
      hint: "Write 'exclude:' followed by '- ' items.",
      line: 3,
      col: 55,
    });
    expect(problem("selectors:\n  - name: s\n    definition:\n      union:\n        - orders\n        - exclude: stg_orders\n")).toMatchObject({
      message: "'exclude:' must hold a list of definitions.",
      line: 6,
      col: 20,
    });
  });

  it("refuses two exclude items in one set operator (dbt: 'You cannot provide multiple exclude arguments')", () => {
    expect(problem("selectors:\n  - name: s\n    definition:\n      intersection:\n        - orders\n        - exclude: [a]\n        - exclude: [b]\n")).toMatchObject({
      code: "TSDBT-E021",
      message: "'intersection:' has more than one 'exclude:' item.",
      hint: "List every exclusion under a single 'exclude:'.",
      line: 7,
      col: 11,
    });
  });

  it("refuses a set operator that is not a list (dbt: 'Invalid value for key \"union\". Expected a list.') or lists only exclusions", () => {
    expect(definitionProblem("{union: 'tag:finance'}")).toMatchObject({
      message: "'union:' must hold a list of definitions.",
      hint: "Write 'union:' followed by '- ' items.",
      line: 3,
      col: 25,
    });
    expect(definitionProblem("{intersection: [{exclude: [orders]}]}")).toMatchObject({
      message: "'intersection:' lists nothing to select besides exclusions.",
      hint: "Add at least one definition that selects nodes.",
      line: 3,
      col: 32,
    });
  });

  it("names the other keys beside a set operator in the hint", () => {
    expect(definitionProblem("{union: [orders], tag: x, fqn: y}")).toMatchObject({
      message: "'union:' must be the only key of its mapping.",
      hint: "Move tag, fqn into an item of the list.",
      line: 3,
      col: 17,
    });
  });

  it("refuses a list, two keys without 'method', or 'exclude' alone (dbt refused each)", () => {
    expect(definitionProblem("['tag:a', 'tag:b']")).toMatchObject({
      message: "A selector definition must be a string or a mapping.",
      hint: "Use 'tag:nightly', 'tag: nightly', or a mapping with 'method' and 'value'.",
      line: 3,
      col: 17,
    });
    const understood = "Use 'union:', 'intersection:', a single 'method: value' pair, or a mapping with 'method' and 'value'.";
    expect(definitionProblem("{tag: a, fqn: m2}")).toMatchObject({
      message: "A selector definition with the keys 'tag', 'fqn' is not understood.",
      hint: understood,
      line: 3,
      col: 17,
    });
    expect(definitionProblem("{exclude: [orders]}")).toMatchObject({ message: "A selector definition with the keys 'exclude' is not understood.", hint: understood });
    // dbt kept only the exclusion of such an item and dropped 'tag: b' silently
    expect(problem("selectors:\n  - name: s\n    definition:\n      union:\n        - orders\n        - exclude: [orders]\n          tag: b\n")).toMatchObject({
      message: "A selector definition with the keys 'exclude', 'tag' is not understood.",
      line: 6,
      col: 11,
    });
  });

  it("refuses an empty string and a 'method: value' pair whose value is not a string", () => {
    expect(definitionProblem("''")).toMatchObject({ message: "A selector definition is an empty string.", hint: "Write a spec such as 'tag:nightly'.", line: 3, col: 17 });
    expect(definitionProblem("{tag: [a, b]}")).toMatchObject({ message: "The value of 'tag:' must be a string.", hint: "Write 'tag: <value>'.", line: 3, col: 23 });
    expect(definitionProblem("{tag: }")).toMatchObject({ message: "The value of 'tag:' must be a string." });
  });

  it("refuses an unknown key and a 'method' without a 'value'", () => {
    expect(definitionProblem("{method: fqn, value: m, parent: true}")).toMatchObject({
      message: "The selector definition has the unknown key 'parent'.",
      hint: "Allowed keys are: method, value, parents, children, childrens_parents, parents_depth, children_depth, indirect_selection, exclude.",
      line: 3,
      col: 17,
    });
    const noValue = { message: "A selector definition with 'method' must also give a 'value'.", hint: "Write 'method: tag' and 'value: nightly'.", line: 3, col: 17 };
    expect(definitionProblem("{method: tag}")).toMatchObject(noValue);
    expect(definitionProblem("{method: tag, value: }")).toMatchObject(noValue);
    expect(definitionProblem("{method: , value: x}")).toMatchObject(noValue);
  });

  it("quotes the spec as method:value in an unknown method and in a reference to an unknown selector", () => {
    expect(definitionProblem("{method: tagg, value: nightly}")).toMatchObject({ message: "The selection spec 'tagg:nightly' uses the unknown method 'tagg'." });
    expect(() => picks("{method: selector, value: nope}")).toThrow(
      "The selection spec 'selector:nope' refers to the selector 'nope', which is not defined in selectors.yml.",
    );
  });
});
