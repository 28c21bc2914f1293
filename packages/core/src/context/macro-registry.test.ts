import { BUILTIN_PACKAGE, MacroRegistry, type RegisteredMacro } from "./macro-registry";
import { BUILTIN_MATERIALIZATIONS } from "../compile/materialization-macros";

function macro(packageName: string, name: string): RegisteredMacro {
  return { name, packageName, uniqueId: `macro.${packageName}.${name}`, source: `{% macro ${name}() %}{% endmacro %}`, file: "macros/m.sql", line: 1 };
}

function registry(...macros: RegisteredMacro[]): MacroRegistry {
  const r = new MacroRegistry("shop", ["postgres", "default"], [{ macro_namespace: "dbt", search_order: ["shop", "query_tags", "dbt"] }]);
  for (const m of macros) r.add(m);
  return r;
}

describe("MacroRegistry.materialization (dbt's precedence)", () => {
  it("prefers the adapter-specific one, from any package, over the project's default one", () => {
    const r = registry(macro("shop", "materialization_stamped_default"), macro("tagger", "materialization_stamped_postgres"));
    expect(r.materialization("stamped", BUILTIN_MATERIALIZATIONS)?.uniqueId).toBe("macro.tagger.materialization_stamped_postgres");
  });

  it("prefers the project over a package over the built-ins among equally specific ones", () => {
    const all = registry(macro(BUILTIN_PACKAGE, "materialization_stamped_default"), macro("tagger", "materialization_stamped_default"), macro("shop", "materialization_stamped_default"));
    expect(all.materialization("stamped", BUILTIN_MATERIALIZATIONS)?.uniqueId).toBe("macro.shop.materialization_stamped_default");
    const noProject = registry(macro(BUILTIN_PACKAGE, "materialization_stamped_default"), macro("tagger", "materialization_stamped_default"));
    expect(noProject.materialization("stamped", BUILTIN_MATERIALIZATIONS)?.uniqueId).toBe("macro.tagger.materialization_stamped_default");
  });

  it("lets the project, never a package, replace a built-in materialization name", () => {
    expect(registry(macro("tagger", "materialization_table_postgres")).materialization("table", BUILTIN_MATERIALIZATIONS)).toBeUndefined();
    expect(registry(macro("shop", "materialization_table_default")).materialization("table", BUILTIN_MATERIALIZATIONS)?.uniqueId).toBe("macro.shop.materialization_table_default");
  });

  it("finds nothing for an unknown name (the runner then reports TSDBT-E401)", () => {
    expect(registry(macro("shop", "materialization_stamped_snowflake")).materialization("stamped", BUILTIN_MATERIALIZATIONS)).toBeUndefined();
  });
});

describe("MacroRegistry.overridesOf", () => {
  it("finds a project's plain and adapter-prefixed overrides, and a package's only through the dispatch search order", () => {
    const r = registry(macro(BUILTIN_PACKAGE, "create_table_as"), macro(BUILTIN_PACKAGE, "default__create_table_as"), macro("shop", "postgres__create_table_as"), macro("query_tags", "default__set_query_tag"), macro(BUILTIN_PACKAGE, "set_query_tag"));
    expect(r.overridesOf("create_table_as", "shop").map((m) => m.uniqueId)).toEqual(["macro.shop.postgres__create_table_as"]);
    expect(r.overridesOf("set_query_tag", "shop").map((m) => m.uniqueId)).toEqual(["macro.query_tags.default__set_query_tag"]);
    expect(r.overridesOf("get_merge_sql", "shop")).toEqual([]);
  });

  it("does not count the built-ins' own implementations as overrides", () => {
    const r = registry(macro(BUILTIN_PACKAGE, "create_table_as"), macro(BUILTIN_PACKAGE, "default__create_table_as"));
    expect(r.overridesOf("create_table_as", "shop")).toEqual([]);
  });
});
