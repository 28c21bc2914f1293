/**
 * `build` reports exposures as dbt-core 1.10 does (checked on PostgreSQL with the oracle): a
 * selected exposure gets one `NO-OP exposure <name>` line once the nodes it depends on are built,
 * status `no-op` (message `NO-OP`, 0 failures) in run_results.json, and counts in `NO-OP=` and the
 * "Finished running" line; when a parent fails it is skipped. `run` leaves exposures out.
 */
import * as fs from "node:fs";
import { makeProject, removeAllProjects, runApi } from "./helpers/fixture-project";

afterAll(() => removeAllProjects());

const EXPOSURES = ["version: 2", "exposures:", "  - name: dash", "    type: dashboard", "    owner: {name: me}", "    depends_on:", "      - ref('customer_orders')", ""].join("\n");

function results(dir: string): string[] {
  const r = JSON.parse(fs.readFileSync(`${dir}/target/run_results.json`, "utf8")) as { results: { unique_id: string; status: string; failures: number | null; message: string | null }[] };
  return r.results.map((x) => `${x.unique_id} ${x.status} ${x.failures} ${x.message}`).sort();
}

describe("build with an exposure", () => {
  it("reports it as a no-op after its parents", async () => {
    const p = makeProject({ "models/exposures.yml": EXPOSURES });
    const r = await runApi(["build"], { project: p });
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split("\n");
    const noop = lines.findIndex((l) => /\d+ of 6 NO-OP exposure dash \.+ \[NO-OP in \d+\.\d\ds\]$/.test(l));
    expect(noop).toBeGreaterThan(lines.findIndex((l) => /OK created sql view model main\.customer_orders/.test(l)));
    expect(r.stdout).toContain("Finished running 1 exposure, 2 data tests, 3 view models in");
    expect(r.stdout).toContain("Done. PASS=5 WARN=0 ERROR=0 SKIP=0 NO-OP=1 TOTAL=6");
    expect(results(p.dir)).toContain("exposure.fixture.dash no-op 0 NO-OP");
    const run = await runApi(["run"], { project: p });
    expect(run.stdout).toContain("Done. PASS=3 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=3");
  });

  it("skips it when a parent fails", async () => {
    const p = makeProject({ "models/exposures.yml": EXPOSURES, "models/customer_orders.sql": "select * from nope_missing" });
    const r = await runApi(["build", "-s", "+exposure:dash"], { project: p });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/\d+ of \d+ SKIP exposure dash \.+ \[SKIP\]/);
    expect(r.stdout).toContain("NO-OP=0");
    expect(results(p.dir).find((l) => l.startsWith("exposure."))).toMatch(/^exposure\.fixture\.dash skipped null /);
  });
});
