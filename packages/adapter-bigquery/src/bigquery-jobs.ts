import type { BigQuery, Job } from "@google-cloud/bigquery";
import { bigqueryError, BigQueryErrorCode } from "./bigquery-errors";
import type { BigQueryProfile } from "./bigquery-profile";
import type { RawRow, SchemaField } from "./bigquery-values";

/** What a finished query job gives back. */
export interface JobOutcome {
  fields: SchemaField[];
  rows: RawRow[];
  /** Rows changed by DML, when BigQuery says. */
  rowsAffected: number | null;
  /** Bytes the query reads (a dry run reports them without running). */
  totalBytesProcessed: number | null;
}

/** Options of {@link runQueryJob}. */
export interface JobRunOptions {
  /** Fetch rows (false: wait for the job only). */
  fetch: boolean;
  /** Stop after this many rows. */
  maxRows?: number;
  /** Validate and price the statement without running it. */
  dryRun?: boolean;
  /** Called with each job created, so it can be cancelled. */
  onJob?: (job: Job) => void;
  /** The job's labels (already legal, see job-labels.ts). */
  labels?: Record<string, string> | null;
}

/** Error reasons after which BigQuery asks clients to run the job again. */
const TRANSIENT_REASONS = new Set(["backendError", "rateLimitExceeded", "internalError", "jobRateLimitExceeded", "jobBackendError", "jobInternalError"]);

/** Whether a BigQuery error is one of the transient kinds that `job_retries` covers. */
export function isTransient(error: unknown): boolean {
  const e = error as { code?: number; errors?: { reason?: string }[] } | null;
  if (!e) return false;
  if (typeof e.code === "number" && (e.code === 429 || e.code >= 500)) return true;
  return (e.errors ?? []).some((item) => item.reason !== undefined && TRANSIENT_REASONS.has(item.reason));
}

/**
 * Runs one GoogleSQL statement as a query job with the profile's job settings (location,
 * priority, maximum_bytes_billed, job_execution_timeout_seconds as the job's `jobTimeoutMs`)
 * and the statement's job labels,
 * waits for it and reads its rows page by page (raw, typed by {@link cellValue} later).
 * A job that fails with a transient error runs again up to `job_retries` times (never past
 * `job_retry_deadline_seconds`); waiting longer than the creation or execution timeout fails
 * with TSDBT-E132 (the job is cancelled).
 */
export async function runQueryJob(client: BigQuery, profile: BigQueryProfile, sql: string, options: JobRunOptions): Promise<JobOutcome> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await runOnce(client, profile, sql, options);
    } catch (error) {
      const deadline = profile.jobRetryDeadlineSeconds;
      const withinDeadline = deadline === null || Date.now() - started < deadline * 1000;
      if (attempt >= profile.jobRetries || !withinDeadline || !isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(8000, 500 * 2 ** attempt)));
    }
  }
}

async function runOnce(client: BigQuery, profile: BigQueryProfile, sql: string, options: JobRunOptions): Promise<JobOutcome> {
  const request: Record<string, unknown> = {
    query: sql,
    useLegacySql: false,
    priority: profile.priority.toUpperCase(),
    ...(profile.location ? { location: profile.location } : {}),
    ...(profile.maximumBytesBilled !== null ? { maximumBytesBilled: String(profile.maximumBytesBilled) } : {}),
    ...(profile.jobExecutionTimeoutSeconds !== null ? { jobTimeoutMs: profile.jobExecutionTimeoutSeconds * 1000 } : {}),
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(options.labels ? { labels: options.labels } : {}),
  };
  const creation = client.createQueryJob(request) as Promise<[Job, Record<string, unknown>]>;
  const [job, metadata] = await withTimeout(creation, profile.jobCreationTimeoutSeconds, "created", null);
  options.onJob?.(job);
  const statistics = (metadata?.statistics ?? {}) as { totalBytesProcessed?: string; query?: { numDmlAffectedRows?: string } };
  if (options.dryRun) {
    return { fields: [], rows: [], rowsAffected: null, totalBytesProcessed: numberOrNull(statistics.totalBytesProcessed) };
  }
  const read = readResults(job, options);
  const outcome = await withTimeout(read, profile.jobExecutionTimeoutSeconds, "finished", job);
  if (outcome.rowsAffected === null) {
    outcome.rowsAffected = numberOrNull(statistics.query?.numDmlAffectedRows);
  }
  return outcome;
}

async function readResults(job: Job, options: JobRunOptions): Promise<JobOutcome> {
  const rows: RawRow[] = [];
  let fields: SchemaField[] = [];
  let rowsAffected: number | null = null;
  let totalBytes: number | null = null;
  let query: Record<string, unknown> = { autoPaginate: false, skipParsing: true, ...(options.fetch ? {} : { maxResults: 0 }) };
  for (;;) {
    if (options.fetch && options.maxRows !== undefined) query.maxResults = Math.max(0, options.maxRows - rows.length);
    const [page, next, response] = (await job.getQueryResults(query as never)) as unknown as [RawRow[], Record<string, unknown> | null, Record<string, unknown>];
    fields = ((response?.schema as { fields?: SchemaField[] } | undefined)?.fields ?? fields) as SchemaField[];
    rowsAffected = numberOrNull(response?.numDmlAffectedRows as string | undefined) ?? rowsAffected;
    totalBytes = numberOrNull(response?.totalBytesProcessed as string | undefined) ?? totalBytes;
    if (options.fetch) rows.push(...(page ?? []));
    const complete = response?.jobComplete !== false;
    const full = options.maxRows !== undefined && rows.length >= options.maxRows;
    if (complete && (!options.fetch || full || !next)) break;
    query = { ...(next ?? query), autoPaginate: false, skipParsing: true };
  }
  return { fields, rows, rowsAffected, totalBytesProcessed: totalBytes };
}

function numberOrNull(value: string | number | undefined | null): number | null {
  if (value === undefined || value === null || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Resolves as `work` does, or fails with TSDBT-E132 after `seconds` (cancelling `job` when given). */
async function withTimeout<T>(work: Promise<T>, seconds: number | null, what: string, job: Job | null): Promise<T> {
  if (seconds === null) return work;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      if (job) void job.cancel().catch(() => undefined);
      reject(
        bigqueryError(
          BigQueryErrorCode.timeout,
          `A BigQuery job was not ${what} within ${seconds} s${job ? ` (job ${job.id}, cancelled)` : ""}.`,
          `Raise job_${what === "created" ? "creation" : "execution"}_timeout_seconds in the target, or make the statement cheaper.`,
        ),
      );
    }, seconds * 1000);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
