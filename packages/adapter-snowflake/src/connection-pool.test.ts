import type { AdapterError } from "@tsdbt/adapter-api";
import { ConnectionPool } from "./connection-pool";
import { readSnowflakeProfile } from "./snowflake-profile";
import { runStatement } from "./snowflake-statement";
import { createAdapter } from "./snowflake-adapter";

/** A stand-in for snowflake-sdk: logins succeed; statements finish only when cancelled. */
function fakeDriver() {
  const logins: number[] = [];
  const driver = {
    createConnection: () => ({
      connect: (done: (error: Error | null) => void) => {
        logins.push(1);
        done(null);
      },
      isUp: () => true,
      destroy: (done: () => void) => done(),
      execute: (options: { complete: (error: Error | null, stmt: unknown, rows?: unknown[]) => void }) => ({
        cancel: (done: () => void) => {
          options.complete(Object.assign(new Error("SQL execution canceled"), { code: 604 }), {});
          done();
        },
      }),
    }),
  };
  return { driver: driver as never, logins };
}

const profile = (extra: Record<string, unknown> = {}) =>
  readSnowflakeProfile({ type: "snowflake", account: "a", user: "u", password: "p", database: "D", schema: "S", threads: 1, ...extra }, { projectDir: ".", targetPath: "." });

describe("ConnectionPool", () => {
  it("cancels running statements and fails callers still waiting for a session with TSDBT-E123", async () => {
    const { driver, logins } = fakeDriver();
    const pool = new ConnectionPool(driver, profile(), {});
    const running = pool.use((c, track) => runStatement(c, "select system$wait(60)", { onStart: track }));
    await new Promise((resolve) => setImmediate(resolve));
    const waiting = pool.use(async () => "never");
    await pool.cancelAll();
    await expect(running).rejects.toMatchObject({ code: "000604", message: "SQL execution canceled" });
    const error = (await waiting.catch((e: unknown) => e)) as AdapterError;
    expect(error.code).toBe("TSDBT-E123");
    expect(logins).toHaveLength(1);
    await pool.close();
  });

  it("refuses work after close with TSDBT-E124", async () => {
    const { driver } = fakeDriver();
    const pool = new ConnectionPool(driver, profile(), {});
    await pool.close();
    await expect(pool.use(async () => 1)).rejects.toMatchObject({ code: "TSDBT-E124" });
    const adapter = createAdapter({ type: "snowflake", account: "a", user: "u", password: "p", database: "D", schema: "S" }, { projectDir: ".", targetPath: "." });
    await adapter.close();
    await expect(adapter.execute("select 1")).rejects.toMatchObject({ code: "TSDBT-E124" });
  });

  it("fails a login the endpoint never answers with TSDBT-E121 after connect_retries, naming the endpoint and not the password", async () => {
    const adapter = createAdapter(
      { type: "snowflake", account: "a", user: "ann", password: "pw-never-shown", database: "D", schema: "S", host: "127.0.0.1", port: 9, protocol: "http", connect_retries: 0, connect_timeout: 3 },
      { projectDir: ".", targetPath: "." },
    );
    const error = (await adapter.open().catch((e: unknown) => e)) as AdapterError;
    await adapter.close();
    expect(error.code).toBe("TSDBT-E121");
    expect(error.message).toMatch(/^Could not log in to Snowflake \(http:\/\/127\.0\.0\.1:9\) as ann: /);
    expect(error.message).not.toContain("pw-never-shown");
    expect(error.hint).toMatch(/connect_retries and connect_timeout/);
  }, 30000);
});
