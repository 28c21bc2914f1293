import { JinjaParser } from "./parser";
import { preprocess } from "./preprocess";
import { staticMacroCalls } from "./static-macro-calls";

const callsOf = (template: string) => staticMacroCalls(JinjaParser.parse(preprocess(template)));

// orders as Jinja2 3.1.6's `find_all(nodes.Call)` gives them (python3 -c "jinja2.Environment().parse(...)")
describe("static macro calls", () => {
  it("lists calls by name and package.name in Jinja2's order, without repeats", () => {
    expect(callsOf("{{ f(g()) }}{{ a if b() else c() }}{% for x in it() if t() %}{{ body() }}{% else %}{{ e() }}{% endfor %}{{ f() }}")).toEqual([
      { name: "f" },
      { name: "g" },
      { name: "b" },
      { name: "c" },
      { name: "it" },
      { name: "body" },
      { name: "e" },
      { name: "t" },
    ]);
    expect(callsOf("{% call statement('x') %}{{ pkg.m() }}{% endcall %}{% set y = q.append(1) %}")).toEqual([{ name: "statement" }, { package: "pkg", name: "m" }, { package: "q", name: "append" }]);
  });

  it("reads adapter.dispatch with literal arguments and leaves other adapter methods and computed callees out", () => {
    expect(callsOf("{{ adapter.dispatch('a')() }}{{ adapter.dispatch(macro_name='b', macro_namespace='ns') }}{{ adapter.dispatch(name) }}{{ adapter.quote('x') }}{{ f()() }}{{ a.b.c() }}")).toEqual([
      { dispatch: "a", namespace: null },
      { dispatch: "b", namespace: "ns" },
      // the outer call of f()() calls a value; the inner one names f
      { name: "f" },
    ]);
  });
});
