import { AdapterError } from "@tsdbt/adapter-api";

/** Stable codes of the errors the Snowflake adapter raises itself (Snowflake's own errors keep Snowflake's message and code). */
export const SnowflakeErrorCode = {
  /** A profile key is missing or has the wrong shape or value (secret values are never printed). */
  invalidProfile: "TSDBT-E120",
  /** The login failed or the endpoint could not be reached, after `connect_retries`. */
  connectionFailed: "TSDBT-E121",
  /** The private key (`private_key` / `private_key_path`) cannot be read or decrypted. */
  privateKey: "TSDBT-E122",
  /** A statement was cancelled before it started (the run was stopped). */
  cancelled: "TSDBT-E123",
  /** A statement was sent after the adapter was closed. */
  closed: "TSDBT-E124",
  /** A model's Snowflake config cannot be built (dynamic table settings, `tmp_relation_type`). */
  invalidModelConfig: "TSDBT-E125",
} as const;

/** An {@link AdapterError} with one of the {@link SnowflakeErrorCode} codes. */
export function snowflakeError(code: (typeof SnowflakeErrorCode)[keyof typeof SnowflakeErrorCode], message: string, hint?: string): AdapterError {
  return new AdapterError(code, message, hint);
}

/**
 * An error Snowflake (or the driver) raised for a statement, with Snowflake's numeric error code
 * (`002003`) as `code` and the SQLSTATE as `sqlState`, so the runner can tell them apart.
 */
export class SnowflakeStatementError extends Error {
  readonly code: string | undefined;
  readonly sqlState: string | undefined;
  constructor(message: string, code: string | undefined, sqlState: string | undefined) {
    super(message);
    this.name = "SnowflakeStatementError";
    this.code = code;
    this.sqlState = sqlState;
  }
}

/** Snowflake's answer to a name that does not exist (or that the role may not see): error 2003 / 2043. */
export function isMissingObjectError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code === "002003" || code === "002043" || code === "2003" || code === "2043" || /does not exist/i.test(message);
}
