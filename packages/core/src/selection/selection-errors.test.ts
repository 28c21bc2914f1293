/**
 * What a user reads when a selection is wrong: the messages and hints of TSDBT-E021, with the
 * closest names or the list of valid ones, and the location of a selector that loops.
 */
import { DiagnosticError, type Diagnostic } from "../diagnostics/diagnostic";
import { buildGraph } from "../graph/build-graph";
import { shopManifest } from "../graph/__fixtures__/shop-project";
import { defaultMethodFor, parseCriterion } from "./parse-criterion";
import { selectNodes, type SelectionOptions } from "./select-nodes";
import { parseSelectorsFile } from "./selectors-file";

const manifest = shopManifest();
const graph = buildGraph(manifest);

function diagnosticOf(action: () => unknown): Diagnostic {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DiagnosticError);
    return (error as DiagnosticError).diagnostics[0]!;
  }
  throw new Error("expected a selection error");
}
const selectError = (options: SelectionOptions) => diagnosticOf(() => selectNodes(manifest, graph, options));
const specError = (spec: string) => diagnosticOf(() => parseCriterion(spec));

describe("malformed specs", () => {
  it("a spec with no value", () => {
    expect(specError("+")).toMatchObject({
      code: "TSDBT-E021",
      message: "The selection spec '+' is malformed: it names no node, method value or path.",
      hint: "Write specs as [@][N+][method:]value[+N], for example 'orders', 'tag:nightly+' or '2+path:models/staging'.",
    });
  });

  it("'@' with '+', with the spec to write instead", () => {
    expect(specError("@+tag:nightly")).toMatchObject({
      message: "The selection spec '@+tag:nightly' combines the '@' and '+' prefixes, which cannot be used together.",
      hint: "'@x' already selects x's descendants and all of their ancestors; write '@tag:nightly'.",
    });
    expect(specError("@2+orders").hint).toBe("'@x' already selects x's descendants and all of their ancestors; write '@orders'.");
  });

  it("an unknown method far from every method lists the valid ones", () => {
    const hint = specError("zzzzzzzz:x").hint!;
    expect(hint).toMatch(/^Valid selector methods are: /);
    expect(hint).toContain("tag, ");
  });

  it("config without a key, and arguments on a method that takes none", () => {
    expect(specError("config:table")).toMatchObject({
      message: "The selection spec 'config:table' uses the config method without naming a config key.",
      hint: "Name the key after a dot, for example 'config.materialized:table'.",
    });
    expect(specError("tag.a.b:nightly")).toMatchObject({
      message: "The selection spec 'tag.a.b:nightly' gives the method 'tag' arguments ('.a.b'), but only 'config' takes them.",
      hint: "Put the dotted part in the value instead, for example 'tag:a.b.nightly'.",
    });
  });

  it("a name that only contains .sql/.py/.csv is a name, not a file", () => {
    expect(defaultMethodFor("shop.python_orders")).toBe("fqn");
    expect(defaultMethodFor("shop.csv_exports.orders")).toBe("fqn");
    expect(defaultMethodFor("ORDERS.SQL")).toBe("file");
  });
});

describe("--selector, --select and --resource-type", () => {
  const selectors = parseSelectorsFile("selectors:\n  - name: zeta\n    definition: 'tag:finance'\n  - name: alpha\n    definition: 'tag:staging'\n", "selectors.yml");

  it("--selector with --select", () => {
    expect(selectError({ selector: "alpha", select: ["orders"], selectors })).toMatchObject({
      message: "--selector 'alpha' was given together with --select or --exclude, which it would silently override.",
      hint: "Use either --selector or --select/--exclude; to combine them, write a selector that refers to the other with 'method: selector'.",
    });
  });

  it("an unknown --selector lists the defined ones, sorted, or says there are none", () => {
    expect(selectError({ selector: "nightly", selectors })).toMatchObject({
      message: "--selector 'nightly' names a selector that is not defined in selectors.yml.",
      hint: "Valid selectors are: alpha, zeta.",
    });
    expect(selectError({ selector: "nightly" }).hint).toBe("No selectors are defined.");
    expect(selectError({ select: ["selector:nightly"], selectors }).hint).toBe("Valid selectors are: alpha, zeta.");
    expect(selectError({ select: ["selector:zetta"], selectors }).hint).toBe("Did you mean 'zeta'?");
    const twins = parseSelectorsFile("selectors:\n  - name: nightly_a\n    definition: 'tag:x'\n  - name: nightly_b\n    definition: 'tag:y'\n", "selectors.yml");
    expect(selectError({ selector: "nightly_c", selectors: twins }).hint).toBe("Did you mean 'nightly_a' or 'nightly_b'?");
  });

  it("a selector referred to twice in one selection is not a loop", () => {
    expect(selectNodes(manifest, graph, { select: ["selector:alpha", "selector:alpha,tag:nightly"], selectors, indirectSelection: "empty" })).toEqual([
      "model.shop.stg_customers",
      "model.shop.stg_orders",
      "model.shop.stg_payments",
    ]);
  });

  it("a selector that loops is reported at its definition in selectors.yml", () => {
    const looping = parseSelectorsFile("selectors:\n  - name: a\n    definition: 'selector:b'\n  - name: b\n    definition:\n      method: selector\n      value: a\n", "selectors.yml");
    expect(selectError({ selector: "a", selectors: looping })).toMatchObject({
      // --selector a evaluates a's definition, which refers to b, which refers back to a
      message: "The selector 'b' refers to itself: b → a → b.",
      hint: "Remove one of these 'method: selector' references so that the selectors no longer loop.",
      file: "selectors.yml",
      line: 4,
    });
  });

  it("an unknown --resource-type, and the semantic-layer types that are known", () => {
    expect(selectError({ resourceTypes: ["modle"] })).toMatchObject({ message: "--resource-type 'modle' is not a resource type.", hint: "Did you mean 'model'?" });
    expect(selectError({ resourceTypes: ["qqqqqq"] }).hint).toMatch(/^Valid resource types are: model, seed, snapshot, test, .*, all\.$/);
    expect(selectNodes(manifest, graph, { resourceTypes: ["metric", "semantic_model", "saved_query"] })).toEqual([]);
  });
});
