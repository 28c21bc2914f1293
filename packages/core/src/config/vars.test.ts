import { HOST_FUNCTION } from "@tsdbt/jinja";
import { projectConfigFromText } from "../project/load-project-config";
import { ConfigValueError } from "./load-error";
import { createVarFunction, parseCliVars, resolveVars } from "./vars";

const project = (text: string) => projectConfigFromText(text, "/p", { env: {} }).value!;

describe("parseCliVars", () => {
  it("reads YAML and JSON mappings", () => {
    expect(parseCliVars("{start: 2024-01-01, n: 3}").vars).toEqual({ start: "2024-01-01", n: 3 });
    expect(parseCliVars('{"a": [1, 2]}').vars).toEqual({ a: [1, 2] });
    expect(parseCliVars("a: 1\nb: x").vars).toEqual({ a: 1, b: "x" });
    expect(parseCliVars(undefined)).toEqual({ vars: {}, diagnostics: [] });
  });

  it("reports bad text and non-mappings as TSDBT-E007", () => {
    const broken = parseCliVars("{a: [1, 2}");
    expect(broken.vars).toEqual({});
    expect(broken.diagnostics[0]).toMatchObject({ code: "TSDBT-E007", severity: "error" });
    expect(broken.diagnostics[0].message).toMatch(/^The --vars argument is not valid YAML or JSON: /);
    expect(broken.diagnostics[0].hint).toContain("--vars");
    const list = parseCliVars("[1, 2]");
    expect(list.diagnostics[0]).toMatchObject({ code: "TSDBT-E007" });
    expect(list.diagnostics[0].message).toContain("must be a mapping");
  });
});

describe("resolveVars", () => {
  const root = project("name: shop\nvars:\n  a: global\n  b: global\n  c: global\n  shop: {b: scoped, c: scoped}\n  utils: {u: from_root}\n");

  it("ranks CLI over per-package over global", () => {
    expect(resolveVars(root, "shop", { c: "cli" })).toEqual({ a: "global", b: "scoped", c: "cli", utils: { u: "from_root" } });
  });

  it("hides other packages' scoped vars when the package names are known", () => {
    const vars = resolveVars(root, "shop", {}, { projectNames: ["shop", "utils"] });
    expect(vars).not.toHaveProperty("utils");
    expect(vars).not.toHaveProperty("shop");
  });

  it("puts an installed package's own vars below the root project's", () => {
    const pkg = project("name: utils\nvars: {u: pkg_default, v: pkg_only}\n");
    expect(resolveVars(root, "utils", {}, { packageProject: pkg, projectNames: ["shop", "utils"] })).toEqual({
      a: "global",
      b: "global",
      c: "global",
      u: "from_root",
      v: "pkg_only",
    });
  });
});

describe("createVarFunction", () => {
  const call = (vars: Record<string, unknown>, args: unknown[], kwargs: Record<string, unknown> = {}) => createVarFunction(vars)[HOST_FUNCTION](args, kwargs);

  it("returns the value, null when set to null, else the default", () => {
    expect(call({ a: 1 }, ["a"])).toBe(1);
    expect(call({ a: null }, ["a", 5])).toBeNull();
    expect(call({}, ["a", 5])).toBe(5);
    expect(call({}, ["a"], { default: "d" })).toBe("d");
  });

  it("throws TSDBT-E008 naming a missing variable", () => {
    let thrown: unknown;
    try {
      call({}, ["start_date"]);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ConfigValueError);
    expect(thrown).toMatchObject({ code: "TSDBT-E008" });
    expect((thrown as ConfigValueError).message).toContain("'start_date'");
    expect((thrown as ConfigValueError).hint).toContain("--vars");
  });

  it("reports a missing var in dbt_project.yml with its location", () => {
    const { diagnostics } = projectConfigFromText("name: a\ntarget-path: \"{{ var('out') }}\"\n", "/p", { env: {} });
    expect(diagnostics[0]).toMatchObject({ code: "TSDBT-E008", file: "dbt_project.yml", line: 2, col: 14 });
  });
});
