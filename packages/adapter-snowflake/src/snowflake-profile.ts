import * as path from "node:path";
import type { AdapterContext, ProfileTarget } from "@tsdbt/adapter-api";
import { SnowflakeErrorCode, snowflakeError } from "./snowflake-errors";

/** How a Snowflake target logs in. */
export type SnowflakeAuth =
  | { kind: "password"; password: string }
  | { kind: "keypair"; privateKey: { pem: string } | { file: string }; passphrase: string | null }
  | { kind: "oauth"; token: string }
  | { kind: "externalbrowser" }
  | { kind: "username_password_mfa"; password: string }
  | { kind: "okta"; url: string; password: string };

/** A `type: snowflake` target after defaults are applied. */
export interface SnowflakeProfile {
  account: string;
  user: string;
  auth: SnowflakeAuth;
  role: string | null;
  warehouse: string | null;
  database: string;
  schema: string;
  /** Connections in the pool (dbt's `threads`). */
  threads: number;
  /** The profile's `query_tag`, sent with every statement that has no tag of its own. */
  queryTag: string | null;
  clientSessionKeepAlive: boolean;
  /** Further login attempts after a failed one. */
  connectRetries: number;
  /** Seconds to wait for a login. */
  connectTimeout: number;
  /** Retry a login that Snowflake refused with a database error. */
  retryOnDatabaseErrors: boolean;
  /** Retry a login after any error. */
  retryAll: boolean;
  /** Keep connections open for the whole run (false: one login per statement outside transactions). */
  reuseConnections: boolean;
  /** Skip certificate revocation checks. */
  insecureMode: boolean;
  /** `protocol://host:port` when the profile names a host (a proxy, private link or a local endpoint). */
  accessUrl: string | null;
}

/** Keys whose values are secrets: messages about them never show the value. */
const SECRET_KEYS = new Set(["password", "private_key", "private_key_passphrase", "token", "oauth_client_secret"]);

/**
 * Reads a `type: snowflake` target with dbt-snowflake's keys: `account`, `user`, `password`,
 * `authenticator` (`snowflake`, `externalbrowser`, `oauth` + `token`, `username_password_mfa`,
 * `jwt`/`snowflake_jwt`, an Okta URL), key pair auth with `private_key` or `private_key_path`
 * (relative to the project) and `private_key_passphrase`, `role`, `warehouse`, `database`,
 * `schema`, `threads` (1), `query_tag`, `client_session_keep_alive` (false), `connect_retries`
 * (1), `connect_timeout` (10 s), `retry_on_database_errors` (false), `retry_all` (false),
 * `reuse_connections` (true), `insecure_mode` (false), and `host`/`port`/`protocol` for another
 * endpoint. Throws `AdapterError` TSDBT-E120 for a missing or malformed key; secret values are
 * never part of the message.
 */
export function readSnowflakeProfile(target: ProfileTarget, context: AdapterContext): SnowflakeProfile {
  return {
    account: requiredString(target, "account"),
    user: requiredString(target, "user"),
    auth: readAuth(target, context),
    role: optionalString(target, "role") || null,
    warehouse: optionalString(target, "warehouse") || null,
    database: requiredString(target, "database"),
    schema: requiredString(target, "schema"),
    threads: wholeNumber(target, "threads", 1, 1),
    queryTag: optionalString(target, "query_tag") || null,
    clientSessionKeepAlive: flag(target, "client_session_keep_alive", false),
    connectRetries: wholeNumber(target, "connect_retries", 1, 0),
    connectTimeout: wholeNumber(target, "connect_timeout", 10, 0),
    retryOnDatabaseErrors: flag(target, "retry_on_database_errors", false),
    retryAll: flag(target, "retry_all", false),
    reuseConnections: flag(target, "reuse_connections", true),
    insecureMode: flag(target, "insecure_mode", false),
    accessUrl: readAccessUrl(target),
  };
}

function readAuth(target: ProfileTarget, context: AdapterContext): SnowflakeAuth {
  const authenticator = (optionalString(target, "authenticator") ?? "snowflake").trim();
  const lower = authenticator.toLowerCase();
  const privateKey = optionalString(target, "private_key");
  const privateKeyPath = optionalString(target, "private_key_path");
  if (privateKey && privateKeyPath) {
    throw invalid("The snowflake target sets both private_key and private_key_path.", "Keep one of them: the key itself or the path of its file.");
  }
  if (lower === "oauth") {
    if (optionalString(target, "oauth_client_id") || optionalString(target, "oauth_client_secret")) {
      throw invalid(
        "The snowflake target's oauth_client_id/oauth_client_secret ask for the refresh-token flow, which tsdbt does not implement.",
        "Give an OAuth access token as `token:` and leave oauth_client_id and oauth_client_secret out.",
      );
    }
    return { kind: "oauth", token: requiredString(target, "token", "the OAuth access token, e.g. `token: \"{{ env_var('SNOWFLAKE_TOKEN') }}\"`") };
  }
  if (lower === "externalbrowser") return { kind: "externalbrowser" };
  if (privateKey || privateKeyPath || lower === "jwt" || lower === "snowflake_jwt") {
    if (!privateKey && !privateKeyPath) {
      throw invalid(`The snowflake target's authenticator '${authenticator}' needs private_key or private_key_path.`, "Add `private_key_path: /path/to/rsa_key.p8` to the target.");
    }
    if (!["snowflake", "jwt", "snowflake_jwt"].includes(lower)) {
      throw invalid(`The snowflake target gives a private key but its authenticator is '${authenticator}'.`, "Leave authenticator out (key pair authentication is used when a private key is given).");
    }
    const passphrase = optionalString(target, "private_key_passphrase") ?? null;
    return {
      kind: "keypair",
      privateKey: privateKey ? { pem: privateKey } : { file: path.resolve(context.projectDir, privateKeyPath!) },
      passphrase,
    };
  }
  const password = () => requiredString(target, "password", "the user's password, e.g. `password: \"{{ env_var('SNOWFLAKE_PASSWORD') }}\"`");
  if (lower === "snowflake") return { kind: "password", password: password() };
  if (lower === "username_password_mfa") return { kind: "username_password_mfa", password: password() };
  if (/^https:\/\/[^/]+\.okta\.com\/?$/i.test(authenticator)) return { kind: "okta", url: authenticator, password: password() };
  throw invalid(
    `The snowflake target's authenticator '${authenticator}' is not one tsdbt knows.`,
    "Use snowflake (password), externalbrowser, oauth, username_password_mfa, jwt (key pair) or https://<your-org>.okta.com.",
  );
}

function readAccessUrl(target: ProfileTarget): string | null {
  // empty values count as unset, so a profile can leave them to env_var('X', '')
  const host = optionalString(target, "host");
  const givenProtocol = optionalString(target, "protocol");
  const protocol = (givenProtocol || "https").toLowerCase();
  const hasPort = target.port !== undefined && target.port !== null && target.port !== "";
  if (!host) {
    if (hasPort || givenProtocol) throw invalid("The snowflake target sets port or protocol but no host.", "Add `host:` (e.g. `host: 127.0.0.1`), or leave port and protocol out.");
    return null;
  }
  if (protocol !== "https" && protocol !== "http") throw invalid(`The snowflake target's protocol '${protocol}' is neither https nor http.`, "Use `protocol: https` (or http for a local endpoint).");
  if (/[/:@\s]/.test(host)) throw invalid(`The snowflake target's host '${host}' must be a host name without scheme, port or path.`, "Write the scheme as `protocol:` and the port as `port:`.");
  const port = hasPort ? wholeNumber(target, "port", 443, 1) : null;
  if (port !== null && port > 65535) throw invalid(`The snowflake target's port ${port} is not a TCP port.`, "Use a port between 1 and 65535.");
  return `${protocol}://${host}${port !== null ? `:${port}` : ""}`;
}

function optionalString(target: ProfileTarget, key: string): string | undefined {
  const value = target[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number" && !SECRET_KEYS.has(key)) return String(value);
  if (typeof value !== "string") {
    const shown = SECRET_KEYS.has(key) ? `a ${Array.isArray(value) ? "list" : typeof value}` : JSON.stringify(value);
    throw invalid(`The snowflake target's ${key} must be a string, not ${shown}.`, `Quote the ${key} in profiles.yml.`);
  }
  return value;
}

function requiredString(target: ProfileTarget, key: string, what?: string): string {
  const value = optionalString(target, key);
  if (value === undefined || value.trim() === "") throw invalid(`The snowflake target has no ${key}.`, `Add \`${key}:\` to the target in profiles.yml${what ? ` (${what})` : ""}.`);
  return value;
}

function wholeNumber(target: ProfileTarget, key: string, fallback: number, min: number): number {
  const raw = target[key];
  if (raw === undefined || raw === null || raw === "") return fallback;
  const value = typeof raw === "string" && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw invalid(`The snowflake target's ${key} must be a whole number of at least ${min}, not ${JSON.stringify(raw)}.`, `Set \`${key}: ${Math.max(fallback, min)}\` or similar.`);
  }
  return value;
}

function flag(target: ProfileTarget, key: string, fallback: boolean): boolean {
  const raw = target[key];
  if (raw === undefined || raw === null || raw === "") return fallback;
  if (typeof raw === "boolean") return raw;
  if (typeof raw === "string" && /^(true|false)$/i.test(raw.trim())) return raw.trim().toLowerCase() === "true";
  throw invalid(`The snowflake target's ${key} must be true or false, not ${JSON.stringify(raw)}.`, `Set \`${key}: ${fallback}\` or leave it out.`);
}

function invalid(message: string, hint: string) {
  return snowflakeError(SnowflakeErrorCode.invalidProfile, message, hint);
}
