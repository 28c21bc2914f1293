import type { Connection, ConnectionOptions, RowStatement } from "snowflake-sdk";
import { SnowflakeErrorCode, snowflakeError } from "./snowflake-errors";
import type { SnowflakeProfile } from "./snowflake-profile";

type Driver = typeof import("snowflake-sdk");

/** Node's and the driver's codes for "the endpoint could not be reached", always worth another login attempt. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

/** How a failed login is classified for dbt-snowflake's retry settings. */
export function loginFailureKind(error: unknown): "network" | "database" | "other" {
  const code = String((error as { code?: unknown } | null)?.code ?? "");
  if (NETWORK_CODES.has(code) || /^40\d{4}$/.test(code) || code === "timeout") return "network";
  if (/^39\d{4}$/.test(code) || /^\d{6}$/.test(code)) return "database";
  return "other";
}

/** Whether a login that failed this way is tried again under the profile's retry settings. */
export function retriesLogin(profile: Pick<SnowflakeProfile, "retryAll" | "retryOnDatabaseErrors">, error: unknown): boolean {
  const kind = loginFailureKind(error);
  return profile.retryAll || kind === "network" || (kind === "database" && profile.retryOnDatabaseErrors);
}

/**
 * Snowflake sessions, at most `threads` of them, opened on demand with the profile's login retries
 * and timeout. With `reuse_connections` false a session is closed after each use. Tracks the
 * statements running on each session so they can be cancelled.
 */
export class ConnectionPool {
  private readonly idle: Connection[] = [];
  private readonly waiting: ((connection: Connection | null) => void)[] = [];
  private readonly running = new Set<RowStatement>();
  private size = 0;
  private generation = 0;
  private closed = false;

  constructor(
    private readonly driver: Driver,
    private readonly profile: SnowflakeProfile,
    private readonly options: ConnectionOptions,
  ) {}

  /** Runs `fn` on a session of its own; `track` registers a running statement for {@link cancelAll}. */
  async use<T>(fn: (connection: Connection, track: (statement: RowStatement) => void) => Promise<T>): Promise<T> {
    const connection = await this.acquire();
    const mine = new Set<RowStatement>();
    const track = (statement: RowStatement) => {
      mine.add(statement);
      this.running.add(statement);
    };
    try {
      return await fn(connection, track);
    } finally {
      for (const statement of mine) this.running.delete(statement);
      this.release(connection);
    }
  }

  /** Cancels every running statement; callers still waiting for a session fail with TSDBT-E123. */
  async cancelAll(): Promise<void> {
    this.generation++;
    const statements = [...this.running];
    await Promise.all(statements.map((s) => new Promise<void>((resolve) => s.cancel(() => resolve()))));
  }

  /** Closes every session; later calls fail with TSDBT-E124. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.cancelAll();
    for (const wake of this.waiting.splice(0)) wake(null);
    await Promise.all(this.idle.splice(0).map((c) => this.destroy(c)));
  }

  private async acquire(): Promise<Connection> {
    if (this.closed) throw snowflakeError(SnowflakeErrorCode.closed, "The snowflake adapter is closed.", "Open a new adapter or run the command again.");
    const generation = this.generation;
    let connection = this.idle.pop() ?? null;
    if (!connection && this.size < this.profile.threads) {
      this.size++;
      try {
        connection = await this.login();
      } catch (error) {
        this.size--;
        this.waiting.shift()?.(null);
        throw error;
      }
    }
    connection ??= await new Promise<Connection | null>((resolve) => this.waiting.push(resolve));
    if (!connection) return this.acquire();
    if (generation !== this.generation || this.closed) {
      this.release(connection);
      throw snowflakeError(SnowflakeErrorCode.cancelled, "The statement was cancelled before it started.", "Run the command again.");
    }
    return connection;
  }

  private release(connection: Connection): void {
    if (this.closed || !this.profile.reuseConnections || !connection.isUp()) {
      this.size--;
      void this.destroy(connection);
      this.waiting.shift()?.(null);
      return;
    }
    const next = this.waiting.shift();
    if (next) next(connection);
    else this.idle.push(connection);
  }

  private async login(): Promise<Connection> {
    for (let attempt = 0; ; attempt++) {
      const connection = this.driver.createConnection(this.options);
      try {
        // connectAsync resolves even when the login fails; the callback of connect gets the error
        await withTimeout(new Promise<void>((resolve, reject) => connection.connect((error) => (error ? reject(error) : resolve()))), this.profile.connectTimeout);
        return connection;
      } catch (error) {
        void this.destroy(connection);
        if (attempt < this.profile.connectRetries && retriesLogin(this.profile, error)) {
          await new Promise((resolve) => setTimeout(resolve, 500 * (attempt + 1)));
          continue;
        }
        const where = this.profile.accessUrl ?? `account ${this.profile.account}`;
        throw snowflakeError(
          SnowflakeErrorCode.connectionFailed,
          `Could not log in to Snowflake (${where}) as ${this.profile.user}: ${(error as Error).message || String(error)}`,
          "Check account, user, the credentials and role in profiles.yml, and that the endpoint is reachable; connect_retries and connect_timeout control the attempts.",
        );
      }
    }
  }

  private destroy(connection: Connection): Promise<void> {
    return new Promise((resolve) => {
      try {
        connection.destroy(() => resolve());
      } catch {
        resolve();
      }
    });
  }
}

/** `promise`, rejected with a `timeout` error after `seconds` (0: no limit). */
function withTimeout<T>(promise: Promise<T>, seconds: number): Promise<T> {
  if (seconds <= 0) return promise;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within connect_timeout (${seconds} s)`), { code: "timeout" })), seconds * 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
