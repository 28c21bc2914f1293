import * as fs from "node:fs";
import * as path from "node:path";
import type { AdapterContext, ProfileTarget } from "@tsdbt/adapter-api";
import { PostgresErrorCode, postgresError } from "./postgres-errors";

/** `sslmode` values libpq (and dbt-postgres) accept. */
export const SSL_MODES = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"] as const;
/** One `sslmode` value. */
export type SslMode = (typeof SSL_MODES)[number];

/** A `type: postgres` target after defaults are applied. */
export interface PostgresProfile {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The database connected to (`dbname`, or its alias `database`). */
  dbname: string;
  schema: string;
  /** Connections in the pool (dbt's `threads`). */
  threads: number;
  /** Seconds to wait for a connection. */
  connectTimeout: number;
  sslmode: SslMode;
  /** Absolute paths of `sslrootcert`, `sslcert`, `sslkey`, when given. */
  sslRootCert: string | null;
  sslCert: string | null;
  sslKey: string | null;
  /** `search_path` set on every connection, as written (a comma-separated list). */
  searchPath: string | null;
  /** Role every connection switches to (`set role`). */
  role: string | null;
  /** Seconds of idleness before TCP keepalives start; 0 leaves keepalives off. */
  keepalivesIdle: number;
  applicationName: string;
  /** Further attempts to connect after a connection error. */
  retries: number;
}

/**
 * Reads a `type: postgres` target with dbt-postgres's keys: `host`, `port` (5432), `user`,
 * `password` (or `pass`), `dbname` (or `database`), `schema`, `threads` (1),
 * `connect_timeout` (10 s), `sslmode` (prefer), `sslrootcert`/`sslcert`/`sslkey` (paths
 * relative to the project directory), `search_path`, `role`, `keepalives_idle` (0),
 * `application_name` (tsdbt) and `retries` (1). Throws {@link AdapterError} `TSDBT-E100` for a
 * missing or malformed key.
 */
export function readPostgresProfile(target: ProfileTarget, context: AdapterContext): PostgresProfile {
  const dbname = optionalString(target, "dbname") ?? optionalString(target, "database");
  if (!dbname) throw invalid("The postgres target has no dbname.", "Add `dbname: <database>` to the target in profiles.yml.");
  const sslmode = (optionalString(target, "sslmode") ?? "prefer") as SslMode;
  if (!SSL_MODES.includes(sslmode)) {
    throw invalid(`The postgres target's sslmode is not one of ${SSL_MODES.join(", ")}.`, "Use `sslmode: require` for TLS, or leave it out.");
  }
  const file = (key: string) => {
    const value = optionalString(target, key);
    return value ? path.resolve(context.projectDir, value) : null;
  };
  return {
    host: requiredString(target, "host"),
    port: wholeNumber(target, "port", 5432, 1, 65535),
    user: requiredString(target, "user"),
    password: optionalString(target, "password") ?? optionalString(target, "pass") ?? "",
    dbname,
    schema: requiredString(target, "schema"),
    threads: wholeNumber(target, "threads", 1, 1),
    connectTimeout: wholeNumber(target, "connect_timeout", 10, 0),
    sslmode,
    sslRootCert: file("sslrootcert"),
    sslCert: file("sslcert"),
    sslKey: file("sslkey"),
    searchPath: optionalString(target, "search_path") ?? null,
    role: optionalString(target, "role") ?? null,
    keepalivesIdle: wholeNumber(target, "keepalives_idle", 0, 0),
    applicationName: optionalString(target, "application_name") ?? "tsdbt",
    retries: wholeNumber(target, "retries", 1, 0),
  };
}

/** The `ssl` option of node-postgres for a profile: false, or TLS settings with the files read. */
export function sslOptions(profile: PostgresProfile): false | { rejectUnauthorized: boolean; ca?: string; cert?: string; key?: string; checkServerIdentity?: () => undefined } {
  // node-postgres cannot fall back from TLS to plain text, so allow/prefer connect without TLS.
  if (profile.sslmode === "disable" || profile.sslmode === "allow" || profile.sslmode === "prefer") return false;
  const read = (file: string | null, key: string) => {
    if (!file) return undefined;
    try {
      return fs.readFileSync(file, "utf8");
    } catch (error) {
      throw postgresError(
        PostgresErrorCode.sslFile,
        `The postgres target's ${key} file ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
        `Check the path of ${key} (relative paths are resolved against the project directory).`,
      );
    }
  };
  const verify = profile.sslmode !== "require";
  return {
    rejectUnauthorized: verify,
    ca: read(profile.sslRootCert, "sslrootcert"),
    cert: read(profile.sslCert, "sslcert"),
    key: read(profile.sslKey, "sslkey"),
    // verify-ca checks the certificate chain but not the host name.
    ...(profile.sslmode === "verify-ca" ? { checkServerIdentity: () => undefined } : {}),
  };
}

function optionalString(target: ProfileTarget, key: string): string | undefined {
  const value = target[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") throw invalid(`The postgres target's ${key} must be a string, not ${kindOf(value)}.`, `Quote the ${key} in profiles.yml.`);
  return value;
}

function requiredString(target: ProfileTarget, key: string): string {
  const value = optionalString(target, key);
  if (value === undefined || value === "") throw invalid(`The postgres target has no ${key}.`, `Add \`${key}:\` to the target in profiles.yml.`);
  return value;
}

function wholeNumber(target: ProfileTarget, key: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = target[key];
  if (raw === undefined || raw === null || raw === "") return fallback;
  const value = typeof raw === "string" && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw invalid(`The postgres target's ${key} must be a whole number ${range}; it is ${typeof value === "number" ? "out of range" : kindOf(raw)}.`, `Set \`${key}: ${Math.max(fallback, min)}\` or similar.`);
  }
  return value;
}

/** What kind of value was given, never the value itself (profile values can be secrets). */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value !== null && typeof value === "object") return "a mapping";
  if (typeof value === "string") return "a string";
  return `a ${typeof value}`;
}

function invalid(message: string, hint: string) {
  return postgresError(PostgresErrorCode.invalidProfile, message, hint);
}
