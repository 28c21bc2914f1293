import { agateTable } from "./agate-table";
import { standardizeGrantsDict } from "./standardize-grants";

const table = (names: string[], rows: unknown[][]) =>
  agateTable({ columns: names.map((name) => ({ name, type: "text" })), rows: rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]]))) });

describe("adapter.standardize_grants_dict", () => {
  it("groups grantees by privilege in row order, by dbt's column names", () => {
    const rows = table(["grantee", "privilege_type"], [["reader_a", "SELECT"], ["writer", "INSERT"], ["reader_b", "SELECT"]]);
    expect(standardizeGrantsDict(rows)).toEqual({ SELECT: ["reader_a", "reader_b"], INSERT: ["writer"] });
  });

  it("reads the rows with the adapter's own reader when it has one", () => {
    const rows = table(["privilege", "grantee_name"], [["OWNERSHIP", "admin"], ["SELECT", "REPORTER"]]);
    const snowflakeLike = (r: Record<string, unknown>[]) => ({ select: r.filter((x) => x.privilege !== "OWNERSHIP").map((x) => String(x.grantee_name)) });
    expect(standardizeGrantsDict(rows, snowflakeLike)).toEqual({ select: ["REPORTER"] });
  });
});
