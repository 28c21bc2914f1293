/**
 * End-to-end: example-project built on PostgreSQL (TSDBT_PG_URL, else PGlite) through the public
 * Node API of the built CLI (`invoke` from the `tsdbt` package; build it with `npx tsc --build`).
 * The example's `pg` output reads TSDBT_PG_HOST/PORT/USER/PASSWORD/DBNAME/SCHEMA.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Client } from "pg";
import { startTestPostgres, uniqueSchemaName, type TestPostgres } from "./postgres-server";
import { invokeExample } from "./invoke-example";

const EXAMPLE = path.resolve(__dirname, "../../../example-project");
const ENV_KEYS = ["TSDBT_PG_HOST", "TSDBT_PG_PORT", "TSDBT_PG_USER", "TSDBT_PG_PASSWORD", "TSDBT_PG_DBNAME", "TSDBT_PG_SCHEMA"];

let server: TestPostgres;
let dir: string;
let schema: string;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  server = await startTestPostgres();
  schema = uniqueSchemaName("tsdbt_example");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-example-pg-"));
  fs.cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}target`) });
  for (const key of ENV_KEYS) saved[key] = process.env[key];
  Object.assign(process.env, {
    TSDBT_PG_HOST: server.host,
    TSDBT_PG_PORT: String(server.port),
    TSDBT_PG_USER: server.user,
    TSDBT_PG_PASSWORD: server.password,
    TSDBT_PG_DBNAME: server.database,
    TSDBT_PG_SCHEMA: schema,
  });
}, 120000);

afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  try {
    await query(`drop schema if exists "${schema}" cascade`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await server?.stop();
  }
});

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const client = new Client({ host: server.host, port: server.port, user: server.user, password: server.password, database: server.database });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}


const tsdbt = (...argv: string[]) => invokeExample(dir, "pg", ...argv);

describe("tsdbt build on example-project (PostgreSQL)", () => {
  it("builds every seed and model and passes every test", async () => {
    const run = await tsdbt("build");
    expect(run.output).toContain("Done. PASS=52 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=52");
    expect(run.exitCode).toBe(0);
  }, 180000);

  it("computes the figures the example's README states", async () => {
    const tiers = await query(`select loyalty_tier, count(*)::int as n, round(sum(lifetime_value)::numeric, 2)::float8 as total from "${schema}".customer_lifetime_value group by 1 order by 1`);
    expect(tiers).toEqual([
      { loyalty_tier: "Gold", n: 3, total: 3696.83 },
      { loyalty_tier: "Silver", n: 9, total: 2548.8 },
    ]);
  });

  it("converges on a second build: the incremental model appends nothing", async () => {
    const again = await tsdbt("build");
    expect(again.exitCode).toBe(0);
    expect(await query(`select count(*)::int as n from "${schema}".fct_orders`)).toEqual([{ n: 45 }]);
  }, 180000);
});
