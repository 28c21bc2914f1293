import * as path from "node:path";
import type { AdapterContext, ProfileTarget } from "@tsdbt/adapter-api";
import { invalid, TargetKeys } from "./profile-values";

/** The `method` values dbt-bigquery accepts. */
export const AUTH_METHODS = ["oauth", "oauth-secrets", "service-account", "service-account-json"] as const;
/** One authentication method. */
export type AuthMethod = (typeof AUTH_METHODS)[number];

/** The scopes asked for when the profile names none (dbt-bigquery's defaults). */
export const DEFAULT_SCOPES = [
  "https://www.googleapis.com/auth/bigquery",
  "https://www.googleapis.com/auth/cloud-platform",
  "https://www.googleapis.com/auth/drive",
];

/** How the adapter authenticates; secrets stay inside and are never part of an error message. */
export type BigQueryCredentials =
  | { method: "oauth" }
  | { method: "oauth-secrets"; token: string | null; refreshToken: string | null; clientId: string | null; clientSecret: string | null; tokenUri: string | null }
  | { method: "service-account"; keyfile: string }
  | { method: "service-account-json"; keyfileJson: Record<string, unknown> };

/** A `type: bigquery` target after defaults are applied. */
export interface BigQueryProfile {
  /** The project models build in (`project`, or its alias `database`): tsdbt's database. */
  project: string;
  /** The default dataset (`dataset`, or its alias `schema`): tsdbt's schema. */
  dataset: string;
  /** The project that runs (and pays for) the jobs; `project` when unset. */
  executionProject: string;
  /** Where jobs run and datasets are created (e.g. `EU`, `us-central1`); BigQuery's default when null. */
  location: string | null;
  priority: "interactive" | "batch";
  /** Jobs that would bill more bytes fail instead of running. */
  maximumBytesBilled: number | null;
  /** Seconds a query job may run (sent as the job's `jobTimeoutMs`, and waited for at most). */
  jobExecutionTimeoutSeconds: number | null;
  /** Seconds to wait for BigQuery to accept a job. */
  jobCreationTimeoutSeconds: number | null;
  /** Further attempts of a job that failed with a transient error (backendError, rateLimitExceeded, internalError). */
  jobRetries: number;
  /** Seconds after which no further retry starts. */
  jobRetryDeadlineSeconds: number | null;
  /** A service account the credentials act as (short-lived tokens from IAM Credentials). */
  impersonateServiceAccount: string | null;
  scopes: string[];
  /** Another API root, e.g. a local endpoint `http://127.0.0.1:9050`. */
  apiEndpoint: string | null;
  threads: number;
  credentials: BigQueryCredentials;
}

/**
 * Reads a `type: bigquery` target with dbt-bigquery's keys: `method` (oauth, oauth-secrets,
 * service-account, service-account-json), `project` (or `database`), `dataset` (or `schema`),
 * `execution_project`, `location`, `priority` (interactive), `maximum_bytes_billed`,
 * `job_execution_timeout_seconds`, `job_creation_timeout_seconds`, `job_retries` (1),
 * `job_retry_deadline_seconds`, `impersonate_service_account`, `scopes`, `api_endpoint`,
 * `threads` (1); `keyfile` (service-account, relative to the project), `keyfile_json`
 * (service-account-json), `token` or `refresh_token` + `client_id` + `client_secret` (+ `token_uri`)
 * (oauth-secrets). Throws `AdapterError` TSDBT-E130 for a missing or malformed key; no message
 * quotes a keyfile, token or secret.
 */
export function readBigQueryProfile(target: ProfileTarget, context: AdapterContext): BigQueryProfile {
  const keys = new TargetKeys(target);
  const method = readMethod(keys);
  const project = keys.string("project") ?? keys.string("database");
  if (!project) throw invalid("The bigquery target has no project.", "Add `project: <gcp-project-id>` (or `database:`) to the target in profiles.yml.");
  const dataset = keys.string("dataset") ?? keys.string("schema");
  if (!dataset) throw invalid("The bigquery target has no dataset.", "Add `dataset: <dataset>` (or `schema:`) to the target in profiles.yml.");
  const apiEndpoint = keys.string("api_endpoint") ?? null;
  if (apiEndpoint !== null && !/^https?:\/\/[^\s/]+/.test(apiEndpoint)) {
    throw invalid(`The bigquery target's api_endpoint '${apiEndpoint}' is not an http(s) URL.`, "Write it as `api_endpoint: https://bigquery.googleapis.com` or `http://127.0.0.1:9050`.");
  }
  const priority = keys.oneOf("priority", ["interactive", "batch"] as const, "interactive");
  return {
    project,
    dataset,
    executionProject: keys.string("execution_project") ?? project,
    location: keys.string("location") ?? null,
    priority,
    maximumBytesBilled: keys.wholeNumber("maximum_bytes_billed", null, 1),
    jobExecutionTimeoutSeconds: keys.wholeNumber("job_execution_timeout_seconds", null, 1),
    jobCreationTimeoutSeconds: keys.wholeNumber("job_creation_timeout_seconds", null, 1),
    jobRetries: keys.wholeNumber("job_retries", 1, 0),
    jobRetryDeadlineSeconds: keys.wholeNumber("job_retry_deadline_seconds", null, 1),
    impersonateServiceAccount: keys.string("impersonate_service_account") ?? null,
    scopes: keys.stringList("scopes", DEFAULT_SCOPES),
    apiEndpoint: apiEndpoint?.replace(/\/+$/, "") ?? null,
    threads: keys.wholeNumber("threads", 1, 1),
    credentials: readCredentials(keys, method, target, context),
  };
}

function readMethod(keys: TargetKeys): AuthMethod {
  const method = keys.string("method");
  if (method === undefined) {
    throw invalid("The bigquery target has no method.", `Add \`method: oauth\` (gcloud application-default login) or one of ${AUTH_METHODS.join(", ")}.`);
  }
  if (!(AUTH_METHODS as readonly string[]).includes(method)) {
    throw invalid(`The bigquery target's method '${method}' is not one of ${AUTH_METHODS.join(", ")}.`, "Use `method: oauth` for gcloud's application-default credentials, or `service-account` with a `keyfile`.");
  }
  return method as AuthMethod;
}

function readCredentials(keys: TargetKeys, method: AuthMethod, target: ProfileTarget, context: AdapterContext): BigQueryCredentials {
  switch (method) {
    case "oauth":
      return { method };
    case "service-account": {
      const keyfile = keys.required("keyfile", "Add `keyfile: /path/to/service-account.json` (relative paths are read from the project directory).");
      return { method, keyfile: path.resolve(context.projectDir, keyfile) };
    }
    case "service-account-json":
      return { method, keyfileJson: readKeyfileJson(target.keyfile_json) };
    case "oauth-secrets": {
      const secret = { secret: true };
      const token = keys.string("token", secret) ?? null;
      const refreshToken = keys.string("refresh_token", secret) ?? null;
      const clientId = keys.string("client_id") ?? null;
      const clientSecret = keys.string("client_secret", secret) ?? null;
      if (!token && !(refreshToken && clientId && clientSecret)) {
        const missing = refreshToken ? ["client_id", "client_secret"].filter((k) => !keys.has(k)) : ["token"];
        throw invalid(
          `The bigquery target uses method oauth-secrets but has no ${missing.join(" or ")}.`,
          "Give either `token` (a temporary access token) or `refresh_token`, `client_id` and `client_secret`.",
        );
      }
      return { method, token, refreshToken, clientId, clientSecret, tokenUri: keys.string("token_uri") ?? null };
    }
  }
}

/** Fields a service-account key must have; named (never shown) when missing. */
const KEY_FIELDS = ["client_email", "private_key"];

function readKeyfileJson(raw: unknown): Record<string, unknown> {
  let value = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      throw invalid("The bigquery target's keyfile_json is a string that is not valid JSON (its contents are not shown).", "Paste the key file's fields as a YAML mapping under `keyfile_json:`, or give the JSON text unchanged.");
    }
  }
  if (value === undefined || value === null) {
    throw invalid("The bigquery target uses method service-account-json but has no keyfile_json.", "Paste the service account key's fields as a mapping under `keyfile_json:`.");
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    throw invalid(`The bigquery target's keyfile_json must be a mapping, not a ${Array.isArray(value) ? "list" : typeof value}.`, "Paste the service account key's fields as a mapping under `keyfile_json:`.");
  }
  const missing = KEY_FIELDS.filter((field) => typeof (value as Record<string, unknown>)[field] !== "string");
  if (missing.length > 0) {
    throw invalid(`The bigquery target's keyfile_json has no ${missing.join(" or ")} (its contents are not shown).`, "Copy every field of the service account's JSON key into `keyfile_json:`.");
  }
  return value as Record<string, unknown>;
}
