import { parseYaml } from "./parse-yaml";

describe("parseYaml", () => {
  it("returns plain values with PyYAML's YAML 1.1 booleans, merge keys and dates as text", () => {
    const r = parseYaml("a: yes\nb: 2020-01-01\nbase: &b {p: 1}\nd:\n  <<: *b\n  q: 2\n", "x.yml");
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toEqual({ a: true, b: "2020-01-01", base: { p: 1 }, d: { p: 1, q: 2 } });
  });

  it("reads scalars as PyYAML does: y/n are text, exponents need a dot and a sign", () => {
    const r = parseYaml("n: 3\ny: Off\nplain: 1e3\nfloat: 1.5e+3\nint: 0x1F\n", "x.yml");
    expect(r.value).toEqual({ n: 3, y: false, plain: "1e3", float: 1500, int: 31 });
  });

  it("gives null for an empty file", () => {
    expect(parseYaml("", "e.yml").value).toBeNull();
    expect(parseYaml("# only a comment\n", "e.yml").value).toBeNull();
  });

  it("reports a syntax error as TSDBT-E001 with file, line, column and the line as snippet", () => {
    const r = parseYaml("models:\n  - name: a\n    description: [unclosed\n  - name: b\n", "models/schema.yml");
    expect(r.value).toBeNull();
    expect(r.diagnostics.length).toBeGreaterThan(0);
    const d = r.diagnostics[0];
    expect(d).toMatchObject({ code: "TSDBT-E001", severity: "error", file: "models/schema.yml" });
    expect(d.message).toMatch(/^The YAML in models\/schema\.yml could not be parsed: /);
    expect(d.line).toBe(4); // the parser gives up on the line after the unclosed [
    expect(d.snippet).toBe(r.lineText(d.line!));
    expect(d.hint).toContain("indentation");
  });

  // dbt-core 1.10 keeps the last value and warns: "Duplicate key 'm' in "<unicode string>", line 34, column 11 in file `models/schema.yml`"
  it("keeps the last value of a repeated key and warns (TSDBT-W003) at the second occurrence, as dbt does", () => {
    const r = parseYaml("name: a\nversion: 1\nname: b\n", "dbt_project.yml");
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toEqual({ name: "b", version: 1 });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ code: "TSDBT-W003", severity: "warn", file: "dbt_project.yml", line: 3, col: 1, snippet: "name: b" });
    expect(r.warnings[0].message).toContain("'name'");
  });

  it("finds repeated keys at any depth, one warning each, and still locates entries", () => {
    const text = "sources:\n  - name: s\n    tables:\n      - name: t\n        meta:\n          m: 1\n          m: 2\n          m: 3\n";
    const r = parseYaml(text, "models/schema.yml");
    expect(r.value).toEqual({ sources: [{ name: "s", tables: [{ name: "t", meta: { m: 3 } }] }] });
    expect(r.warnings.map((w) => [w.line, w.col])).toEqual([[7, 11], [8, 11]]);
    expect(r.locate(["sources", 0, "tables", 0, "meta"])).toEqual({ line: 5, col: 9 });
  });

  it("does not count keys of different types or merged keys overridden in a mapping that starts with a merge", () => {
    const r = parseYaml("a: {1: x, '1': y}\nbase: &b {p: 1, q: 1}\nd:\n  <<: *b\n  p: 2\n  p: 3\n", "x.yml");
    expect(r.value).toEqual({ a: { 1: "y" }, base: { p: 1, q: 1 }, d: { p: 3, q: 1 } });
    // dbt's loader skips a mapping whose first key is '<<'
    expect(r.warnings).toEqual([]);
  });

  it("still reports a syntax error after a repeated key", () => {
    const r = parseYaml("a: 1\na: 2\nb: [oops\n", "x.yml");
    expect(r.value).toBeNull();
    expect(r.diagnostics[0]).toMatchObject({ code: "TSDBT-E001" });
  });

  it("locates keys, sequence entries and values", () => {
    const text = "models:\n  - name: a\n    columns:\n      - name: id\n        tests: [unique]\n";
    const r = parseYaml(text, "s.yml");
    expect(r.locate(["models"])).toEqual({ line: 1, col: 1 });
    expect(r.locate(["models", 0])).toEqual({ line: 2, col: 5 });
    expect(r.locate(["models", 0, "columns", 0, "tests"])).toEqual({ line: 5, col: 9 });
    expect(r.locateValue(["models", 0, "columns", 0, "tests"])).toEqual({ line: 5, col: 16 });
    expect(r.locateValue(["models", 0, "name"])).toEqual({ line: 2, col: 11 });
  });

  it("falls back to the closest existing ancestor for a missing path", () => {
    const r = parseYaml("models:\n  - name: a\n", "s.yml");
    expect(r.locate(["models", 0, "nope", "deeper"])).toEqual({ line: 2, col: 5 });
  });

  it("locates a value after its anchor, an empty value on its key's line, and stops at an alias", () => {
    const text = "a: &x [1, 2]\nb: # nothing here\nc: 1\nd:\n  - *x\n  - {k: v, flag}\n";
    const r = parseYaml(text, "s.yml");
    expect(r.locateValue(["a"])).toEqual({ line: 1, col: 7 });
    expect(r.locateValue(["b"])).toEqual({ line: 2, col: 4 });
    // the alias is where the path leads; its anchor's items are elsewhere
    expect(r.locate(["d", 0, 1])).toEqual({ line: 5, col: 5 });
    expect(r.locate(["d", 1, "flag"])).toEqual({ line: 6, col: 12 });
  });

  it("finds a key repeated after a merge brings it in, and keeps keys that differ in type apart", () => {
    const r = parseYaml("base: &b {p: 1}\nd:\n  q: 0\n  <<: *b\n  p: 2\ne: {1: a, '1': b, 1: c}\n", "x.yml");
    expect(r.value).toEqual({ base: { p: 1 }, d: { q: 0, p: 2 }, e: { 1: "c" } });
    expect(r.warnings.map((w) => [w.line, w.col, w.message.match(/'(.*?)'/)![1]])).toEqual([
      [5, 3, "p"],
      [6, 19, "1"],
    ]);
  });
});
