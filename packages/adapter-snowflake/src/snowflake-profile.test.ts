import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AdapterError } from "@tsdbt/adapter-api";
import { connectionOptions, privateKeyPem } from "./driver-options";
import { readSnowflakeProfile, type SnowflakeAuth } from "./snowflake-profile";
import { describeTarget } from "./describe-target";
import { loginFailureKind, retriesLogin } from "./connection-pool";

const context = { projectDir: "/proj", targetPath: "target" };
const base = { type: "snowflake", account: "xy12345.eu-west-1", user: "ann", password: "s3cret!", database: "ANALYTICS", schema: "dbt_ann" };

function failure(fn: () => unknown): AdapterError {
  try {
    fn();
  } catch (error) {
    return error as AdapterError;
  }
  throw new Error("expected a failure");
}

describe("readSnowflakeProfile", () => {
  it("applies dbt-snowflake's defaults", () => {
    expect(readSnowflakeProfile(base, context)).toEqual({
      account: "xy12345.eu-west-1",
      user: "ann",
      auth: { kind: "password", password: "s3cret!" },
      role: null,
      warehouse: null,
      database: "ANALYTICS",
      schema: "dbt_ann",
      threads: 1,
      queryTag: null,
      clientSessionKeepAlive: false,
      connectRetries: 1,
      connectTimeout: 10,
      retryOnDatabaseErrors: false,
      retryAll: false,
      reuseConnections: true,
      insecureMode: false,
      accessUrl: null,
    });
    expect(describeTarget(base, context)).toEqual({ database: "ANALYTICS", schema: "dbt_ann" });
  });

  it("reads every setting, with strings for numbers and booleans as env_var gives them", () => {
    const profile = readSnowflakeProfile(
      {
        ...base,
        role: "TRANSFORMER",
        warehouse: "TRANSFORMING",
        threads: "8",
        query_tag: "dbt_run",
        client_session_keep_alive: "True",
        connect_retries: 3,
        connect_timeout: "30",
        retry_on_database_errors: true,
        retry_all: "false",
        reuse_connections: false,
        insecure_mode: true,
        host: "127.0.0.1",
        port: "8085",
        protocol: "http",
      },
      context,
    );
    expect(profile).toMatchObject({
      role: "TRANSFORMER",
      warehouse: "TRANSFORMING",
      threads: 8,
      queryTag: "dbt_run",
      clientSessionKeepAlive: true,
      connectRetries: 3,
      connectTimeout: 30,
      retryOnDatabaseErrors: true,
      retryAll: false,
      reuseConnections: false,
      insecureMode: true,
      accessUrl: "http://127.0.0.1:8085",
    });
    expect(readSnowflakeProfile({ ...base, host: "acme.privatelink.snowflakecomputing.com" }, context).accessUrl).toBe("https://acme.privatelink.snowflakecomputing.com");
  });

  it.each<[string, Record<string, unknown>, SnowflakeAuth]>([
    ["oauth with a token", { authenticator: "oauth", token: "tok", password: undefined }, { kind: "oauth", token: "tok" }],
    ["externalbrowser", { authenticator: "externalbrowser", password: undefined }, { kind: "externalbrowser" }],
    ["username_password_mfa", { authenticator: "username_password_mfa" }, { kind: "username_password_mfa", password: "s3cret!" }],
    ["an Okta URL", { authenticator: "https://acme.okta.com" }, { kind: "okta", url: "https://acme.okta.com", password: "s3cret!" }],
    ["a private key path", { private_key_path: "keys/rsa.p8", private_key_passphrase: "pw", password: undefined }, { kind: "keypair", privateKey: { file: "/proj/keys/rsa.p8" }, passphrase: "pw" }],
    ["an inline private key with authenticator jwt", { authenticator: "jwt", private_key: "PEM", password: undefined }, { kind: "keypair", privateKey: { pem: "PEM" }, passphrase: null }],
  ])("reads %s", (_name, extra, auth) => {
    expect(readSnowflakeProfile({ ...base, ...extra }, context).auth).toEqual(auth);
  });

  it.each<[string, Record<string, unknown>, RegExp, RegExp]>([
    ["no account", { account: undefined }, /has no account/, /Add `account:`/],
    ["no database", { database: "" }, /has no database/, /Add `database:`/],
    ["no password", { password: undefined }, /has no password/, /env_var\('SNOWFLAKE_PASSWORD'\)/],
    ["oauth without token", { authenticator: "oauth" }, /has no token/, /access token/],
    ["oauth refresh flow", { authenticator: "oauth", token: "t", oauth_client_id: "id" }, /refresh-token flow/, /access token/],
    ["both key forms", { private_key: "a", private_key_path: "b" }, /both private_key and private_key_path/, /Keep one/],
    ["jwt without key", { authenticator: "jwt" }, /needs private_key or private_key_path/, /private_key_path/],
    ["unknown authenticator", { authenticator: "kerberos" }, /authenticator 'kerberos' is not one tsdbt knows/, /externalbrowser/],
    ["bad threads", { threads: 0 }, /threads must be a whole number of at least 1, not 0/, /threads: 1/],
    ["bad flag", { reuse_connections: "sometimes" }, /reuse_connections must be true or false/, /reuse_connections: true/],
    ["port without host", { port: 8085 }, /port or protocol but no host/, /Add `host:`/],
    ["bad protocol", { host: "h", protocol: "ftp" }, /protocol 'ftp'/, /https/],
    ["host with a scheme", { host: "http://h" }, /host name without scheme/, /protocol:/],
  ])("refuses %s with TSDBT-E120", (_name, extra, message, hint) => {
    const error = failure(() => readSnowflakeProfile({ ...base, ...extra }, context));
    expect(error.code).toBe("TSDBT-E120");
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(hint);
  });

  it("never prints a secret value in a message", () => {
    for (const key of ["password", "token", "private_key", "private_key_passphrase"]) {
      const keyPair = key === "private_key_passphrase" ? { private_key_path: "rsa.p8" } : {};
      const error = failure(() => readSnowflakeProfile({ ...base, ...keyPair, authenticator: key === "token" ? "oauth" : "snowflake", [key]: { value: "hunter2-secret" } }, context));
      expect(error.code).toBe("TSDBT-E120");
      expect(`${error.message} ${error.hint}`).not.toContain("hunter2");
    }
  });
});

describe("key pair authentication", () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "tsdbt-sf-key-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const plain = pair.privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  const encrypted = pair.privateKey.export({ format: "pem", type: "pkcs8", cipher: "aes-256-cbc", passphrase: "open sesame" }).toString();

  it("decrypts an encrypted key file with the passphrase and hands the driver plain PKCS#8", () => {
    writeFileSync(join(dir, "rsa.p8"), encrypted);
    const profile = readSnowflakeProfile({ ...base, password: undefined, private_key_path: "rsa.p8", private_key_passphrase: "open sesame" }, { projectDir: dir, targetPath: dir });
    const options = connectionOptions(profile);
    expect(options).toMatchObject({ authenticator: "SNOWFLAKE_JWT", account: base.account, username: "ann" });
    expect(options.privateKey).toBe(plain);
  });

  it("takes an inline key as PEM or as base64 DER", () => {
    expect(privateKeyPem({ kind: "keypair", privateKey: { pem: plain }, passphrase: null })).toBe(plain);
    const der = pair.privateKey.export({ format: "der", type: "pkcs8" }).toString("base64");
    expect(privateKeyPem({ kind: "keypair", privateKey: { pem: der }, passphrase: null })).toBe(plain);
  });

  it("fails with TSDBT-E122, without the key or passphrase, when it cannot decrypt or read the key", () => {
    const wrong = failure(() => privateKeyPem({ kind: "keypair", privateKey: { pem: encrypted }, passphrase: "wrong guess" }));
    expect(wrong.code).toBe("TSDBT-E122");
    expect(wrong.message).toMatch(/cannot be decrypted/);
    expect(wrong.message).not.toContain("wrong guess");
    const missing = failure(() => privateKeyPem({ kind: "keypair", privateKey: { pem: encrypted }, passphrase: null }));
    expect(missing.message).toMatch(/no private_key_passphrase is given/);
    const unreadable = failure(() => privateKeyPem({ kind: "keypair", privateKey: { file: join(dir, "absent.p8") }, passphrase: null }));
    expect(unreadable.code).toBe("TSDBT-E122");
    expect(unreadable.message).toMatch(/ENOENT/);
  });
});

describe("driver options and login retries", () => {
  it("maps authenticators to snowflake-sdk's and points the driver at host/port/protocol", () => {
    expect(connectionOptions(readSnowflakeProfile({ ...base, host: "127.0.0.1", port: 8085, protocol: "http", role: "R", warehouse: "W" }, context))).toEqual({
      account: base.account,
      username: "ann",
      password: "s3cret!",
      database: "ANALYTICS",
      schema: "dbt_ann",
      role: "R",
      warehouse: "W",
      clientSessionKeepAlive: false,
      application: "tsdbt",
      sfRetryMaxLoginRetries: 1,
      representNullAsStringNull: false,
      arrayBindingThreshold: 100000,
      accessUrl: "http://127.0.0.1:8085",
    });
    expect(connectionOptions(readSnowflakeProfile({ ...base, authenticator: "oauth", token: "t" }, context))).toMatchObject({ authenticator: "OAUTH", token: "t" });
    expect(connectionOptions(readSnowflakeProfile({ ...base, authenticator: "externalbrowser" }, context))).toMatchObject({ authenticator: "EXTERNALBROWSER" });
  });

  it("retries network failures always, refused logins only with retry_on_database_errors, anything with retry_all", () => {
    const network = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    const refused = Object.assign(new Error("Incorrect username or password was specified."), { code: 390100 });
    const odd = new Error("something else");
    expect([network, refused, odd].map(loginFailureKind)).toEqual(["network", "database", "other"]);
    const plain = { retryAll: false, retryOnDatabaseErrors: false };
    expect([network, refused, odd].map((e) => retriesLogin(plain, e))).toEqual([true, false, false]);
    expect([network, refused, odd].map((e) => retriesLogin({ ...plain, retryOnDatabaseErrors: true }, e))).toEqual([true, true, false]);
    expect([network, refused, odd].map((e) => retriesLogin({ ...plain, retryAll: true }, e))).toEqual([true, true, true]);
  });
});
