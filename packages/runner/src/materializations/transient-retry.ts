import type { SqlDialect } from "@tsdbt/adapter-api";

/** How often a transaction that hit a transient error (deadlock, serialization failure) runs again. */
export const TRANSIENT_RETRIES = 4;

/** The error's code (PostgreSQL's SQLSTATE, or a tsdbt code), when it has one. */
function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : null;
}

/** Whether `error` is one the dialect calls transient: the same transaction may succeed when run again. */
export function isTransientError(error: unknown, dialect: SqlDialect): boolean {
  const code = codeOf(error);
  if (code === null) return false;
  if ((dialect.transientErrorCodes ?? []).includes(code)) return true;
  const pattern = dialect.transientErrorMessages?.[code];
  return pattern !== undefined && pattern.test(String((error as { message?: unknown }).message ?? ""));
}

/**
 * Whether `error` must end the transaction rather than be stepped over with a savepoint: a
 * transient error (the transaction will run again), a cancel or shutdown (SQLSTATE class 57),
 * a lost connection (08), exhausted resources (53), or an error without an SQLSTATE (tsdbt's own).
 */
export function isStopError(error: unknown, dialect: SqlDialect): boolean {
  const code = codeOf(error);
  if (code === null || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return isTransientError(error, dialect) || /^(57|08|53|40)/.test(code);
}

/**
 * Runs `attempt` (a whole transaction) and runs it again, up to {@link TRANSIENT_RETRIES} more
 * times with a short randomised pause, while it fails with a transient error; any other error,
 * or the last transient one, is thrown.
 */
export async function withTransientRetries<T>(dialect: SqlDialect, attempt: () => Promise<T>, pause: (ms: number) => Promise<void> = sleep): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      if (retry >= TRANSIENT_RETRIES || !isTransientError(error, dialect)) throw error;
      await pause(25 * 2 ** retry + Math.floor(Math.random() * 50));
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
