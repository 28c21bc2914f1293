import type { AdapterError } from "@tsdbt/adapter-api";
import { readPostgresProfile, sslOptions } from "./postgres-profile";
import { describeTarget } from "./describe-target";

const context = { projectDir: "/proj", targetPath: "target" };
const base = { type: "postgres", host: "db.local", user: "ann", dbname: "analytics", schema: "dev" };

function failure(fn: () => unknown): AdapterError {
  try {
    fn();
  } catch (error) {
    return error as AdapterError;
  }
  throw new Error("expected a failure");
}

describe("readPostgresProfile", () => {
  it("applies dbt-postgres's defaults", () => {
    expect(readPostgresProfile(base, context)).toEqual({
      host: "db.local",
      port: 5432,
      user: "ann",
      password: "",
      dbname: "analytics",
      schema: "dev",
      threads: 1,
      connectTimeout: 10,
      sslmode: "prefer",
      sslRootCert: null,
      sslCert: null,
      sslKey: null,
      searchPath: null,
      role: null,
      keepalivesIdle: 0,
      applicationName: "tsdbt",
      retries: 1,
    });
  });

  it("accepts the aliases pass and database, numbers written as strings, and resolves ssl files against the project", () => {
    const profile = readPostgresProfile(
      { ...base, dbname: undefined, database: "wh", pass: "s3cret", port: "6543", threads: 8, sslmode: "verify-full", sslrootcert: "certs/ca.pem", search_path: "dev,public", role: "builder", keepalives_idle: 30, retries: 3, connect_timeout: 5 },
      context,
    );
    expect(profile).toMatchObject({ dbname: "wh", password: "s3cret", port: 6543, threads: 8, sslmode: "verify-full", sslRootCert: "/proj/certs/ca.pem", searchPath: "dev,public", role: "builder", keepalivesIdle: 30, retries: 3, connectTimeout: 5 });
  });

  it.each([
    [{ ...base, dbname: undefined }, /has no dbname/, "Add `dbname: <database>` to the target in profiles.yml."],
    [{ ...base, host: undefined }, /has no host/, "Add `host:` to the target in profiles.yml."],
    [{ ...base, port: "five" }, /port must be a whole number/, "Set `port: 5432` or similar."],
    [{ ...base, threads: 0 }, /threads must be a whole number of at least 1/, "Set `threads: 1` or similar."],
    [{ ...base, sslmode: "sometimes" }, /^The postgres target's sslmode is not one of disable, allow, prefer, require, verify-ca, verify-full\.$/, "Use `sslmode: require` for TLS, or leave it out."],
    [{ ...base, user: ["x"] }, /user must be a string, not a list\.$/, "Quote the user in profiles.yml."],
    [{ ...base, port: 99999 }, /port must be a whole number from 1 to 65535; it is out of range\.$/, "Set `port: 5432` or similar."],
    [{ ...base, password: ["CANARY_PW"] }, /^The postgres target's password must be a string, not a list\.$/, "Quote the password in profiles.yml."],
  ])("rejects a bad target with TSDBT-E100 and a hint (%#)", (target, message, hint) => {
    const error = failure(() => readPostgresProfile(target as never, context));
    expect(error.code).toBe("TSDBT-E100");
    expect(error.message).toMatch(message);
    expect(error.hint).toBe(hint);
  });

  it("maps sslmode to node-postgres's ssl option and reports unreadable files with TSDBT-E103", () => {
    expect(sslOptions(readPostgresProfile(base, context))).toBe(false);
    expect(sslOptions(readPostgresProfile({ ...base, sslmode: "require" }, context))).toMatchObject({ rejectUnauthorized: false });
    const error = failure(() => sslOptions(readPostgresProfile({ ...base, sslmode: "verify-ca", sslrootcert: "missing.pem" }, context)));
    expect(error.code).toBe("TSDBT-E103");
    expect(error.message).toContain("/proj/missing.pem");
  });

  it("describes the target's database and schema without connecting", () => {
    expect(describeTarget(base, context)).toEqual({ database: "analytics", schema: "dev" });
  });
});
