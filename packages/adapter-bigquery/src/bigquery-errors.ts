import { AdapterError } from "@tsdbt/adapter-api";

/** Stable codes of the errors the BigQuery adapter raises itself (BigQuery's own errors keep BigQuery's message). */
export const BigQueryErrorCode = {
  /** A profile key is missing, has the wrong shape or an unknown value. */
  invalidProfile: "TSDBT-E130",
  /** The credentials of the profile cannot be read or used (the message never quotes their contents). */
  credentials: "TSDBT-E131",
  /** A job took longer than `job_creation_timeout_seconds` or `job_execution_timeout_seconds`. */
  timeout: "TSDBT-E132",
  /** A statement was cancelled, or sent after the adapter was closed. */
  cancelled: "TSDBT-E133",
} as const;

/** One of the {@link BigQueryErrorCode} codes. */
export type BigQueryErrorCodeValue = (typeof BigQueryErrorCode)[keyof typeof BigQueryErrorCode];

/** An {@link AdapterError} with one of the {@link BigQueryErrorCode} codes. */
export function bigqueryError(code: BigQueryErrorCodeValue, message: string, hint?: string): AdapterError {
  return new AdapterError(code, message, hint);
}
