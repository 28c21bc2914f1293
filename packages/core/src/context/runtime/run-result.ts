import { hostFunction } from "@tsdbt/jinja";
import type { ManifestNode } from "../../manifest/types";
import { serialisableNode } from "../../manifest/write-manifest";
import { PyDateTime } from "../modules/py-datetime";

/** One phase of a node's result, as run_results.json writes it (ISO times in UTC). */
export interface RunResultTiming {
  name: string;
  started_at: string;
  completed_at: string;
}

/** A node's result as the runner keeps it (the fields of run_results.json dbt's RunResult has). */
export interface RunResultFields {
  status: string;
  timing: RunResultTiming[];
  thread_id: string;
  execution_time: number;
  adapter_response: Record<string, unknown>;
  message: string | null;
  failures: number | null;
  compiled: boolean | null;
  compiled_code: string | null;
  batch_results?: unknown;
}

/** A wall-clock time of a phase as dbt's naive datetime (UTC), e.g. `2026-12-06 02:45:28.663633`. */
function phaseTime(iso: string): PyDateTime {
  const m = /\.(\d+)Z?$/.exec(iso);
  const micros = m ? Number(m[1]!.padEnd(6, "0").slice(0, 6)) : 0;
  return new PyDateTime(Math.floor(Date.parse(iso) / 1000) * 1_000_000 + micros);
}

/** The fields of a node its compilation sets; dbt's dict of a node that never compiled lacks them. */
const COMPILED_FIELDS = ["compiled", "compiled_code", "extra_ctes", "extra_ctes_injected"];

/**
 * The node as a result carries it: compiled in this run (`compiled`, `compiled_code`, the injected
 * CTEs), or not compiled (a skipped node: `compiled` false, `compiled_code` None).
 */
function resultNode(node: ManifestNode, result: RunResultFields): Record<string, unknown> {
  const compiled = Boolean(result.compiled);
  return { ...node, compiled, compiled_code: compiled ? result.compiled_code : null, extra_ctes: [], extra_ctes_injected: compiled };
}

/**
 * The node of `to_dict()`: its manifest entry with what dbt's node object also has in memory,
 * the calls' config (`config_call_dict`, `unrendered_config_call_dict`) and, for a model, no
 * `batch` and no `defer_relation` (None).
 */
function nodeDict(node: Record<string, unknown>): Record<string, unknown> {
  const written = serialisableNode(node as unknown as ManifestNode);
  if (!node.compiled) for (const key of COMPILED_FIELDS) delete written[key];
  const out: Record<string, unknown> = {
    ...written,
    config_call_dict: node.config_call_dict ?? {},
    unrendered_config_call_dict: node.unrendered_config_call_dict ?? {},
  };
  if (node.resource_type === "model") {
    out.batch = node.batch ?? null;
    out.defer_relation = node.defer_relation ?? null;
  }
  return out;
}

/**
 * One entry of `results` in on-run-end hooks, as dbt's RunResult: `status`, `timing` (each
 * phase's `name`, `started_at`, `completed_at` as datetimes), `thread_id`, `execution_time`,
 * `adapter_response`, `message`, `failures`, `node`, `agate_table` and `batch_results` (None
 * unless set), and `to_dict()`, the same as a dict with times as ISO strings and the node as its
 * manifest entry (what packages that upload run results, such as elementary, read).
 */
export function runResultForJinja(result: RunResultFields, node: ManifestNode): Record<string, unknown> {
  const nodeView = resultNode(node, result);
  const fields = {
    status: result.status,
    thread_id: result.thread_id,
    execution_time: result.execution_time,
    adapter_response: result.adapter_response,
    message: result.message,
    failures: result.failures,
    agate_table: null,
    batch_results: result.batch_results ?? null,
  };
  return {
    ...fields,
    timing: result.timing.map((t) => ({ name: t.name, started_at: phaseTime(t.started_at), completed_at: phaseTime(t.completed_at) })),
    node: nodeView,
    to_dict: hostFunction(() => ({
      ...fields,
      timing: result.timing.map((t) => ({ ...t })),
      node: nodeDict(nodeView),
    })),
  };
}
