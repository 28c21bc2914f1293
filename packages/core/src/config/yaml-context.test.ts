import { createYamlContext, targetContext, unsetTarget } from "./yaml-context";
import type { LoadedProfile } from "./load-profile";

const profile: LoadedProfile = {
  profileName: "p1",
  targetName: "dev",
  target: { type: "postgres", host: "127.0.0.1", port: 5432, user: "postgres", password: "secret", dbname: "test", schema: "yaml_helper_s", threads: 1 },
  threads: 1,
  file: "profiles.yml",
  config: {},
};

describe("targetContext", () => {
  // dbt-core 1.10.23 (postgres): `target.keys()` held name, target_name, profile_name, type, threads, schema,
  // database, dbname, host, port, user and the adapter's optional settings, never the password.
  it("shows the target's settings without secrets, with dbt's names for the target and profile", () => {
    const target = targetContext(profile, { database: "test", schema: "yaml_helper_s" });
    expect(target).toMatchObject({ name: "dev", target_name: "dev", profile_name: "p1", type: "postgres", threads: 1, schema: "yaml_helper_s", database: "test", dbname: "test", host: "127.0.0.1", port: 5432, user: "postgres" });
    expect(target).not.toHaveProperty("password");
  });

  it("fills in the adapter's defaults for settings the profile leaves out", () => {
    const target = targetContext({ ...profile, target: { ...profile.target, connect_timeout: 3 } }, { database: "test", schema: "s" }, { connect_timeout: 10, role: null });
    expect(target).toMatchObject({ connect_timeout: 3, role: null });
  });

  it("reads every key of an unset target (commands without a profile) as empty text", () => {
    const target = unsetTarget();
    expect(target.type).toBe("");
    expect((target as Record<string, unknown>).anything).toBe("");
  });
});

describe("createYamlContext", () => {
  // dbt-core 1.10.23 in dbt_project.yml: `builtins is defined` True, `project_name is defined` False, flags.WHICH 'parse'
  it("has dbt's base context and builtins, and project_name only where dbt has it (properties files)", () => {
    const ctx = createYamlContext({ env: {}, target: targetContext(profile, { database: "test", schema: "s" }), flags: { WHICH: "parse" }, invocationId: "abc" });
    expect(ctx).toHaveProperty("builtins");
    expect(ctx).toHaveProperty("modules");
    expect(ctx).toHaveProperty("run_started_at");
    expect(ctx.invocation_id).toBe("abc");
    expect((ctx.flags as Record<string, unknown>).WHICH).toBe("parse");
    expect(ctx).not.toHaveProperty("project_name");
    expect(createYamlContext({ env: {}, projectName: "p1" }).project_name).toBe("p1");
    expect(createYamlContext({ env: {} })).not.toHaveProperty("target");
  });
});
