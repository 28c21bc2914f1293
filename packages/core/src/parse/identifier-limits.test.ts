import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DiagnosticError, type Diagnostic } from "../diagnostics/diagnostic";
import { parseProject } from "./parse-project";

/** A project on a PostgreSQL target (parse never connects) with the given files. */
function postgresProject(files: Record<string, string>, type = "postgres"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-identifiers-"));
  const profile =
    type === "postgres"
      ? "      type: postgres\n      host: 127.0.0.1\n      port: 5432\n      user: postgres\n      password: ''\n      dbname: test\n      schema: analytics\n"
      : "      type: duckdb\n      path: target/db.duckdb\n      schema: analytics\n";
  const all: Record<string, string> = { "dbt_project.yml": "name: shop\nprofile: shop\n", "profiles.yml": `shop:\n  target: dev\n  outputs:\n    dev:\n${profile}`, ...files };
  for (const [file, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

async function parseErrors(dir: string): Promise<Diagnostic[]> {
  try {
    await parseProject({ projectDir: dir, env: {} });
    return [];
  } catch (error) {
    if (error instanceof DiagnosticError) return error.diagnostics.filter((d) => d.severity === "error");
    throw error;
  }
}

// PostgreSQL keeps 63 bytes of an identifier (tsdbt's __tsdbt_tmp / __tsdbt_backup names are shortened to fit)
const fits = "m".repeat(63);
const tooLong = "m".repeat(64);

describe("identifier lengths on a target with a limit", () => {
  it("accepts names of up to 63 bytes, like the 57-byte seed of dbt-utils' integration tests", async () => {
    const seed = "data_test_mutually_exclusive_ranges_with_gaps_zero_length";
    expect(await parseErrors(postgresProject({ [`models/${fits}.sql`]: "select 1 as id", [`seeds/${seed}.csv`]: "id\n1\n" }))).toEqual([]);
  });

  it("refuses a model, a seed and a snapshot whose relation name would be cut, naming each and the limit", async () => {
    const dir = postgresProject({
      [`models/${tooLong}.sql`]: "select 1 as id",
      "models/aliased.sql": `{{ config(alias='${"é".repeat(32)}') }}\nselect 1 as id`,
      [`seeds/${"s".repeat(70)}.csv`]: "id\n1\n",
      "snapshots/snap.sql": `{% snapshot ${"p".repeat(64)} %}\n{{ config(target_schema='snaps', unique_key='id', strategy='check', check_cols='all') }}\nselect 1 as id\n{% endsnapshot %}\n`,
      "models/ephemeral_ok.sql": `{{ config(materialized='ephemeral') }}\nselect 1 as id`,
    });
    const errors = await parseErrors(dir);
    expect(errors.map((d) => [d.code, d.file, d.line, d.nodeId])).toEqual([
      ["TSDBT-E070", "models/aliased.sql", 1, "model.shop.aliased"],
      ["TSDBT-E070", `models/${tooLong}.sql`, 1, `model.shop.${tooLong}`],
      ["TSDBT-E070", `seeds/${"s".repeat(70)}.csv`, 1, `seed.shop.${"s".repeat(70)}`],
      ["TSDBT-E070", "snapshots/snap.sql", 1, `snapshot.shop.${"p".repeat(64)}`],
    ]);
    expect(errors[1]!.message).toBe(
      `Model ${tooLong} builds relation '${tooLong}', whose name has 64 bytes: postgres keeps identifiers of at most 63 bytes and would cut it to its first 63.`,
    );
    // 32 two-byte characters: 64 bytes in 32 characters
    expect(errors[0]!.message).toContain("whose name has 64 bytes");
    expect(errors[1]!.hint).toBe("Rename the model, or set `alias` in its config to a name of at most 63 bytes.");
  });

  it("refuses a schema name longer than 63 bytes", async () => {
    const schema = "x".repeat(60);
    const errors = await parseErrors(postgresProject({ "models/m.sql": `{{ config(schema='${schema}') }}\nselect 1 as id` }));
    expect(errors.map((d) => [d.code, d.message])).toEqual([
      ["TSDBT-E070", `Model m builds in schema 'analytics_${schema}', whose name has 70 bytes: postgres keeps names of at most 63 bytes.`],
    ]);
  });

  it("checks nothing on an engine without a limit (DuckDB)", async () => {
    expect(await parseErrors(postgresProject({ [`models/${"m".repeat(80)}.sql`]: "select 1 as id" }, "duckdb"))).toEqual([]);
  });
});
