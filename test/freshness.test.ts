/**
 * End-to-end: `tsdbt source freshness` on DuckDB. Seeds stand in for loaded tables, with load
 * times relative to now (in days, so the machine's time zone cannot move a verdict); the
 * checks cover pass / warn / error, a filter, a source without loaded_at_field, selection
 * with `source:x+`, progress lines, exit codes and a sources.json valid against dbt's v3 schema.
 */
import * as fs from "node:fs";
import { validateArtifact } from "./artifact-schemas";
import { makeProject, removeAllProjects, runApi, type FixtureProject } from "./helpers/fixture-project";

const ago = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString().slice(0, 19).replace("T", " ");

describe("source freshness (DuckDB)", () => {
  let project: FixtureProject;
  beforeAll(async () => {
    project = makeProject({
      "models/customers.sql": null,
      "models/orders.sql": null,
      "models/customer_orders.sql": null,
      "seeds/fresh_orders.csv": `id,loaded_at\n1,${ago(200)}\n2,${ago(1)}\n`,
      "seeds/late_payments.csv": `id,loaded_at\n1,${ago(72)}\n`,
      "seeds/old_refunds.csv": `id,loaded_at\n1,${ago(480)}\n`,
      "seeds/mixed_events.csv": `id,kind,loaded_at\n1,real,${ago(480)}\n2,test,${ago(1)}\n`,
      "seeds/crm_accounts.csv": `id,synced_at\n1,${ago(2)}\n`,
      "models/account_report.sql": "select * from {{ source('crm', 'accounts') }}\n",
      "models/schema.yml": [
        "version: 2",
        "sources:",
        "  - name: shop",
        "    schema: main",
        "    loaded_at_field: loaded_at",
        "    freshness:",
        "      warn_after: {count: 2, period: day}",
        "      error_after: {count: 10, period: day}",
        "    tables:",
        "      - name: orders",
        "        identifier: fresh_orders",
        "      - name: payments",
        "        identifier: late_payments",
        "      - name: refunds",
        "        identifier: old_refunds",
        "      - name: events",
        "        identifier: mixed_events",
        "        freshness:",
        "          warn_after: {count: 1, period: day}",
        "          error_after: {count: 48, period: hour}",
        "          filter: kind = 'real'",
        "      - name: unchecked",
        "        identifier: old_refunds",
        "        freshness: null",
        "  - name: crm",
        "    schema: main",
        "    tables:",
        "      - name: accounts",
        "        identifier: crm_accounts",
        "        loaded_at_field: synced_at",
        "        freshness: {warn_after: {count: 12, period: hour}}",
        "      - name: contacts",
        "        identifier: crm_accounts",
        "        freshness: {error_after: {count: 1, period: day}}",
        "",
      ].join("\n"),
    });
    const seeded = await runApi(["seed"], { project });
    expect(seeded.exitCode).toBe(0);
  }, 60_000);
  afterAll(() => removeAllProjects());

  it("checks every source with criteria, prints dbt's lines and writes a valid sources.json", async () => {
    const run = await runApi(["source", "freshness"], { project });
    expect(run.exitCode).toBe(1);
    const artifact = JSON.parse(fs.readFileSync(project.file("target/sources.json"), "utf8"));
    expect(validateArtifact("sources-v3.json", artifact)).toEqual([]);
    const status = Object.fromEntries(artifact.results.map((r: { unique_id: string; status: string }) => [r.unique_id, r.status]));
    expect(status).toEqual({
      "source.fixture.shop.orders": "pass",
      "source.fixture.shop.payments": "warn",
      "source.fixture.shop.refunds": "error",
      "source.fixture.shop.events": "error",
      "source.fixture.crm.accounts": "pass",
      "source.fixture.crm.contacts": "runtime error",
    });
    const orders = artifact.results.find((r: { unique_id: string }) => r.unique_id === "source.fixture.shop.orders");
    expect(orders.criteria).toEqual({ warn_after: { count: 2, period: "day" }, error_after: { count: 10, period: "day" }, filter: null });
    // its newest row was written 1 hour before the run: the age is that hour plus the test's own run time
    // (15 minutes allowed, so a loaded machine cannot make this fail, while a time-zone shift would)
    expect(orders.max_loaded_at_time_ago_in_s).toBeGreaterThanOrEqual(3600);
    expect(orders.max_loaded_at_time_ago_in_s).toBeLessThan(3600 + 15 * 60);
    const events = artifact.results.find((r: { unique_id: string }) => r.unique_id === "source.fixture.shop.events");
    expect(events.criteria.filter).toBe("kind = 'real'");
    expect(artifact.results.find((r: { unique_id: string }) => r.unique_id === "source.fixture.crm.contacts").error).toContain("TSDBT-E520");
    expect(run.output).toMatch(/\d of 6 PASS freshness of shop\.orders \.+ \[PASS in /);
    expect(run.output).toMatch(/\d of 6 WARN freshness of shop\.payments \.+ \[WARN in /);
    expect(run.output).toMatch(/\d of 6 ERROR STALE freshness of shop\.refunds \.+ \[ERROR STALE in /);
    expect(run.output).toMatch(/\d of 6 ERROR freshness of crm\.contacts \.+ \[ERROR\]/);
    expect(run.output).toContain("Done. PASS=2 WARN=1 ERROR=3 SKIP=0 NO-OP=0 TOTAL=6");
  });

  it("selects with source:x+ and exits 0 when only warnings remain", async () => {
    const crm = await runApi(["source", "freshness", "--select", "source:crm.accounts+"], { project });
    expect(crm.exitCode).toBe(0);
    expect(crm.output).toContain("Done. PASS=1 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=1");
    const warnOnly = await runApi(["source", "freshness", "-s", "source:shop.payments", "source:shop.orders"], { project });
    expect(warnOnly.exitCode).toBe(0);
    expect(warnOnly.output).toContain("Done. PASS=1 WARN=1 ERROR=0 SKIP=0 NO-OP=0 TOTAL=2");
  });

  it("rejects an unknown subcommand as a usage error", async () => {
    const run = await runApi(["source", "fresh"], { project });
    expect(run.exitCode).toBe(2);
    expect(run.output).toContain("'freshness'");
  });
});
