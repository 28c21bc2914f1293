/**
 * `invocation_args_dict` (which dbt_artifacts and other packages store) against dbt-core 1.10's:
 * an on-run-start hook prints it, for the command lines test/fixtures/invocation-args/dbt-core.json
 * recorded. Entries that name this machine's folders or the command line itself are checked apart.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { makeProject, removeAllProjects, runApi } from "./helpers/fixture-project";

afterAll(removeAllProjects);

const golden = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "invocation-args", "dbt-core.json"), "utf8")) as Record<string, Record<string, unknown>>;
const MACHINE_SPECIFIC = ["project_dir", "profiles_dir", "log_path", "invocation_command"];
const withoutMachineSpecific = (dict: Record<string, unknown>) => Object.fromEntries(Object.entries(dict).filter(([k]) => !MACHINE_SPECIFIC.includes(k)));

const cases: [string, string[]][] = [
  ["run -s a --threads 2 --target dev --fail-fast --vars '{x: 1}'", ["run", "-s", "a", "--threads", "2", "--target", "dev", "--fail-fast", "--vars", "{x: 1}"]],
  ["build -s a --full-refresh", ["build", "-s", "a", "--full-refresh"]],
];

describe("invocation_args_dict as dbt-core gives it", () => {
  it.each(cases)("%s", async (label, argv) => {
    const project = makeProject({
      "models/customers.sql": null,
      "models/orders.sql": null,
      "models/customer_orders.sql": null,
      "models/schema.yml": null,
      "models/a.sql": "select 1 as id\n",
      "macros/dump.sql": "{% macro dump() %}{% do print('IAD ' ~ tojson(invocation_args_dict)) %}{% endmacro %}\n",
      "dbt_project.yml": "name: fixture\nprofile: fixture\nversion: '1.0'\non-run-start:\n  - \"{{ dump() }}\"\n",
    });
    const run = await runApi(argv, { project });
    expect(run.exitCode).toBe(0);
    const dict = JSON.parse(/IAD (.*)/.exec(run.output)![1]) as Record<string, unknown>;
    expect(withoutMachineSpecific(dict)).toEqual(withoutMachineSpecific(golden[label]));
    // dbt's order of keys changes from run to run; tsdbt's is sorted
    expect(Object.keys(dict)).toEqual(Object.keys(dict).sort());
    expect(dict).toMatchObject({ project_dir: project.dir, profiles_dir: project.dir, log_path: path.join(project.dir, "logs"), invocation_command: `tsdbt ${[...argv, "--project-dir", project.dir, "--profiles-dir", project.dir].join(" ")}` });
    // dbt's is its whole command line joined by blanks, unquoted (recorded with `--profiles-dir .`): tsdbt's has the same words after its own name
    expect(String(golden[label]!.invocation_command)).toBe(`dbt ${argv.join(" ")} --profiles-dir .`);
  });
});
