import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { FreshnessResult } from "./check-freshness";

/** The `$id` of the sources.json schema tsdbt writes. */
export const SOURCES_SCHEMA = "https://schemas.getdbt.com/dbt/sources/v3.json";

/** Writes sources.json (dbt's v3 shape) for a freshness run. */
export async function writeSourcesArtifact(file: string, results: readonly FreshnessResult[], run: { invocationId: string; startedAt: Date; elapsed: number }): Promise<void> {
  const artifact = {
    metadata: {
      dbt_schema_version: SOURCES_SCHEMA,
      dbt_version: "1.10.0",
      generated_at: new Date().toISOString(),
      invocation_id: run.invocationId,
      invocation_started_at: run.startedAt.toISOString(),
      env: {},
    },
    results,
    elapsed_time: run.elapsed,
  };
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(artifact, null, 2)}\n`, "utf8");
}
