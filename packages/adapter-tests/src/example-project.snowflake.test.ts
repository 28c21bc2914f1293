/**
 * End-to-end: example-project built with `--target snowflake` through the public Node API of the
 * built CLI, against the fakesnow endpoint at FAKESNOW_URL (skipped, naming the variable, when it
 * is unset). The example's `snowflake` output reads TSDBT_SF_HOST/PORT/PROTOCOL and SNOWFLAKE_*.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Adapter } from "@tsdbt/adapter-api";
import { createAdapter } from "@tsdbt/adapter-snowflake";
import { uniqueSchemaName } from "./postgres-server";
import { snowflakeTestTarget } from "./snowflake-target";
import { invokeExample } from "./invoke-example";

const EXAMPLE = path.resolve(__dirname, "../../../example-project");
const where = snowflakeTestTarget();
const DATABASE = "TSDBT_EXAMPLE_TEST";
const ENV_KEYS = ["TSDBT_SF_HOST", "TSDBT_SF_PORT", "TSDBT_SF_PROTOCOL", "SNOWFLAKE_DATABASE", "SNOWFLAKE_SCHEMA"];

if (where.kind !== "fakesnow") {
  describe("tsdbt build on example-project (Snowflake)", () => {
    it.skip(`needs the fakesnow endpoint: ${where.kind === "none" ? where.reason : "runs against fakesnow only (FAKESNOW_URL)"}`, () => undefined);
  });
} else {
  let dir: string;
  let schema: string;
  let adapter: Adapter;
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    schema = uniqueSchemaName("tsdbt_example");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-example-sf-"));
    fs.cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}target`) });
    const url = new URL(process.env.FAKESNOW_URL!);
    for (const key of ENV_KEYS) saved[key] = process.env[key];
    Object.assign(process.env, { TSDBT_SF_HOST: url.hostname, TSDBT_SF_PORT: url.port, TSDBT_SF_PROTOCOL: url.protocol.replace(":", ""), SNOWFLAKE_DATABASE: DATABASE, SNOWFLAKE_SCHEMA: schema });
    adapter = createAdapter({ ...where.target(schema, 1), database: DATABASE }, { projectDir: dir, targetPath: dir });
    await adapter.execute(`create database if not exists ${DATABASE}`, { fetch: false });
  }, 120000);

  afterAll(async () => {
    for (const key of ENV_KEYS) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    try {
      await adapter.execute(`drop schema if exists ${DATABASE}.${schema} cascade`, { fetch: false });
    } finally {
      await adapter.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const tsdbt = (...argv: string[]) => invokeExample(dir, "snowflake", ...argv);

  describe("tsdbt build on example-project (Snowflake, fakesnow)", () => {
    it("builds every seed and model and passes every test", async () => {
      const run = await tsdbt("build");
      expect(run.output).toContain("Done. PASS=52 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=52");
      expect(run.exitCode).toBe(0);
    }, 300000);

    it("computes the figures the example's README states", async () => {
      const { rows } = await adapter.execute(
        `select loyalty_tier, count(*) as n, round(sum(lifetime_value), 2) as total from ${DATABASE}.${schema}.customer_lifetime_value group by 1 order by 1`,
      );
      expect(rows.map((r) => Object.values(r))).toEqual([
        ["Gold", 3, 3696.83],
        ["Silver", 9, 2548.8],
      ]);
    });

    it("converges on a second build: the incremental model appends nothing", async () => {
      const again = await tsdbt("build");
      expect(again.exitCode).toBe(0);
      const { rows } = await adapter.execute(`select count(*) as n from ${DATABASE}.${schema}.fct_orders`);
      expect(Object.values(rows[0]!)).toEqual([45]);
    }, 300000);
  });
}
