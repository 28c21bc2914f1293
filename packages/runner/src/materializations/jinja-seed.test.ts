/*
 * A seed built by the project's `{% materialization seed %}`: the table its `load_agate_table()`
 * gets. The macro is a MacroPort stand-in that records the table; the expected values are what
 * dbt-core 1.10.23 gave such a macro for the same CSV files (probe: a seed materialization logging
 * each column's agate type and each row's values). Cells are compared as Python's str() prints
 * them (Decimals and dates are objects; see test/agate-seed-oracle.test.ts for their types).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Adapter, QueryResult } from "@tsdbt/adapter-api";
import { openDuckDb, project } from "../__fixtures__/harness";
import { runNodes } from "../run-nodes";
import type { MacroPort, NodeResult } from "../types";

let adapter: Adapter;
let dir: string;
let dispose: () => Promise<void>;
beforeEach(async () => ({ adapter, dir, dispose } = await openDuckDb()));
afterEach(() => dispose());

/** Builds seed `s` from `csv` with a Jinja seed materialization; its result and the table the macro got. */
async function seed(csv: string, config: Record<string, unknown> = {}): Promise<{ result: NodeResult; table: QueryResult | undefined }> {
  writeFileSync(join(dir, "s.csv"), csv);
  const { manifest, compiler, ids } = project(adapter, [{ name: "s", resourceType: "seed", file: "s.csv", sql: "", config }]);
  let table: QueryResult | undefined;
  const macros: MacroPort = {
    materialization: () => ({ macroId: "macro.proj.materialization_seed_default" }),
    runMaterialization(_id, _sql, _statements, _isIncremental, _macroName, seedTable) {
      table = seedTable;
      return { relations: [], message: "INSERT 4", rowsAffected: 4, ranMain: true };
    },
    overrides: () => [],
    exists: () => false,
    call: () => "",
  };
  Object.assign(compiler, { macros });
  const summary = await runNodes({ manifest, compiler, adapter, selected: ids, threads: 1, projectDir: dir });
  return { result: summary.results[0]!, table };
}

/** The rows with each Decimal and date as Python's str() prints it (None, booleans and text as they are). */
const shown = (rows: QueryResult["rows"]) => rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null || typeof v === "boolean" || typeof v === "string" ? v : String(v)])));

describe("load_agate_table() of a Jinja seed materialization", () => {
  it("types numbers and booleans, reads empty, blank and null cells as None, and keeps text as written", async () => {
    const csv = "id,flag,name,amount,day,code\n1,true,a,1.5,2024-01-02,7\nnull,False,null,,2024-01-03,\n,,  , 2 ,,x\n3,TRUE, b ,NULL,null,008\n";
    const { result, table } = await seed(csv);
    expect([result.status, result.message]).toEqual(["success", "INSERT 4"]);
    expect(table!.columns).toEqual([
      { name: "id", type: "integer" },
      { name: "flag", type: "boolean" },
      { name: "name", type: "varchar" },
      { name: "amount", type: "double" },
      { name: "day", type: "date" },
      { name: "code", type: "varchar" },
    ]);
    expect(shown(table!.rows)).toEqual([
      { id: "1", flag: true, name: "a", amount: "1.5", day: "2024-01-02", code: "7" },
      { id: null, flag: false, name: null, amount: null, day: "2024-01-03", code: null },
      { id: null, flag: null, name: null, amount: "2", day: null, code: "x" },
      { id: "3", flag: true, name: " b ", amount: null, day: null, code: "008" },
    ]);
  });

  it("reads booleans with blanks around them", async () => {
    const { table } = await seed("flag,n\n true ,1\nfalse, 2\n");
    expect(shown(table!.rows)).toEqual([
      { flag: true, n: "1" },
      { flag: false, n: "2" },
    ]);
  });

  it("keeps a column named in column_types as text, with the configured type", async () => {
    const { table } = await seed("code,n\n7,1\n008,2\n", { column_types: { CODE: "varchar(10)" } });
    expect(table!.columns).toEqual([
      { name: "code", type: "varchar(10)" },
      { name: "n", type: "integer" },
    ]);
    expect(shown(table!.rows)).toEqual([
      { code: "7", n: "1" },
      { code: "008", n: "2" },
    ]);
  });

  it("reads the file with the seed's delimiter", async () => {
    const { table } = await seed("id;name\n1;a\n2;b\n", { delimiter: ";" });
    expect(shown(table!.rows)).toEqual([
      { id: "1", name: "a" },
      { id: "2", name: "b" },
    ]);
  });
});
