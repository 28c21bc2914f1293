import { readPythonModel } from "./python-model-calls";

const calls = (source: string) => {
  const read = readPythonModel(source);
  if ("problem" in read) throw new Error(read.problem.message);
  return read.calls.map(({ fn, args, kwargs }) => ({ fn, args, kwargs }));
};
const problem = (source: string) => {
  const read = readPythonModel(source);
  if (!("problem" in read)) throw new Error("no problem found");
  return read.problem;
};

describe("reading a Python model's dbt calls without running it", () => {
  it("finds ref, source, config and config.get in the order written, with their literal arguments", () => {
    const source = [
      "import pandas as pd",
      "",
      "def model(dbt, session):",
      '    dbt.config(materialized="incremental", unique_key=["id", "day"], meta={"owner": "me", "n": -1.5, "ok": True, "none": None})',
      '    key = dbt.config.get("unique_key")',
      "    alias = dbt.config.get('alias', 'fallback')",
      '    orders = dbt.source("raw", "orders")',
      "    other = dbt.ref('pkg', 'customers', v=2)",
      "    return orders",
    ].join("\n");
    expect(calls(source)).toEqual([
      { fn: "config", args: [], kwargs: { materialized: "incremental", unique_key: ["id", "day"], meta: { owner: "me", n: -1.5, ok: true, none: null } } },
      { fn: "config.get", args: ["unique_key"], kwargs: {} },
      { fn: "config.get", args: ["alias", "fallback"], kwargs: {} },
      { fn: "source", args: ["raw", "orders"], kwargs: {} },
      { fn: "ref", args: ["pkg", "customers"], kwargs: { v: 2 } },
    ]);
  });

  it("ignores calls in comments and strings, and calls on another object named dbt", () => {
    const source = [
      "def model(dbt, session):",
      '    # dbt.ref("commented_out")',
      "    text = \"dbt.ref('in_a_string')\"",
      "    doc = '''",
      "    dbt.source('in', 'docstring')",
      "    '''",
      "    self.dbt.ref('attribute')",
      "    return dbt.ref(\"real\")",
    ].join("\n");
    expect(calls(source)).toEqual([{ fn: "ref", args: ["real"], kwargs: {} }]);
  });

  it("reads Python's literal forms: escapes, raw, joined and triple-quoted strings, numbers, tuples, sets", () => {
    const source = [
      "def model(dbt, session):",
      "    dbt.config(",
      "        a='it\\'s\\n', b=r'C:\\path', c='x' \"y\", d=\"\"\"multi",
      'line""", e=0x1F, f=1_000, g=2.5e3, h=(1, "two"), i=(), j={"s", "t"}, k=(7), l=[1, [2, {"n": None}]],',
      "    )",
      "    return dbt.ref('m')",
    ].join("\n");
    expect(calls(source)[0].kwargs).toEqual({ a: "it's\n", b: "C:\\path", c: "xy", d: "multi\nline", e: 31, f: 1000, g: 2500, h: [1, "two"], i: [], j: ["s", "t"], k: 7, l: [1, [2, { n: null }]] });
  });

  it("accepts annotated parameters of model()", () => {
    expect(calls("def model(dbt: 'dbtObj', session: object) -> 'DataFrame':\n    return dbt.ref('a')\n")).toEqual([{ fn: "ref", args: ["a"], kwargs: {} }]);
  });

  it("refuses a file without a model function, or with two, as dbt does", () => {
    expect(problem("def helper(dbt, session):\n    return 1\n")).toMatchObject({ message: "dbt allows exactly one model defined per python file, found 0", line: 1, col: 1 });
    expect(problem("def model(dbt, session):\n    return 1\n\ndef model(dbt, session):\n    return 2\n")).toMatchObject({ message: "dbt allows exactly one model defined per python file, found 2", line: 4, col: 1 });
  });

  it("refuses a model function without two parameters", () => {
    expect(problem("def model(dbt):\n    return 1\n")).toMatchObject({ message: "model function should have two args, `dbt` and a session to current warehouse", line: 1, col: 1, hint: "Write it as `def model(dbt, session):`." });
  });

  it("refuses an argument that is not a literal, at the offending token", () => {
    const p = problem('def model(dbt, session):\n    name = "a"\n    return dbt.ref(name)\n');
    expect(p).toMatchObject({ message: "Error when trying to literal_eval an arg to dbt.ref(), dbt.source(), dbt.config() or dbt.config.get()", line: 3, col: 20 });
    expect(p.hint).toContain("must be Python literals");
    expect(problem('def model(dbt, session):\n    dbt.config(alias=f"x_{1}")\n    return 1\n')).toMatchObject({ line: 2, col: 22 });
  });

  it("refuses positional arguments to dbt.config()", () => {
    expect(problem('def model(dbt, session):\n    dbt.config("table")\n    return 1\n')).toMatchObject({ message: "dbt.config() takes keyword arguments only.", line: 2, col: 16 });
  });

  it("reports an unterminated string or bracket where it starts", () => {
    expect(problem("def model(dbt, session):\n    return dbt.ref('a)\n")).toMatchObject({ message: "The Python model cannot be read: unterminated string literal.", line: 2, col: 20 });
    expect(problem("def model(dbt, session:\n    return 1\n")).toMatchObject({ message: "The Python model cannot be read: '(' was never closed.", line: 1, col: 10 });
  });
});
