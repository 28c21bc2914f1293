import { execFileSync } from "node:child_process";
import * as path from "node:path";

/**
 * A small run of bench/fault-injection.mjs (1 trial, quick tables, DuckDB): `tsdbt run` killed
 * with SIGKILL at a random moment loses, truncates or leaves behind nothing, and the next run
 * converges. The 30-trial figures for both adapters are in docs/reliability.md.
 */
describe("tsdbt run killed with SIGKILL", () => {
  it("keeps every relation whole on DuckDB, and the next run converges", () => {
    const script = path.join(__dirname, "..", "bench", "fault-injection.mjs");
    const out = execFileSync(process.execPath, [script, "--adapter", "duckdb", "--trials", "1", "--quick", "--seed", "7", "--json"], { encoding: "utf8" });
    const [duckdb] = JSON.parse(out.trim().split("\n").pop()!) as Record<string, unknown>[];
    expect(duckdb).toMatchObject({ adapter: "duckdb", trials: 1, lost: 0, unreadable: 0, halfWritten: 0, leftoversAfterKill: 0, leftoversAfterNextRun: 0, notConverged: 0, details: [] });
  }, 60000);
});
