import { DbtTransactions } from "./dbt-transactions";
import type { SyncStatements } from "../types";

/** A connection that records what it is sent. */
function recording(): SyncStatements & { sent: string[] } {
  const sent: string[] = [];
  return { sent, executeSync: (sql) => (sent.push(sql), { columns: [], rows: [], rowsAffected: 1 }) };
}

describe("dbt's transactions in a Jinja materialization", () => {
  it("opens a transaction at the first statement, commits at adapter.commit(), and runs auto_begin=False statements outside", () => {
    const connection = recording();
    const tx = new DbtTransactions(connection);
    tx.executeSync("vacuum analyze t", { autoBegin: false });
    tx.executeSync("create table t__dbt_tmp as select 1");
    tx.executeSync("alter table t__dbt_tmp rename to t");
    tx.commitSync();
    tx.executeSync("drop table if exists t__dbt_backup", { autoBegin: false });
    tx.commitSync();
    tx.settle();
    expect(connection.sent).toEqual(["commit", "vacuum analyze t", "begin", "create table t__dbt_tmp as select 1", "alter table t__dbt_tmp rename to t", "commit", "drop table if exists t__dbt_backup", "begin"]);
  });

  it("treats a macro's own commit; and begin; statements as the transaction changes they are", () => {
    const connection = recording();
    const tx = new DbtTransactions(connection);
    tx.executeSync("insert into t values (1)");
    tx.executeSync("commit;");
    tx.executeSync("COMMIT");
    tx.executeSync("begin transaction");
    tx.executeSync("insert into t values (2)", { autoBegin: false });
    tx.settle();
    expect(connection.sent).toEqual(["commit", "begin", "insert into t values (1)", "commit", "begin", "insert into t values (2)"]);
  });

  it("opens a transaction for a begin; sent with auto_begin=False, and the statements after it run inside", () => {
    const connection = recording();
    const tx = new DbtTransactions(connection);
    tx.executeSync("begin;", { autoBegin: false });
    tx.executeSync("insert into t values (1)", { autoBegin: false });
    expect(tx.finish()).toEqual(["insert into t values (1)"]);
    expect(connection.sent).toEqual(["commit", "begin", "insert into t values (1)", "rollback", "begin"]);
  });

  it("reads commit and begin written with the whitespace templates leave around them", () => {
    const connection = recording();
    const tx = new DbtTransactions(connection);
    tx.executeSync("insert into t values (1)");
    tx.executeSync("\n  COMMIT\n    WORK ;\n  ");
    tx.executeSync(" begin; ");
    tx.executeSync("insert into t values (2)", { autoBegin: false });
    tx.executeSync("commit ;");
    expect(connection.sent).toEqual(["commit", "begin", "insert into t values (1)", "commit", "begin", "insert into t values (2)", "commit"]);
  });

  it("sends a statement that only starts or ends with begin or commit as it is (a scripting block, a statement list)", () => {
    const connection = recording();
    const tx = new DbtTransactions(connection);
    const block = "begin\n  insert into t values (3);\nend;";
    const list = "insert into t values (4);\ncommit;";
    tx.executeSync(block);
    tx.executeSync(list);
    expect(connection.sent).toEqual(["commit", "begin", block, list]);
  });

  it("counts a read in parentheses as no change", () => {
    const connection = recording();
    const tx = new DbtTransactions(connection);
    tx.executeSync("(select 1) union all (select 2)");
    tx.executeSync("  with x as (select 1) select * from x");
    expect(tx.finish()).toEqual([]);
  });

  it("rolls back what the macro left uncommitted when it returns, and names the statements that changed something", () => {
    const connection = recording();
    const tx = new DbtTransactions(connection);
    tx.executeSync("create table t as select 1");
    tx.commitSync();
    tx.executeSync("select * from information_schema.columns");
    expect(tx.finish()).toEqual([]);
    tx.executeSync("insert into t values (2)");
    expect(tx.finish()).toEqual(["insert into t values (2)"]);
    expect(connection.sent).toEqual([
      "commit", "begin", "create table t as select 1", "commit",
      "begin", "select * from information_schema.columns", "rollback", "begin",
      "insert into t values (2)", "rollback", "begin",
    ]);
  });
});
