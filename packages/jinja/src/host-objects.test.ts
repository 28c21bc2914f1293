import { createEnvironment, PY_EQ, PY_GETATTR, PY_MAPPING, PY_METHODS, PY_REPR } from "./index";

/** A host object using every protocol symbol, as dbt's Relation does. */
class Thing {
  constructor(readonly id: string) {}
  get [PY_MAPPING](): boolean {
    return true;
  }
  [PY_GETATTR](name: string): unknown {
    return name === "missing_part" ? null : undefined;
  }
  get [PY_METHODS]() {
    return { describe: (self: Thing, args: unknown[], kwargs: Record<string, unknown>) => `${self.id}:${String(args[0])}:${String(kwargs.suffix)}` };
  }
  [PY_EQ](other: unknown): boolean {
    return other instanceof Thing && other.id === this.id;
  }
  [PY_REPR](): string {
    return `<Thing ${this.id}>`;
  }
  toString(): string {
    return this.id;
  }
}

const env = createEnvironment();
const render = (src: string, ctx: Record<string, unknown>) => env.render(src, ctx, { file: "t.sql" });

describe("host objects (Python protocols)", () => {
  it("are mappings when they say so, with methods taking keyword arguments", () => {
    expect(render("{{ a is mapping }} {{ a.describe('x', suffix='y') }} {{ a.missing_part }} {{ a['missing_part'] }}", { a: new Thing("t") })).toBe("True t:x:y None None");
  });

  it("compare with their own __eq__ in ==, in and lists, and print their repr inside lists", () => {
    const ctx = { a: new Thing("t"), b: new Thing("t"), c: new Thing("u") };
    expect(render("{{ a == b }} {{ a == c }} {{ a in [c, b] }} {{ [a] }} {{ a }}", ctx)).toBe("True False True [<Thing t>] t");
  });

  // Python's dict: equal keys (by __eq__) collapse into the first key, holding the last value
  it("are dict keys compared with their own __eq__", () => {
    const ctx = { a: new Thing("t"), b: new Thing("t"), c: new Thing("u") };
    expect(render("{{ {a: 1, b: 2} }} {{ {a: 1, c: 2}[b] }} {{ {a: 1, c: 2} | length }} {{ {'k': 1, a: 2} }} {{ {'k': a} }}", ctx)).toBe("{<Thing t>: 2} 1 2 {'k': 1, <Thing t>: 2} {'k': <Thing t>}");
  });

  // Expected values from Jinja2 3.1.6: map/select over a falsy sequence give nothing
  it("map and select give nothing for None, as Jinja2's", () => {
    expect(render("{{ ('a' in x|map('lower') or not x) }} {{ x|map('lower')|list }} {{ x|select|list }}", { x: null })).toBe("True [] []");
  });
});
