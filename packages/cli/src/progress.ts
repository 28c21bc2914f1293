import { isMicrobatchModel, type Manifest, type ManifestNode } from "@tsdbt/core";
import { storesFailures, type NodeInfo, type NodeResult, type RunEvent, type RunSummary } from "@tsdbt/runner";
import type { Logger } from "./logger";

/**
 * dbt's progress line: `1 of 12 START sql view model s.m ` padded with dots to the printer width,
 * then ` [status in 0.12s]`.
 */
export function fancyLine(msg: string, status: string, index: number | null, total: number | null, width = 80, executionTime?: number): string {
  const prefix = `${index !== null && total !== null ? `${index} of ${total} ` : ""}${msg} `;
  const justified = prefix.length >= width ? prefix : prefix + ".".repeat(width - prefix.length);
  const time = executionTime === undefined ? "" : ` in ${executionTime.toFixed(2)}s`;
  return `${justified} [${status}${time}]`;
}

function relationLabel(info: NodeInfo): string {
  const rel = info.node_relation;
  return rel ? `${rel.schema}.${rel.alias}` : info.node_name;
}

/** dbt's description of a node in progress lines (`sql table model s.orders`, `python table model s.score`, `seed file s.raw`, `test x`, `sql microbatch model s.events`). */
function describe(info: NodeInfo, node?: ManifestNode): string {
  switch (info.resource_type) {
    case "test":
    case "unit_test":
    case "exposure":
      return `${info.resource_type} ${info.node_name}`;
    case "seed":
      return `seed file ${relationLabel(info)}`;
    case "snapshot":
      return `snapshot ${relationLabel(info)}`;
    default:
      // a Python model's file is its only trace in node_info, as in dbt's
      return `${info.node_path.endsWith(".py") ? "python" : "sql"} ${node && isMicrobatchModel(node) ? "microbatch" : info.materialized} model ${relationLabel(info)}`;
  }
}

/** A run result as dbt's NodeFinished `run_result` carries it. */
function runResultData(r: NodeResult): Record<string, unknown> {
  return {
    status: r.status,
    message: r.message ?? "",
    execution_time: r.execution_time,
    num_failures: r.failures ?? 0,
    thread: r.thread_id,
    timing_info: r.timing.map((t) => ({ name: t.name, started_at: t.started_at, completed_at: t.completed_at })),
    adapter_response: r.adapter_response,
  };
}

/** What the warehouse said about a built node (`CREATE VIEW`, `SELECT 100`, `INSERT 3`). */
function resultMessage(info: NodeInfo, r: NodeResult): string {
  const rows = r.adapter_response.rows_affected;
  if (info.resource_type === "seed" && typeof rows === "number" && !r.adapter_response._message) return `INSERT ${rows}`;
  return String(r.adapter_response._message ?? "OK");
}

/**
 * The node a generic test is attached to (dbt's `attached_node`): the manifest's, else the model
 * its `model` argument refers to (`{{ get_where_subquery(ref('orders')) }}`); "" for singular tests.
 */
export function attachedNode(node: ManifestNode): string {
  const own = (node as { attached_node?: string | null }).attached_node;
  if (own) return own;
  const model = String((node.test_metadata?.kwargs as Record<string, unknown> | undefined)?.model ?? "");
  const ref = /\bref\(\s*['"]([^'"]+)['"]\s*\)/.exec(model);
  if (!ref) return "";
  return node.depends_on?.nodes?.find((id) => id.startsWith("model.") && id.endsWith(`.${ref[1]}`)) ?? "";
}

/** dbt's stat line of a run: `3 seeds, 2 table models, 20 data tests, 3 view models`. */
export function statLine(nodes: readonly ManifestNode[]): string {
  const counts = new Map<string, number>();
  for (const node of nodes) {
    const key = node.resource_type === "model" ? `${node.config.materialized} model` : node.resource_type === "operation" ? "project hook" : node.resource_type;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const label = (key: string) => (key === "test" ? "data test" : key.replace(/_/g, " "));
  return [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, n]) => `${n} ${label(key)}${n === 1 ? "" : "s"}`)
    .join(", ");
}

/**
 * Turns the runner's events into dbt's: NodeStart, LogStartLine, the result event of the node's
 * type (LogModelResult, LogSeedResult, LogSnapshotResult, LogTestResult) or SkippingDetails, then
 * NodeFinished; after the run, dbt's closing lines (FinishedRunningStats, EndOfRunSummary, each
 * failure with its file and compiled path, StatsLine).
 */
export class RunProgress {
  private readonly infos = new Map<string, NodeInfo>();

  constructor(
    private readonly logger: Logger,
    private readonly manifest: Manifest,
    private readonly options: { storeFailures?: boolean } = {},
  ) {}

  private node(id: string): ManifestNode | undefined {
    return this.manifest.nodes[id] ?? (this.manifest.unit_tests as Record<string, ManifestNode> | undefined)?.[id] ?? (this.manifest.exposures as unknown as Record<string, ManifestNode> | undefined)?.[id];
  }

  /** Fires the dbt events of one runner event. */
  onEvent(e: RunEvent): void {
    const { logger } = this;
    const p = logger.palette;
    const width = logger.printerWidth;
    if (e.kind === "run_hook") {
      const statement = e.name;
      if (e.status === "started") {
        // as dbt: a blank line sets the on-run-end hooks apart from the nodes' lines
        if (e.hook === "on-run-end" && e.index === 1) logger.fire("Formatting", "", { msg: "" });
        logger.fire("LogHookStartLine", fancyLine(`START hook: ${statement}`, "RUN", e.index, e.total, width), { node_info: {}, statement, index: e.index, total: e.total });
        return;
      }
      const word = e.status === "success" ? "OK" : e.status === "skipped" ? "SKIP" : "ERROR";
      const colored = e.status === "success" ? p.green(word) : e.status === "skipped" ? p.yellow(word) : p.red(word);
      const msg = fancyLine(`${word} hook: ${statement}`, colored, e.index, e.total, width, e.execution_time);
      // dbt logs a hook's end at info level, failed or not
      logger.fire("LogHookEndLine", msg, { node_info: {}, statement, status: e.status, index: e.index, total: e.total, execution_time: e.execution_time });
      // and a blank line after the last on-run-start hook, before the nodes' lines
      if (e.hook === "on-run-start" && e.index === e.total) logger.fire("Formatting", "", { msg: "" });
      return;
    }
    if (e.kind === "node_sql") {
      logger.fire("SQLQuery", `On ${e.unique_id}: ${e.sql}`, { conn_name: e.unique_id, sql: e.sql, node_info: this.infos.get(e.unique_id) ?? {} }, { thread: e.thread });
      return;
    }
    if (e.kind === "node_debug") {
      logger.fire("MaterializationPath", e.message, { node_info: this.infos.get(e.unique_id) ?? {} }, { thread: e.thread, level: e.level });
      return;
    }
    if (e.kind === "batch_start" || e.kind === "batch_finish") {
      this.onBatch(e);
      return;
    }
    const info = e.node_info;
    this.infos.set(info.unique_id, info);
    const node = this.node(info.unique_id);
    if (e.kind === "node_start") {
      const description = describe(info, node);
      logger.fire("NodeStart", `Began running node ${info.unique_id}`, { node_info: info }, { thread: e.thread });
      logger.fire("LogStartLine", fancyLine(`START ${description}`, "RUN", e.index, e.total, width), { description, index: e.index, total: e.total, node_info: info }, { thread: e.thread });
      return;
    }
    const r = e.result;
    const thread = r.thread_id;
    if (r.status === "no-op") {
      // dbt reports a no-op node (an exposure in build) with this one line and no start or finish
      const description = describe(info);
      logger.fire("LogNodeNoOpResult", fancyLine(`NO-OP ${description}`, p.yellow("NO-OP"), e.index, e.total, width, r.execution_time), { description, status: "", index: e.index, total: e.total, execution_time: r.execution_time, node_info: info }, { thread });
      return;
    }
    if (r.status === "skipped") {
      const schema = info.node_relation?.schema ?? "";
      const what = ["model", "seed", "snapshot"].includes(info.resource_type) ? `SKIP relation ${schema}.${info.node_name}` : `SKIP ${info.resource_type} ${info.node_name}`;
      logger.fire("NodeStart", `Began running node ${info.unique_id}`, { node_info: info }, { thread });
      logger.fire("SkippingDetails", fancyLine(what, p.yellow("SKIP"), e.index, e.total, width), { resource_type: info.resource_type, schema, node_name: info.node_name, index: e.index, total: e.total, node_info: info }, { thread });
    } else {
      // a microbatch model's errors were reported batch by batch
      if (r.status === "error" && !r.batch_results) logger.fire("CatchableExceptionOnRun", r.message ?? "", { exc: r.message ?? "", exc_info: "", node_info: info }, { thread });
      this.fireResult(info, r, e.index, e.total, node);
    }
    logger.fire("NodeFinished", `Finished running node ${info.unique_id}`, { node_info: info, run_result: runResultData(r) }, { thread });
  }

  private fireResult(info: NodeInfo, r: NodeResult, index: number, total: number, node: ManifestNode | undefined): void {
    const { logger } = this;
    const p = logger.palette;
    const width = logger.printerWidth;
    const thread = r.thread_id;
    const failed = r.status === "error";
    const level = failed || r.status === "fail" ? "error" : r.status === "warn" ? "warn" : "info";
    const time = r.execution_time;
    if (info.resource_type === "test" || info.resource_type === "unit_test") {
      const n = r.failures ?? 0;
      const word = r.status === "error" ? "ERROR" : r.status === "pass" ? "PASS" : r.status === "warn" ? `WARN ${n}` : `FAIL ${n}`;
      const colored = r.status === "pass" ? p.green(word) : r.status === "warn" ? p.yellow(word) : p.red(word);
      const attached = node ? attachedNode(node) : "";
      logger.fire("LogTestResult", fancyLine(`${word} ${info.node_name}`, colored, index, total, width, time), { name: info.node_name, status: r.status, index, num_models: total, execution_time: time, num_failures: n, attached_node: attached, node_info: info }, { level, thread });
      return;
    }
    const message = resultMessage(info, r);
    if (info.resource_type === "seed") {
      const schema = info.node_relation?.schema ?? "";
      const relation = info.node_relation?.alias ?? info.node_name;
      const msg = failed ? `ERROR loading seed file ${schema}.${relation}` : `OK loaded seed file ${schema}.${relation}`;
      logger.fire("LogSeedResult", fancyLine(msg, failed ? p.red("ERROR") : p.green(message), index, total, width, time), { status: r.status, result_message: failed ? "ERROR" : message, index, total, execution_time: time, schema, relation, node_info: info }, { level, thread });
      return;
    }
    if (info.resource_type === "snapshot") {
      const description = relationLabel(info);
      const msg = failed ? `ERROR snapshotting ${description}` : `OK snapshotted ${description}`;
      logger.fire("LogSnapshotResult", fancyLine(msg, failed ? p.red("ERROR") : p.green(message), index, total, width, time), { description: `snapshot ${description}`, status: r.status, index, total, execution_time: time, cfg: node?.config ?? {}, result_message: failed ? "ERROR" : message, node_info: info }, { level, thread });
      return;
    }
    const description = describe(info, node);
    // a microbatch model reports SUCCESS or PARTIAL SUCCESS (n/m), not the warehouse's message
    const status = failed ? "error" : r.batch_results ? (r.message ?? "SUCCESS") : message;
    const partial = r.status === "partial success";
    const msg = failed ? `ERROR creating ${description}` : partial ? `PARTIALLY created ${description}` : `OK created ${description}`;
    const colored = failed ? p.red("ERROR") : partial ? p.yellow(status) : p.green(status);
    logger.fire("LogModelResult", fancyLine(msg, colored, index, total, width, time), { description, status, index, total, execution_time: time, node_info: info }, { level, thread });
  }

  /** dbt's lines of one batch of a microbatch model: `Batch 1 of 3 START batch 2024-09-01 of s.events … [RUN]`, its result, its error. */
  private onBatch(e: Extract<RunEvent, { kind: "batch_start" | "batch_finish" }>): void {
    const { logger } = this;
    const p = logger.palette;
    const info = this.infos.get(e.unique_id);
    const description = `batch ${e.label} of ${info ? relationLabel(info) : e.unique_id}`;
    const data = { description, batch_index: e.index, total_batches: e.total, node_info: info ?? {} };
    if (e.kind === "batch_start") {
      logger.fire("LogStartBatch", `Batch ${fancyLine(`START ${description}`, "RUN", e.index, e.total, logger.printerWidth)}`, data, { thread: e.thread });
      return;
    }
    if (e.status === "error" && e.error !== null) {
      const exc = `Exception on worker thread. ${e.error}`;
      logger.fire("GenericExceptionOnRun", `${p.red("Unhandled error while executing ")}\n${exc}`, { build_path: "", exc, unique_id: e.unique_id, node_info: info ?? {} }, { thread: e.thread, level: "error" });
    }
    const [word, status] = e.status === "error" ? ["ERROR creating", p.red("ERROR")] : e.status === "skipped" ? ["SKIP", p.yellow("SKIPPED")] : ["OK created", p.green(e.message)];
    const line = `Batch ${fancyLine(`${word} ${description}`, status, e.index, e.total, logger.printerWidth, e.execution_time)}`;
    logger.fire("LogBatchResult", line, { ...data, status: e.status === "success" ? e.message : e.status, execution_time: e.execution_time }, { thread: e.thread, level: e.status === "error" ? "error" : "info" });
  }

  /** dbt's closing lines of a run (`clone` has no "Finished running" line). */
  summary(summary: RunSummary, options: { finishedLine?: boolean; afterFinished?: () => void } = {}): void {
    const { logger } = this;
    const p = logger.palette;
    const ran = summary.results.map((r) => this.node(r.unique_id)).filter((n): n is ManifestNode => Boolean(n));
    const line = statLine(ran);
    const h = Math.floor(summary.elapsed / 3600);
    const m = Math.floor((summary.elapsed % 3600) / 60);
    const s = summary.elapsed - h * 3600 - m * 60;
    const execution = ` in ${h} hours ${m} minutes and ${s.toFixed(2)} seconds`;
    if (options.finishedLine !== false) logger.fire("Formatting", "", { msg: "" });
    if (options.finishedLine !== false) logger.fire("FinishedRunningStats", `Finished running ${line}${execution} (${summary.elapsed.toFixed(2)}s).`, { stat_line: line, execution, execution_time: summary.elapsed });
    options.afterFinished?.();
    const errors = summary.results.filter((r) => r.status === "error" || r.status === "fail");
    const warns = summary.results.filter((r) => r.status === "warn");
    const partials = summary.results.filter((r) => r.status === "partial success").length;
    // a failed hook is among the results (its operation node), as in dbt; dbt's count of errors also
    // takes in the skipped results that carry a message (a skipped hook, --fail-fast's skips)
    const numErrors = errors.length + summary.results.filter((r) => r.status === "skipped" && r.message !== null).length;
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    const partialText = `${partials} partial ${partials === 1 ? "success" : "successes"}`;
    let closing: string;
    if (summary.interrupted) closing = p.yellow("Exited because of keyboard interrupt");
    else if (numErrors > 0) closing = p.red(`Completed with ${plural(numErrors, "error")}, ${partialText}, and ${plural(warns.length, "warning")}:`);
    else if (partials > 0) closing = p.yellow(`Completed with ${partialText} and ${plural(warns.length, "warning")}`);
    else if (warns.length > 0) closing = p.yellow(`Completed with ${plural(warns.length, "warning")}:`);
    else closing = p.green("Completed successfully");
    logger.fire("Formatting", "", { msg: "" });
    logger.fire("EndOfRunSummary", closing, { num_errors: numErrors, num_warnings: warns.length, num_partial_success: partials, keyboard_interrupt: summary.interrupted });
    for (const r of errors) this.resultDetails(r, false);
    for (const r of warns) this.resultDetails(r, true);
    const stats = { error: 0, skip: 0, pass: 0, warn: 0, noop: 0, total: 0 };
    for (const r of summary.results) {
      if (r.status === "error" || r.status === "fail" || r.status === "partial success") stats.error++;
      else if (r.status === "skipped") stats.skip++;
      else if (r.status === "warn") stats.warn++;
      else if (r.status === "no-op") stats.noop++;
      else stats.pass++;
      stats.total++;
    }
    logger.fire("Formatting", "", { msg: "" });
    logger.fire("StatsLine", `Done. PASS=${stats.pass} WARN=${stats.warn} ERROR=${stats.error} SKIP=${stats.skip} NO-OP=${stats.noop} TOTAL=${stats.total}`, { stats });
  }

  /** A failed or warning node in the closing lines: its file, its message, its compiled SQL's path. */
  private resultDetails(r: NodeResult, warning: boolean): void {
    const { logger } = this;
    const p = logger.palette;
    const node = this.node(r.unique_id);
    const info = this.infos.get(r.unique_id) ?? {};
    const type = node?.resource_type ?? r.unique_id.split(".")[0];
    const name = node?.name ?? r.unique_id;
    const file = node?.original_file_path ?? "";
    const data = { resource_type: type, node_name: name, path: file, node_info: info };
    logger.fire("Formatting", "", { msg: "" });
    if (warning) {
      logger.fire("RunResultWarning", p.yellow(`Warning in ${type} ${name} (${file})`), data);
      if (r.message) logger.fire("RunResultWarningMessage", r.message, { msg: r.message, node_info: info });
    } else {
      logger.fire("RunResultFailure", p.red(`Failure in ${type} ${name} (${file})`), data);
      if (r.message) logger.fire("RunResultError", `  ${r.message}`, { msg: r.message, node_info: info });
    }
    // dbt names no compiled file for a microbatch model (each batch has its own)
    if (node?.compiled_path && !r.batch_results) {
      logger.fire("Formatting", "", { msg: "" });
      logger.fire("SQLCompiledPath", `  compiled code at ${node.compiled_path}`, { path: node.compiled_path, node_info: info });
    }
    const stored = node && node.resource_type === ("test" as string) && storesFailures(node, { storeFailures: this.options.storeFailures });
    if (stored && r.relation_name) {
      logger.fire("Formatting", "", { msg: "" });
      const query = `select * from ${r.relation_name}`;
      const border = "-".repeat(query.length);
      logger.fire("CheckNodeTestFailure", `  See test failures:\n  ${border}\n  ${query}\n  ${border}`, { relation_name: r.relation_name, node_info: info });
    }
  }
}
