import type { AdapterContext, ProfileTarget } from "@tsdbt/adapter-api";
import { readDuckDbProfile } from "./duckdb-profile";

/**
 * Where a DuckDB target builds by default, known without opening the file: the catalog
 * DuckDB names after the file (or the attached alias given as `database`) and the schema.
 */
export function describeTarget(target: ProfileTarget, context: AdapterContext): { database: string; schema: string } {
  const profile = readDuckDbProfile(target, context);
  return { database: profile.database, schema: profile.schema };
}
