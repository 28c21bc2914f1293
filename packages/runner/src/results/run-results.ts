import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { dbtTimestamp } from "@tsdbt/core";
import type { NodeResult, RunSummary } from "../types";

/** The `$id` of the run_results.json schema tsdbt writes. */
export const RUN_RESULTS_SCHEMA = "https://schemas.getdbt.com/dbt/run-results/v6.json";

/** Invocation facts written to run_results.json's metadata and `args`. */
export interface RunResultsMetadata {
  invocationId: string;
  /** The command's arguments as dbt records them (e.g. `{which: 'run', select: [...], threads: 4}`). */
  args: Record<string, unknown>;
  /** Defaults to now. */
  generatedAt?: Date;
  /** When the invocation started, as the manifest has it (defaults to when the run started). */
  invocationStartedAt?: Date;
  /** The dbt version tsdbt reports compatibility with. */
  dbtVersion?: string;
  env?: Record<string, string>;
}

/** run_results.json as dbt's v6 schema defines it. */
export interface RunResultsArtifact {
  metadata: {
    dbt_schema_version: string;
    dbt_version: string;
    generated_at: string;
    invocation_id: string;
    invocation_started_at: string;
    env: Record<string, string>;
  };
  /** Each node's result, with dbt's `batch_results` (a microbatch model's successful and failed batches, else null). */
  results: (Omit<NodeResult, "batch_results"> & { batch_results: NonNullable<NodeResult["batch_results"]> | null })[];
  elapsed_time: number;
  args: Record<string, unknown>;
}

/** Builds the run_results.json value for a run. */
export function buildRunResults(summary: RunSummary, metadata: RunResultsMetadata): RunResultsArtifact {
  return {
    metadata: {
      dbt_schema_version: RUN_RESULTS_SCHEMA,
      dbt_version: metadata.dbtVersion ?? "1.10.0",
      generated_at: (metadata.generatedAt ?? new Date()).toISOString(),
      invocation_id: metadata.invocationId,
      invocation_started_at: metadata.invocationStartedAt ? dbtTimestamp(metadata.invocationStartedAt) : summary.startedAt,
      env: metadata.env ?? {},
    },
    results: summary.results.map((result) => ({ ...result, batch_results: result.batch_results ?? null })),
    elapsed_time: summary.elapsed,
    args: metadata.args,
  };
}

/** Writes run_results.json (creating its folder) for a run. */
export async function writeRunResults(path: string, summary: RunSummary, metadata: RunResultsMetadata): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(buildRunResults(summary, metadata), null, 2)}\n`, "utf8");
}
