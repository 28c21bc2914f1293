import type { AdapterContext, ProfileTarget } from "@tsdbt/adapter-api";
import { readBigQueryProfile } from "./bigquery-profile";

/** Where a BigQuery target builds by default, known without connecting: its project and dataset. */
export function describeTarget(target: ProfileTarget, context: AdapterContext): { database: string; schema: string } {
  const profile = readBigQueryProfile(target, context);
  return { database: profile.project, schema: profile.dataset };
}
