import type { Pool, PoolClient } from "pg";
import { nodePostgres } from "./node-postgres";
import { plainValueTypes } from "./postgres-values";
import { PostgresErrorCode, postgresError } from "./postgres-errors";
import { sslOptions, type PostgresProfile } from "./postgres-profile";
import { postgresDialect } from "./postgres-dialect";

/** Error codes of node-postgres / Node that mean "could not connect", worth a retry. */
const CONNECT_ERRORS = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN", "57P03", "53300"]);

/**
 * node-postgres's pool sized by `threads`, with tsdbt's value parsers, per-connection setup
 * (`set role`, `search_path`), connect retries, and cancellation of the statements running on
 * its connections (`pg_cancel_backend` from a separate connection).
 */
export class ClientPool {
  private readonly pool: Pool;
  private readonly prepared = new WeakSet<PoolClient>();
  private readonly broken = new WeakSet<PoolClient>();
  private readonly busy = new Set<PoolClient>();
  private generation = 0;
  private closed = false;

  constructor(private readonly profile: PostgresProfile) {
    this.pool = new (nodePostgres().Pool)({ ...connectionConfig(profile), max: profile.threads, idleTimeoutMillis: 0 });
    // An idle connection the server drops must not crash the process; the next use reconnects.
    this.pool.on("error", () => undefined);
  }

  /** Runs `fn` on a connection of its own and gives it back afterwards (a broken one is discarded). */
  async use<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.acquire();
    try {
      return await fn(client);
    } finally {
      this.busy.delete(client);
      client.release(this.broken.has(client));
    }
  }

  /** Cancels every statement running on the pool's connections; callers still waiting for a connection fail with TSDBT-E102. */
  async cancelAll(): Promise<void> {
    this.generation++;
    const pids = [...this.busy].map((c) => (c as unknown as { processID?: number }).processID).filter((p): p is number => typeof p === "number");
    if (pids.length === 0) return;
    const client = new (nodePostgres().Client)(connectionConfig(this.profile));
    try {
      await client.connect();
      await client.query(`select pg_catalog.pg_cancel_backend(pid) from unnest(array[${pids.join(", ")}]::int[]) as pid`);
    } catch {
      // Best effort: the statements may have finished, or the server may refuse a further connection.
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** Closes every connection; later calls fail with TSDBT-E104. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.cancelAll();
    await this.pool.end();
  }

  private async acquire(): Promise<PoolClient> {
    if (this.closed) throw postgresError(PostgresErrorCode.closed, "The postgres adapter is closed.", "Open a new adapter or run the command again.");
    const generation = this.generation;
    const client = await this.connectWithRetries();
    if (generation !== this.generation || this.closed) {
      client.release();
      throw postgresError(PostgresErrorCode.cancelled, "The statement was cancelled before it started.", "Run the command again.");
    }
    this.busy.add(client);
    if (!this.prepared.has(client)) {
      // A connection that fails while checked out is discarded on release, never reused.
      client.on("error", () => this.broken.add(client));
      try {
        await this.prepare(client);
      } catch (error) {
        this.busy.delete(client);
        client.release(true);
        throw error;
      }
      this.prepared.add(client);
    }
    return client;
  }

  private async connectWithRetries(): Promise<PoolClient> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.pool.connect();
      } catch (error) {
        const code = (error as { code?: string }).code;
        const retryable = code !== undefined && CONNECT_ERRORS.has(code);
        if (retryable && attempt < this.profile.retries) {
          await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)));
          continue;
        }
        const { host, port, user, dbname } = this.profile;
        throw postgresError(
          PostgresErrorCode.connectionFailed,
          `Could not connect to PostgreSQL at ${host}:${port} as ${user} (database ${dbname}): ${(error as Error).message || code}.`,
          "Check that the server is running and that host, port, user, password and dbname in profiles.yml are right.",
        );
      }
    }
  }

  private async prepare(client: PoolClient): Promise<void> {
    const statements: string[] = [];
    if (this.profile.role) statements.push(`set role ${postgresDialect.quote(this.profile.role)}`);
    if (this.profile.searchPath) statements.push(`set search_path to ${this.profile.searchPath}`);
    if (statements.length > 0) await client.query(statements.join(";\n"));
  }
}

/** node-postgres connection settings of a profile (shared by the pool and the cancelling connection). */
function connectionConfig(profile: PostgresProfile) {
  return {
    host: profile.host,
    port: profile.port,
    user: profile.user,
    password: profile.password,
    database: profile.dbname,
    ssl: sslOptions(profile),
    connectionTimeoutMillis: profile.connectTimeout * 1000,
    keepAlive: profile.keepalivesIdle > 0,
    keepAliveInitialDelayMillis: profile.keepalivesIdle * 1000,
    application_name: profile.applicationName,
    types: plainValueTypes,
  };
}
