/** `tsdbt init NAME bigquery`: a BigQuery starter that parses and compiles offline. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runBin } from "./helpers/fixture-project";

test("init NAME bigquery writes a BigQuery starter that parses and compiles without connecting", async () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-init-bq-"));
  try {
    const r = await runBin(["init", "shop_bq", "bigquery"], { projectFlags: false, cwd });
    expect(r.exitCode).toBe(0);
    const dir = path.join(cwd, "shop_bq");
    const profiles = fs.readFileSync(path.join(dir, "profiles.yml"), "utf8");
    expect(profiles).toMatch(/^shop_bq:$/m);
    expect(profiles).toMatch(/type: bigquery/);
    expect(profiles).toContain("dataset: \"{{ env_var('BIGQUERY_DATASET', 'shop_bq') }}\"");
    expect(fs.readFileSync(path.join(dir, "README.md"), "utf8")).not.toContain("__PROJECT_NAME__");
    const env = { BIGQUERY_PROJECT: "acme-data" };
    expect((await runBin(["parse"], { projectFlags: false, cwd: dir, env })).exitCode).toBe(0);
    const compiled = await runBin(["compile"], { projectFlags: false, cwd: dir, env });
    expect(compiled.exitCode).toBe(0);
    const second = fs.readFileSync(path.join(dir, "target/compiled/shop_bq/models/example/my_second_model.sql"), "utf8");
    // BigQuery names: project.dataset.table in backticks
    expect(second).toContain("from `acme-data`.`shop_bq`.`my_first_model`");
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}, 60000);
