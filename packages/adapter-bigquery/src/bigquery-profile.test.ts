import type { AdapterError } from "@tsdbt/adapter-api";
import { DEFAULT_SCOPES, readBigQueryProfile } from "./bigquery-profile";
import { describeTarget } from "./describe-target";

const context = { projectDir: "/proj", targetPath: "target" };
const base = { type: "bigquery", method: "oauth", project: "acme-analytics", dataset: "dev", schema: "dev" };

function failure(fn: () => unknown): AdapterError {
  try {
    fn();
  } catch (error) {
    return error as AdapterError;
  }
  throw new Error("expected a failure");
}

describe("readBigQueryProfile", () => {
  it("applies dbt-bigquery's defaults", () => {
    expect(readBigQueryProfile(base, context)).toEqual({
      project: "acme-analytics",
      dataset: "dev",
      executionProject: "acme-analytics",
      location: null,
      priority: "interactive",
      maximumBytesBilled: null,
      jobExecutionTimeoutSeconds: null,
      jobCreationTimeoutSeconds: null,
      jobRetries: 1,
      jobRetryDeadlineSeconds: null,
      impersonateServiceAccount: null,
      scopes: DEFAULT_SCOPES,
      apiEndpoint: null,
      threads: 1,
      credentials: { method: "oauth" },
    });
  });

  it("reads every job setting, the aliases database/schema and numbers written as strings", () => {
    const profile = readBigQueryProfile(
      {
        type: "bigquery",
        method: "oauth",
        database: "p1",
        schema: "s1",
        execution_project: "billing",
        location: "EU",
        priority: "BATCH",
        maximum_bytes_billed: "1000000000",
        job_execution_timeout_seconds: 600,
        job_creation_timeout_seconds: 30,
        job_retries: 3,
        job_retry_deadline_seconds: 120,
        impersonate_service_account: "dbt@acme.iam.gserviceaccount.com",
        scopes: ["https://www.googleapis.com/auth/bigquery"],
        api_endpoint: "http://127.0.0.1:9050/",
        threads: 8,
      },
      context,
    );
    expect(profile).toMatchObject({
      project: "p1",
      dataset: "s1",
      executionProject: "billing",
      location: "EU",
      priority: "batch",
      maximumBytesBilled: 1000000000,
      jobExecutionTimeoutSeconds: 600,
      jobCreationTimeoutSeconds: 30,
      jobRetries: 3,
      jobRetryDeadlineSeconds: 120,
      impersonateServiceAccount: "dbt@acme.iam.gserviceaccount.com",
      scopes: ["https://www.googleapis.com/auth/bigquery"],
      apiEndpoint: "http://127.0.0.1:9050",
      threads: 8,
    });
  });

  it("reads each method's credentials; keyfile paths resolve against the project", () => {
    expect(readBigQueryProfile({ ...base, method: "service-account", keyfile: "keys/sa.json" }, context).credentials).toEqual({ method: "service-account", keyfile: "/proj/keys/sa.json" });
    const key = { type: "service_account", client_email: "a@b.iam.gserviceaccount.com", private_key: "-----BEGIN PRIVATE KEY-----\nabc\n" };
    expect(readBigQueryProfile({ ...base, method: "service-account-json", keyfile_json: key }, context).credentials).toEqual({ method: "service-account-json", keyfileJson: key });
    expect(readBigQueryProfile({ ...base, method: "service-account-json", keyfile_json: JSON.stringify(key) }, context).credentials).toEqual({ method: "service-account-json", keyfileJson: key });
    expect(readBigQueryProfile({ ...base, method: "oauth-secrets", token: "ya29.tok" }, context).credentials).toMatchObject({ method: "oauth-secrets", token: "ya29.tok", refreshToken: null });
    expect(
      readBigQueryProfile({ ...base, method: "oauth-secrets", refresh_token: "1//r", client_id: "id", client_secret: "sec", token_uri: "https://oauth2.googleapis.com/token" }, context).credentials,
    ).toEqual({ method: "oauth-secrets", token: null, refreshToken: "1//r", clientId: "id", clientSecret: "sec", tokenUri: "https://oauth2.googleapis.com/token" });
  });

  it.each([
    [{ ...base, method: undefined }, /has no method/, /method: oauth/],
    [{ ...base, method: "password" }, /method 'password' is not one of oauth, oauth-secrets, service-account, service-account-json/, /method: oauth/],
    [{ ...base, project: undefined }, /has no project/, /project: <gcp-project-id>/],
    [{ ...base, dataset: undefined, schema: undefined }, /has no dataset/, /dataset: <dataset>/],
    [{ ...base, priority: "urgent" }, /priority 'urgent' is not one of interactive, batch/, /priority: interactive/],
    [{ ...base, maximum_bytes_billed: -5 }, /maximum_bytes_billed must be a whole number of at least 1/, /maximum_bytes_billed: 1/],
    [{ ...base, job_retries: "many" }, /job_retries must be a whole number of at least 0/, /job_retries/],
    [{ ...base, threads: 0 }, /threads must be a whole number of at least 1/, /threads: 1/],
    [{ ...base, scopes: [1] }, /scopes must be a list of strings/, /scopes:/],
    [{ ...base, api_endpoint: "localhost:9050" }, /api_endpoint 'localhost:9050' is not an http\(s\) URL/, /http:\/\/127\.0\.0\.1:9050/],
    [{ ...base, method: "service-account" }, /has no keyfile/, /keyfile:/],
    [{ ...base, method: "service-account-json" }, /has no keyfile_json/, /keyfile_json:/],
    [{ ...base, method: "oauth-secrets" }, /uses method oauth-secrets but has no token/, /refresh_token/],
    [{ ...base, method: "oauth-secrets", refresh_token: "r", client_id: "id" }, /has no client_secret/, /client_secret/],
  ])("rejects a bad target with TSDBT-E130 and a hint (%#)", (target, message, hint) => {
    const error = failure(() => readBigQueryProfile(target as never, context));
    expect(error.code).toBe("TSDBT-E130");
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(hint);
  });

  it("never quotes a secret in its errors", () => {
    const secret = "-----BEGIN PRIVATE KEY-----SUPERSECRET";
    const cases = [
      { ...base, method: "service-account-json", keyfile_json: `{"private_key": "${secret}"` },
      { ...base, method: "service-account-json", keyfile_json: { private_key: secret } },
      { ...base, method: "service-account-json", keyfile_json: [secret] },
      { ...base, method: "oauth-secrets", token: { value: secret } },
      { ...base, method: "oauth-secrets", refresh_token: [secret], client_id: "id", client_secret: "s" },
      { ...base, method: "oauth-secrets", refresh_token: "r", client_id: "id", client_secret: { secret } },
    ];
    for (const target of cases) {
      const error = failure(() => readBigQueryProfile(target as never, context));
      expect(error.code).toBe("TSDBT-E130");
      expect(`${error.message} ${error.hint}`).not.toContain("SUPERSECRET");
    }
  });

  it("describes the target (project, dataset) without connecting", () => {
    expect(describeTarget({ ...base, dataset: "analytics" }, context)).toEqual({ database: "acme-analytics", schema: "analytics" });
  });
});
