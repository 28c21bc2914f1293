/**
 * Microbatch models end to end on PostgreSQL (TSDBT_PG_URL, else PGlite) through the public Node
 * API, against what dbt-core 1.10.23 + dbt-postgres 1.9.0 did with the same project
 * (test/fixtures/microbatch, see its README): two runs with --event-time-start/--event-time-end,
 * the second with a failing batch (partial success), then `retry`. The console lines, the
 * run_results.json fields and the rows in the warehouse must be dbt's.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Client } from "pg";
import { startTestPostgres, type TestPostgres } from "@tsdbt/adapter-tests";
import { validateArtifact } from "./artifact-schemas";
import { runApi, type FixtureProject } from "./helpers/fixture-project";

const FIXTURE = path.join(__dirname, "fixtures", "microbatch");
const SCHEMA = "tsdbt_microbatch_e2e";
const oracle = JSON.parse(fs.readFileSync(path.join(FIXTURE, "oracle", "results.json"), "utf8")) as Record<string, { args: Record<string, string>; results: Record<string, unknown>[] }> & { rows: Record<string, Record<string, string>> };
const oracleLines = (step: string) => fs.readFileSync(path.join(FIXTURE, "oracle", `${step}.log`), "utf8").trimEnd().split("\n");

let pg: TestPostgres;
let client: Client;
let project: FixtureProject;
beforeAll(async () => {
  pg = await startTestPostgres();
  client = new Client({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database });
  await client.connect();
  await client.query(`drop schema if exists ${SCHEMA} cascade`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-microbatch-"));
  fs.cpSync(path.join(FIXTURE, "project"), dir, { recursive: true });
  const profile = ["fixture:", "  target: dev", "  outputs:", "    dev:", "      type: postgres", `      host: ${pg.host}`, `      port: ${pg.port}`, `      user: ${pg.user}`, `      password: "${pg.password}"`, `      dbname: ${pg.database}`, `      schema: ${SCHEMA}`, "      threads: 1", ""];
  fs.writeFileSync(path.join(dir, "profiles.yml"), profile.join("\n"));
  project = { dir, file: (rel) => path.join(dir, rel), write: () => undefined, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}, 120000);
afterAll(async () => {
  await client?.query(`drop schema if exists ${SCHEMA} cascade`).catch(() => undefined);
  await client?.end();
  await pg?.stop();
  project?.remove();
});

/** The console lines from the first START to `Done.`, as the oracle's were cleaned: no timestamps or colours, durations `Xs`. */
function progressLines(output: string): string[] {
  const lines = output
    .replace(/\x1b\[[0-9;]*m/g, "")
    .split("\n")
    .map((l) => l.replace(/^\d\d:\d\d:\d\d {2}/, "").replace(/ in [0-9.]+s\]/, " in Xs]").replace(/and [0-9.]+ seconds \([0-9.]+s\)/, "and X seconds (Xs)"));
  const start = lines.findIndex((l) => / START sql /.test(l));
  const done = lines.findIndex((l) => l.startsWith("Done."));
  return lines.slice(start, done + 1);
}

/** The fields of run_results.json's results the oracle recorded, and its event-time args. */
function runResults(): { args: Record<string, string>; results: Record<string, unknown>[] } {
  const r = JSON.parse(fs.readFileSync(path.join(project.dir, "target", "run_results.json"), "utf8")) as { args: Record<string, unknown>; results: Record<string, unknown>[] };
  const keys = ["unique_id", "status", "message", "failures", "adapter_response", "compiled", "compiled_code", "batch_results"];
  return {
    args: { event_time_start: r.args.event_time_start as string, event_time_end: r.args.event_time_end as string },
    results: r.results.map((x) => Object.fromEntries(keys.map((k) => [k, x[k]]))),
  };
}

async function tableRows(table: string): Promise<string> {
  const { rows } = await client.query(`select string_agg(id::text || ':' || amount::text, ',' order by id) as r from ${SCHEMA}.${table}`);
  return rows[0].r as string;
}

describe("microbatch models end to end (dbt-core 1.10.23 oracle)", () => {
  it("two runs, a failed batch and a retry: dbt's lines, statuses, batch_results and rows", async () => {
    expect((await runApi(["seed"], { project })).exitCode).toBe(0);

    const first = await runApi(["run", "--event-time-start", "2026-12-01", "--event-time-end", "2026-12-03"], { project });
    expect(first.exitCode).toBe(0);
    expect(progressLines(first.output)).toEqual(oracleLines("run1"));
    expect(runResults()).toEqual({ args: oracle.run1.args, results: oracle.run1.results });
    expect({ daily: await tableRows("daily"), mb_fail: await tableRows("mb_fail") }).toEqual(oracle.rows.run1);

    await client.query(`update ${SCHEMA}.events set amount = amount + 1`);
    const second = await runApi(["run", "--event-time-start", "2026-12-02", "--event-time-end", "2026-12-05"], { project });
    // a partial success fails the command, as in dbt
    expect(second.exitCode).toBe(1);
    expect(progressLines(second.output)).toEqual(oracleLines("run2"));
    expect(runResults()).toEqual({ args: oracle.run2.args, results: oracle.run2.results });
    // `partial success` and batch_results are part of dbt's run_results v6 schema
    expect(validateArtifact("run-results-v6.json", JSON.parse(fs.readFileSync(path.join(project.dir, "target", "run_results.json"), "utf8")))).toEqual([]);
    // the failed batch's day is missing from mb_fail; the other batches' rows are there
    expect({ daily: await tableRows("daily"), mb_fail: await tableRows("mb_fail") }).toEqual(oracle.rows.run2);

    const retried = await runApi(["retry"], { project, env: { MB_FAIL: "0" } });
    expect(retried.exitCode).toBe(0);
    expect(progressLines(retried.output)).toEqual(oracleLines("retry"));
    expect(runResults().results).toEqual(oracle.retry.results);
    expect({ daily: await tableRows("daily"), mb_fail: await tableRows("mb_fail") }).toEqual(oracle.rows.retry);
  }, 120000);

  it("refuses --event-time-start without --event-time-end, and a start after the end, as dbt does (exit 2, nothing run)", async () => {
    const alone = await runApi(["run", "--event-time-start", "2026-12-02"], { project });
    expect(alone.exitCode).toBe(2);
    expect(alone.output).toContain("The flag `--event-time-start` was specified, but `--event-time-end` was not. When specifying `--event-time-start`, `--event-time-end` must also be present.");
    const reversed = await runApi(["run", "--event-time-start", "2026-12-04", "--event-time-end", "2026-12-02"], { project });
    expect(reversed.exitCode).toBe(2);
    expect(reversed.output).toContain("Value for `--event-time-start` must be less than `--event-time-end`");
    const badFormat = await runApi(["build", "--event-time-start", "2026/12/02", "--event-time-end", "2026-12-03"], { project });
    expect(badFormat.exitCode).toBe(2);
    expect(badFormat.output).toContain("Invalid value for '--event-time-start': '2026/12/02' does not match the formats '%Y-%m-%d', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S'.");
  });
});
