import { createEnvironment, hostFunction, wrapCallable } from "./index";

// A parse wraps every macro a node binds (to note how deep in macro calls a render is): the wrapped
// callable must behave as the macro in templates, keyword arguments and name included.
describe("wrapCallable", () => {
  it("calls a macro through `around`, with its keyword arguments and its name", () => {
    const env = createEnvironment();
    const seen: string[] = [];
    const ctx: Record<string, unknown> = {};
    const defined = env.render("{% macro greet(who, punct='!') %}hi {{ who }}{{ punct }}{% endmacro %}{% do export(greet) %}", { ...ctx, export: hostFunction(([m]) => void (ctx.greet = m)) }, { file: "m.sql" });
    expect(defined).toBe("");
    const wrapped = wrapCallable(ctx.greet as (...args: never[]) => unknown, (run) => (seen.push("in"), run()));
    expect((wrapped as { name: string }).name).toBe("greet");
    expect(env.render("{{ greet('ann', punct='?') }} {{ greet('bo') }}", { greet: wrapped }, { file: "t.sql" })).toBe("hi ann? hi bo!");
    expect(seen).toEqual(["in", "in"]);
  });

  it("keeps a host function's Python calling convention", () => {
    const env = createEnvironment();
    const add = hostFunction(([a], { b }) => Number(a) + Number(b ?? 0));
    const wrapped = wrapCallable(add, (run) => run());
    expect(env.render("{{ add(1, b=2) }}", { add: wrapped }, { file: "t.sql" })).toBe("3");
  });
});
