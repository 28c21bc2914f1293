import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { NodeCompiler } from "../compile/node-compiler";
import { indexManifest } from "../compile/execution-scope";
import { parseProject, type ParsedProject } from "../parse/parse-project";
import type { SyncWarehouse } from "./warehouse";

/** Oracle output: each template rendered by dbt-core 1.10.23 + dbt-postgres 1.9.0. */
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "__fixtures__", "cross-database-postgres.json"), "utf8")) as {
  cases: { name: string; template: string; expected: string }[];
};

function writeProject(type: string, files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-xdb-"));
  const all: Record<string, string> = {
    "dbt_project.yml": "name: xdb\nprofile: xdb\n",
    "profiles.yml": `xdb:\n  target: dev\n  outputs:\n    dev:\n      type: ${type}\n${type === "postgres" ? "      host: localhost\n      user: u\n      password: p\n      dbname: d\n" : "      path: x.duckdb\n"}      schema: s\n`,
    "models/m.sql": "select 1 as id",
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** A warehouse that answers get_intervals_between's datediff query as PostgreSQL answered the oracle. */
const threeIntervals: SyncWarehouse = {
  type: "postgres",
  executeSync: (sql) => ({ columns: [{ name: "d", type: "integer" }], rows: [{ d: sql.includes("2020-01-10") ? 9 : 3 }] }),
  getColumnsSync: () => [],
  listRelationsSync: () => [],
};

function render(parsed: ParsedProject, template: string, warehouse?: SyncWarehouse, execute = true): string {
  const index = indexManifest(parsed.manifest, parsed.project.name, parsed.naming);
  return new NodeCompiler(parsed.session, index, { execute, warehouse }).renderText(template, null, "<inline>");
}

describe("dbt's cross-database macros on PostgreSQL", () => {
  let parsed: ParsedProject;
  beforeAll(async () => {
    parsed = await parseProject({ projectDir: writeProject("postgres"), env: {} });
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))("%s renders dbt's text, whitespace included", (_name, c) => {
    expect(render(parsed, c.template, threeIntervals)).toBe(c.expected);
  });

  it("fails with dbt's messages on a datepart PostgreSQL's datediff lacks and a series bound below 1", () => {
    expect(() => render(parsed, "{{ dbt.datediff('a', 'b', 'decade') }}")).toThrow("Unsupported datepart for macro datediff in postgres: 'decade'");
    expect(() => render(parsed, "{{ dbt.generate_series(0) }}")).toThrow("upper bound must be positive");
  });

  it("asks the warehouse for the number of intervals only at run time (1 while parsing)", async () => {
    const dir = writeProject("postgres", { "models/spine.sql": "{% set n = dbt.get_intervals_between(\"'2020-01-01'::date\", \"'2020-01-10'::date\", 'day') %}select {{ n }} as n" });
    const p = await parseProject({ projectDir: dir, env: {} });
    expect(p.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(render(p, "{{ dbt.get_intervals_between('a', 'b', 'day') }}", threeIntervals)).toBe("3");
    expect(render(p, "{{ dbt.get_intervals_between('a', 'b', 'day') }}", threeIntervals, false)).toBe("1");
  });
});

describe("overriding dbt's macros", () => {
  it("a project's <adapter>__ macro wins over the built-in one, through dbt.<name> and the unqualified name", async () => {
    const dir = writeProject("postgres", { "macros/mine.sql": "{% macro postgres__dateadd(datepart, interval, from_date_or_timestamp) %}my_add({{ from_date_or_timestamp }}){% endmacro %}" });
    const p = await parseProject({ projectDir: dir, env: {} });
    expect(render(p, "{{ dbt.dateadd('day', 1, 'x') }}|{{ dateadd('day', 1, 'x') }}")).toBe("my_add(x)|my_add(x)");
  });

  it("a project macro of the same name shadows the unqualified call but not dbt.<name>", async () => {
    const dir = writeProject("postgres", { "macros/mine.sql": "{% macro type_string() %}string{% endmacro %}" });
    const p = await parseProject({ projectDir: dir, env: {} });
    expect(render(p, "{{ type_string() }}|{{ dbt.type_string() }}")).toBe("string|TEXT");
  });

  it("a dispatch search order in dbt_project.yml routes the dbt namespace through a package", async () => {
    const dir = writeProject("postgres", {
      "dbt_project.yml": "name: xdb\nprofile: xdb\ndispatch:\n  - macro_namespace: dbt\n    search_order: [shim, dbt]\n",
      "packages.yml": "packages:\n  - local: dbt_packages/shim\n",
      "dbt_packages/shim/dbt_project.yml": "name: shim\n",
      "dbt_packages/shim/macros/shim.sql": "{% macro default__hash(field) %}shim_hash({{ field }}){% endmacro %}",
    });
    const p = await parseProject({ projectDir: dir, env: {} });
    expect(render(p, "{{ dbt.hash('x') }}|{{ dbt.concat(['a', 'b']) }}")).toBe("shim_hash(x)|a || b");
  });
});

describe("dbt's cross-database macros on DuckDB", () => {
  it("render dbt-duckdb's text", async () => {
    const p = await parseProject({ projectDir: writeProject("duckdb"), env: {} });
    expect(render(p, "{{ dbt.dateadd('day', 1, 'x') }}")).toBe("\n\n    date_add(x, interval (1) day)\n\n");
    expect(render(p, "{{ dbt.datediff('a', 'b', 'day') }}")).toBe("\n        ((b)::date - (a)::date)\n    ");
    expect(render(p, "{{ dbt.current_timestamp() }}|{{ dbt.any_value('x') }}|{{ dbt.date(2024, 2, 3) }}")).toBe("now()|arbitrary(x)|make_date(2024, 2, 3)");
    expect(render(p, "{{ dbt.split_part('x', \"','\", 2) }}")).toBe("\n\n  \n    coalesce(string_split(x, ',')[ 2 ], '')\n  \n\n");
    expect(render(p, "{{ dbt.listagg('x', \"','\", 'order by y', 2) }}")).toBe("list_aggr(\n        (array_agg(\n            x\n            order by y\n        ))[1:2],\n        'string_agg',\n        ','\n        )");
    expect(render(p, "{{ dbt.generate_series(3) }}")).toBe("\n    select\n        generate_series as generated_number\n    from generate_series(1, 3)\n");
  });
});
