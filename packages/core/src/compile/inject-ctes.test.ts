import { injectCtes } from "./inject-ctes";

const cte = { id: "model.p.e", name: "__dbt__cte__e", sql: "select 1 as x" };

describe("injectCtes", () => {
  it("adds a with clause in front of a plain select", () => {
    expect(injectCtes("select * from __dbt__cte__e", [cte])).toBe("with __dbt__cte__e as (\nselect 1 as x\n)\nselect * from __dbt__cte__e");
  });
  it("merges into the query's own with clause, after leading comments", () => {
    expect(injectCtes("-- note\nWITH a as (select 1) select * from a", [cte])).toBe("-- note\nWITH __dbt__cte__e as (\nselect 1 as x\n), a as (select 1) select * from a");
  });
  it("keeps `with recursive` first", () => {
    expect(injectCtes("with recursive r as (select 1) select * from r", [cte])).toMatch(/^with recursive __dbt__cte__e as/);
  });
  it("does not mistake an identifier starting with 'with' for the keyword", () => {
    expect(injectCtes("select * from withdrawals", [cte])).toMatch(/^with __dbt__cte__e as \(/);
  });
});
