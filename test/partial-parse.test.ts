/**
 * Partial parsing: `tsdbt parse` reuses target/partial_parse.json when only models' SQL changed,
 * writes the manifest a full parse would, and parses everything again when anything that can
 * reach other nodes changed (dbt_project.yml, profiles, vars, macros, packages, env vars
 * templates read, properties YAML, files added).
 */
import * as fs from "node:fs";
import { BASE_FILES, makeProject, removeAllProjects, runApi, type FixtureProject } from "./helpers/fixture-project";

afterAll(() => removeAllProjects());

/** The project: a properties patch with a doc() description, a macro call, and env var and var reads. */
const FILES: Record<string, string> = {
  "models/orders.sql": "{{ config(tags=['finance']) }}\nselect 10 as order_id, 1 as customer_id, {{ cents_to_dollars('250') }} as amount\n",
  "models/colors.sql": "{{ config(alias=env_var('TSDBT_PP_ALIAS', 'colors')) }}\nselect 'red' as color\n",
  "models/by_var.sql": "{{ config(schema=var('mart_schema', 'marts')) }}\nselect 1 as x\n",
  "models/docs.md": "{% docs orders_doc %}One row per order.{% enddocs %}\n",
  "models/orders.yml": ["version: 2", "models:", "  - name: orders", "    description: '{{ doc(\"orders_doc\") }}'", "    config:", "      materialized: table", "    columns:", "      - name: order_id", "        data_tests: [not_null]", ""].join("\n"),
};

/** Lines of a parse run: what the user sees. */
async function parse(p: FixtureProject, extra: string[] = [], env: Record<string, string> = {}): Promise<{ output: string; manifest: string; exitCode: number; codes: string[] }> {
  const r = await runApi(["parse", ...extra], { project: p, env });
  const file = p.file("target/manifest.json");
  return { output: r.output, manifest: fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "", exitCode: r.exitCode, codes: r.diagnostics.map((d) => d.code) };
}

/** The manifest without what differs between any two parses (timestamps, invocation ids). */
function normalised(manifest: string): string {
  return manifest.replace(/"created_at":[0-9.e+-]+/g, '"created_at":0').replace(/"generated_at":"[^"]*"/, "").replace(/"invocation_id":"[^"]*"/, "").replace(/"invocation_started_at":"[^"]*"/, "");
}

/** The manifest a full parse writes now (into another target path, leaving target/ alone). */
async function fullParseManifest(p: FixtureProject, extra: string[] = [], env: Record<string, string> = {}): Promise<string> {
  const r = await runApi(["parse", "--no-partial-parse", "--target-path", "target_full", ...extra], { project: p, env });
  expect(r.exitCode).toBe(0);
  return fs.readFileSync(p.file("target_full/manifest.json"), "utf8");
}

const REUSED = /partial parse: (\d+) changed files? read again/;

describe("partial parse", () => {
  it("reads only edited models again and writes the manifest a full parse writes", async () => {
    const p = makeProject(FILES);
    const first = await parse(p);
    expect(first.output).toContain("Unable to do partial parsing because there is no saved parse state in target/");
    expect(fs.existsSync(p.file("target/partial_parse.json"))).toBe(true);

    // new SQL, a new ref (the dependency maps change), a config() call, another macro call
    p.write({
      "models/orders.sql": "{{ config(tags=['finance', 'daily'], materialized='view') }}\nselect o.*, {{ cents_to_dollars('5') }} as fee from {{ ref('customers') }} c, (select 10 as order_id) o\n",
      "models/customer_orders.sql": "select * from {{ ref('customers') }}\n",
    });
    const second = await parse(p);
    expect(second.output).toMatch(REUSED);
    expect(second.output.match(REUSED)![1]).toBe("2");
    expect(normalised(second.manifest)).toBe(normalised(await fullParseManifest(p)));
    const orders = JSON.parse(second.manifest).nodes["model.fixture.orders"];
    expect(orders.config.materialized).toBe("view");
    expect(orders.description).toBe("One row per order.");
    expect(orders.depends_on.nodes).toEqual(["model.fixture.customers"]);
    expect(JSON.parse(second.manifest).child_map["model.fixture.customers"]).toContain("model.fixture.orders");

    // nothing changed: the manifest is written again from the saved state
    const third = await parse(p);
    expect(third.output.match(REUSED)![1]).toBe("0");
    expect(normalised(third.manifest)).toBe(normalised(second.manifest));
  });

  it("reads an edited model version's SQL again alone (its own file, and the latest read from the unversioned file)", async () => {
    const p = makeProject({
      ...FILES,
      "models/dim_customers.sql": "select 1 as id, 'a' as name\n",
      "models/dim_customers_v1.sql": "select 1 as id\n",
      "models/dim_customers.yml": [
        "version: 2",
        "models:",
        "  - name: dim_customers",
        "    latest_version: 2",
        "    config:",
        "      materialized: table",
        "    columns:",
        "      - name: id",
        "        data_tests: [unique]",
        "      - name: name",
        "    versions:",
        "      - v: 1",
        "        columns:",
        "          - include: all",
        "            exclude: [name]",
        "      - v: 2",
        "",
      ].join("\n"),
    });
    expect((await parse(p)).exitCode).toBe(0);
    p.write({ "models/dim_customers_v1.sql": "select 2 as id, {{ cents_to_dollars('1') }} as extra\n", "models/dim_customers.sql": "select 1 as id, 'b' as name from {{ ref('colors') }}\n" });
    const r = await parse(p);
    expect(r.output.match(REUSED)?.[1]).toBe("2");
    expect(normalised(r.manifest)).toBe(normalised(await fullParseManifest(p)));
    const nodes = JSON.parse(r.manifest).nodes;
    expect(nodes["model.fixture.dim_customers.v1"].raw_code).toContain("select 2 as id");
    expect(nodes["model.fixture.dim_customers.v2"].depends_on.nodes).toEqual(["model.fixture.colors"]);
  });

  it("parses everything again when a new ref closes a cycle, and reports it", async () => {
    const p = makeProject(FILES);
    await parse(p);
    p.write({ "models/customers.sql": "select * from {{ ref('customer_orders') }}\n" });
    const r = await parse(p);
    expect(r.exitCode).toBe(2);
    expect(r.codes).toContain("TSDBT-E013");
  });

  it("reports a package declared in packages.yml but not installed, as a full parse does", async () => {
    const p = makeProject(FILES);
    await parse(p);
    p.write({ "packages.yml": "packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.3.0\n" });
    const r = await parse(p);
    expect(r.exitCode).toBe(2);
    expect(r.codes).toContain("TSDBT-E009");
  });

  it("reports a broken ref in an edited model as a full parse does", async () => {
    const p = makeProject(FILES);
    await parse(p);
    p.write({ "models/orders.sql": "select * from {{ ref('customer') }}\n" });
    const r = await parse(p);
    expect(r.exitCode).toBe(2);
    expect(r.codes).toEqual(["TSDBT-E012"]);
  });

  it("is off with --no-partial-parse, DBT_PARTIAL_PARSE=false, or flags: partial_parse: false", async () => {
    const p = makeProject(FILES);
    await parse(p);
    expect((await parse(p, ["--no-partial-parse"])).output).not.toMatch(REUSED);
    await parse(p);
    expect((await parse(p, [], { DBT_PARTIAL_PARSE: "false" })).output).not.toMatch(REUSED);
    p.write({ "dbt_project.yml": `${fs.readFileSync(p.file("dbt_project.yml"), "utf8")}flags:\n  partial_parse: false\n` });
    await parse(p);
    expect((await parse(p)).output).toContain("because it is turned off");
  });

  // each change below alters some node without touching its SQL file: a reused parse would be wrong
  const invalidations: { what: string; reason: RegExp; change: (p: FixtureProject) => void; args?: string[]; env?: Record<string, string>; setup?: Record<string, string> }[] = [
    {
      what: "dbt_project.yml",
      reason: /dbt_project.yml, the profile, --vars or an installed package changed/,
      change: (p) => p.write({ "dbt_project.yml": `${fs.readFileSync(p.file("dbt_project.yml"), "utf8")}models:\n  fixture:\n    +schema: analytics\n` }),
    },
    {
      what: "profiles.yml",
      reason: /dbt_project.yml, the profile, --vars or an installed package changed/,
      change: (p) => p.write({ "profiles.yml": fs.readFileSync(p.file("profiles.yml"), "utf8").replace("threads: 1", "threads: 1\n      schema: reporting") }),
    },
    { what: "--vars", reason: /--vars/, change: () => undefined, args: ["--vars", "{mart_schema: finance}"] },
    {
      what: "a macro",
      reason: /macros\/cents_to_dollars.sql changed/,
      change: (p) => p.write({ "macros/cents_to_dollars.sql": "{% macro cents_to_dollars(col) %}({{ col }} / 100){% endmacro %}\n{% macro generate_schema_name(custom, node) %}{{ target.schema }}_x{% endmacro %}\n" }),
    },
    {
      what: "an installed package",
      reason: /files were added or removed|installed package changed/,
      change: (p) =>
        p.write({
          "dbt_packages/helpers/dbt_project.yml": "name: helpers\nversion: '1.0.0'\nconfig-version: 2\n",
          "dbt_packages/helpers/macros/cents_to_dollars.sql": "{% macro cents_to_dollars(col) %}{{ col }}{% endmacro %}\n",
        }),
    },
    { what: "an env var a template read", reason: /env var TSDBT_PP_ALIAS changed/, change: () => undefined, env: { TSDBT_PP_ALIAS: "paint" } },
    {
      what: "a properties file",
      reason: /models\/orders.yml changed/,
      change: (p) => p.write({ "models/orders.yml": fs.readFileSync(p.file("models/orders.yml"), "utf8").replace("materialized: table", "materialized: view") }),
    },
    { what: "the set of files (a model added)", reason: /files were added or removed/, change: (p) => p.write({ "models/extra.sql": "select 2 as y\n" }) },
    {
      what: "a unit test's fixture file",
      reason: /tests\/fixtures\/customer_rows.csv changed/,
      setup: {
        "dbt_project.yml": `${BASE_FILES["dbt_project.yml"]}test-paths: ["tests"]\n`,
        "tests/fixtures/customer_rows.csv": "id,name\n1,ann\n",
        "models/unit.yml": ["version: 2", "unit_tests:", "  - name: counts_orders", "    model: customer_orders", "    given:", "      - input: ref('customers')", "        format: csv", "        fixture: customer_rows", "      - input: ref('orders')", "        rows: []", "    expect:", "      rows: [{id: 1, n: 0}]", ""].join("\n"),
      },
      change: (p) => p.write({ "tests/fixtures/customer_rows.csv": "id,name\n1,ann\n2,bob\n" }),
    },
  ];

  it.each(invalidations)("parses everything again when $what changed", async ({ reason, change, args = [], env = {}, setup = {} }) => {
    const p = makeProject({ ...FILES, ...setup });
    await parse(p);
    change(p);
    const r = await parse(p, args, env);
    expect(r.exitCode).toBe(0);
    expect(r.output).toMatch(reason);
    expect(r.output).not.toMatch(REUSED);
    expect(normalised(r.manifest)).toBe(normalised(await fullParseManifest(p, args, env)));
    // and the next parse with the same inputs reuses the new state
    expect((await parse(p, args, env)).output).toMatch(REUSED);
  });

  // more inputs a reused parse must notice (issue 18): after each change the manifest is the one
  // a full parse writes, and the next parse with the same inputs reuses the new state
  const moreChanges: { what: string; change: (p: FixtureProject) => void; args?: string[]; setup?: Record<string, string> }[] = [
    {
      what: "a seed's CSV",
      setup: { "seeds/countries.csv": "code,name\nfr,France\n" },
      change: (p) => p.write({ "seeds/countries.csv": "code,name\nfr,France\nde,Germany\n" }),
    },
    {
      what: "a snapshot file",
      setup: {
        "snapshots/customers_snap.sql":
          "{% snapshot customers_snap %}\n{{ config(unique_key='id', strategy='check', check_cols='all', target_schema='snaps') }}\nselect * from {{ ref('customers') }}\n{% endsnapshot %}\n",
      },
      change: (p) =>
        p.write({
          "snapshots/customers_snap.sql":
            "{% snapshot customers_snap %}\n{{ config(unique_key='id', strategy='check', check_cols=['name'], target_schema='snaps') }}\nselect * from {{ ref('customers') }}\n{% endsnapshot %}\n",
        }),
    },
    { what: "a docs file", change: (p) => p.write({ "models/docs.md": "{% docs orders_doc %}Each order, once.{% enddocs %}\n" }) },
    { what: "a model's enabled config (now false)", change: (p) => p.write({ "models/colors.sql": "{{ config(enabled=false) }}\nselect 'red' as color\n" }) },
    {
      what: "a model's versions (now versioned)",
      change: (p) => p.write({ "models/versions.yml": "version: 2\nmodels:\n  - name: colors\n    latest_version: 1\n    versions:\n      - v: 1\n" }),
    },
  ];

  it.each(moreChanges)("after $what changed, writes what a full parse writes", async ({ change, args = [], setup = {} }) => {
    const p = makeProject({ ...FILES, ...setup });
    await parse(p);
    change(p);
    const r = await parse(p, args);
    expect(r.exitCode).toBe(0);
    expect(normalised(r.manifest)).toBe(normalised(await fullParseManifest(p, args)));
    expect((await parse(p, args)).output).toMatch(REUSED);
  });

  it("keeps its state under --target-path: another target path starts from a full parse and leaves target/ alone", async () => {
    const p = makeProject(FILES);
    await parse(p);
    const saved = fs.readFileSync(p.file("target/partial_parse.json"));
    const other = await parse(p, ["--target-path", "elsewhere"]);
    expect(other.exitCode).toBe(0);
    // (the message names target/ whatever the target path: "no saved parse state in target/")
    expect(other.output).toContain("Unable to do partial parsing because there is no saved parse state");
    expect(other.output).not.toMatch(REUSED);
    expect(fs.existsSync(p.file("elsewhere/manifest.json"))).toBe(true);
    expect(fs.readFileSync(p.file("target/partial_parse.json")).equals(saved)).toBe(true);
    expect((await parse(p, ["--target-path", "elsewhere"])).output).toMatch(REUSED);
  });

  it("keeps reusing the state when an env var no template read changes", async () => {
    const p = makeProject(FILES);
    await parse(p);
    expect((await parse(p, [], { TSDBT_PP_UNUSED: "x" })).output).toMatch(REUSED);
  });

  it("leaves the state alone while another tsdbt holds its lock, and takes over a stale lock", async () => {
    const p = makeProject(FILES);
    await parse(p);
    const lock = p.file("target/partial_parse.lock");
    const stateBefore = fs.readFileSync(p.file("target/partial_parse.json"), "utf8");
    fs.writeFileSync(lock, "");
    p.write({ "models/orders.sql": "select 12 as order_id\n" });
    const busy = await parse(p);
    expect(busy.output).toContain("because another tsdbt is saving its parse of this project");
    expect(busy.manifest).toContain("select 12 as order_id");
    expect(fs.readFileSync(p.file("target/partial_parse.json"), "utf8")).toBe(stateBefore);
    const old = new Date(Date.now() - 5 * 60_000);
    fs.utimesSync(lock, old, old);
    expect((await parse(p)).output).not.toContain("another tsdbt");
    expect(fs.existsSync(lock)).toBe(false);
    expect((await parse(p)).output).toMatch(REUSED);
  });

  it("parses everything again when another tool rewrote manifest.json after a parse", async () => {
    const p = makeProject(FILES);
    await parse(p);
    p.write({ "target/manifest.json": `${fs.readFileSync(p.file("target/manifest.json"), "utf8").replace("One row per order.", "One row per order!")}` });
    expect((await parse(p)).output).toContain("because target/manifest.json was written by another command");
  });
});

describe("partial parse in compile, run and build", () => {
  /** The manifest and compiled SQL a command leaves in `target` (normalised). */
  function artifacts(p: FixtureProject, target: string): { manifest: string; compiled: Record<string, string> } {
    const compiled: Record<string, string> = {};
    const root = p.file(`${target}/compiled`);
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const abs = `${dir}/${e.name}`;
        if (e.isDirectory()) walk(abs);
        else compiled[abs.slice(root.length)] = fs.readFileSync(abs, "utf8");
      }
    };
    walk(root);
    return { manifest: normalised(fs.readFileSync(p.file(`${target}/manifest.json`), "utf8")).replace(/target_full\//g, "target/"), compiled };
  }

  it("compile reuses the saved parse after an edit and writes what a full parse's compile writes", async () => {
    const p = makeProject(FILES);
    const onEvent = ["--log-format", "json", "--log-level", "debug"];
    expect((await runApi(["compile", ...onEvent], { project: p })).output).toContain("Unable to do partial parsing because there is no saved parse state");
    p.write({ "models/orders.sql": "{{ config(materialized='table') }}\nselect o.*, {{ cents_to_dollars('7') }} as fee from {{ ref('customers') }} c, (select 11 as order_id) o\n" });
    const warm = await runApi(["compile", ...onEvent], { project: p });
    expect(warm.exitCode).toBe(0);
    expect(warm.output).toContain('"name":"PartialParseReused"');
    expect((await runApi(["compile", "--no-partial-parse", "--target-path", "target_full"], { project: p })).exitCode).toBe(0);
    const reused = artifacts(p, "target");
    expect(reused.compiled["/fixture/models/orders.sql"]).toContain("as fee");
    expect(reused).toEqual(artifacts(p, "target_full"));
    // the parse state survives the compile: the next parse reuses it too
    expect((await parse(p)).output).toMatch(REUSED);
  });

  it("build reuses the saved parse after an edit and gives the same results", async () => {
    const p = makeProject(FILES);
    const outcome = () => (JSON.parse(fs.readFileSync(p.file("target/run_results.json"), "utf8")) as { results: { unique_id: string; status: string }[] }).results.map((r) => `${r.unique_id} ${r.status}`).sort();
    expect((await runApi(["build"], { project: p })).exitCode).toBe(0);
    const first = outcome();
    expect(first.length).toBe(8);
    p.write({ "models/customers.sql": "select 1 as id, 'ann' as name union all select 2, 'bob'\n" });
    const warm = await runApi(["build", "--log-format", "json", "--log-level", "debug"], { project: p });
    expect(warm.exitCode).toBe(0);
    expect(warm.output).toContain('"name":"PartialParseReused"');
    expect(outcome()).toEqual(first);
    expect(fs.readFileSync(p.file("target/compiled/fixture/models/customers.sql"), "utf8")).toContain("'bob'");
  });
});
