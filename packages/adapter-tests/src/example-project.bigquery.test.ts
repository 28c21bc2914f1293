/**
 * End-to-end: `tsdbt build --target bigquery` on a copy of example-project against the local
 * BigQuery endpoint (BIGQUERY_EMULATOR_URL), through the public Node API of the built CLI.
 * Skipped, saying so, when the variable is unset.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startAdapterWorker, type Adapter } from "@tsdbt/adapter-api";
import { uniqueSchemaName } from "./postgres-server";
import { invokeExample } from "./invoke-example";

const EXAMPLE = path.resolve(__dirname, "../../../example-project");
const url = process.env.BIGQUERY_EMULATOR_URL;
const ENV_KEYS = ["TSDBT_BQ_DATASET", "TSDBT_BQ_API_ENDPOINT", "TSDBT_BQ_PROJECT"];

if (!url) {
  test.skip("tsdbt build --target bigquery on example-project (skipped: set BIGQUERY_EMULATOR_URL to a local bqlite endpoint to run it)", () => undefined);
} else {
  let dir: string;
  let dataset: string;
  let adapter: Adapter;
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    dataset = uniqueSchemaName("tsdbt_example");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-example-bq-"));
    fs.cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}target`) });
    for (const key of ENV_KEYS) saved[key] = process.env[key];
    Object.assign(process.env, { TSDBT_BQ_DATASET: dataset, TSDBT_BQ_API_ENDPOINT: url, TSDBT_BQ_PROJECT: "tsdbt-example" });
    adapter = await startAdapterWorker(
      { type: "bigquery", method: "oauth-secrets", token: "local", project: "tsdbt-example", dataset, schema: dataset, api_endpoint: url },
      { projectDir: dir, targetPath: dir },
    );
  });

  afterAll(async () => {
    for (const key of ENV_KEYS) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    try {
      await adapter.execute(`drop schema if exists \`${dataset}\` cascade`, { fetch: false });
    } finally {
      await adapter.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });


  const tsdbt = (...argv: string[]) => invokeExample(dir, "bigquery", ...argv);

  describe("tsdbt build on example-project (BigQuery, local endpoint)", () => {
    it("builds every seed and model and passes every test", async () => {
      const run = await tsdbt("build");
      expect(run.output).toContain("Done. PASS=52 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=52");
      expect(run.exitCode).toBe(0);
    }, 300000);

    it("computes the figures the example's README states", async () => {
      const tiers = await adapter.execute(
        `select loyalty_tier, count(*) as n, round(sum(lifetime_value), 2) as total from \`tsdbt-example\`.\`${dataset}\`.customer_lifetime_value group by 1 order by 1`,
      );
      expect(tiers.rows).toEqual([
        { loyalty_tier: "Gold", n: 3, total: 3696.83 },
        { loyalty_tier: "Silver", n: 9, total: 2548.8 },
      ]);
    });

    it("prices every compiled model and test with a dry run, one line each and a total (compile --dry-run)", async () => {
      const run = await tsdbt("compile", "--dry-run");
      expect(run.exitCode).toBe(0);
      expect(run.output).toMatch(/Dry run of model\.tsdbt_example\.fct_orders: would process /);
      expect(run.output).toMatch(/Dry run of test\.tsdbt_example\.\w+: would process /);
      expect(run.output).toMatch(/Dry run: \d+ queries would process [\d.]+ (B|KiB|MiB) \(\d+ bytes\)$/m);
      expect(run.output).not.toMatch(/failed:/);
    }, 300000);

    it("converges on a second build: the incremental model appends nothing", async () => {
      const again = await tsdbt("build");
      expect(again.exitCode).toBe(0);
      expect((await adapter.execute(`select count(*) as n from \`tsdbt-example\`.\`${dataset}\`.fct_orders`)).rows).toEqual([{ n: 45 }]);
    }, 300000);
  });
}
