import type { NodeInfo, NodeResult, RunEvent, RunSummary } from "@tsdbt/runner";
import type { Logger } from "./logger";

const WIDTH = 80;

/** `left ..... right`, padded to the progress line width. */
export function dots(left: string, right: string): string {
  const pad = Math.max(3, WIDTH - left.length - right.length - 1);
  return `${left} ${".".repeat(pad)} ${right}`;
}

function relationLabel(info: NodeInfo): string {
  const rel = info.node_relation;
  return rel ? `${rel.schema}.${rel.alias}` : info.node_name;
}

function describe(info: NodeInfo): string {
  if (info.resource_type === "test") return `test ${info.node_name}`;
  if (info.resource_type === "unit_test") return `unit_test ${info.node_name}`;
  if (info.resource_type === "seed") return `seed file ${relationLabel(info)}`;
  if (info.resource_type === "snapshot") return `snapshot ${relationLabel(info)}`;
  return `sql ${info.materialized} model ${relationLabel(info)}`;
}

function finishLine(info: NodeInfo, r: NodeResult): { text: string; level: "info" | "warn" | "error" } {
  const secs = `${r.execution_time.toFixed(2)}s`;
  switch (r.status) {
    case "success": {
      const what = info.resource_type === "seed" ? `loaded ${describe(info)}` : `created ${describe(info)}`;
      const rows = r.adapter_response.rows_affected;
      const tag = info.resource_type === "seed" && typeof rows === "number" ? `INSERT ${rows}` : String(r.adapter_response._message ?? "OK");
      return { text: dots(`OK ${what}`, `[${tag} in ${secs}]`), level: "info" };
    }
    case "pass":
      return { text: dots(`PASS ${info.node_name}`, `[PASS in ${secs}]`), level: "info" };
    case "warn":
      return { text: dots(`WARN ${r.failures ?? ""} ${info.node_name}`.replace("  ", " "), `[WARN ${r.failures ?? ""} in ${secs}]`), level: "warn" };
    case "fail":
      return { text: dots(`FAIL ${r.failures ?? ""} ${info.node_name}`.replace("  ", " "), `[FAIL ${r.failures ?? ""} in ${secs}]`), level: "error" };
    case "skipped":
      return { text: dots(info.resource_type === "test" || info.resource_type === "unit_test" ? `SKIP ${info.resource_type} ${info.node_name}` : `SKIP relation ${relationLabel(info)}`, "[SKIP]"), level: "info" };
    default:
      return { text: dots(`ERROR creating ${describe(info)}`, `[ERROR in ${secs}]`), level: "error" };
  }
}

/** Prints run events as dbt's progress lines (`1 of 12 START …`, `1 of 12 OK created …`). */
export function printRunEvent(logger: Logger, e: RunEvent): void {
  if (e.kind === "run_hook") {
    const text = `${e.index} of ${e.total} ${e.hook} hook ${e.status === "success" ? "OK" : `ERROR: ${e.message}`}`;
    if (e.status === "success") logger.info("LogHookEndLine", "Q033", text);
    else logger.error("LogHookEndLine", "Q033", text);
    return;
  }
  const prefix = `${e.index} of ${e.total}`;
  if (e.kind === "node_start") {
    logger.info("NodeStart", "Q024", dots(`${prefix} START ${describe(e.node_info)}`, "[RUN]"), { node_info: e.node_info });
    return;
  }
  const { text, level } = finishLine(e.node_info, e.result);
  const data = { node_info: e.node_info, status: e.result.status, execution_time: e.result.execution_time, failures: e.result.failures };
  if (level === "error") logger.error("NodeFinished", "Q025", `${prefix} ${text}`, data);
  else if (level === "warn") logger.warn("NodeFinished", "Q025", `${prefix} ${text}`, data);
  else logger.info("NodeFinished", "Q025", `${prefix} ${text}`, data);
}

/** The closing lines: errors in detail, then `Done. PASS=… WARN=… ERROR=… SKIP=… TOTAL=…`. */
export function printSummary(logger: Logger, summary: RunSummary): void {
  const c = summary.counts;
  const errors = summary.results.filter((r) => r.status === "error" || r.status === "fail");
  const warns = summary.results.filter((r) => r.status === "warn");
  logger.info("FinishedRunningStats", "Q012", `Finished running ${summary.results.length} nodes in ${summary.elapsed.toFixed(2)}s.`);
  if (errors.length === 0 && summary.hookErrors.length === 0) logger.info("EndOfRunSummary", "Z030", warns.length ? `Completed with ${warns.length} warning${warns.length === 1 ? "" : "s"}:` : "Completed successfully");
  else logger.error("EndOfRunSummary", "Z030", `Completed with ${errors.length + summary.hookErrors.length} error${errors.length + summary.hookErrors.length === 1 ? "" : "s"}, ${warns.length} warning${warns.length === 1 ? "" : "s"}:`);
  for (const r of [...errors, ...warns]) {
    const kind = r.status === "warn" ? "Warning" : r.status === "fail" ? "Failure" : "Error";
    const msg = `${kind} in ${r.unique_id}: ${r.message ?? ""}`.trim();
    if (r.status === "warn") logger.warn("RunResultWarning", "Z046", msg);
    else logger.error("RunResultError", "Z024", msg);
  }
  for (const h of summary.hookErrors) logger.error("RunResultError", "Z024", `Error in ${h.hook} hook ${h.index}: ${h.message}`);
  const pass = c.success + c.pass;
  const error = c.error + c.fail;
  const total = pass + c.warn + error + c.skipped;
  logger.info("EndOfRunSummary", "Z023", `Done. PASS=${pass} WARN=${c.warn} ERROR=${error} SKIP=${c.skipped} TOTAL=${total}`, { pass, warn: c.warn, error, skip: c.skipped, total });
}
