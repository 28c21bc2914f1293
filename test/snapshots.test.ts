/**
 * End-to-end: snapshots on DuckDB. One project holds a snapshot for each strategy and
 * hard-delete mode (block and YAML forms) over one seed; the seed goes through a sequence of
 * states (insert, update, delete, a row that comes back, no change) with a `tsdbt build`
 * after each, and every snapshot's history table is asserted exactly after every step.
 * Times that come from the snapshot run itself (check strategy, deletions) are shown as
 * `T<run>`; times from the data as their date.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import * as fs from "node:fs";
import { validateArtifact } from "./artifact-schemas";
import { DUCKDB_FILE, makeProject, removeAllProjects, runApi, type FixtureProject } from "./helpers/fixture-project";
import { expectSnapshotHistories } from "../packages/runner/src/snapshots/__fixtures__/snapshot-histories";

const STATES = [
  ["1,ann,2024-01-01 00:00:00", "2,bob,2024-01-01 00:00:00", "3,cy,2024-01-01 00:00:00"],
  // ann changes, bob is deleted, dee is new, cy stays
  ["1,ann2,2024-02-01 00:00:00", "3,cy,2024-01-01 00:00:00", "4,dee,2024-02-01 00:00:00"],
  // bob comes back
  ["1,ann2,2024-02-01 00:00:00", "2,bob,2024-03-01 00:00:00", "3,cy,2024-01-01 00:00:00", "4,dee,2024-02-01 00:00:00"],
  // nothing changes
  ["1,ann2,2024-02-01 00:00:00", "2,bob,2024-03-01 00:00:00", "3,cy,2024-01-01 00:00:00", "4,dee,2024-02-01 00:00:00"],
];

const block = (name: string, config: string) => `{% snapshot ${name} %}\n{{ config(${config}) }}\nselect * from {{ ref('people') }}\n{% endsnapshot %}\n`;

const FILES: Record<string, string | null> = {
  "models/customers.sql": null,
  "models/orders.sql": null,
  "models/customer_orders.sql": null,
  "models/schema.yml": null,
  "snapshots/people_history.sql": [
    block("ts_ignore", "strategy='timestamp', unique_key='id', updated_at='updated_at'"),
    block("ts_invalidate", "strategy='timestamp', unique_key='id', updated_at='updated_at', invalidate_hard_deletes=True"),
    block("ts_new_record", "strategy='timestamp', unique_key='id', updated_at='updated_at', hard_deletes='new_record'"),
    block("check_invalidate", "strategy='check', unique_key=['id'], check_cols=['name'], hard_deletes='invalidate'"),
    block("check_all_new_record", "strategy='check', unique_key='id', check_cols='all', hard_deletes='new_record'"),
  ].join("\n"),
  "snapshots/people.yml": [
    "version: 2",
    "snapshots:",
    "  - name: yaml_check",
    "    relation: ref('people')",
    "    config:",
    "      strategy: check",
    "      check_cols: all",
    "      unique_key: [id, name]",
    "      hard_deletes: invalidate",
    "      dbt_valid_to_current: \"cast('9999-12-31' as timestamp)\"",
    "      snapshot_meta_column_names: {dbt_valid_from: valid_from, dbt_valid_to: valid_to, dbt_scd_id: scd_id, dbt_updated_at: changed_at}",
    "",
  ].join("\n"),
};

async function withDb<T>(project: FixtureProject, fn: (run: (sql: string) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(project.file(DUCKDB_FILE));
  try {
    const conn = await instance.connect();
    return await fn(async (sql) => (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[]);
  } finally {
    instance.closeSync();
  }
}

type History = string[];

describe("snapshots (DuckDB)", () => {
  let project: FixtureProject;
  /** DuckDB's clock just before each run, as `cast(current_timestamp as timestamp)` text. */
  const runStarts: string[] = [];
  const histories: Record<string, History>[] = [];

  const label = (value: unknown): string => {
    if (value === null || value === undefined) return "null";
    const text = String(value);
    if (text.startsWith("2024") || text.startsWith("9999")) return text.slice(0, 10);
    let run = 0;
    runStarts.forEach((start, i) => {
      if (text >= start) run = i + 1;
    });
    return `T${run}`;
  };

  async function history(name: string, meta = { from: "dbt_valid_from", to: "dbt_valid_to" }, deleted = false): Promise<History> {
    return withDb(project, async (q) => {
      const rows = await q(
        `select id, name, cast(${meta.from} as varchar) as f, cast(${meta.to} as varchar) as t${deleted ? ", dbt_is_deleted as d" : ""} from main.${name} order by id, ${meta.from}, ${deleted ? "dbt_is_deleted, " : ""}name`,
      );
      return rows.map((r) => `${r.id} ${r.name} ${label(r.f)}..${label(r.t)}${deleted ? ` ${r.d}` : ""}`);
    });
  }

  beforeAll(async () => {
    project = makeProject(FILES);
    for (const state of STATES) {
      project.write({ "seeds/people.csv": ["id,name,updated_at", ...state, ""].join("\n") });
      if (runStarts.length > 0) runStarts.push(await withDb(project, async (q) => String((await q("select cast(cast(current_timestamp as timestamp) as varchar) as now"))[0]!.now)));
      else runStarts.push("0");
      const run = await runApi(["build"], { project });
      expect(run.output).toContain("ERROR=0");
      expect(run.exitCode).toBe(0);
      histories.push({
        ts_ignore: await history("ts_ignore"),
        ts_invalidate: await history("ts_invalidate"),
        ts_new_record: await history("ts_new_record", undefined, true),
        check_invalidate: await history("check_invalidate"),
        check_all_new_record: await history("check_all_new_record", undefined, true),
        yaml_check: await history("yaml_check", { from: "valid_from", to: "valid_to" }),
      });
    }
  }, 120_000);
  afterAll(() => removeAllProjects());

  expectSnapshotHistories(() => histories, { snapshot: "yaml_check", title: "YAML snapshot: relation, " });

  it("`tsdbt snapshot` runs only snapshots and records them in run_results", async () => {
    const run = await runApi(["snapshot"], { project });
    expect(run.exitCode).toBe(0);
    expect(run.output).toContain("Done. PASS=6 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=6");
    expect(await history("ts_invalidate")).toEqual(histories[3]!.ts_invalidate);
  });

  it("writes the YAML snapshot into a manifest that dbt's schema accepts", () => {
    const manifest = JSON.parse(fs.readFileSync(project.file("target/manifest.json"), "utf8"));
    expect(validateArtifact("manifest-v12.json", manifest)).toEqual([]);
    const node = manifest.nodes["snapshot.fixture.yaml_check"];
    expect(node).toMatchObject({ resource_type: "snapshot", original_file_path: "snapshots/people.yml", depends_on: { nodes: ["seed.fixture.people"] } });
  });

  it("stops at parse with located, coded errors for a broken snapshot config", async () => {
    const broken = makeProject({
      ...FILES,
      "snapshots/people.yml": null,
      "snapshots/people_history.sql": block("bad", "strategy='timestamp'"),
      "seeds/people.csv": "id,name\n1,a\n",
    });
    const run = await runApi(["snapshot"], { project: broken });
    expect(run.exitCode).toBe(2);
    expect(run.diagnostics.map((d) => d.code).sort()).toEqual(["TSDBT-E501", "TSDBT-E503"]);
    expect(run.diagnostics[0]).toMatchObject({ file: "snapshots/people_history.sql" });
    expect(run.output).toContain("hint:");
  });

  it("takes a strategy no macro defines as an error at parse, and one a macro snapshot_<name>_strategy defines as that strategy", async () => {
    const files = { ...FILES, "snapshots/people.yml": null, "seeds/people.csv": "id,name\n1,a\n", "snapshots/people_history.sql": block("custom", "strategy='name_changed', unique_key='id'") };
    const missing = await runApi(["parse"], { project: makeProject(files) });
    expect(missing.exitCode).toBe(2);
    expect(missing.diagnostics.find((d) => d.code === "TSDBT-E502")).toMatchObject({
      file: "snapshots/people_history.sql",
      message: expect.stringContaining("no macro snapshot_name_changed_strategy defines it"),
      hint: expect.stringContaining("define a macro snapshot_name_changed_strategy(node, snapshotted_rel, current_rel, model_config, target_exists)"),
    });
    const defined = await runApi(["parse"], {
      project: makeProject({ ...files, "macros/name_changed.sql": "{% macro snapshot_name_changed_strategy(node, snapshotted_rel, current_rel, model_config, target_exists) %}{{ return({}) }}{% endmacro %}\n" }),
    });
    expect(defined.diagnostics.map((d) => d.code)).not.toContain("TSDBT-E502");
    expect(defined.exitCode).toBe(0);
  });
});
