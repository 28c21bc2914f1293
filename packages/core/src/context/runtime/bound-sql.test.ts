import { bindLiterals } from "./bound-sql";

describe("adapter.add_query's bindings", () => {
  it("puts each binding in place of the next %s as a SQL literal, %% as %", () => {
    expect(bindLiterals("insert into t values (%s, %s, %s, %s, %s) -- 100%%", [1, "it's", null, true, 2.5])).toBe("insert into t values (1, 'it''s', null, true, 2.5) -- 100%");
  });

  it("refuses more placeholders than bindings, and bindings left over", () => {
    expect(() => bindLiterals("values (%s, %s)", [1])).toThrow("more %s placeholders than the 1 bindings given");
    expect(() => bindLiterals("values (%s)", [1, 2])).toThrow("2 bindings were given for 1 %s placeholders");
  });
});
