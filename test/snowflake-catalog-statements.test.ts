/**
 * End-to-end on the Snowflake emulator (FAKESNOW_URL; skipped, naming it, when unset): what a
 * compile that introspects relations costs in statements, read from the requests fakesnow gets
 * (the profile's host/port point at a recording proxy in front of it). A relation that does not
 * exist yet, asked for by `adapter.get_columns_in_relation` before any listing of its schema, is
 * described once (as dbt-snowflake does), not once per spelling of its name.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { gunzipSync } from "node:zlib";
import { uniqueSchemaName } from "@tsdbt/adapter-tests";
import { recordingProxy, type RecordingProxy } from "./helpers/recording-proxy";

const upstream = process.env.FAKESNOW_URL;
const CLI = path.join(__dirname, "..", "packages", "cli", "bin", "tsdbt.js");

/** A recording proxy in front of fakesnow that keeps the SQL text of every query request. */
function statementsProxy(target: string): Promise<RecordingProxy<string>> {
  return recordingProxy(target, (method, pathname, body, headers) => {
    if (method !== "POST" || !pathname.startsWith("/queries/v1/query-request")) return undefined;
    const text = headers["content-encoding"] === "gzip" ? gunzipSync(body).toString("utf8") : body.toString("utf8");
    return String((JSON.parse(text) as { sqlText?: string }).sqlText ?? "");
  });
}

if (!upstream) {
  test.skip("Snowflake catalog statements of a compile (skipped: set FAKESNOW_URL to a local fakesnow endpoint to run it)", () => undefined);
} else {
  let proxy: RecordingProxy<string>;
  let dir: string;
  beforeAll(async () => (proxy = await statementsProxy(upstream)));
  afterAll(async () => {
    await proxy.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("describes a relation that does not exist yet once, before any listing of its schema", async () => {
    const schema = uniqueSchemaName("sf_describe").toUpperCase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-sf-describe-"));
    fs.mkdirSync(path.join(dir, "models"));
    fs.writeFileSync(path.join(dir, "models", "unbuilt.sql"), "select 1 as id\n");
    fs.writeFileSync(path.join(dir, "models", "other.sql"), "select 1 as id\n");
    fs.writeFileSync(
      path.join(dir, "models", "reader.sql"),
      "{% set cols = adapter.get_columns_in_relation(ref('unbuilt')) %}\nselect {{ cols | length }} as n\n",
    );
    fs.writeFileSync(path.join(dir, "dbt_project.yml"), "name: sf_describe\nversion: '1.0.0'\nconfig-version: 2\nprofile: cloud\n");
    const profile = ["type: snowflake", "account: fakesnow", "user: fake", "password: snow", "database: TSDBT_TEST", `schema: ${schema}`, "host: 127.0.0.1", `port: ${proxy.port}`, "protocol: http", "connect_retries: 0", "threads: 1"];
    fs.writeFileSync(path.join(dir, "profiles.yml"), ["cloud:", "  target: emulator", "  outputs:", "    emulator:", ...profile.map((l) => `      ${l}`), ""].join("\n"));
    // a process of its own: a compile blocks its main thread while the adapter worker asks the proxy, which lives here
    const tsdbt = (...argv: string[]) =>
      new Promise<{ exitCode: number }>((resolve) =>
        execFile(process.execPath, [CLI, ...argv, "--project-dir", dir, "--profiles-dir", dir], { cwd: dir }, (error) => resolve({ exitCode: error ? Number(error.code ?? 1) : 0 })),
      );
    // the schema exists (another model built into it), the relation asked for does not
    expect((await tsdbt("run", "-s", "other")).exitCode).toBe(0);
    const before = proxy.recorded.length;
    expect((await tsdbt("compile", "-s", "reader")).exitCode).toBe(0);
    const compile = proxy.recorded.slice(before);
    expect(fs.readFileSync(path.join(dir, "target", "compiled", "sf_describe", "models", "reader.sql"), "utf8")).toContain("select 0 as n");
    expect(compile.filter((s) => /^describe table/i.test(s))).toEqual([`describe table TSDBT_TEST."${schema}".unbuilt`]);
  }, 120000);
}
