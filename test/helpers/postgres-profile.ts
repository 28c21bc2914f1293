import * as fs from "node:fs";
import * as path from "node:path";
import type { TestPostgres } from "@tsdbt/adapter-tests";

/** Writes `<dir>/profiles.yml`: profile `name` whose one target `target` is the test's PostgreSQL, in `schema`, one thread. */
export function writePostgresProfile(dir: string, name: string, pg: TestPostgres, schema: string, target = "pg"): void {
  const output = ["type: postgres", `host: ${pg.host}`, `port: ${pg.port}`, `user: ${pg.user}`, `password: "${pg.password}"`, `dbname: ${pg.database}`, `schema: ${schema}`, "threads: 1"];
  fs.writeFileSync(path.join(dir, "profiles.yml"), [`${name}:`, `  target: ${target}`, "  outputs:", `    ${target}:`, ...output.map((l) => `      ${l}`), ""].join("\n"));
}
