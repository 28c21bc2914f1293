import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAdapter } from "./bigquery-adapter";
import { runQueryJob } from "./bigquery-jobs";
import { readBigQueryProfile } from "./bigquery-profile";

const base = { type: "bigquery", method: "oauth", project: "p", dataset: "d", schema: "d" };
let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "tsdbt-bq-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("BigQuery adapter errors raised before any request", () => {
  it("reports an unreadable or malformed keyfile with TSDBT-E131, never its contents", async () => {
    const missing = createAdapter({ ...base, method: "service-account", keyfile: "nope.json" }, { projectDir: dir, targetPath: dir });
    await expect(missing.open()).rejects.toMatchObject({ code: "TSDBT-E131", message: expect.stringContaining(join(dir, "nope.json")) });
    writeFileSync(join(dir, "bad.json"), '{"private_key": "SUPERSECRET"');
    const bad = createAdapter({ ...base, method: "service-account", keyfile: "bad.json" }, { projectDir: dir, targetPath: dir });
    const error = await bad.open().catch((e: Error & { code?: string; hint?: string }) => e);
    expect((error as { code?: string }).code).toBe("TSDBT-E131");
    expect(`${(error as Error).message} ${(error as { hint?: string }).hint}`).not.toContain("SUPERSECRET");
    writeFileSync(join(dir, "other.json"), JSON.stringify({ type: "authorized_user", refresh_token: "SUPERSECRET" }));
    const other = createAdapter({ ...base, method: "service-account", keyfile: "other.json" }, { projectDir: dir, targetPath: dir });
    await expect(other.open()).rejects.toMatchObject({ code: "TSDBT-E131", message: expect.stringMatching(/has no client_email or private_key \(its contents are not shown\)/) });
  });

  it("refuses statements after close with TSDBT-E133", async () => {
    const adapter = createAdapter({ ...base, method: "oauth-secrets", token: "t", api_endpoint: "http://127.0.0.1:9" }, { projectDir: dir, targetPath: dir });
    await adapter.close();
    await expect(adapter.execute("select 1")).rejects.toMatchObject({ code: "TSDBT-E133" });
  });

  it("fails a job that is not created within job_creation_timeout_seconds with TSDBT-E132", async () => {
    const profile = readBigQueryProfile({ ...base, job_creation_timeout_seconds: 1, job_retries: 0 }, { projectDir: dir, targetPath: dir });
    const never = { createQueryJob: () => new Promise(() => undefined) };
    const started = Date.now();
    await expect(runQueryJob(never as never, profile, "select 1", { fetch: true })).rejects.toMatchObject({
      code: "TSDBT-E132",
      message: "A BigQuery job was not created within 1 s.",
      hint: expect.stringContaining("job_creation_timeout_seconds"),
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("runs a job again after a transient error, up to job_retries times", async () => {
    const profile = readBigQueryProfile({ ...base, job_retries: 2 }, { projectDir: dir, targetPath: dir });
    let calls = 0;
    const flaky = {
      createQueryJob: async () => {
        calls++;
        throw Object.assign(new Error("Backend error"), { code: 503, errors: [{ reason: "backendError" }] });
      },
    };
    await expect(runQueryJob(flaky as never, profile, "select 1", { fetch: true })).rejects.toThrow("Backend error");
    expect(calls).toBe(3);
    calls = 0;
    const invalid = { createQueryJob: async () => (calls++, Promise.reject(Object.assign(new Error("Syntax error"), { code: 400, errors: [{ reason: "invalidQuery" }] }))) };
    await expect(runQueryJob(invalid as never, profile, "selec 1", { fetch: true })).rejects.toThrow("Syntax error");
    expect(calls).toBe(1);
  }, 15000);

  it("sends the profile's job settings with every query job and reads the rows it returns", async () => {
    const profile = readBigQueryProfile(
      { ...base, location: "EU", priority: "batch", maximum_bytes_billed: 1000, job_execution_timeout_seconds: 30 },
      { projectDir: dir, targetPath: dir },
    );
    const sent: Record<string, unknown>[] = [];
    const job = {
      id: "j1",
      getQueryResults: async () => [[{ f: [{ v: "7" }] }], null, { jobComplete: true, schema: { fields: [{ name: "n", type: "INTEGER" }] } }],
    };
    const client = { createQueryJob: async (request: Record<string, unknown>) => (sent.push(request), [job, { statistics: { query: {} } }]) };
    const outcome = await runQueryJob(client as never, profile, "select 7 as n", { fetch: true });
    expect(sent).toEqual([{ query: "select 7 as n", useLegacySql: false, priority: "BATCH", location: "EU", maximumBytesBilled: "1000", jobTimeoutMs: 30000 }]);
    expect(outcome.rows).toEqual([{ f: [{ v: "7" }] }]);
    expect(outcome.fields).toEqual([{ name: "n", type: "INTEGER" }]);
  });
});
