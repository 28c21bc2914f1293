/**
 * End-to-end on PostgreSQL (TSDBT_PG_URL, else PGlite): run_results.json as real dbt-core 1.10 +
 * dbt-postgres write it for the same project, built twice (test/fixtures/run-results-oracle,
 * golden file oracle.postgres.json recorded by record-oracle.mjs there). A failing model, its
 * skipped child, a failing on-run-start hook and the hook skipped after it, a failing test, seeds,
 * an incremental model and a snapshot: each result's status, message, adapter_response
 * (PostgreSQL's command tags), failures, thread, timing phases, compiled flag and key order.
 *
 * Left out of the comparison, as they depend on the SQL each tool writes: compiled code (the same
 * here but for whitespace), and in a failed model's message the number of the line the caret
 * points at (`LINE 13` in dbt's create statement, `LINE 4` in tsdbt's, each right for its own
 * target/run file).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startTestPostgres, uniqueSchemaName, type TestPostgres } from "@tsdbt/adapter-tests";
import { dropPostgresSchema, writePostgresProfile } from "./helpers/postgres-profile";

const FIXTURE = path.join(__dirname, "fixtures", "run-results-oracle");

interface GoldenResult {
  keys: string[];
  unique_id: string;
  status: string;
  message: string | null;
  compiled_code: string | null;
  timing: string[];
  [field: string]: unknown;
}
interface Golden {
  builds: { exitCode: number; results: GoldenResult[]; runFiles: string[] }[];
}

let pg: TestPostgres;
let dir: string;
const schema = uniqueSchemaName("rr_oracle");
const builds: { exitCode: number; results: GoldenResult[]; runFiles: string[]; started: { runResults: string; manifest: string } }[] = [];

beforeAll(async () => {
  pg = await startTestPostgres();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-run-results-"));
  fs.cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !src.endsWith(".json") && !src.endsWith(".mjs") });
  writePostgresProfile(dir, "rr_oracle", pg, schema, "pg");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { invoke } = require("tsdbt") as typeof import("tsdbt");
  for (let i = 0; i < 2; i++) {
    const run = await invoke(["build", "--project-dir", dir, "--profiles-dir", dir], { cwd: dir, write: () => undefined });
    const written = JSON.parse(fs.readFileSync(path.join(dir, "target", "run_results.json"), "utf8")) as { results: Record<string, unknown>[]; metadata: { invocation_started_at: string } };
    const manifestMetadata = (JSON.parse(fs.readFileSync(path.join(dir, "target", "manifest.json"), "utf8")) as { metadata: { invocation_started_at: string } }).metadata;
    const runDir = path.join(dir, "target", "run");
    const runFiles = (fs.readdirSync(runDir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(runDir, f)).isFile()).sort();
    builds.push({ exitCode: run.exitCode, results: written.results.map(fact).sort((a, b) => a.unique_id.localeCompare(b.unique_id)), runFiles, started: { runResults: written.metadata.invocation_started_at, manifest: manifestMetadata.invocation_started_at } });
  }
}, 180000);

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  if (pg) {
    await dropPostgresSchema(pg, schema);
    await pg.stop();
  }
});

/** A result as the golden file holds it: keys in order, timing phases, no clock, the schema as <schema>. */
function fact(result: Record<string, unknown>): GoldenResult {
  const { timing, execution_time: _clock, ...rest } = result;
  const text = JSON.stringify({ ...rest, timing: (timing as { name: string }[]).map((t) => t.name) }).replaceAll(schema, "<schema>").replaceAll(`\\"${pg.database}\\"`, '\\"test\\"');
  return { keys: Object.keys(result), ...(JSON.parse(text) as Omit<GoldenResult, "keys">) };
}

/** The parts both tools must agree on: the caret's line number and the compiled code's whitespace left out. */
function comparable(result: GoldenResult): Omit<GoldenResult, "compiled_code"> {
  const { compiled_code: _code, ...rest } = result;
  return { ...rest, message: result.message?.replace(/LINE \d+: (.*)\n +\^/, "LINE n: $1\n^") ?? null };
}

const golden = JSON.parse(fs.readFileSync(path.join(FIXTURE, "oracle.postgres.json"), "utf8")) as Golden;

describe("run_results.json on PostgreSQL, as dbt-core 1.10 writes it", () => {
  it("records when the invocation started: the manifest's time when the build parsed the project, its own when the parse was reused", () => {
    // dbt-core 1.10.23: run_results.json's invocation_started_at is always the invocation's own, UTC with six
    // fractional digits and Z; the manifest of a partial parse keeps the parsing invocation's (isoformat, +00:00)
    const [first, second] = builds;
    for (const b of builds) expect(b.started.runResults).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(first!.started.runResults).toBe(first!.started.manifest);
    expect(Date.parse(second!.started.runResults)).toBeGreaterThan(Date.parse(first!.started.runResults));
    expect(Date.parse(second!.started.manifest)).toBe(Date.parse(first!.started.runResults));
    expect(second!.started.manifest).toMatch(/\+00:00$/);
  });

  it.each([1, 2])("build %i: the same results", (n) => {
    const expected = golden.builds[n - 1]!;
    const actual = builds[n - 1]!;
    expect(actual.exitCode).toBe(expected.exitCode);
    expect(actual.results.map(comparable)).toEqual(expected.results.map(comparable));
  });

  it("leaves each node's SQL under target/run, where a failed model's message points", () => {
    const { runFiles, results } = builds[0]!;
    // dbt also writes the seed's insert statement (s.csv); tsdbt loads seeds without one
    expect(runFiles).toEqual(golden.builds[0]!.runFiles.filter((f) => !f.endsWith(".csv")));
    const failed = results.find((r) => r.unique_id === "model.rr_oracle.bad_model")!;
    const file = /compiled code at (\S+)$/.exec(failed.message!)![1]!;
    expect(file).toBe("target/run/rr_oracle/models/bad_model.sql");
    // the LINE of the message is that file's line, counted as the warehouse saw the statement (after the query comment's line)
    const line = Number(/LINE (\d+): (.*)/.exec(failed.message!)![1]);
    const text = fs.readFileSync(path.join(dir, file), "utf8").split("\n");
    expect(text[line - 2]).toBe("select * from rr_oracle_nonexistent_table");
  });
});
