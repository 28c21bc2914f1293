/**
 * End-to-end on the BigQuery emulator (BIGQUERY_EMULATOR_URL; skipped, naming it, when unset):
 * `query-comment: {job-label: true}` in dbt_project.yml puts the query comment's keys and values
 * on every job of a node as BigQuery job labels, made legal as dbt-bigquery makes them; every
 * job carries `dbt_invocation_id`; the SQL keeps its comment. What the endpoint receives is read from the
 * requests themselves: the profile's `api_endpoint` is a recording proxy in front of bqlite.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startAdapterWorker } from "@tsdbt/adapter-api";
import { uniqueSchemaName } from "@tsdbt/adapter-tests";
import { recordingProxy, type RecordingProxy } from "./helpers/recording-proxy";

const upstream = process.env.BIGQUERY_EMULATOR_URL;

interface JobRequest {
  query: string;
  labels: Record<string, string> | undefined;
}

/** A recording proxy in front of bqlite that keeps the configuration of every job inserted (jobs.insert). */
function jobsProxy(target: string): Promise<RecordingProxy<JobRequest>> {
  return recordingProxy(target, (method, pathname, body) => {
    if (method !== "POST" || !pathname.endsWith("/jobs")) return undefined;
    const configuration = (JSON.parse(body.toString("utf8")) as { configuration: { query?: { query: string }; labels?: Record<string, string> } }).configuration;
    return { query: configuration.query?.query ?? "", labels: configuration.labels };
  });
}

if (!upstream) {
  test.skip("BigQuery job labels from query-comment (skipped: set BIGQUERY_EMULATOR_URL to a local bqlite endpoint to run it)", () => undefined);
} else {
  let proxy: RecordingProxy<JobRequest>;
  const dirs: string[] = [];
  const datasets: string[] = [];
  beforeAll(async () => (proxy = await jobsProxy(upstream)));
  afterAll(async () => {
    await proxy.close();
    const adapter = await startAdapterWorker({ type: "bigquery", method: "oauth-secrets", token: "local", project: "tsdbt-test", dataset: "unused", api_endpoint: upstream }, { projectDir: os.tmpdir(), targetPath: os.tmpdir() });
    try {
      for (const dataset of datasets) await adapter.execute(`drop schema if exists \`tsdbt-test\`.\`${dataset}\` cascade`, { fetch: false });
    } finally {
      await adapter.close();
      dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
    }
  });

  /** Builds one table model with `queryComment` (dbt_project.yml lines); the jobs sent and the run's invocation id. */
  async function build(queryComment: string): Promise<{ jobs: JobRequest[]; invocationId: string }> {
    const dataset = uniqueSchemaName("job_labels");
    datasets.push(dataset);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-bq-job-labels-"));
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, "models"));
    fs.writeFileSync(path.join(dir, "models", "m.sql"), "{{ config(materialized='table') }}\nselect 1 as id\n");
    fs.writeFileSync(path.join(dir, "dbt_project.yml"), `name: job_labels\nversion: '1.0.0'\nconfig-version: 2\nprofile: cloud\n${queryComment}`);
    const profile = ["type: bigquery", "method: oauth-secrets", "token: local-endpoint", "project: tsdbt-test", `api_endpoint: ${proxy.url}`, "location: US", `dataset: ${dataset}`, "threads: 1"];
    fs.writeFileSync(path.join(dir, "profiles.yml"), ["cloud:", "  target: emulator", "  outputs:", "    emulator:", ...profile.map((l) => `      ${l}`), ""].join("\n"));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { invoke } = require("tsdbt") as typeof import("tsdbt");
    const first = proxy.recorded.length;
    const result = await invoke(["run", "--project-dir", dir, "--profiles-dir", dir], { cwd: dir, write: () => undefined });
    expect(result.exitCode).toBe(0);
    const jobs = proxy.recorded.slice(first);
    const runResults = JSON.parse(fs.readFileSync(path.join(dir, "target", "run_results.json"), "utf8")) as { metadata: { invocation_id: string } };
    return { jobs: jobs.filter((j) => j.query.includes("create")), invocationId: runResults.metadata.invocation_id };
  }

  describe("BigQuery job labels from query-comment", () => {
    it("job-label: true puts dbt's default comment on the node's jobs as legal labels, with dbt_invocation_id; the SQL keeps the comment", async () => {
      const { jobs, invocationId } = await build("query-comment:\n  job-label: true\n");
      expect(jobs.length).toBeGreaterThan(0);
      for (const job of jobs) {
        expect(job.labels).toEqual({
          app: "dbt",
          dbt_version: "1_10_23",
          profile_name: "cloud",
          target_name: "emulator",
          node_id: "model_job_labels_m",
          dbt_invocation_id: invocationId,
        });
        expect(job.query).toMatch(/^\/\* \{"app": "dbt", .*"node_id": "model\.job_labels\.m"\} \*\/\n/);
      }
    }, 120000);

    it("a comment that is not a JSON object becomes one query_comment label, cut to 63 characters", async () => {
      const { jobs } = await build(`query-comment:\n  comment: "Nightly Run of {{ node.name }} for ${"x".repeat(80)}"\n  job-label: true\n`);
      expect(jobs.length).toBeGreaterThan(0);
      expect(jobs[0]!.labels).toEqual({ query_comment: `nightly_run_of_m_for_${"x".repeat(42)}`, dbt_invocation_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    }, 120000);

    it("without job-label the jobs carry dbt_invocation_id only; with query-comment off, no labels", async () => {
      const { jobs, invocationId } = await build("");
      expect(jobs.length).toBeGreaterThan(0);
      expect(jobs.map((j) => j.labels)).toEqual(jobs.map(() => ({ dbt_invocation_id: invocationId })));
      const off = await build("query-comment: null\n");
      expect(off.jobs.length).toBeGreaterThan(0);
      expect(off.jobs.map((j) => j.labels)).toEqual(off.jobs.map(() => undefined));
    }, 120000);
  });
}
