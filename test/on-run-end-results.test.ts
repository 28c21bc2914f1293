/**
 * on-run-end hooks read `results` as dbt's RunResult objects: each carries its `node` (name,
 * resource_type, config…) besides status and failures. Expected lines: what dbt-core 1.10.23
 * logged for the same hook.
 */
import { makeProject, removeAllProjects, runApi } from "./helpers/fixture-project";

afterAll(() => removeAllProjects());

const HOOK = "{% for r in results | sort(attribute='unique_id') %}{% do log('R ' ~ r.node.name ~ ':' ~ r.node.resource_type ~ ':' ~ r.node.config.materialized ~ ':' ~ r.status ~ ':' ~ r.failures, info=True) %}{% endfor %}";

describe("on-run-end results", () => {
  it("give each result's node", async () => {
    const p = makeProject();
    p.write({ "dbt_project.yml": `name: fixture\nversion: '1.0.0'\nconfig-version: 2\nprofile: fixture\non-run-end:\n  - ${JSON.stringify(HOOK)}\n` });
    const r = await runApi(["build", "-s", "customers"], { project: p });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split("\n").filter((l) => / R /.test(l)).map((l) => l.replace(/^.* R /, "R "))).toEqual([
      "R customers:model:view:success:None",
      "R not_null_customers_id:test:test:pass:0",
      "R unique_customers_id:test:test:pass:0",
    ]);
  });
});
