import type { QueryResult } from "@tsdbt/adapter-api";
import { describeColumns } from "./snowflake-catalog";

/** A warehouse holding `tables` (stored name → columns) that records every statement. */
function warehouse(tables: Record<string, string[]>) {
  const sent: string[] = [];
  const query = async (sql: string): Promise<QueryResult> => {
    sent.push(sql);
    const name = /\.("?)([^".]+)\1$/.exec(sql)!;
    const stored = name[1] ? name[2]! : name[2]!.toUpperCase();
    const columns = tables[stored];
    if (!columns) throw Object.assign(new Error(`Table '${stored}' does not exist or not authorized.`), { code: "002003" });
    return { columns: [], rows: columns.map((c) => ({ name: c, type: "NUMBER(38,0)", kind: "COLUMN", "null?": "Y", comment: null })) };
  };
  return { sent, query };
}

describe("describeColumns", () => {
  it("describes a relation once when its quote policy is known, found or missing", async () => {
    const wh = warehouse({ ORDERS: ["ID"] });
    expect((await describeColumns(wh.query, "DB.S", "orders", false)).map((c) => c.name)).toEqual(["ID"]);
    expect(await describeColumns(wh.query, "DB.S", "missing", false)).toEqual([]);
    expect(await describeColumns(wh.query, "DB.S", "missing", true)).toEqual([]);
    expect(wh.sent).toEqual(["describe table DB.S.orders", "describe table DB.S.missing", 'describe table DB.S."missing"']);
  });

  it("without a quote policy tries the name quoted, then unquoted, unless both are the same stored name", async () => {
    const wh = warehouse({ ORDERS: ["ID"] });
    expect((await describeColumns(wh.query, "DB.S", "orders", null)).map((c) => c.name)).toEqual(["ID"]);
    expect(await describeColumns(wh.query, "DB.S", "MISSING", null)).toEqual([]);
    expect(wh.sent).toEqual(['describe table DB.S."orders"', "describe table DB.S.orders", "describe table DB.S.MISSING"]);
  });
});
