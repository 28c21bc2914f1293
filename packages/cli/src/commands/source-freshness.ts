import * as path from "node:path";
import type { SourceDefinition } from "@tsdbt/core";
import { checkFreshness, hasFreshness, writeSourcesArtifact, type FreshnessResult } from "@tsdbt/runner";
import { UsageError } from "../args";
import { fireFoundStats, type CommandContext, type CommandOutcome } from "../command-context";
import { fancyLine } from "../progress";
import { selectForCommand } from "../select";
import { EarlyWarehouse, withEarlyWarehouse } from "../early-warehouse";
import { openWarehouse } from "../warehouse";
import { parseForCommand, writeParsedManifest } from "../parse-for-command";

/** What `tsdbt source freshness` returns through the Node API. */
export interface FreshnessOutcome {
  results: FreshnessResult[];
  elapsed: number;
}

/**
 * `tsdbt source freshness`: for each selected source with warn_after / error_after, reads the
 * newest `loaded_at_field` (rows matching `filter`), compares its age with the thresholds,
 * prints dbt's progress lines and writes target/sources.json. Exit code 1 when any source is
 * past error_after or could not be checked; warnings keep 0.
 */
export async function sourceCommand(ctx: CommandContext): Promise<CommandOutcome> {
  const sub = ctx.args.positional[0];
  // `snapshot-freshness` is dbt's older name of the same command
  if (sub !== "freshness" && sub !== "snapshot-freshness") throw new UsageError(sub ? `Unknown source subcommand '${sub}'; the only one is 'freshness'.` : "'tsdbt source' needs a subcommand: 'tsdbt source freshness'.");
  // the adapter worker boots while the project parses
  return withEarlyWarehouse(new EarlyWarehouse(ctx.args.threads), (early) => freshness(ctx, early));
}

async function freshness(ctx: CommandContext, early: EarlyWarehouse): Promise<CommandOutcome> {
  const started = new Date();
  const parsed = await parseForCommand(ctx, { WHICH: "source-freshness" }, { onTarget: early.onTarget });
  ctx.logger.diagnostics(parsed.diagnostics);
  await writeParsedManifest(ctx, parsed);
  fireFoundStats(ctx, parsed);
  const { ids } = selectForCommand(parsed, ctx.args, ctx.cwd, ["source"]);
  const sources = ids.map((id) => parsed.manifest.sources[id]).filter((s): s is SourceDefinition => Boolean(s) && hasFreshness(s!));
  const threads = Math.max(1, ctx.args.threads ?? parsed.profile.threads);
  const warehouse = openWarehouse(parsed, threads, early);
  const results: FreshnessResult[] = [];
  try {
    if (sources.length) {
      const adapter = await warehouse.adapter();
      ctx.logger.fire("Formatting", "", { msg: "" });
      ctx.logger.fire("ConcurrencyLine", `Concurrency: ${threads} threads (target='${parsed.profile.targetName}')`, { num_threads: threads, target_name: parsed.profile.targetName, node_count: sources.length });
      ctx.logger.fire("Formatting", "", { msg: "" });
      let next = 0;
      let done = 0;
      const worker = async (thread: number) => {
        while (next < sources.length) {
          const source = sources[next++]!;
          const label = `freshness of ${source.source_name}.${source.name}`;
          const index = next;
          ctx.logger.fire("LogStartLine", fancyLine(`START ${label}`, "RUN", index, sources.length, ctx.logger.printerWidth), { description: label, index, total: sources.length, node_info: sourceInfo(source) }, { thread: `Thread-${thread} (worker)` });
          const result = await checkFreshness(adapter, source, `Thread-${thread} (worker)`);
          results.push(result);
          printResult(ctx, result, ++done, sources.length, source);
        }
      };
      await Promise.all(Array.from({ length: Math.min(threads, sources.length) }, (_, i) => worker(i + 1)));
    } else {
      ctx.logger.fire("NoNodesSelected", "No sources with freshness criteria (warn_after / error_after) were selected; nothing to check.", {});
    }
  } finally {
    await warehouse.close();
  }
  const elapsed = (Date.now() - started.getTime()) / 1000;
  await writeSourcesArtifact(path.join(parsed.targetPath, "sources.json"), results, { invocationId: ctx.invocationId, startedAt: ctx.startedAt ?? started, elapsed });
  const count = (s: string) => results.filter((r) => r.status === s).length;
  const pass = count("pass");
  const warn = count("warn");
  const error = count("error") + count("runtime error");
  const statLine = `${results.length} source${results.length === 1 ? "" : "s"}`;
  ctx.logger.fire("Formatting", "", { msg: "" });
  ctx.logger.fire("FinishedRunningStats", `Finished running ${statLine} in ${elapsed.toFixed(2)}s.`, { stat_line: statLine, execution: "", execution_time: elapsed });
  for (const r of results) if (r.status === "runtime error") ctx.logger.fire("RunResultError", `  Error in ${r.unique_id}: ${r.error}`, { msg: `Error in ${r.unique_id}: ${r.error}`, node_info: {} });
  const stats = { error, skip: 0, pass, warn, noop: 0, total: results.length };
  ctx.logger.fire("Formatting", "", { msg: "" });
  ctx.logger.fire("StatsLine", `Done. PASS=${pass} WARN=${warn} ERROR=${error} SKIP=0 NO-OP=0 TOTAL=${results.length}`, { stats });
  return { exitCode: error > 0 ? 1 : 0, result: { results, elapsed } satisfies FreshnessOutcome };
}

/** The node_info of a source in freshness events. */
function sourceInfo(source: SourceDefinition): Record<string, unknown> {
  return { unique_id: source.unique_id, resource_type: "source", node_name: source.name, node_path: source.path, materialized: "", meta: source.meta ?? {}, node_checksum: "", node_status: "started", node_started_at: "", node_finished_at: "", node_relation: null };
}

function printResult(ctx: CommandContext, r: FreshnessResult, index: number, total: number, source: SourceDefinition): void {
  const { palette: p, printerWidth: width } = ctx.logger;
  const label = `freshness of ${source.source_name}.${source.name}`;
  const base = { status: r.status, index, total, source_name: source.source_name, table_name: source.name, node_info: { ...sourceInfo(source), node_status: r.status } };
  if (r.status === "runtime error") {
    ctx.logger.fire("LogFreshnessResult", fancyLine(`ERROR ${label}`, p.red("ERROR"), index, total, width), { ...base, execution_time: 0 }, { level: "error" });
    return;
  }
  const data = { ...base, execution_time: r.execution_time };
  const thread = r.thread_id;
  if (r.status === "pass") ctx.logger.fire("LogFreshnessResult", fancyLine(`PASS ${label}`, p.green("PASS"), index, total, width, r.execution_time), data, { thread });
  else if (r.status === "warn") ctx.logger.fire("LogFreshnessResult", fancyLine(`WARN ${label}`, p.yellow("WARN"), index, total, width, r.execution_time), data, { level: "warn", thread });
  else ctx.logger.fire("LogFreshnessResult", fancyLine(`ERROR STALE ${label}`, p.red("ERROR STALE"), index, total, width, r.execution_time), data, { level: "error", thread });
}
