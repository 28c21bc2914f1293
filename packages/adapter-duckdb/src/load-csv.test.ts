import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createAdapter } from "./duckdb-adapter";

describe("DuckDB adapter: loadCsv", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-duckdb-csv-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("bulk-loads 100,000 rows with the given column types, quoting, and empty fields as NULL", async () => {
    const file = path.join(dir, "orders.csv");
    const lines = ["id,customer,amount,ordered_on,paid"];
    for (let i = 1; i <= 100_000; i++) lines.push(`${i},"Customer, ${i % 97}",${(i * 1.25).toFixed(2)},2024-01-${String((i % 28) + 1).padStart(2, "0")},${i % 3 === 0 ? "" : i % 2 === 0}`);
    fs.writeFileSync(file, lines.join("\n") + "\n");
    const db = createAdapter({ type: "duckdb", schema: "seeds", path: "dev.duckdb" }, { projectDir: dir, targetPath: "target" });
    try {
      await db.execute("create schema seeds");
      const columns = [
        { name: "id", dataType: "integer" },
        { name: "customer", dataType: "varchar" },
        { name: "amount", dataType: "double" },
        { name: "ordered_on", dataType: "date" },
        { name: "paid", dataType: "boolean" },
      ];
      const loaded = await db.loadCsv!({ schema: "seeds", identifier: "orders" }, file, columns, { delimiter: ",", header: true });
      expect(loaded).toBe(100_000);
      const check = await db.execute("select count(*) as n, sum(amount) as total, count(paid) as with_paid from seeds.orders");
      expect(check.rows[0]).toEqual({ n: 100_000, total: 1.25 * (100_000 * 100_001) / 2, with_paid: 100_000 - 33_333 });
      expect((await db.execute("select * from seeds.orders where id = 2")).rows).toEqual([
        { id: 2, customer: "Customer, 2", amount: 2.5, ordered_on: "2024-01-03", paid: true },
      ]);
      expect((await db.getColumns({ schema: "seeds", identifier: "orders" })).map((c) => c.dataType)).toEqual(["INTEGER", "VARCHAR", "DOUBLE", "DATE", "BOOLEAN"]);
    } finally {
      await db.close();
    }
  });

  it("reads a file without a header using another delimiter, and rolls back on a bad value", async () => {
    const file = path.join(dir, "codes.csv");
    fs.writeFileSync(file, "1;alpha\n2;beta\n");
    const db = createAdapter({ type: "duckdb", schema: "main", path: ":memory:" }, { projectDir: dir, targetPath: "target" });
    try {
      const columns = [{ name: "code", dataType: "integer" }, { name: "label", dataType: "varchar" }];
      expect(await db.loadCsv!({ schema: "main", identifier: "codes" }, file, columns, { delimiter: ";", header: false })).toBe(2);
      fs.writeFileSync(file, "3;gamma\nnot-a-number;delta\n");
      await expect(db.loadCsv!({ schema: "main", identifier: "bad" }, file, columns, { delimiter: ";", header: false })).rejects.toThrow(/not-a-number/);
      expect((await db.listRelations(null, "main")).map((r) => r.identifier)).toEqual(["codes"]);
    } finally {
      await db.close();
    }
  });
});
