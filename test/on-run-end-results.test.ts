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

  it("are dbt's RunResult objects: phases as datetimes, no batch results or agate table, to_dict(), and a skipped node not compiled", async () => {
    // dbt-core 1.10.23 on PostgreSQL logged these lines for the same models, tests and hook
    const hook = [
      "{% for r in results | sort(attribute='node.unique_id') %}{% set d = r.to_dict() %}",
      "{% do log('RR ' ~ r.node.name ~ '|' ~ r.status ~ '|' ~ r.failures ~ '|' ~ (r.timing | map(attribute='name') | join(',')) ~ '|' ~ ((r.timing[0].started_at.year > 2000) if r.timing else '-') ~ '|' ~ (r.batch_results is none) ~ '|' ~ (r.agate_table is none) ~ '|' ~ (r.node.compiled_code is not none) ~ '|' ~ (d.keys() | list | sort | join(',')) ~ '|' ~ ((d.timing[0].started_at is string) if d.timing else '-') ~ '|' ~ (d.node.unique_id == r.node.unique_id) ~ '|' ~ ('compiled_code' in d.node) ~ '|' ~ d.node.config_call_dict ~ '|' ~ (r.unique_id is defined), info=True) %}",
      "{% endfor %}",
    ].join("");
    const p = makeProject({
      "dbt_project.yml": `name: fixture\nversion: '1.0.0'\nconfig-version: 2\nprofile: fixture\non-run-end:\n  - ${JSON.stringify(hook)}\n`,
      "models/a.sql": "select 1 as id\n",
      "models/b.sql": "select * from {{ ref('a') }} where id > 1\n",
      "models/s.yml": "version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        data_tests: [unique, {accepted_values: {arguments: {values: [2]}}}]\n",
    });
    const r = await runApi(["build", "-s", "a", "b"], { project: p });
    const keys = "adapter_response,agate_table,batch_results,execution_time,failures,message,node,status,thread_id,timing";
    expect(r.stdout.split("\n").filter((l) => / RR /.test(l)).map((l) => l.replace(/^.* RR /, "RR "))).toEqual([
      `RR a|success|None|compile,execute|True|True|True|True|${keys}|True|True|True|{}|False`,
      `RR b|skipped|None||-|True|True|False|${keys}|-|True|False|{}|False`,
      `RR accepted_values_a_id__2|fail|1|compile,execute|True|True|True|True|${keys}|True|True|True|{}|False`,
      `RR unique_a_id|pass|0|compile,execute|True|True|True|True|${keys}|True|True|True|{}|False`,
    ]);
  });
});
