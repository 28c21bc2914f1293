import { createEnvironment } from "./environment";
import { JinjaError } from "./errors";
import { hostFunction } from "./host-function";
import { MACRO } from "./runtime/macro";

// Expected values below were produced with scripts/jinja2-render.py (Jinja2 3.1.6) where Jinja2 applies.
describe("createEnvironment", () => {
  const env = createEnvironment();
  const file = "models/m.sql";

  it("passes positional and keyword arguments apart to host functions, and kwargs as a plain object to JS functions", () => {
    const seen: unknown[] = [];
    const ref = hostFunction((args, kwargs) => (seen.push([args, kwargs]), `"${args.join(".")}"`));
    const plain = (...a: unknown[]) => JSON.stringify(a);
    const out = env.render("{{ ref('a', version=2) }} {{ plain(1, k='v') }}", { ref, plain }, { file });
    expect(out).toBe('"a" [1,{"k":"v"}]');
    expect(seen).toEqual([[["a"], { version: 2 }]]);
  });

  it("lets host values define Python's operators (__add__/__radd__, __sub__, __lt__, __eq__) and keeps floats for pythonValues host functions", () => {
    class Days {
      constructor(readonly n: number) {}
      __add__(o: unknown) {
        return o instanceof Days ? new Days(this.n + o.n) : Symbol.for("tsdbt.jinja.NotImplemented");
      }
      __radd__(o: unknown) {
        return typeof o === "number" ? new Days(this.n + o) : Symbol.for("tsdbt.jinja.NotImplemented");
      }
      __sub__(o: unknown) {
        return o instanceof Days ? new Days(this.n - o.n) : Symbol.for("tsdbt.jinja.NotImplemented");
      }
      __lt__(o: unknown) {
        return o instanceof Days && this.n < o.n;
      }
      __eq__(o: unknown) {
        return o instanceof Days && this.n === o.n;
      }
      toString() {
        return `${this.n}d`;
      }
    }
    const ctx = { a: new Days(3), b: new Days(1), raw: hostFunction(([v]) => typeof v, { pythonValues: true }), plain: hostFunction(([v]) => typeof v) };
    expect(env.render("{{ a + b }} {{ 2 + a }} {{ a - b }} {{ b < a }} {{ a == b }} {{ [a, b] | sort | first }}", ctx, { file })).toBe("4d 5d 2d True False 1d");
    expect(() => env.render("{{ a + 'x' }}", ctx, { file })).toThrow("unsupported operand type(s) for +");
    expect(env.render("{{ raw(4 / 2) }} {{ plain(4 / 2) }}", ctx, { file })).toBe("object number");
  });

  it("resolves missing names lazily, also inside macros calling macros", () => {
    const calls: string[] = [];
    const resolveGlobal = (name: string) => {
      calls.push(name);
      return name === "helper" ? hostFunction((a) => `<${a[0]}>`) : undefined;
    };
    const src = "{% macro inner(x) %}{{ helper(x) }}{% endmacro %}{% macro outer() %}{{ inner(1) }}{% endmacro %}{{ outer() }}{{ nothing }}";
    expect(env.render(src, {}, { file, resolveGlobal })).toBe("<1>");
    expect(calls).toEqual(["helper", "nothing"]);
  });

  it("binds a macro to a live context and returns its output or its return() value", () => {
    const ctx: Record<string, unknown> = { target: "dev" };
    const greet = env.bindMacro({ name: "greet", source: "{% macro greet(who) %}  hi {{ who }} on {{ target }} {% endmacro %}", file: "macros/g.sql", line: 3 }, ctx);
    ctx.target = "prod";
    expect(greet("bob")).toBe("  hi bob on prod ");
    const cols = env.bindMacro({ name: "cols", source: "{% macro cols() %}{{ return(['a', 'b']) }}{% endmacro %}", file: "macros/c.sql", line: 1 }, {});
    expect(cols()).toEqual(["a", "b"]);
    const empty = env.bindMacro({ name: "e", source: "{% macro e() %}{% endmacro %}", file: "macros/e.sql", line: 1 }, {});
    expect(env.render("{{ 'yes' if e() else 'no' }}|{{ e().strip() }}|{{ f() }}", { e: empty, f: cols }, { file })).toBe("no||['a', 'b']");
  });

  it("return() keeps a whole float a float, as dbt's return does (a date spine's interval count, 72.0)", () => {
    // dbt-core 1.10.23 rendered `{{ g() }} {{ g() + 1 }} {{ [g()] }}` as "72.0 73.0 [72.0]"
    const g = env.bindMacro({ name: "g", source: "{% macro g() %}{{ return(72.0) }}{% endmacro %}", file: "macros/g.sql", line: 1 }, {});
    expect(env.render("{{ g() }} {{ g() + 1 }} {{ [g()] }}", { g }, { file })).toBe("72.0 73.0 [72.0]");
  });

  it("supports caller() in call blocks of bound macros", () => {
    const wrap = env.bindMacro({ name: "wrap", source: "{% macro wrap() %}({{ caller() }}){% endmacro %}", file: "macros/w.sql", line: 1 }, {});
    expect(env.render("{% call wrap() %}x{% endcall %}", { wrap }, { file })).toBe("(x)");
  });

  it("reports syntax errors with code J001, file, line, column and snippet", () => {
    const err = catchError(() => env.render("select 1\n{% if x %}\n{{ 1 + }}\n{% endif %}", {}, { file, lineOffset: 10 }));
    expect(err).toMatchObject({ code: "TSDBT-J001", file, line: 12 });
    expect(err.snippet).toBe("{{ 1 + }}");
    expect(() => env.check("{% for x in y %}", { file })).toThrow(JinjaError);
  });

  it("reports render errors at the call, naming the undefined thing, and keeps a host error as cause", () => {
    const undef = catchError(() => env.render("a\n  {{ foo() }}", {}, { file }));
    expect(undef).toMatchObject({ code: "TSDBT-J002", line: 2, col: 9, message: "'foo' is undefined" });
    expect(catchError(() => env.render("{{ none.attr() }}", {}, { file })).message).toBe("'None' has no attribute 'attr'");
    const boom = new Error("warehouse is down");
    const run = hostFunction(() => {
      throw boom;
    });
    const err = catchError(() => env.render("\n\n{{ run_query('x') }}", { run_query: run }, { file }));
    expect(err).toMatchObject({ line: 3, message: "warehouse is down" });
    expect(err.cause).toBe(boom);
    // the template's own failures (a Python TypeError…) and syntax errors have no JavaScript cause to show
    expect(catchError(() => env.render("{{ 1 / 0 }}", {}, { file })).cause).toBeUndefined();
    expect(catchError(() => env.render("{{ 1 + }}", {}, { file })).cause).toBeUndefined();
  });

  // Jinja2 3.1.6: "jinja2.runtime.Context.call() argument after ** must be a mapping, not list"
  it("refuses ** of a value that is not a mapping, naming its type", () => {
    expect(catchError(() => env.render("{{ dict(**[1]) }}", {}, { file })).message).toBe("argument after ** must be a mapping, not list");
  });

  // a guard of tsdbt's (Python builds any range lazily): a million numbers at most
  it("refuses a range of more than a million numbers", () => {
    expect(env.render("{{ range(1000000) | length }} {{ range(0, 3000000, 3) | last }}", {}, { file })).toBe("1000000 2999997");
    expect(catchError(() => env.render("{{ range(1000001) }}", {}, { file })).message).toBe("range() is too big");
  });

  // a registered symbol: another copy of the package (the CLI bundle beside a plugin) recognises the macros
  it("marks macros with the registered symbol tsdbt.jinja.macro", () => {
    let m: unknown;
    env.render("{% macro mm(x) %}{{ x }}{% endmacro %}{{ keep(mm) }}", { keep: (f: unknown) => ((m = f), "") }, { file });
    expect(MACRO).toBe(Symbol.for("tsdbt.jinja.macro"));
    expect((m as Record<symbol, (a: unknown[], k: object) => unknown>)[Symbol.for("tsdbt.jinja.macro")]([], { x: 3 })).toBe("3");
    expect((m as { name: string }).name).toBe("mm");
  });

  // dbt's MacroGenerator has call_macro; a plain function or a dict does not
  it("calls a macro through call_macro, as dbt's macro objects allow", () => {
    expect(env.render("{% macro m(x, y=2) %}{{ x }}{{ y }}{% endmacro %}{{ m.call_macro(1, y=3) }} {{ f.call_macro is defined }} {{ {}.call_macro is defined }}", { f: hostFunction(() => 1) }, { file })).toBe("13 False False");
  });

  // Jinja2 3.1.6 says the same of its Python functions (do_truncate(), do_trim()…): tsdbt names the filter
  it("refuses filter arguments as Python refuses a function's, naming the filter", () => {
    const refused: [string, string][] = [
      ["{{ 'abc' | truncate(5, length=3) }}", "truncate() got multiple values for argument 'length'"],
      ["{{ 'x' | center(1, 2) }}", "center() takes at most 1 argument(s) (2 given)"],
      ["{{ [1] | batch() }}", "batch() missing required argument: 'linecount'"],
      ["{{ 'x' | trim(nope=1) }}", "trim() got an unexpected keyword argument 'nope'"],
      // Python's order: the keywords first, then the count, then a missing argument
      ["{{ 'x' | center(1, 2, nope=3) }}", "center() got an unexpected keyword argument 'nope'"],
      ["{{ [1] | batch(nope=1) }}", "batch() got an unexpected keyword argument 'nope'"],
      ["{{ 'abc' | truncate(5, 1, 2, 3, 4, length=3) }}", "truncate() got multiple values for argument 'length'"],
      ["{{ [1] | batch(fill_with=1) }}", "batch() missing required argument: 'linecount'"],
    ];
    for (const [text, message] of refused) expect(catchError(() => env.render(text, {}, { file })).message).toBe(message);
    // every filter that takes options names itself (Jinja2: do_batch(), sync_do_groupby() …)
    const named = ["groupby", "max", "min", "batch", "center", "default", "d", "float", "dictsort", "int", "indent", "join", "replace", "round", "slice", "sort", "sum", "tojson", "trim", "truncate", "unique"];
    for (const name of named) {
      const own = name === "d" ? "default" : name;
      expect(catchError(() => env.render(`{{ [1] | ${name}(1, nope=2) }}`, {}, { file })).message).toBe(`${own}() got an unexpected keyword argument 'nope'`);
    }
    expect(env.render("{{ 'abcdefghij' | truncate(5, leeway=0, end='.') }} {{ 'x' | center(width=3) }}|", {}, { file })).toBe("abcd.  x |");
  });

  it("picks a random item across the whole sequence", () => {
    const random = jest.spyOn(Math, "random");
    try {
      random.mockReturnValue(0.99);
      expect(env.render("{{ [1, 2, 3] | random }} {{ 'xyz' | random }}", {}, { file })).toBe("3 z");
      random.mockReturnValue(0);
      expect(env.render("{{ [1, 2, 3] | random }}", {}, { file })).toBe("1");
    } finally {
      random.mockRestore();
    }
  });

  it("rejects arguments a macro does not take, as Jinja2 does", () => {
    expect(catchError(() => env.render("{% macro m(a) %}x{% endmacro %}{{ m(1, 2) }}", {}, { file })).message).toBe("macro 'm' takes not more than 1 argument(s)");
  });

  it("never leaks nunjucks' keyword marker into values", () => {
    expect(env.render("{% set d = dict(a=1) %}{{ d }} {{ d | list }}", {}, { file })).toBe("{'a': 1} ['a']");
  });
});

function catchError(f: () => unknown): JinjaError {
  try {
    f();
  } catch (e) {
    return e as JinjaError;
  }
  throw new Error("expected an error");
}

describe("templates compiled once per process", () => {
  const file = "macros/m.sql";

  it("shares a compiled template between environments with the same filters, each rendering with its own globals and filters", () => {
    const shout = createEnvironment({ globals: { who: "a" }, filters: { tag: (v) => `${String(v).toUpperCase()}!` } });
    const quiet = createEnvironment({ globals: { who: "b" }, filters: { tag: (v) => `${String(v)}.` } });
    const text = "{{ who | tag }} {{ x }}";
    expect(shout.render(text, { x: 1 }, { file })).toBe("A! 1");
    expect(quiet.render(text, { x: 2 }, { file })).toBe("b. 2");
  });

  it("still rejects a filter an environment does not have, after another environment compiled the template", () => {
    const withFilter = createEnvironment({ filters: { as_bool: (v) => v } });
    const without = createEnvironment();
    const text = "{{ flag | as_bool }}";
    expect(withFilter.render(text, { flag: true }, { file })).toBe("True");
    expect(() => without.check(text, { file })).toThrow(/No filter named 'as_bool'/);
    expect(() => without.render(text, { flag: true }, { file })).toThrow(/No filter named 'as_bool'/);
  });

  it("reports a syntax error of a checked template each time it is checked", () => {
    const env = createEnvironment();
    expect(() => env.check("{% if x %}", { file })).toThrow(JinjaError);
    expect(() => env.check("{% if x %}", { file })).toThrow(JinjaError);
  });
});
