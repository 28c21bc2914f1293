import { createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ConnectionOptions } from "snowflake-sdk";
import { SnowflakeErrorCode, snowflakeError } from "./snowflake-errors";
import type { SnowflakeAuth, SnowflakeProfile } from "./snowflake-profile";

/**
 * The private key of key pair authentication as unencrypted PKCS#8 PEM, which the driver
 * takes: read from `private_key` (PEM, or base64 DER without the PEM lines) or the file of
 * `private_key_path`, and decrypted with `private_key_passphrase` when it is encrypted.
 * Throws TSDBT-E122 (never showing the key or the passphrase) when it cannot be read.
 */
export function privateKeyPem(auth: Extract<SnowflakeAuth, { kind: "keypair" }>): string {
  let source: string | Buffer;
  if ("file" in auth.privateKey) {
    try {
      source = readFileSync(auth.privateKey.file);
    } catch (error) {
      throw snowflakeError(
        SnowflakeErrorCode.privateKey,
        `The snowflake target's private_key_path ${auth.privateKey.file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? "unknown error"}.`,
        "Check the path (relative paths are resolved against the project directory).",
      );
    }
  } else source = auth.privateKey.pem;
  const passphrase = auth.passphrase ?? undefined;
  const text = Buffer.isBuffer(source) ? source.toString("utf8") : source;
  try {
    const key = text.includes("-----BEGIN")
      ? createPrivateKey({ key: text, format: "pem", ...(passphrase !== undefined ? { passphrase } : {}) })
      : createPrivateKey({ key: Buffer.isBuffer(source) && !/^[A-Za-z0-9+/=\s]+$/.test(text) ? source : Buffer.from(text.replace(/\s+/g, ""), "base64"), format: "der", type: "pkcs8", ...(passphrase !== undefined ? { passphrase } : {}) });
    return key.export({ format: "pem", type: "pkcs8" }).toString();
  } catch (error) {
    const encrypted = /ENCRYPTED/.test(text) || /passphrase|decrypt/i.test((error as Error).message);
    throw snowflakeError(
      SnowflakeErrorCode.privateKey,
      `The snowflake target's private key cannot be ${encrypted ? "decrypted" : "read"}${encrypted && passphrase === undefined ? " (it is encrypted and no private_key_passphrase is given)" : ""}.`,
      encrypted ? "Check private_key_passphrase." : "Give a PKCS#8 private key in PEM form (-----BEGIN PRIVATE KEY-----) or as base64 DER.",
    );
  }
}

/** snowflake-sdk connection options of a profile (the private key already decrypted). */
export function connectionOptions(profile: SnowflakeProfile): ConnectionOptions {
  const options: ConnectionOptions = {
    account: profile.account,
    username: profile.user,
    database: profile.database,
    schema: profile.schema,
    clientSessionKeepAlive: profile.clientSessionKeepAlive,
    application: "tsdbt",
    // tsdbt retries logins itself (connect_retries, connect_timeout): one HTTP attempt each
    sfRetryMaxLoginRetries: 1,
    // NULL as null, not as the text "NULL" (the driver's default with fetchAsString)
    representNullAsStringNull: false,
    // seeds send at most BINDS_PER_BATCH binds per statement: always inline, never through a stage
    arrayBindingThreshold: 100000,
    ...(profile.role ? { role: profile.role } : {}),
    ...(profile.warehouse ? { warehouse: profile.warehouse } : {}),
    ...(profile.accessUrl ? { accessUrl: profile.accessUrl } : {}),
  };
  const { auth } = profile;
  switch (auth.kind) {
    case "password":
      return { ...options, password: auth.password };
    case "keypair":
      return { ...options, authenticator: "SNOWFLAKE_JWT", privateKey: privateKeyPem(auth) };
    case "oauth":
      return { ...options, authenticator: "OAUTH", token: auth.token };
    case "externalbrowser":
      return { ...options, authenticator: "EXTERNALBROWSER" };
    case "username_password_mfa":
      return { ...options, authenticator: "USERNAME_PASSWORD_MFA", password: auth.password };
    case "okta":
      return { ...options, authenticator: auth.url, password: auth.password };
  }
}
