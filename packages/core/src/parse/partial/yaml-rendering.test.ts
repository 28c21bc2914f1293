import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { compileProject } from "../../compile/compile-project";
import { parseProject } from "../parse-project";
import { saveParse } from "./parse-state";
import { loadPartialParse, tryPartialParse } from "./partial-parse";

function writeProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-yaml-partial-"));
  const files: Record<string, string> = {
    "dbt_project.yml": "name: shop\nprofile: shop\nmodels:\n  shop:\n    +materialized: \"{{ 'table' if target.name == 'dev' else 'view' }}\"\n",
    "profiles.yml": "shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/shop.duckdb\n      schema: analytics\n",
    "models/a.sql": "select 1 as id",
    "models/b.sql": "select * from {{ source('raw', 'orders') }}",
    "models/schema.yml": [
      "version: 2",
      "models:",
      "  - name: a",
      "    config:",
      "      meta: {built_for: \"{{ target.name }}\", owner: \"{{ env_var('OWNER', 'nobody') }}\"}",
      "sources:",
      "  - name: raw",
      "    schema: \"{{ env_var('SRC_SCHEMA', 'raw') }}\"",
      "    tables:",
      "      - name: orders",
    ].join("\n"),
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const varying = new Set(["created_at", "generated_at", "invocation_id", "invocation_started_at"]);
const plain = (m: unknown) => JSON.parse(JSON.stringify(m), (k, v) => (varying.has(k) ? undefined : v));

describe("partial parse of a project whose YAML holds Jinja", () => {
  it("renders dbt_project.yml with the target and properties files at parse", async () => {
    const dir = writeProject();
    const { manifest } = await parseProject({ projectDir: dir, env: { SRC_SCHEMA: "landing" } });
    expect(manifest.nodes["model.shop.a"].config).toMatchObject({ materialized: "table", meta: { built_for: "dev", owner: "nobody" } });
    expect(manifest.sources["source.shop.raw.orders"].schema).toBe("landing");
  });

  it("parses everything again when an env var a properties file read changes", async () => {
    const dir = writeProject();
    saveParse(await parseProject({ projectDir: dir, env: {} }));
    const unchanged = await tryPartialParse({ projectDir: dir, env: {} });
    expect(unchanged.reused).toBe(true);
    const changed = await tryPartialParse({ projectDir: dir, env: { SRC_SCHEMA: "landing" } });
    expect(changed.reused).toBe(false);
    expect(!changed.reused && changed.reason).toBe("env var SRC_SCHEMA changed");
  });

  it("gives an edited model its rendered properties, as a full parse does", async () => {
    const dir = writeProject();
    const options = { projectDir: dir, env: { OWNER: "data-team" } };
    saveParse(await parseProject(options));
    fs.appendFileSync(path.join(dir, "models/a.sql"), "\n-- edited\n");
    const partial = await loadPartialParse(options);
    expect(partial.reused && partial.changedFiles).toEqual(["models/a.sql"]);
    if (!partial.reused) return;
    expect(partial.parsed.manifest.nodes["model.shop.a"].config.meta).toEqual({ built_for: "dev", owner: "data-team" });
    const full = await parseProject({ ...options, fullRender: true });
    expect(plain(partial.parsed.manifest)).toEqual(plain(full.manifest));
  });

  // dbt-core 1.10.23 compiled `select '{{ var("later") }}' as a, {{ var("n", "{{ 1 + 1 }}") }} as b, '{{ var("from_cli") }}' as c`
  // with vars {later: "{{ target.name }}"} and --vars '{from_cli: "{{ target.type }}"}' on target dev of postgres to
  // `select 'dev' as a, {{ 1 + 1 }} as b, 'postgres' as c`: a var's own Jinja renders when read, a default's does not.
  it("renders the Jinja of a var's value when a model reads it, not of a default", async () => {
    const dir = writeProject();
    fs.appendFileSync(path.join(dir, "dbt_project.yml"), "vars:\n  later: \"{{ target.name }}\"\n");
    fs.writeFileSync(path.join(dir, "models/c.sql"), `select '{{ var("later") }}' as a, {{ var("n", "{{ 1 + 1 }}") }} as b, '{{ var("from_cli") }}' as c`);
    const parsed = await parseProject({ projectDir: dir, env: {}, vars: '{from_cli: "{{ target.type }}"}' });
    await compileProject(parsed, { write: false });
    expect(parsed.manifest.nodes["model.shop.c"].compiled_code).toBe("select 'dev' as a, {{ 1 + 1 }} as b, 'duckdb' as c");
  });
});
