import type { AdapterContext, ProfileTarget } from "@tsdbt/adapter-api";
import { readSnowflakeProfile } from "./snowflake-profile";

/** Where a Snowflake target builds by default, known without connecting: its `database` and `schema` as written. */
export function describeTarget(target: ProfileTarget, context: AdapterContext): { database: string; schema: string } {
  const profile = readSnowflakeProfile(target, context);
  return { database: profile.database, schema: profile.schema };
}
