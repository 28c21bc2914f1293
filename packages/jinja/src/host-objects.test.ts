import { createEnvironment, hostFunction, HOST_FUNCTION, PY_BOOL, PY_EQ, PY_GETATTR, PY_MAPPING, PY_METHODS, PY_REPR, PyDecimal, PyFloat, tolerateUndefined } from "./index";

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
/** A template macro `m(x, y)` printing its arguments, taken out of a render. */
function render2macro(): unknown {
  let m: unknown;
  env.render("{% macro m(x, y) %}x={{ x }} y={{ y }}{% endmacro %}{{ keep(m) }}", { keep: (f: unknown) => ((m = f), "") }, { file: "m.sql" });
  return m;
}
const render = (src: string, ctx: Record<string, unknown>) => env.render(src, ctx, { file: "t.sql" });

describe("host objects (Python protocols)", () => {
  it("are mappings when they say so, with methods taking keyword arguments", () => {
    expect(render("{{ a is mapping }} {{ a.describe('x', suffix='y') }} {{ a.missing_part }} {{ a['missing_part'] }}", { a: new Thing("t") })).toBe("True t:x:y None None");
    // what __getattr__ does not give is read from the object's own properties; JavaScript's Object members are not there
    expect(render("{{ a.id }} {{ a['id'] }} {{ a.nope is defined }} {{ a.hasOwnProperty is defined }} {{ a['valueOf'] is defined }}", { a: new Thing("t") })).toBe("t t False False False");
    // a method the object lacks is named by the expression's path (dbt: `'adapter.nope' is undefined`)
    expect(() => render("{{ a.nope() }}", { a: new Thing("t") })).toThrow("'a.nope' is undefined");
  });

  it("compare with their own __eq__ in ==, in and lists, and print their repr inside lists", () => {
    const ctx = { a: new Thing("t"), b: new Thing("t"), c: new Thing("u") };
    expect(render("{{ a == b }} {{ a == c }} {{ a in [c, b] }} {{ [a] }} {{ a }}", ctx)).toBe("True False True [<Thing t>] t");
    // its own __eq__ on either side of ==, also with a value of another type (a relation and its name)
    class Named {
      constructor(readonly name: string) {}
      [PY_EQ](other: unknown): boolean {
        return other === this.name;
      }
    }
    class Dunder {
      __eq__(other: unknown): unknown {
        return other === "d" ? 1 : 0;
      }
    }
    expect(render("{{ n == 'x' }} {{ 'x' == n }} {{ n == 'y' }} {{ 'x' in [n] }} {{ o == 'd' }} {{ o == 'e' }} {{ o != 'd' }}", { n: new Named("x"), o: new Dunder() })).toBe("True True False True True False False");
  });

  // Python's dict: equal keys (by __eq__) collapse into the first key, holding the last value
  it("are dict keys compared with their own __eq__", () => {
    const ctx = { a: new Thing("t"), b: new Thing("t"), c: new Thing("u") };
    expect(render("{{ {a: 1, b: 2} }} {{ {a: 1, c: 2}[b] }} {{ {a: 1, c: 2} | length }} {{ {'k': 1, a: 2} }} {{ {'k': a} }} {{ {a: 1}[c] is defined }}", ctx)).toBe("{<Thing t>: 2} 1 2 {'k': 1, <Thing t>: 2} {'k': <Thing t>} False");
  });

  it("have their JavaScript methods called on themselves, and macros and host functions they hold called with keywords", () => {
    class Box {
      readonly size = 3;
      readonly macroOf = render2macro();
      readonly hf = hostFunction((a, k) => `${a.join()}|${Object.keys(k).join()}`);
      grow(by: number): number {
        return this.size + by;
      }
    }
    const box = new Box();
    expect(render("{{ b.grow(2) }} {% set g = b.grow %}{{ g(1) }} {{ b.macroOf(y=2) }} {{ b.hf(1, k=2) }} {{ b.call_macro is defined }}", { b: box })).toBe("5 4 x= y=2 1|k False");
  });

  it("have dict's get, items, keys and values when they do not define them; a dict with host keys reads keys as attributes", () => {
    const ctx = { a: new Thing("t"), b: new Thing("t") };
    expect(render("{{ a.keys() | list }} {{ a.get('id') }} {{ a.get('nope', 'd') }} {{ a.items() | list }} {{ a.values() | list }} {{ {a: 1, 'k': 2}.k }} {{ {a: 1}.get(b) }}", ctx)).toBe("['id'] t d [('id', 't')] ['t'] 2 1");
  });

  it("tolerate undefined values while tolerateUndefined runs (dbt's parse), and fail again after it", () => {
    const text = "{{ missing.x }}{{ missing() }}{{ missing[0] }}{{ missing.m() }}{{ missing.a.b }}{{ missing['k'] }}x";
    expect(tolerateUndefined(() => render(text, {}))).toBe("x");
    expect(() => render(text, {})).toThrow("'missing' is undefined");
    expect(() => tolerateUndefined(() => render("{{ missing + 1 }}", {}))).toThrow();
    // a defined value's missing method still fails
    expect(() => tolerateUndefined(() => render("{{ 'a'.nope() }}", {}))).toThrow("'str object' has no attribute 'nope'");
  });

  it("get Python methods bound to their value, callable from JavaScript too", () => {
    const kept: Array<(...a: unknown[]) => unknown> = [];
    render("{{ keep('a b c'.split) }}{{ keep([3, 1].index) }}", { keep: (f: (...a: unknown[]) => unknown) => (kept.push(f), "") });
    expect([kept[0](" ", 1), kept[1](1)]).toEqual([["a", "b c"], 1]);
    expect(render("{% set f = 'a b c'.split %}{{ f(maxsplit=1) }} {% set g = {'k': 1}.get %}{{ g('k') }}{{ g('x', 2) }}", {})).toBe("['a', 'b c'] 12");
  });

  it("receive floats as numbers when they are plain JavaScript functions, and kwargs as a last object only when given", () => {
    const seen: unknown[][] = [];
    const plain = (...a: unknown[]) => (seen.push(a), "");
    render("{{ f(2.0) }}{{ f(1, k=2) }}{{ f() }}{{ f(**{}) }}", { f: plain });
    expect(seen).toEqual([[2], [1, { k: 2 }], [], []]);
    expect(seen[0][0]).not.toBeInstanceOf(PyFloat);
  });

  it("serialise with tojson through their toJSON or their own entries, leaving out entries without a value", () => {
    class ViaToJson {
      toJSON() {
        return { b: 1, a: undefined, nested: { c: undefined, d: [2] } };
      }
    }
    const viaToJson = new ViaToJson();
    class Plain {
      readonly z = 1;
      readonly gone = undefined;
    }
    expect(render("{{ x | tojson }} {{ [y] | tojson }} {{ {'k': y} | tojson }}", { x: viaToJson, y: new Plain() })).toBe('{"b": 1, "nested": {"d": [2]}} [{"z": 1}] {"k": {"z": 1}}');
  });

  // dbt's set(): what Python does with a set of these members
  it("include JavaScript Sets and Maps, which behave as Python sets and dicts", () => {
    // members and keys found by Python's ==, not only as the same JavaScript value (1.0 and True are 1)
    const ones = { s: new Set([2, 1]), m: new Map([[1, "a"]]), one: new PyFloat(1), big: new Set([1, 2, 3]) };
    expect(render("{{ one in s }} {{ true in s }} {{ true in m }} {{ one in m }} {{ 3 in s }} {{ s == big }} {{ big == s }}", ones)).toBe("True True True True False False False");
    const ctx = { s: new Set([1, 2]), t: new Set([2, 1]), u: new Set([1, 3]), e: new Set(), m: new Map([["k", 1]]) };
    expect(render("{{ s }} {{ e }} {{ s | list }} {% for x in s %}{{ x }}{% endfor %} {{ 2 in s }} {{ 5 in s }} {{ s | length }} {{ 'y' if s else 'n' }}{{ 'y' if e else 'n' }} {{ s == t }} {{ s == u }} {{ s == e }} {{ m | list }} {{ 'y' if m else 'n' }} {{ m.k }}", ctx)).toBe("{1, 2} set() [1, 2] 12 True False 2 yn True False False ['k'] y 1");
  });

  // a dict keyed by host objects (dbt relations) is a Map: its keys are compared as Python compares them
  it("give Maps the dict methods get, items, keys, values and copy", () => {
    const m = new Map<unknown, unknown>([[1, "one"], ["k", 2]]);
    expect(render("{{ m.get('k') }} {{ m.get(1.0) }} {{ m.get(true) }} {{ m.get('z') }} {{ m.get('z', 5) }} {{ m.items() | list }} {{ m.keys() | list }} {{ m.values() | list }} {{ m | items | list }}", { m })).toBe("2 one one None 5 [(1, 'one'), ('k', 2)] [1, 'k'] ['one', 2] [(1, 'one'), ('k', 2)]");
    expect(render("{% set c = m.copy() %}{{ c.get('k') }} {{ c is sameas m }} {{ c.items() | list }}", { m })).toBe("2 False [(1, 'one'), ('k', 2)]");
    expect(() => render("{{ m.get() }}", { m })).toThrow("get expected at least 1 argument, got 0");
  });

  // Python reads a field's `.attr` steps with getattr; a spec is refused by object.__format__
  it("give str.format fields their attributes, and refuse a format spec", () => {
    class Part {
      readonly name = "x";
      readonly inner = { v: 2 };
      toString(): string {
        return "part";
      }
    }
    expect(render("{{ '{0.name}-{0.inner.v}-{p.inner[v]}-{0}'.format(p, p=p) }}", { p: new Part() })).toBe("x-2-2-part");
    expect(() => render("{{ '{:>6}'.format(p) }}", { p: new Part() })).toThrow("unsupported format string passed to Part.__format__");
    expect(() => render("{{ '{0.}'.format(p) }}", { p: new Part() })).toThrow("Empty attribute in format string");
  });

  // (a Decimal with a spec is formatted as its nearest float: docs/jinja.md)
  it("format a Decimal with the float specs", () => {
    expect(render("{{ '{:.2}|{:.3f}|{:>6}|{:,}|{:e}'.format(d, d, d, d, d) }}", { d: PyDecimal.parse("1234.5678") })).toBe("1.2e+03|1234.568|1234.5678|1,234.5678|1.234568e+03");
  });

  it("answer get() from their members, an undefined or Object's own member being absent", () => {
    class Row {
      readonly a = 1;
      readonly gone = undefined;
      get b(): number {
        return 2;
      }
    }
    expect(render("{{ r.get('a') }} {{ r.get('b') }} {{ r.get('gone', 5) }} {{ r.get('toString', 6) }} {{ r.get('z') }}", { r: new Row() })).toBe("1 2 5 6 None");
  });

  // registered symbols: adapter-api's relations use Symbol.for(...) without importing this package
  it("use the registered protocol symbols", () => {
    expect([PY_REPR, PY_MAPPING, PY_METHODS, PY_GETATTR, PY_EQ, PY_BOOL, HOST_FUNCTION]).toEqual(["repr", "mapping", "methods", "getattr", "eq", "bool", "hostFunction"].map((n) => Symbol.for(`tsdbt.jinja.${n}`)));
  });

  it("print with their toString inside lists, and String objects, null-prototype dicts and bigints behave as str, dict and int", () => {
    class Named {
      toString(): string {
        return "named";
      }
    }
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    const ctx = { n: new Named(), s: new String("x"), e: new String(""), d: bare, z: 0n, big: 12n };
    expect(render("{{ [n] }} {{ n }} {{ s }} {{ 'y' if s else 'n' }}{{ 'y' if e else 'n' }} {{ d }} {{ d is mapping }} {{ 'y' if z else 'n' }}{{ 'y' if big else 'n' }} {{ [big] }} {{ big + 1 }}", ctx)).toBe("[named] named x yn {'a': 1} True ny [12] 13");
    expect(render("{{ s == 'x' }} {{ 'x' == s }} {{ s == 'y' }} {{ e == 0 }} {{ s == s }}", ctx)).toBe("True True False False True");
    // a str is never equal to a number (Python: '5' == 5 is False), on either side
    expect(render("{{ five == 5 }} {{ 5 == five }} {{ five == '5' }} {{ five == five2 }}", { five: new String("5"), five2: new String("5") })).toBe("False False True True");
    // an object without its own toString prints its entries, as a dict; a function its name
    class Plain {
      readonly a = 1;
    }
    function named(): number {
      return 1;
    }
    const anonymous = [() => 1][0];
    expect(render("{{ [p] }} {{ [named] }} {{ [anon] }}", { p: new Plain(), named, anon: anonymous })).toBe("[{'a': 1}] [<function named>] [<function anonymous>]");
  });

  // Python's operator protocol: a.__op__(b), else b.__rop__(a), else TypeError naming both types
  it("compute with their own __mul__, __rmul__, __rsub__ and __neg__, and fall back to Python's TypeError", () => {
    const NI = Symbol.for("tsdbt.jinja.NotImplemented");
    class Qty {
      constructor(readonly n: number) {}
      __mul__(o: unknown) {
        return typeof o === "number" ? new Qty(this.n * o) : NI;
      }
      __rmul__(o: unknown) {
        return typeof o === "number" ? new Qty(o * this.n * 10) : NI;
      }
      __rsub__(o: unknown) {
        return typeof o === "number" ? new Qty(o - this.n) : NI;
      }
      __neg__() {
        return new Qty(-this.n);
      }
      __lt__(o: unknown) {
        return o instanceof Qty ? this.n < o.n : NI;
      }
      toString() {
        return `${this.n}q`;
      }
    }
    const ctx = { q: new Qty(2) };
    expect(render("{{ q * 3 }} {{ 3 * q }} {{ 5 - q }} {{ -q }} {{ q < r }} {{ r < q }}", { ...ctx, r: new Qty(3) })).toBe("6q 60q 3q -2q True False");
    const refused: [string, string][] = [
      ["{{ q * 'a' }}", "can't multiply sequence by non-int of type 'Qty'"],
      ["{{ q * none }}", "unsupported operand type(s) for *: 'Qty' and 'NoneType'"],
      ["{{ none * q }}", "unsupported operand type(s) for *: 'NoneType' and 'Qty'"],
      ["{{ q - 1 }}", "unsupported operand type(s) for -: 'Qty' and 'int'"],
      ["{{ none - q }}", "unsupported operand type(s) for -: 'NoneType' and 'Qty'"],
      ["{{ none + q }}", "unsupported operand type(s) for +: 'NoneType' and 'Qty'"],
      ["{{ q + none }}", "unsupported operand type(s) for +: 'Qty' and 'NoneType'"],
      ["{{ q < 1 }}", "'<' not supported between instances of 'Qty' and 'int'"],
    ];
    for (const [text, message] of refused) expect(() => render(text, ctx)).toThrow(message);
    // a left operand declining (NotImplemented) hands over to the right one's reflected method
    class Declines {
      __add__() {
        return NI;
      }
      __sub__() {
        return NI;
      }
    }
    class Takes {
      __radd__(o: unknown) {
        return o instanceof Declines ? "radd" : NI;
      }
      __rsub__(o: unknown) {
        return o instanceof Declines ? "rsub" : NI;
      }
    }
    expect(render("{{ d + t }} {{ d - t }}", { d: new Declines(), t: new Takes() })).toBe("radd rsub");
    expect(() => render("{{ t + d }}", { d: new Declines(), t: new Takes() })).toThrow("unsupported operand type(s) for +: 'Takes' and 'Declines'");
  });

  // Python's TypeErrors name the value's type: its class, a function, a Python int for a bigint
  it("are named by their class in TypeErrors, a function as function, a bigint as int", () => {
    class Gadget {}
    const ctx = { g: new Gadget(), f: hostFunction(() => 1), js: () => 1, big: 10n ** 20n, bare: Object.create(Object.create(null)) as object, s: new Set([1]), m: new Map([[1, 2]]) };
    const refused: [string, string][] = [
      ["{{ 1 - g }}", "unsupported operand type(s) for -: 'int' and 'Gadget'"],
      ["{{ 1 - f }}", "unsupported operand type(s) for -: 'int' and 'function'"],
      ["{{ js - 1 }}", "unsupported operand type(s) for -: 'function' and 'int'"],
      ["{{ big + 'a' }}", "unsupported operand type(s) for +: 'int' and 'str'"],
      ["{{ bare - 1 }}", "unsupported operand type(s) for -: 'object' and 'int'"],
      // JavaScript's Set and Map play Python's set and dict
      ["{{ 1 - s }}", "unsupported operand type(s) for -: 'int' and 'set'"],
      ["{{ m - 1 }}", "unsupported operand type(s) for -: 'dict' and 'int'"],
      ["{{ [s] | unique | list }}", "unhashable type: 'set'"],
    ];
    for (const [text, message] of refused) expect(() => render(text, ctx)).toThrow(message);
  });

  // Expected values from Jinja2 3.1.6: map/select over a falsy sequence give nothing
  it("map and select give nothing for None, as Jinja2's", () => {
    expect(render("{{ ('a' in x|map('lower') or not x) }} {{ x|map('lower')|list }} {{ x|select|list }}", { x: null })).toBe("True [] []");
  });
});
