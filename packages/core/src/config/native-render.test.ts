import { createEnvironment, hostFunction } from "@tsdbt/jinja";
import { isConstantExpression, renderNative } from "./native-render";
import { parsePythonLiteral } from "./python-literal";

const identity = (v: unknown) => v;
const env = createEnvironment({ filters: { as_bool: identity, as_number: identity, as_native: identity, as_text: identity } });
const scope = {
  target: { name: "dev", type: "postgres", threads: 1 },
  var: hostFunction(([, dflt]) => dflt),
};
const render = (text: string) => renderNative(env, text, scope, "dbt_project.yml");

describe("renderNative", () => {
  // Each expected value is what dbt-core 1.10.23 put in manifest.json for `+meta: {k: "<text>"}` in dbt_project.yml.
  it.each([
    ["{{ 1 }}", "1"],
    ["{{ true }}", "True"],
    ["{{ [1, 2] }}", "[1, 2]"],
    ["{{ {'a': 1} }}", "{'a': 1}"],
    ["{{ none }}", "None"],
    ["{{ '7' }}", "7"],
    ["{{ var('nums', [3, 4]) }}", [3, 4]],
    ["{{ var('flag', false) }}", false],
    ["{{ var('d', {'k': 'v'}) }}", { k: "v" }],
    ["{{ '5' | as_native }}", 5],
    ["{{ 5 | as_text }}", "5"],
    ["{{ target.threads }}", 1],
    ["t{{ target.threads }}", "t1"],
    [" {{ target.threads }}", " 1"],
    ["{% if target.name == 'dev' %}{{ target.threads }}{% endif %}", 1],
    ["{{ 'table' if target.type == 'postgres' else 'view' }}", "table"],
    ["{{ target.name }}", "dev"],
  ])("renders %j as dbt does", (text, expected) => {
    expect(render(text)).toEqual(expected);
  });

  it("leaves text without Jinja alone, numbers-like text included", () => {
    expect(render("5")).toBe("5");
    expect(render("plain {text}")).toBe("plain {text}");
  });

  it("joins several outputs into text", () => {
    expect(render("{{ target.threads }}{{ target.threads }}")).toBe("11");
    expect(render("{{ var('x', [1]) }}-")).toBe("[1]-");
  });

  it("fails when as_number or as_bool does not give that type (dbt: Could not convert value ... into type ...)", () => {
    expect(render("{{ '42' | as_number }}")).toBe(42);
    expect(render("{{ 'True' | as_bool }}")).toBe(true);
    expect(() => render("{{ 'abc' | as_number }}")).toThrow("Could not convert value 'abc' into type 'number'");
    expect(() => render("{{ 'true' | as_bool }}")).toThrow("into type 'bool'");
  });

  it("leaves comments and raw blocks as Jinja does", () => {
    expect(render("{# note #}{{ target.threads }}")).toBe(1);
    expect(render("{% raw %}{{ x }}{% endraw %}")).toBe("{{ x }}");
  });
});

describe("isConstantExpression", () => {
  it("tells literal-only expressions (folded to text by Jinja) from ones that name something", () => {
    expect(isConstantExpression("1 + 2")).toBe(true);
    expect(isConstantExpression("'a' ~ 'b' | upper")).toBe(true);
    expect(isConstantExpression("[1, 'x'] is sequence")).toBe(true);
    expect(isConstantExpression("target.name")).toBe(false);
    expect(isConstantExpression("var('x')")).toBe(false);
    expect(isConstantExpression("'a' if x else 'b'")).toBe(false);
  });
});

describe("parsePythonLiteral", () => {
  it("reads what Python's ast.literal_eval reads", () => {
    expect(parsePythonLiteral("5")).toEqual({ value: 5 });
    expect(parsePythonLiteral(" 1_000")).toEqual({ value: 1000 });
    expect(parsePythonLiteral("-2.5")).toEqual({ value: -2.5 });
    expect(parsePythonLiteral("True")).toEqual({ value: true });
    expect(parsePythonLiteral("None")).toEqual({ value: null });
    expect(parsePythonLiteral("['a', (1, 2), {'k': None}]")).toEqual({ value: ["a", [1, 2], { k: null }] });
    expect(parsePythonLiteral("true")).toBeUndefined();
    expect(parsePythonLiteral("abc")).toBeUndefined();
    expect(parsePythonLiteral("1 2")).toBeUndefined();
  });
});
