import { compareNames } from "./compare-names";

describe("compareNames", () => {
  it("sorts plain names as localeCompare does in English: `_` before digits before letters, a prefix first", () => {
    const names = ["dbt_utils", "a1", "ab", "a", "a_", "a0", "_a", "a__", "codegen", "dbt", "dbt_project_evaluator"];
    expect([...names].sort(compareNames)).toEqual([...names].sort((x, y) => x.localeCompare(y, "en")));
    expect([...names].sort(compareNames)).toEqual(["_a", "a", "a_", "a__", "a0", "a1", "ab", "codegen", "dbt", "dbt_project_evaluator", "dbt_utils"]);
  });

  it("agrees with localeCompare on many random plain names", () => {
    // a fixed pseudo-random sequence: the same pairs on every run
    let seed = 42;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
    const name = () => Array.from({ length: 1 + Math.floor(next() * 5) }, () => "ab_01z"[Math.floor(next() * 6)]).join("");
    for (let i = 0; i < 5000; i++) {
      const [a, b] = [name(), name()];
      expect([a, b, compareNames(a, b)]).toEqual([a, b, Math.sign(a.localeCompare(b, "en"))]);
    }
  });

  it("orders other names (capitals, other scripts) with English collation, whatever the user's locale", () => {
    expect(["b", "A", "a", "B", "é", "e"].sort(compareNames)).toEqual(["a", "A", "b", "B", "e", "é"]);
    // Danish collation puts "aa" after "z"; the order of packages must not depend on the machine's locale
    expect(["zz", "Aalborg"].sort(compareNames)).toEqual(["Aalborg", "zz"]);
  });
});
