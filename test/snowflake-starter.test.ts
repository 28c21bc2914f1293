/**
 * `tsdbt init NAME snowflake`: the starter's profile reads every connection setting from
 * SNOWFLAKE_* variables, and a parse (no connection) names relations as dbt-snowflake does:
 * unquoted, so Snowflake folds them to upper case.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runBin } from "./helpers/fixture-project";

test("init NAME snowflake writes a Snowflake starter whose relations are unquoted", async () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-init-sf-"));
  try {
    const created = await runBin(["init", "shop_sf", "snowflake"], { projectFlags: false, cwd });
    expect(created.exitCode).toBe(0);
    const dir = path.join(cwd, "shop_sf");
    const profiles = fs.readFileSync(path.join(dir, "profiles.yml"), "utf8");
    expect(profiles).toMatch(/^shop_sf:$/m);
    expect(profiles).toMatch(/type: snowflake/);
    expect(profiles).toContain("schema: \"{{ env_var('SNOWFLAKE_SCHEMA', 'shop_sf') }}\"");
    expect(profiles).not.toContain("__PROJECT_NAME__");
    const env = { SNOWFLAKE_ACCOUNT: "xy12345", SNOWFLAKE_USER: "ann", SNOWFLAKE_PASSWORD: "not-used-by-parse" };
    const parsed = await runBin(["parse"], { projectFlags: false, cwd: dir, env });
    expect(parsed.exitCode).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "target", "manifest.json"), "utf8"));
    expect(manifest.nodes["model.shop_sf.my_first_model"].relation_name).toBe("ANALYTICS.shop_sf.my_first_model");
    expect(manifest.metadata.adapter_type).toBe("snowflake");
    // without the password variable the profile cannot be rendered: a clear error, no secret shown
    const missing = await runBin(["parse"], { projectFlags: false, cwd: dir, env: { ...env, SNOWFLAKE_PASSWORD: undefined } });
    expect(missing.exitCode).toBe(2);
    expect(missing.stdout + missing.stderr).toMatch(/SNOWFLAKE_PASSWORD/);
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
});
