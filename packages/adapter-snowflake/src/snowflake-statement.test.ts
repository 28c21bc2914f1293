import type { Connection } from "snowflake-sdk";
import { runStatement } from "./snowflake-statement";

type Sent = { sqlText: string; parameters?: Record<string, unknown>; binds?: unknown; fetchAsString?: string[] };

/** A connection that records what the driver is asked to send and answers with fixed rows. */
function connection(columns: [string, string, number?][], rows: unknown[][], updated?: number) {
  const sent: Sent[] = [];
  const conn = {
    execute(options: Sent & { complete: (e: Error | null, stmt: unknown, rows?: unknown[]) => void }) {
      sent.push(options);
      const stmt = {
        getNumUpdatedRows: () => updated,
        getColumns: () => columns.map(([name, type, scale]) => ({ getName: () => name, getType: () => type, getScale: () => scale ?? 0, getPrecision: () => 38, isNullable: () => true })),
      };
      options.complete(null, stmt, rows);
      return {};
    },
  };
  return { conn: conn as unknown as Connection, sent };
}

describe("runStatement", () => {
  it("sends the query tag as a statement parameter, so no session setting needs restoring", async () => {
    const { conn, sent } = connection([], []);
    await runStatement(conn, "create or replace transient table t as (select 1)", { queryTag: "nightly_orders" });
    await runStatement(conn, "select 1", {});
    expect(sent.map((s) => s.parameters)).toEqual([{ QUERY_TAG: "nightly_orders" }, undefined]);
    expect(sent[0]!.fetchAsString).toEqual(["Number"]);
  });

  it("sends the text as one request, unsplit, with rows of binds", async () => {
    const { conn, sent } = connection([], [], 2);
    const sql = "insert into t (a) values (?); -- one statement, a semicolon in a comment";
    const result = await runStatement(conn, sql, { binds: [["x"], ["y"]], fetch: false });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.sqlText).toBe(sql);
    expect(sent[0]!.binds).toEqual([["x"], ["y"]]);
    expect(result.rowsAffected).toBe(2);
  });

  it("reads rows as plain values, suffixes repeated names and honours limit", async () => {
    const { conn } = connection(
      [["ID", "fixed"], ["ID", "fixed"], ["AMOUNT", "fixed", 2]],
      [["1", "9007199254740993", "12.50"], ["2", "3", null]],
    );
    const result = await runStatement(conn, "select …", { limit: 1 });
    expect(result.rows).toEqual([{ ID: 1, ID_1: "9007199254740993", AMOUNT: 12.5 }]);
    expect(result.columns).toEqual([{ name: "ID", type: "NUMBER(38,0)" }, { name: "ID_1", type: "NUMBER(38,0)" }, { name: "AMOUNT", type: "NUMBER(38,2)" }]);
    expect(result.rowsAffected).toBeNull();
  });
});
