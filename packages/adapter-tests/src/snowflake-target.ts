import type { ProfileTarget } from "@tsdbt/adapter-api";

/** Where the Snowflake suites run: the local fakesnow endpoint, live Snowflake, or nowhere. */
export type SnowflakeTestTarget = { kind: "fakesnow" | "live"; target: (schema: string, threads: number) => ProfileTarget } | { kind: "none"; reason: string };

/** The database the suites build in on fakesnow (created by them). */
export const FAKESNOW_DATABASE = "TSDBT_TEST";

/**
 * The Snowflake the tests use: live Snowflake when `SNOWFLAKE_ACCOUNT`, `SNOWFLAKE_USER` and
 * `SNOWFLAKE_PASSWORD` (or `SNOWFLAKE_PRIVATE_KEY_PATH`) are set, with `SNOWFLAKE_DATABASE`,
 * `SNOWFLAKE_WAREHOUSE` and `SNOWFLAKE_ROLE`; else the fakesnow endpoint at `FAKESNOW_URL`
 * (e.g. http://127.0.0.1:8085); else none, with the reason naming the variables.
 */
export function snowflakeTestTarget(env: NodeJS.ProcessEnv = process.env): SnowflakeTestTarget {
  if (env.SNOWFLAKE_ACCOUNT && env.SNOWFLAKE_USER && (env.SNOWFLAKE_PASSWORD || env.SNOWFLAKE_PRIVATE_KEY_PATH)) {
    return {
      kind: "live",
      target: (schema, threads) => ({
        type: "snowflake",
        account: env.SNOWFLAKE_ACCOUNT,
        user: env.SNOWFLAKE_USER,
        ...(env.SNOWFLAKE_PRIVATE_KEY_PATH
          ? { private_key_path: env.SNOWFLAKE_PRIVATE_KEY_PATH, private_key_passphrase: env.SNOWFLAKE_PRIVATE_KEY_PASSPHRASE }
          : { password: env.SNOWFLAKE_PASSWORD }),
        role: env.SNOWFLAKE_ROLE,
        warehouse: env.SNOWFLAKE_WAREHOUSE,
        database: env.SNOWFLAKE_DATABASE ?? "TSDBT_TEST",
        schema,
        threads,
      }),
    };
  }
  const url = env.FAKESNOW_URL;
  if (!url) {
    return {
      kind: "none",
      reason: "set FAKESNOW_URL (e.g. http://127.0.0.1:8085, see ../shared/emulators/README.md) or SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER and SNOWFLAKE_PASSWORD to run it",
    };
  }
  const parsed = new URL(url);
  return {
    kind: "fakesnow",
    target: (schema, threads) => ({
      type: "snowflake",
      account: "fakesnow",
      user: "fake",
      password: "snow",
      database: FAKESNOW_DATABASE,
      schema,
      threads,
      host: parsed.hostname,
      port: Number(parsed.port || (parsed.protocol === "https:" ? 443 : 80)),
      protocol: parsed.protocol.replace(":", ""),
      connect_timeout: 10,
      connect_retries: 0,
    }),
  };
}
