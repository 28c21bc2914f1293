import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { loadProfile, profileFromText } from "./load-profile";

const PROFILES = `
config:
  send_anonymous_usage_stats: false
shop:
  target: "{{ env_var('SHOP_TARGET', 'dev') }}"
  outputs:
    dev:
      type: duckdb
      path: dev.duckdb
      threads: 4
    prod:
      type: postgres
      host: db
      port: "{{ env_var('PGPORT') }}"
      user: "{{ env_var('PGUSER') }}"
      dbname: warehouse
      schema: analytics
      threads: "{{ env_var('THREADS', '8') }}"
`;

describe("profileFromText", () => {
  it("picks the profile's default target and fills in what the adapter needs", () => {
    const { value, diagnostics } = profileFromText(PROFILES, "/home/u/.dbt/profiles.yml", { profileName: "shop", env: {} });
    expect(diagnostics).toEqual([]);
    expect(value).toEqual({
      profileName: "shop",
      targetName: "dev",
      target: { type: "duckdb", path: "dev.duckdb", threads: 4, schema: "main" },
      threads: 4,
      file: "/home/u/.dbt/profiles.yml",
      config: { send_anonymous_usage_stats: false },
    });
  });

  it("reads secret env vars (DBT_ENV_SECRET…), which only profiles.yml and packages.yml may, and renders natively", () => {
    const text = "p:\n  target: dev\n  outputs:\n    dev:\n      type: postgres\n      password: \"{{ env_var('DBT_ENV_SECRET_PW') }}\"\n      port: \"{{ env_var('PGPORT') | as_number }}\"\n      schema: s\n";
    const { value, diagnostics } = profileFromText(text, "profiles.yml", { profileName: "p", env: { DBT_ENV_SECRET_PW: "pw", PGPORT: "5433" } });
    expect(diagnostics).toEqual([]);
    expect(value!.target).toMatchObject({ password: "pw", port: 5433 });
  });

  it("renders env_var in the chosen target only, with integers for port and threads", () => {
    const env = { PGPORT: "5433", PGUSER: "me" };
    const { value, diagnostics } = profileFromText(PROFILES, "profiles.yml", { profileName: "shop", targetName: "prod", env });
    expect(diagnostics).toEqual([]);
    expect(value!.target).toMatchObject({ type: "postgres", port: 5433, user: "me", schema: "analytics", database: "warehouse", threads: 8 });
    expect(value!.threads).toBe(8);
  });

  it("takes the target from an env var in the profile's target key", () => {
    const { diagnostics } = profileFromText(PROFILES, "profiles.yml", { profileName: "shop", env: { SHOP_TARGET: "prod" } });
    expect(diagnostics).toHaveLength(2);
    expect(diagnostics.map((d) => d.code)).toEqual(["TSDBT-E004", "TSDBT-E004"]);
    expect(diagnostics[0]).toMatchObject({ file: "profiles.yml", line: 14, col: 13 });
    expect(diagnostics[0].message).toContain("'PGPORT'");
  });

  it("reports an unknown profile as TSDBT-E005 listing the profiles", () => {
    const { value, diagnostics } = profileFromText(PROFILES, "profiles.yml", { profileName: "shopp", env: {} });
    expect(value).toBeNull();
    expect(diagnostics[0]).toMatchObject({ code: "TSDBT-E005", file: "profiles.yml" });
    expect(diagnostics[0].message).toContain("'shopp'");
    expect(diagnostics[0].hint).toContain("Available profiles: shop.");
  });

  it("reports an unknown target as TSDBT-E006 listing the targets", () => {
    const { diagnostics } = profileFromText(PROFILES, "profiles.yml", { profileName: "shop", targetName: "qa", env: {} });
    expect(diagnostics[0]).toMatchObject({ code: "TSDBT-E006", file: "profiles.yml" });
    expect(diagnostics[0].message).toContain("'qa'");
    expect(diagnostics[0].hint).toContain("Available targets: dev, prod.");
    const viaKey = profileFromText("p:\n  target: nope\n  outputs: {dev: {type: duckdb}}\n", "profiles.yml", { profileName: "p", env: {} });
    expect(viaKey.diagnostics[0]).toMatchObject({ code: "TSDBT-E006", line: 2, col: 11 });
  });

  it("reports a target without type, schema or with bad threads at the key", () => {
    const text = "p:\n  target: dev\n  outputs:\n    dev:\n      host: x\n      threads: 0\n";
    const { value, diagnostics } = profileFromText(text, "profiles.yml", { profileName: "p", env: {} });
    expect(value).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual(["TSDBT-E003", "TSDBT-E003", "TSDBT-E003"]);
    expect(diagnostics[0].message).toContain("no adapter 'type'");
    expect(diagnostics[2]).toMatchObject({ line: 6, col: 16 });
  });
});

describe("loadProfile", () => {
  const write = async (dir: string, profile: string) => {
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "profiles.yml"), `${profile}:\n  target: dev\n  outputs: {dev: {type: duckdb}}\n`);
  };

  it("looks in --profiles-dir, then DBT_PROFILES_DIR, then the project, then ~/.dbt", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "tsdbt-prof-"));
    const [flag, envDir, project, home] = ["flag", "env", "project", "home"].map((d) => path.join(root, d));
    await write(flag, "a");
    await write(envDir, "a");
    await write(path.join(home, ".dbt"), "a");
    await mkdir(project, { recursive: true });
    const base = { projectDir: project, profileName: "a", homeDir: home };
    expect((await loadProfile({ ...base, profilesDir: flag, env: { DBT_PROFILES_DIR: envDir } })).value!.file).toBe(path.join(flag, "profiles.yml"));
    expect((await loadProfile({ ...base, env: { DBT_PROFILES_DIR: envDir } })).value!.file).toBe(path.join(envDir, "profiles.yml"));
    expect((await loadProfile({ ...base, env: { TSDBT_PROFILES_DIR: envDir } })).value!.file).toBe(path.join(envDir, "profiles.yml"));
    expect((await loadProfile({ ...base, env: {} })).value!.file).toBe(path.join(home, ".dbt", "profiles.yml"));
    await write(project, "a");
    expect((await loadProfile({ ...base, env: {} })).value!.file).toBe(path.join(project, "profiles.yml"));
  });

  it("reports TSDBT-E005 naming every folder looked in when there is no profiles.yml", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "tsdbt-prof-"));
    const { value, diagnostics } = await loadProfile({ projectDir: root, profileName: "a", env: {}, homeDir: path.join(root, "home") });
    expect(value).toBeNull();
    expect(diagnostics[0].code).toBe("TSDBT-E005");
    expect(diagnostics[0].message).toContain(path.join(root, "home", ".dbt"));
    expect(diagnostics[0].hint).toContain("--profiles-dir");
  });
});
