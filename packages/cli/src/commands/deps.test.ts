/**
 * `tsdbt deps` against a package hub on 127.0.0.1 and local git repositories: what gets
 * installed where, package-lock.yml as dbt writes it, version ranges, --upgrade, --lock,
 * --add-package and the errors. No network.
 */
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { invoke } from "../invoke";
import { FakeHub, gitCommit, packageFiles, writeTree } from "../deps/__fixtures__/package-hub";

let hub: FakeHub;
let work: string;
let repo: string;
let v1: string;

beforeAll(async () => {
  hub = await FakeHub.start();
  work = mkdtempSync(path.join(os.tmpdir(), "tsdbt-deps-"));
  for (const v of ["1.0.0", "1.2.0", "2.0.0"]) hub.publish("acme/pkg_a", { version: v, files: packageFiles("pkg_a", v) });
  hub.publish("acme/pkg_a", { version: "2.1.0-rc1", files: packageFiles("pkg_a", "2.1.0-rc1") });
  const needsA = [{ package: "acme/pkg_a", version: [">=1.0.0", "<2.0.0"] }];
  hub.publish("acme/pkg_b", { version: "0.1.0", files: packageFiles("pkg_b", "0.1.0", "packages:\n  - package: acme/pkg_a\n    version: [\">=1.0.0\", \"<2.0.0\"]\n"), packages: needsA });
  hub.publish("acme/future", { version: "1.0.0", files: packageFiles("future", "1.0.0") });
  hub.publish("acme/future", { version: "1.1.0", files: packageFiles("future", "1.1.0"), requireDbtVersion: [">=99.0.0"] });
  repo = path.join(work, "repo");
  v1 = gitCommit(repo, { "sub/dbt_project.yml": "name: pkg_g\nversion: '1.0'\nconfig-version: 2\n", "sub/macros/g.sql": "{% macro g() %}v1{% endmacro %}\n" }, "v1");
  gitCommit(repo, { "sub/macros/g.sql": "{% macro g() %}v2{% endmacro %}\n" });
  writeTree(path.join(work, "local_c"), packageFiles("pkg_c", "0.0.1"));
});

afterAll(async () => {
  await hub.close();
  rmSync(work, { recursive: true, force: true });
});

let n = 0;
function project(packagesYml?: string): string {
  const dir = path.join(work, `proj${++n}`);
  writeTree(dir, { "dbt_project.yml": "name: proj\nversion: '1.0'\nconfig-version: 2\nprofile: p\n", ...(packagesYml ? { "packages.yml": packagesYml } : {}) });
  return dir;
}

async function deps(dir: string, extra: string[] = [], env: Record<string, string> = {}) {
  const events: { name: string; msg: string }[] = [];
  const r = await invoke(["deps", "--project-dir", dir, ...extra], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DBT_PACKAGE_HUB_URL: hub.url, ...env },
    write: () => undefined,
    onEvent: (e) => events.push({ name: e.name, msg: e.msg }),
  });
  return { exitCode: r.exitCode, diagnostics: r.diagnostics ?? [], events };
}

const read = (dir: string, rel: string) => readFileSync(path.join(dir, rel), "utf8");

describe("tsdbt deps", () => {
  it("installs hub, git, tarball and local packages under their project names and writes dbt's lock", async () => {
    const tarball = hub.serveTarball("pkg_t.tar.gz", "whatever-folder", packageFiles("pkg_t_inner", "3.0.0"));
    const dir = project(
      [
        "packages:",
        "  - package: acme/pkg_b",
        "    version: 0.1.0",
        "  - package: acme/pkg_a",
        '    version: ">=1.1.0"',
        `  - git: "${repo}"`,
        "    revision: v1",
        "    subdirectory: sub",
        `  - tarball: ${tarball}`,
        "    name: pkg_t",
        "  - local: ../local_c",
        "",
      ].join("\n"),
    );
    const r = await deps(dir);
    expect(r.diagnostics).toEqual([]);
    expect(r.exitCode).toBe(0);
    // >=1.1.0 here and <2.0.0 from pkg_b's own packages.yml: dbt picks 1.2.0
    expect(read(dir, "dbt_packages/pkg_a/macros/pkg_a_version.sql")).toContain("1.2.0");
    expect(read(dir, "dbt_packages/pkg_b/dbt_project.yml")).toContain("name: pkg_b");
    expect(read(dir, "dbt_packages/pkg_g/macros/g.sql")).toContain("v1");
    expect(read(dir, "dbt_packages/pkg_t/macros/pkg_t_inner_version.sql")).toContain("3.0.0");
    expect(lstatSync(path.join(dir, "dbt_packages/pkg_c")).isSymbolicLink()).toBe(true);
    // the layout dbt-core 1.10 writes for the same entries
    const lock = read(dir, "package-lock.yml");
    expect(lock.replace(/sha1_hash: [0-9a-f]{40}/, "sha1_hash: H")).toBe(
      [
        "packages:",
        "  - name: pkg_b",
        "    package: acme/pkg_b",
        "    version: 0.1.0",
        "  - name: pkg_a",
        "    package: acme/pkg_a",
        "    version: 1.2.0",
        `  - git: ${repo}`,
        "    name: pkg_g",
        `    revision: ${v1}`,
        "    subdirectory: sub",
        "  - name: pkg_t",
        `    tarball: ${tarball}`,
        "  - local: ../local_c",
        "    name: pkg_c",
        "sha1_hash: H",
        "",
      ].join("\n"),
    );
    const names = r.events.map((e) => e.name);
    expect(names).toContain("DepsLockUpdating");
    expect(r.events.filter((e) => e.name === "DepsUpdateAvailable").map((e) => e.msg)).toEqual(["Updated version available: 2.0.0"]);
    expect(r.events.find((e) => e.name === "DepsListSubdirectory")?.msg).toBe("and subdirectory sub");
  });

  it("keeps the locked versions while packages.yml is unchanged, and resolves again with --upgrade", async () => {
    hub.publish("acme/lockme", { version: "1.0.0", files: packageFiles("lockme", "1.0.0") });
    const dir = project('packages:\n  - package: acme/lockme\n    version: [">=1.0.0", "<2.0.0"]\n');
    expect((await deps(dir)).exitCode).toBe(0);
    const firstLock = read(dir, "package-lock.yml");
    hub.publish("acme/lockme", { version: "1.5.0", files: packageFiles("lockme", "1.5.0") });
    const again = await deps(dir);
    expect(again.exitCode).toBe(0);
    expect(again.events.map((e) => e.name)).not.toContain("DepsLockUpdating");
    expect(read(dir, "package-lock.yml")).toBe(firstLock);
    expect(read(dir, "dbt_packages/lockme/macros/lockme_version.sql")).toContain("1.0.0");

    const up = await deps(dir, ["--upgrade"]);
    expect(up.exitCode).toBe(0);
    expect(read(dir, "package-lock.yml")).toContain("version: 1.5.0");
    expect(read(dir, "dbt_packages/lockme/macros/lockme_version.sql")).toContain("1.5.0");

    // an edited packages.yml (another hash) resolves again without --upgrade
    writeFileSync(path.join(dir, "packages.yml"), "packages:\n  - package: acme/lockme\n    version: 1.0.0\n");
    expect((await deps(dir)).exitCode).toBe(0);
    expect(read(dir, "package-lock.yml")).toContain("version: 1.0.0");
  });

  it("honours a package-lock.yml written by dbt while its sha1_hash matches packages.yml", async () => {
    const dir = project('packages:\n  - package: acme/pkg_a\n    version: [">=1.0.0", "<2.0.0"]\n');
    // dbt-core 1.10.23 wrote sha1_hash 2983f4db… for this packages.yml; the version is edited to 1.0.0
    writeFileSync(path.join(dir, "package-lock.yml"), "packages:\n  - name: pkg_a\n    package: acme/pkg_a\n    version: 1.0.0\nsha1_hash: 2983f4db41939c6eb24af2c503d72e72e42d521e\n");
    const r = await deps(dir);
    expect(r.exitCode).toBe(0);
    expect(r.events.map((e) => e.name)).not.toContain("DepsLockUpdating");
    expect(read(dir, "dbt_packages/pkg_a/macros/pkg_a_version.sql")).toContain("1.0.0");
  });

  it("--lock writes package-lock.yml and installs nothing", async () => {
    const dir = project("packages:\n  - package: acme/pkg_a\n    version: 1.0.0\n");
    const r = await deps(dir, ["--lock"]);
    expect(r.exitCode).toBe(0);
    expect(read(dir, "package-lock.yml")).toContain("  - name: pkg_a\n    package: acme/pkg_a\n    version: 1.0.0\n");
    expect(existsSync(path.join(dir, "dbt_packages"))).toBe(false);
  });

  it("leaves packages uninstalled with --lock, which parse then reports (TSDBT-E009)", async () => {
    const dir = project("packages:\n  - package: acme/pkg_a\n    version: 1.0.0\n");
    writeTree(dir, { "profiles.yml": "p:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ':memory:'\n      threads: 1\n" });
    expect((await deps(dir, ["--lock"])).exitCode).toBe(0);
    const parse = await invoke(["parse", "--project-dir", dir, "--profiles-dir", dir, "--no-partial-parse"], { cwd: dir, env: { PATH: process.env.PATH, HOME: process.env.HOME }, write: () => undefined });
    expect((parse.diagnostics ?? []).map((d) => d.code)).toContain("TSDBT-E009");
  });

  it("--add-package adds the entry to packages.yml (replacing the same package) and installs it", async () => {
    const dir = project("packages:\n  - package: acme/pkg_a\n    version: 1.0.0\n");
    const r = await deps(dir, ["--add-package", "acme/pkg_a@1.2.0"]);
    expect(r.exitCode).toBe(0);
    expect(read(dir, "packages.yml")).toBe("packages:\n  - package: acme/pkg_a\n    version: 1.2.0\n");
    expect(read(dir, "dbt_packages/pkg_a/macros/pkg_a_version.sql")).toContain("1.2.0");
    expect(r.events.map((e) => e.name)).toEqual(expect.arrayContaining(["DepsFoundDuplicatePackage", "DepsAddPackage"]));

    const rootRepo = path.join(work, "root_repo");
    const tagged = gitCommit(rootRepo, packageFiles("pkg_r", "0.3.0"), "0.3.0");
    const fresh = project();
    const g = await deps(fresh, ["--add-package", `${rootRepo}@0.3.0`, "--source", "git"]);
    expect(g.diagnostics).toEqual([]);
    expect(read(fresh, "packages.yml")).toBe(`packages:\n  - git: ${rootRepo}\n    revision: 0.3.0\n`);
    expect(read(fresh, "package-lock.yml")).toContain(`revision: ${tagged}`);
    expect(read(fresh, "dbt_packages/pkg_r/macros/pkg_r_version.sql")).toContain("0.3.0");
  });

  it("locks an unpinned git package to its current commit and warns unless warn-unpinned is false", async () => {
    const head = gitCommit(repo, { "sub/macros/g.sql": "{% macro g() %}v3{% endmacro %}\n" });
    const dir = project(`packages:\n  - git: "${repo}"\n    subdirectory: sub\n`);
    const r = await deps(dir);
    expect(r.exitCode).toBe(0);
    expect(read(dir, "package-lock.yml")).toContain(`revision: ${head}\n`);
    expect(read(dir, "dbt_packages/pkg_g/macros/g.sql")).toContain("v3");
    expect(r.events.filter((e) => e.name === "DepsUnpinned")).toHaveLength(1);
    // a new commit upstream: the lock keeps the package at the locked commit
    gitCommit(repo, { "sub/macros/g.sql": "{% macro g() %}v4{% endmacro %}\n" });
    expect((await deps(dir)).exitCode).toBe(0);
    expect(read(dir, "dbt_packages/pkg_g/macros/g.sql")).toContain("v3");
    const quiet = project(`packages:\n  - git: "${repo}"\n    subdirectory: sub\n    warn-unpinned: false\n`);
    const q = await deps(quiet);
    expect(q.exitCode).toBe(0);
    expect(q.events.filter((e) => e.name === "DepsUnpinned")).toHaveLength(0);
  });

  it("installs prereleases only when asked, and skips versions for another dbt", async () => {
    const pre = project("packages:\n  - package: acme/pkg_a\n    version: \">=2.0.0\"\n    install-prerelease: true\n  - package: acme/future\n    version: \">=1.0.0\"\n");
    expect((await deps(pre, ["--lock"])).exitCode).toBe(0);
    expect(read(pre, "package-lock.yml")).toContain("version: 2.1.0-rc1");
    expect(read(pre, "package-lock.yml")).toContain("package: acme/future\n    version: 1.0.0");
    const stable = project('packages:\n  - package: acme/pkg_a\n    version: ">=2.0.0"\n');
    expect((await deps(stable, ["--lock"])).exitCode).toBe(0);
    expect(read(stable, "package-lock.yml")).toContain("version: 2.0.0\n");
  });

  it("fails with a coded error and a hint: unknown package, no satisfying version, unreachable hub, bad git revision", async () => {
    const cases: [string, string, Record<string, string>?][] = [
      ["packages:\n  - package: acme/nope\n    version: 1.0.0\n", "TSDBT-E058"],
      ['packages:\n  - package: acme/pkg_a\n    version: "<1.0.0"\n', "TSDBT-E059"],
      ['packages:\n  - package: acme/pkg_a\n    version: [">=2.0.0", "<1.5.0"]\n', "TSDBT-E059"],
      // pkg_b needs pkg_a <2.0.0
      ['packages:\n  - package: acme/pkg_b\n    version: 0.1.0\n  - package: acme/pkg_a\n    version: ">=2.0.0"\n', "TSDBT-E059"],
      ["packages:\n  - package: acme/pkg_a\n    version: 1.0.0\n", "TSDBT-E060", { DBT_PACKAGE_HUB_URL: "http://127.0.0.1:1/" }],
      [`packages:\n  - git: "${repo}"\n    revision: no-such-tag\n`, "TSDBT-E061"],
      ["packages:\n  - package: acme/pkg_a\n    version: one\n", "TSDBT-E062"],
    ];
    for (const [yml, code, env] of cases) {
      const r = await deps(project(yml), [], env);
      expect({ yml, exitCode: r.exitCode, code: r.diagnostics[0]?.code }).toEqual({ yml, exitCode: 2, code });
      expect(r.diagnostics[0]?.hint).toBeTruthy();
    }
  });
});
