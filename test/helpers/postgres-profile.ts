import * as fs from "node:fs";
import * as path from "node:path";
import type { TestPostgres } from "@tsdbt/adapter-tests";
import { Client } from "pg";

/** Writes `<dir>/profiles.yml`: profile `name` whose one target `target` is the test's PostgreSQL, in `schema`, one thread. */
export function writePostgresProfile(dir: string, name: string, pg: TestPostgres, schema: string, target = "pg"): void {
  const output = ["type: postgres", `host: ${pg.host}`, `port: ${pg.port}`, `user: ${pg.user}`, `password: "${pg.password}"`, `dbname: ${pg.database}`, `schema: ${schema}`, "threads: 1"];
  fs.writeFileSync(path.join(dir, "profiles.yml"), [`${name}:`, `  target: ${target}`, "  outputs:", `    ${target}:`, ...output.map((l) => `      ${l}`), ""].join("\n"));
}

/** Drops a schema a test built in, with all it holds, so a shared server keeps nothing of the test's runs. */
export async function dropPostgresSchema(pg: TestPostgres, schema: string): Promise<void> {
  const client = new Client({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
