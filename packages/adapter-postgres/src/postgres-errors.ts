import { AdapterError } from "@tsdbt/adapter-api";

/** Stable codes of the errors the PostgreSQL adapter raises itself (the server's own errors keep PostgreSQL's message). */
export const PostgresErrorCode = {
  /** A profile key has the wrong shape or value. */
  invalidProfile: "TSDBT-E100",
  /** The server could not be reached or refused the login. */
  connectionFailed: "TSDBT-E101",
  /** A statement was cancelled before it started (the run was stopped). */
  cancelled: "TSDBT-E102",
  /** An SSL certificate or key file of the profile cannot be read. */
  sslFile: "TSDBT-E103",
  /** A statement was sent after the adapter was closed. */
  closed: "TSDBT-E104",
} as const;

/** An {@link AdapterError} with one of the {@link PostgresErrorCode} codes. */
export function postgresError(code: (typeof PostgresErrorCode)[keyof typeof PostgresErrorCode], message: string, hint?: string): AdapterError {
  return new AdapterError(code, message, hint);
}
