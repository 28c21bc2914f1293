/**
 * `load_agate_table()` in a project's own seed materialization holds the seed's cells as agate types
 * them for dbt: numbers as exact Decimals (`1.50`, twenty digits, `1E+3`), booleans, dates and
 * datetimes as Python's, `null` and empty cells None, and text where agate finds no type (a mix of
 * `YYYY-MM-DD hh:mm:ss` and ISO `T` timestamps, `01/02/2024`, `yes`). Expected lines: what the same
 * materialization logged under dbt-core 1.10 (test/fixtures/agate-seed-oracle/oracle.txt, from
 * record-oracle.mjs there).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const FIXTURE = path.join(__dirname, "fixtures", "agate-seed-oracle");

it("load_agate_table() gives a seed's cells as dbt-core's agate table does", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-agate-seed-"));
  try {
    fs.cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !src.endsWith(".txt") && !src.endsWith(".mjs") });
    fs.writeFileSync(path.join(dir, "profiles.yml"), "agate_oracle:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: warehouse.duckdb\n      threads: 1\n");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { invoke } = require("tsdbt") as typeof import("tsdbt");
    const printed: string[] = [];
    const run = await invoke(["seed", "--project-dir", dir, "--profiles-dir", dir], { cwd: dir, write: (text: string) => printed.push(text) });
    expect(run.exitCode).toBe(0);
    const lines = printed.join("\n").split("\n").map((l) => l.replace(/^\d\d:\d\d:\d\d {2}/, "")).filter((l) => /^(ROW|STR) /.test(l));
    expect(lines).toEqual(fs.readFileSync(path.join(FIXTURE, "oracle.txt"), "utf8").trimEnd().split("\n"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
