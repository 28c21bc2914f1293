import { spawn } from "node:child_process";
import * as path from "node:path";
import { Client } from "pg";
import type { ProfileTarget } from "@tsdbt/adapter-api";

/** A PostgreSQL server tests can use, and how to stop it. */
export interface TestPostgres {
  /** `server` for a real server from `TSDBT_PG_URL`, `pglite` for the in-process fallback. */
  kind: "server" | "pglite";
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** Stops the PGlite server (a real server is left running). */
  stop(): Promise<void>;
}

/** The profile target of a postgres adapter on `server`, building in `schema`. */
export function postgresTargetOf(server: TestPostgres, schema: string, threads = 1): ProfileTarget {
  return { type: "postgres", host: server.host, port: server.port, user: server.user, password: server.password, dbname: server.database, schema, threads };
}

/** Which PostgreSQL the tests of this process use: the server named by `TSDBT_PG_URL`, or PGlite when it is unset. */
export const testPostgresKind: TestPostgres["kind"] = process.env.TSDBT_PG_URL ? "server" : "pglite";

/**
 * Finds PostgreSQL for tests: the server at `TSDBT_PG_URL` (e.g.
 * `postgres://postgres@127.0.0.1:5432/test`), which must answer within 3 s (a configured server that
 * does not answer is an error, never a silent fallback); when the variable is unset, PGlite started
 * in this process behind `PGLiteSocketServer` on a free 127.0.0.1 port, so tests pass on any
 * machine (a child process running bin/pglite-server.cjs; `stop` ends it). Either way, clients
 * connect with node-postgres.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const url = process.env.TSDBT_PG_URL;
  if (url) {
    const parsed = new URL(url);
    const server: TestPostgres = {
      kind: "server",
      host: parsed.hostname || "127.0.0.1",
      port: Number(parsed.port || 5432),
      user: decodeURIComponent(parsed.username || "postgres"),
      password: decodeURIComponent(parsed.password),
      database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "postgres",
      stop: async () => undefined,
    };
    if (await answers(server)) return server;
    throw new Error(`TSDBT_PG_URL is set to ${parsed.host}${parsed.pathname} but no PostgreSQL server answers there. Start the server, or unset TSDBT_PG_URL to test on PGlite.`);
  }
  return startPglite();
}

async function answers(server: TestPostgres): Promise<boolean> {
  const client = new Client({ host: server.host, port: server.port, user: server.user, password: server.password, database: server.database, connectionTimeoutMillis: 3000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The script that serves PGlite in a child process (beside src/ and dist/ alike). */
const PGLITE_SCRIPT = path.join(__dirname, "..", "bin", "pglite-server.cjs");

async function startPglite(): Promise<TestPostgres> {
  const child = spawn(process.execPath, [PGLITE_SCRIPT], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const address = await new Promise<{ host: string; port: number }>((resolve, reject) => {
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split("\n")[0];
      if (stdout.includes("\n") && line) resolve(JSON.parse(line) as { host: string; port: number });
    });
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`The PGlite server exited with code ${code} before listening. ${stderr.trim()}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    kind: "pglite",
    host: address.host,
    port: address.port,
    user: "postgres",
    password: "",
    database: "postgres",
    async stop() {
      if (child.exitCode === null) {
        child.stdin.end();
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 5000)))]);
        clearTimeout(timer);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      child.stdout.destroy();
      child.stderr.destroy();
    },
  };
}

/** A schema name no other test uses: `prefix` plus a random suffix. */
export function uniqueSchemaName(prefix = "tsdbt_test"): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
