import { defineDialect } from "@tsdbt/adapter-api";
import { isStopError, isTransientError, TRANSIENT_RETRIES, withTransientRetries } from "./transient-retry";

const dialect = defineDialect({ parserDialect: "postgresql", transientErrorCodes: ["40P01", "40001"] });
const sqlError = (code: string, message = `error ${code}`) => Object.assign(new Error(message), { code });
const noPause = async () => undefined;

describe("withTransientRetries", () => {
  it("runs a transaction again after a deadlock and returns its result", async () => {
    let calls = 0;
    const result = await withTransientRetries(dialect, async () => {
      calls++;
      if (calls < 3) throw sqlError("40P01", "deadlock detected");
      return "committed";
    }, noPause);
    expect([result, calls]).toEqual(["committed", 3]);
  });

  it("gives up after a bounded number of attempts with the last error", async () => {
    let calls = 0;
    const attempt = async () => {
      calls++;
      throw sqlError("40001", "could not serialize access");
    };
    await expect(withTransientRetries(dialect, attempt, noPause)).rejects.toThrow("could not serialize access");
    expect(calls).toBe(TRANSIENT_RETRIES + 1);
  });

  it("never repeats a transaction that failed for another reason", async () => {
    let calls = 0;
    const attempt = async () => {
      calls++;
      throw sqlError("42P01", 'relation "x" does not exist');
    };
    await expect(withTransientRetries(dialect, attempt, noPause)).rejects.toThrow('relation "x" does not exist');
    expect(calls).toBe(1);
  });

  it("calls a code transient only with the message the dialect names for it", () => {
    const withMessages = defineDialect({ parserDialect: "postgresql", transientErrorMessages: { "23505": /constraint "pg_\w+"/ } });
    const clash = sqlError("23505", 'duplicate key value violates unique constraint "pg_type_typname_nsp_index"');
    const users = sqlError("23505", 'duplicate key value violates unique constraint "orders_pkey"');
    expect([isTransientError(clash, withMessages), isTransientError(users, withMessages), isTransientError(clash, dialect)]).toEqual([true, false, false]);
  });

  it("never repeats a transaction that failed with an error without a code (tsdbt's own, a dropped socket)", async () => {
    let calls = 0;
    const attempt = async () => {
      calls++;
      throw new Error("socket closed");
    };
    await expect(withTransientRetries(dialect, attempt, noPause)).rejects.toThrow("socket closed");
    expect(calls).toBe(1);
  });

  it("pauses 25 ms doubled at each retry plus up to 50 ms of jitter", async () => {
    const pauses: number[] = [];
    const random = jest.spyOn(Math, "random").mockReturnValue(0.5);
    try {
      const attempt = async () => {
        throw sqlError("40P01", "deadlock detected");
      };
      await expect(withTransientRetries(dialect, attempt, async (ms) => void pauses.push(ms))).rejects.toThrow("deadlock detected");
    } finally {
      random.mockRestore();
    }
    expect(pauses).toEqual([50, 75, 125, 225]);
  });

  it("waits by itself when given no pause, then runs the transaction again", async () => {
    let calls = 0;
    const result = await withTransientRetries(dialect, async () => {
      calls++;
      if (calls === 1) throw sqlError("40P01", "deadlock detected");
      return "committed";
    });
    expect([result, calls]).toEqual(["committed", 2]);
  });

  it("repeats nothing on an engine without transient codes", async () => {
    expect(isTransientError(sqlError("40P01"), defineDialect({ parserDialect: "postgresql" }))).toBe(false);
  });
});

describe("isStopError", () => {
  it("steps over a refused statement but not a cancel, a deadlock, a lost connection or an error without SQLSTATE", () => {
    expect(isStopError(sqlError("42703"), dialect)).toBe(false);
    expect(isStopError(sqlError("42P16"), dialect)).toBe(false);
    expect(isStopError(sqlError("57014"), dialect)).toBe(true);
    expect(isStopError(sqlError("40P01"), dialect)).toBe(true);
    expect(isStopError(sqlError("08006"), dialect)).toBe(true);
    expect(isStopError(sqlError("TSDBT-E102"), dialect)).toBe(true);
    expect(isStopError(new Error("socket closed"), dialect)).toBe(true);
  });

  it("reads only a whole five-character SQLSTATE, and its class from the first two characters", () => {
    // Node's socket errors carry codes too: not SQLSTATEs, so they end the transaction
    expect(isStopError(sqlError("ECONNRESET"), dialect)).toBe(true);
    // 22008 (datetime field overflow) is a refused statement, though it ends in 08
    expect(isStopError(sqlError("22008"), dialect)).toBe(false);
    expect(isStopError(sqlError("42P57"), dialect)).toBe(false);
  });
});
