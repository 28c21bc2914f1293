/**
 * A seed of an installed package is read from the package's own folder (dbt-core 1.10 loads
 * dbt_project_evaluator's `seeds/dbt_project_evaluator_exceptions.csv` from dbt_packages/), even
 * when the root project has no file at that path.
 */
import { makeProject, removeAllProjects, runApi } from "./helpers/fixture-project";

afterAll(() => removeAllProjects());

describe("seed of an installed package", () => {
  it("loads the package's CSV and builds on it", async () => {
    const p = makeProject({
      "packages.yml": "packages:\n  - local: dbt_packages/pkg\n",
      "dbt_packages/pkg/dbt_project.yml": "name: pkg\nconfig-version: 2\n",
      "dbt_packages/pkg/seeds/pkg_codes.csv": "code,label\n1,one\n2,two\n",
      "models/code_count.sql": "select count(*) as n from {{ ref('pkg_codes') }}\n",
    });
    const r = await runApi(["build", "-s", "+code_count"], { project: p });
    expect(r.stdout).toMatch(/OK loaded seed file main\.pkg_codes/);
    expect(r.stdout).toContain("Done. PASS=2 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=2");
    const show = await runApi(["show", "-s", "code_count", "--output", "json"], { project: p });
    expect(show.stdout).toMatch(/"n": ?2\b/);
  });
});
