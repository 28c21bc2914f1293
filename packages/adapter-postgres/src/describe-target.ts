import type { AdapterContext, ProfileTarget } from "@tsdbt/adapter-api";
import { readPostgresProfile } from "./postgres-profile";

/** Where a PostgreSQL target builds by default, known without connecting: its `dbname` and `schema`. */
export function describeTarget(target: ProfileTarget, context: AdapterContext): { database: string; schema: string } {
  const profile = readPostgresProfile(target, context);
  return { database: profile.dbname, schema: profile.schema };
}
