/*
 * Snapshots as the parse leaves them in the manifest: the legacy target_schema/target_database
 * naming, YAML snapshots built from `relation:`, and config mistakes stopping the parse.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DiagnosticError, type Diagnostic } from "../diagnostics/diagnostic";
import type { ManifestNode } from "../manifest/types";
import { parseProject } from "../parse/parse-project";
import { snapshotRelationExpression } from "./yaml-snapshots";

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function projectWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-snapshot-parse-"));
  dirs.push(dir);
  const all: Record<string, string> = {
    "dbt_project.yml": "name: shop\nprofile: shop\n",
    "profiles.yml": "shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/db.duckdb\n      schema: analytics\n",
    "models/orders.sql": "select 1 as id",
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

async function parsed(files: Record<string, string>): Promise<Record<string, ManifestNode>> {
  const { manifest } = await parseProject({ projectDir: projectWith(files), env: {} });
  return manifest.nodes;
}

async function parseErrors(files: Record<string, string>): Promise<Diagnostic[]> {
  try {
    await parseProject({ projectDir: projectWith(files), env: {} });
  } catch (error) {
    if (error instanceof DiagnosticError) return error.diagnostics.filter((d) => d.severity === "error");
    throw error;
  }
  return [];
}

const block = (name: string, config: string) => `{% snapshot ${name} %}\n{{ config(${config}) }}\nselect * from {{ ref('orders') }}\n{% endsnapshot %}\n`;
const CHECK = "unique_key='id', strategy='check', check_cols='all'";

describe("snapshot naming at parse", () => {
  it("builds in target_schema and target_database verbatim, unless schema or database are set", async () => {
    const nodes = await parsed({
      "snapshots/a.sql": block("legacy", `${CHECK}, target_schema='snapshots', target_database='archive'`),
      "snapshots/b.sql": block("modern", `${CHECK}, target_schema='snapshots', schema='history', database='warehouse'`),
      "snapshots/c.sql": block("plain", CHECK),
      "snapshots/d.sql": block("blank", `${CHECK}, target_schema='', target_database=''`),
    });
    expect(nodes["snapshot.shop.legacy"]).toMatchObject({ schema: "snapshots", database: "archive", relation_name: '"archive"."snapshots"."legacy"' });
    expect(nodes["snapshot.shop.modern"]).toMatchObject({ schema: "analytics_history", database: "warehouse", relation_name: '"warehouse"."analytics_history"."modern"' });
    expect(nodes["snapshot.shop.plain"]).toMatchObject({ schema: "analytics", relation_name: '"db"."analytics"."plain"' });
    expect(nodes["snapshot.shop.blank"]).toMatchObject({ schema: "analytics", database: "db", relation_name: '"db"."analytics"."blank"' });
  });

  it("renames the relation when only target_schema is set", async () => {
    const nodes = await parsed({ "snapshots/a.sql": block("only_schema", `${CHECK}, target_schema='snaps'`) });
    expect(nodes["snapshot.shop.only_schema"]).toMatchObject({ schema: "snaps", database: "db", relation_name: '"db"."snaps"."only_schema"' });
  });
});

describe("YAML snapshots", () => {
  it("builds a snapshot from relation: with its config, path and fqn", async () => {
    const nodes = await parsed({
      "snapshots/nested/history.yml": [
        "version: 2",
        "snapshots:",
        "  - name: orders_history",
        '    relation: "{{ ref(\'orders\') }}"',
        "    config: {strategy: check, check_cols: all, unique_key: id}",
        "",
      ].join("\n"),
    });
    expect(nodes["snapshot.shop.orders_history"]).toMatchObject({
      resource_type: "snapshot",
      path: "nested/history.yml",
      original_file_path: "snapshots/nested/history.yml",
      fqn: ["shop", "nested", "orders_history"],
      raw_code: "select * from {{ ref('orders') }}",
      depends_on: { nodes: ["model.shop.orders"] },
      config: expect.objectContaining({ strategy: "check", unique_key: "id" }),
    });
  });

  it("leaves the properties of models and of block snapshots (no relation:) to patch their nodes", async () => {
    const nodes = await parsed({
      "snapshots/s.sql": block("block_snap", CHECK),
      "models/schema.yml": ["version: 2", "models:", "  - name: orders", "    description: One row per order.", "snapshots:", "  - name: block_snap", "    description: History of orders.", ""].join("\n"),
    });
    expect(nodes["model.shop.orders"]).toMatchObject({ description: "One row per order." });
    expect(nodes["snapshot.shop.block_snap"]).toMatchObject({ description: "History of orders.", original_file_path: "snapshots/s.sql" });
  });

  it("refuses a relation that is not a ref() or source() call (TSDBT-E506)", async () => {
    const errors = await parseErrors({
      "snapshots/history.yml": ["version: 2", "snapshots:", "  - name: orders_history", "    relation: orders", "    config: {strategy: check, check_cols: all, unique_key: id}", ""].join("\n"),
    });
    expect(errors.map((d) => [d.code, d.file, d.message, d.hint])).toEqual([
      [
        "TSDBT-E506",
        "snapshots/history.yml",
        'Snapshot orders_history in snapshots/history.yml has relation "orders", which is not a ref() or source() call.',
        "Write `relation: ref('model_name')` or `relation: source('source_name', 'table_name')`.",
      ],
    ]);
  });

  it("reads ref() and source() calls with or without braces", () => {
    expect(snapshotRelationExpression("ref('orders')")).toBe("ref('orders')");
    expect(snapshotRelationExpression(" {{ source('shop', 'raw_orders') }} ")).toBe("source('shop', 'raw_orders')");
    expect(snapshotRelationExpression("  ref ( 'orders' )  ")).toBe("ref( 'orders' )");
    expect(snapshotRelationExpression("ref('a') ~ ref('b')")).toBeNull();
    expect(snapshotRelationExpression("xref('orders')")).toBeNull();
    expect(snapshotRelationExpression(42)).toBeNull();
  });
});

describe("snapshot config errors at parse", () => {
  it("stops the parse with each problem of each snapshot, located in its file", async () => {
    const errors = await parseErrors({ "snapshots/bad.sql": block("bad", "strategy='timestamp'") });
    expect(errors.map((d) => [d.code, d.file, d.nodeId])).toEqual([
      ["TSDBT-E501", "snapshots/bad.sql", "snapshot.shop.bad"],
      ["TSDBT-E503", "snapshots/bad.sql", "snapshot.shop.bad"],
    ]);
  });

  it("takes a custom strategy defined in the snapshot's own package", async () => {
    const macro = "{% macro snapshot_nightly_strategy(node, snapshotted_rel, current_rel, model_config, target_exists) %}{{ return({}) }}{% endmacro %}\n";
    expect(await parseErrors({ "snapshots/s.sql": block("s", "strategy='nightly', unique_key='id'"), "macros/nightly.sql": macro })).toEqual([]);
    expect((await parseErrors({ "snapshots/s.sql": block("s", "strategy='nightly', unique_key='id'") })).map((d) => d.code)).toEqual(["TSDBT-E502"]);
  });
});
