import { readFile } from "node:fs/promises";
import type { BigQuery } from "@google-cloud/bigquery";
import type { AuthClient, GoogleAuth } from "google-auth-library";
import { bigqueryError, BigQueryErrorCode } from "./bigquery-errors";
import type { BigQueryProfile } from "./bigquery-profile";

/**
 * Builds the @google-cloud/bigquery client for a profile: the jobs' project
 * (`execution_project`), location, `api_endpoint`, and an auth client for the `method` —
 * application-default credentials (oauth), an access or refresh token (oauth-secrets), a key
 * file or inline key (service-account, service-account-json) — optionally impersonating a
 * service account. Throws TSDBT-E131 when a key file cannot be read; key contents never appear
 * in messages. The driver is loaded here, on first use.
 */
export async function createBigQueryClient(profile: BigQueryProfile): Promise<BigQuery> {
  const { BigQuery: Client } = loadBigQueryDriver();
  const source = await sourceAuth(profile);
  const authClient = profile.impersonateServiceAccount ? await impersonated(profile, source) : source;
  return new Client({
    projectId: profile.executionProject,
    ...(profile.location ? { location: profile.location } : {}),
    ...(profile.apiEndpoint ? { apiEndpoint: profile.apiEndpoint } : {}),
    authClient: authClient as never,
    scopes: profile.scopes,
  });
}

/** @google-cloud/bigquery and its auth library, loaded (once) without connecting. */
export function loadBigQueryDriver(): typeof import("@google-cloud/bigquery") {
  require("google-auth-library");
  return require("@google-cloud/bigquery") as typeof import("@google-cloud/bigquery");
}

async function sourceAuth(profile: BigQueryProfile): Promise<AuthClient | GoogleAuth> {
  const auth = require("google-auth-library") as typeof import("google-auth-library");
  const credentials = profile.credentials;
  switch (credentials.method) {
    case "oauth":
      return new auth.GoogleAuth({ scopes: profile.scopes });
    case "oauth-secrets": {
      const client = new auth.OAuth2Client({
        ...(credentials.clientId ? { clientId: credentials.clientId } : {}),
        ...(credentials.clientSecret ? { clientSecret: credentials.clientSecret } : {}),
        ...(credentials.tokenUri ? { endpoints: { oauth2TokenUrl: credentials.tokenUri } } : {}),
      });
      if (credentials.token) client.setCredentials({ access_token: credentials.token, expiry_date: Date.now() + 3600e3 });
      else client.setCredentials({ refresh_token: credentials.refreshToken });
      return client;
    }
    case "service-account":
      return new auth.GoogleAuth({ credentials: await readKeyfile(credentials.keyfile), scopes: profile.scopes });
    case "service-account-json":
      return new auth.GoogleAuth({ credentials: credentials.keyfileJson as never, scopes: profile.scopes });
  }
}

async function impersonated(profile: BigQueryProfile, source: AuthClient | GoogleAuth): Promise<AuthClient> {
  const auth = require("google-auth-library") as typeof import("google-auth-library");
  const sourceClient = "getClient" in source && typeof source.getClient === "function" ? await (source as GoogleAuth).getClient() : (source as AuthClient);
  return new auth.Impersonated({
    sourceClient: sourceClient as never,
    targetPrincipal: profile.impersonateServiceAccount!,
    targetScopes: profile.scopes,
    lifetime: 3600,
  });
}

/** Reads and checks a service-account key file; errors name the file, never its contents. */
async function readKeyfile(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw bigqueryError(
      BigQueryErrorCode.credentials,
      `The bigquery target's keyfile ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}.`,
      "Check the path of keyfile (relative paths are resolved against the project directory).",
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw bigqueryError(BigQueryErrorCode.credentials, `The bigquery target's keyfile ${file} is not valid JSON (its contents are not shown).`, "Download the service account's key again as JSON.");
  }
  const key = parsed as Record<string, unknown>;
  const missing = ["client_email", "private_key"].filter((field) => typeof key?.[field] !== "string");
  if (missing.length > 0) {
    throw bigqueryError(BigQueryErrorCode.credentials, `The bigquery target's keyfile ${file} has no ${missing.join(" or ")} (its contents are not shown).`, "Use the JSON key of a service account, not another credentials file.");
  }
  return key;
}
