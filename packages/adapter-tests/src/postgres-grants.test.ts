/**
 * The `grants` config on PostgreSQL (or PGlite), checked against real dbt: seven builds of one
 * project (a table, a view, an incremental model, a seed and a snapshot) with changing grantees,
 * the last one a full refresh. The grant, revoke and show-grants statements tsdbt sends for each
 * node are compared with those dbt-core 1.10.23 + dbt-postgres 1.9.0 sent for the same builds
 * (packages/adapter-postgres/golden/grants.dbt-oracle.txt), and the grants the relations hold
 * afterwards are read from the catalog. One deliberate difference: dbt renames a new view into
 * place, which starts without grants, while tsdbt replaces a view whose columns stay the same with
 * `create or replace view` (so the views over it survive), which keeps its grants; tsdbt then
 * reads and reconciles them, as for an incremental model ({@link VIEW_LINES}).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Adapter } from "@tsdbt/adapter-api";
import { createAdapter } from "@tsdbt/adapter-postgres";
import type { RunEvent } from "@tsdbt/runner";
import { postgresTargetOf, startTestPostgres, uniqueSchemaName, type TestPostgres } from "./postgres-server";
import { runSpecs, type NodeSpec } from "./test-project";

const ORACLE = join(__dirname, "..", "..", "adapter-postgres", "golden", "grants.dbt-oracle.txt");
const ROLES = ["tsdbt_reader_a", "tsdbt_reader_b", "tsdbt_writer"];
const NAMES = ["inc", "s", "snap", "t", "v"];

let server: TestPostgres;
let dir: string;
let adapter: Adapter;
let schema: string;
beforeAll(async () => {
  server = await startTestPostgres();
  dir = mkdtempSync(join(tmpdir(), "tsdbt-pg-grants-"));
  mkdirSync(join(dir, "seeds"));
  writeFileSync(join(dir, "seeds", "s.csv"), "id,name\n1,a\n");
  schema = uniqueSchemaName("tsdbt_grants");
  adapter = createAdapter(
    postgresTargetOf(server, schema),
    { projectDir: dir, targetPath: dir },
  );
  await adapter.open();
  // roles belong to the server, not the schema: created once, kept for the next run
  for (const role of ROLES) {
    await adapter.execute(`do $$ begin create role ${role}; exception when duplicate_object then null; end $$`, { fetch: false });
  }
}, 120000);
afterAll(async () => {
  await adapter?.execute(`drop schema if exists "${schema}" cascade`, { fetch: false });
  await adapter?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The project of the oracle run, with `readers` granted select on everything. */
function specs(readers: string[]): NodeSpec[] {
  const select = { select: readers };
  return [
    { name: "inc", sql: "select 1 as id", config: { materialized: "incremental", unique_key: "id", grants: { ...select, insert: ["tsdbt_writer"] } } },
    { name: "s", resourceType: "seed", file: "seeds/s.csv", config: { materialized: "seed", grants: select } },
    { name: "snap", resourceType: "snapshot" as never, sql: "select 1 as id", config: { materialized: "snapshot", unique_key: "id", strategy: "check", check_cols: "all", grants: select } },
    { name: "t", sql: "select 1 as id", config: { materialized: "table", grants: select } },
    { name: "v", sql: "select 1 as id", config: { materialized: "view", grants: select } },
  ];
}

/** A statement as the oracle file writes it: whitespace collapsed, the relation named `<relation>`, grantee lists sorted. */
function normalised(sql: string): string {
  const flat = sql.split(/\s+/).join(" ").trim().replace(/"[^"]+"\."[^"]+"\."\w+"/, "<relation>");
  const list = / (to|from) (.+)$/.exec(flat);
  return list ? `${flat.slice(0, list.index)} ${list[1]} ${list[2]!.split(", ").sort().join(", ")}` : flat;
}

/** `name: statement | statement` per node, as in the oracle file. */
function grantLines(events: RunEvent[]): string[] {
  const per = new Map<string, string[]>(NAMES.map((n) => [n, []]));
  for (const event of events) {
    if (event.kind !== "node_sql") continue;
    const lines = per.get(event.unique_id.split(".").pop()!)!;
    if (/role_table_grants/.test(event.sql)) lines.push("show grants");
    else if (/^\s*(grant|revoke) /i.test(event.sql)) lines.push(normalised(event.sql));
  }
  return NAMES.map((n) => `${n}: ${per.get(n)!.join(" | ") || "(nothing)"}`);
}

/** What tsdbt sends for the view in each build where dbt's (renamed-in) view only grants. */
const VIEW_LINES = [
  "v: grant select on <relation> to tsdbt_reader_a",
  'v: show grants | revoke SELECT on <relation> from "tsdbt_reader_a" | grant select on <relation> to tsdbt_reader_b',
  "v: show grants | grant select on <relation> to tsdbt_reader_a",
  'v: show grants | revoke SELECT on <relation> from "tsdbt_reader_a", "tsdbt_reader_b"',
  "v: show grants | grant select on <relation> to tsdbt_reader_b",
  "v: show grants",
  'v: show grants | revoke SELECT on <relation> from "tsdbt_reader_b" | grant select on <relation> to tsdbt_reader_a',
];

/** The oracle's lines of build `n`, grantee lists sorted as {@link normalised} sorts them. */
function oracleLines(n: number): string[] {
  const text = readFileSync(ORACLE, "utf8");
  const block = text.split(/\n(?=-- build )/).find((b) => b.startsWith(`-- build ${n}:`))!;
  return block
    .split("\n")
    .slice(1)
    .filter((l) => l.trim() !== "")
    .map((line) => {
      const [name, rest] = [line.slice(0, line.indexOf(": ")), line.slice(line.indexOf(": ") + 2)];
      if (name === "v") return VIEW_LINES[n - 1]!;
      return `${name}: ${rest.split(" | ").map((s) => (s === "show grants" || s === "(nothing)" ? s : normalised(s))).join(" | ")}`;
    });
}

async function held(): Promise<string[]> {
  const rows = (
    await adapter.execute(
      `select table_name, privilege_type, grantee from information_schema.role_table_grants where table_schema = '${schema}' and grantee <> current_role order by 1, 2, 3`,
    )
  ).rows;
  return rows.map((r) => `${r.table_name} ${r.privilege_type} ${r.grantee}`);
}

describe("grants on PostgreSQL", () => {
  it("grants and revokes what dbt-postgres does, build after build, and the relations hold the configured grants", async () => {
    const builds: [string[], boolean][] = [
      [["tsdbt_reader_a"], false],
      [["tsdbt_reader_b"], false],
      [["tsdbt_reader_a", "tsdbt_reader_b"], false],
      [[], false],
      [["tsdbt_reader_b"], false],
      [["tsdbt_reader_b"], false],
      [["tsdbt_reader_a"], true],
    ];
    for (const [index, [readers, fullRefresh]] of builds.entries()) {
      const events: RunEvent[] = [];
      const { summary } = await runSpecs(adapter, specs(readers), { schema, projectDir: dir, fullRefresh, onEvent: (e) => events.push(e) });
      expect(summary.results.map((r) => `${r.unique_id} ${r.status} ${r.message}`).filter((r) => !/ success /.test(r))).toEqual([]);
      expect({ build: index + 1, lines: grantLines(events) }).toEqual({ build: index + 1, lines: oracleLines(index + 1) });
      if (index === 3) expect(await held()).toEqual(["inc INSERT tsdbt_writer"]);
    }
    expect(await held()).toEqual(["inc INSERT tsdbt_writer", "inc SELECT tsdbt_reader_a", "s SELECT tsdbt_reader_a", "snap SELECT tsdbt_reader_a", "t SELECT tsdbt_reader_a", "v SELECT tsdbt_reader_a"]);
  }, 120000);
});
