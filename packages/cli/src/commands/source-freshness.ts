import * as path from "node:path";
import type { SourceDefinition } from "@tsdbt/core";
import { checkFreshness, hasFreshness, writeSourcesArtifact, type FreshnessResult } from "@tsdbt/runner";
import { UsageError } from "../args";
import { foundLine, type CommandContext, type CommandOutcome } from "../command-context";
import { dots } from "../progress";
import { selectForCommand } from "../select";
import { openWarehouse } from "../warehouse";
import { parseForCommand } from "../parse-for-command";

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
  if (sub !== "freshness") throw new UsageError(sub ? `Unknown source subcommand '${sub}'; the only one is 'freshness'.` : "'tsdbt source' needs a subcommand: 'tsdbt source freshness'.");
  const started = new Date();
  const parsed = await parseForCommand(ctx, { WHICH: "source-freshness" });
  ctx.logger.diagnostics(parsed.diagnostics);
  ctx.logger.info("FoundStats", "W013", foundLine(parsed));
  const { ids } = selectForCommand(parsed, ctx.args, ctx.cwd, ["source"]);
  const sources = ids.map((id) => parsed.manifest.sources[id]).filter((s): s is SourceDefinition => Boolean(s) && hasFreshness(s!));
  const threads = Math.max(1, ctx.args.threads ?? parsed.profile.threads);
  const warehouse = openWarehouse(parsed, threads);
  const results: FreshnessResult[] = [];
  try {
    if (sources.length) {
      const adapter = await warehouse.adapter();
      ctx.logger.info("ConcurrencyLine", "Q026", `Concurrency: ${threads} threads (target='${parsed.profile.targetName}')`);
      let next = 0;
      let done = 0;
      const worker = async (thread: number) => {
        while (next < sources.length) {
          const source = sources[next++]!;
          const label = `freshness of ${source.source_name}.${source.name}`;
          ctx.logger.info("LogStartLine", "Q027", dots(`${next} of ${sources.length} START ${label}`, "[RUN]"));
          const result = await checkFreshness(adapter, source, `Thread-${thread} (worker)`);
          results.push(result);
          printResult(ctx, result, ++done, sources.length, label);
        }
      };
      await Promise.all(Array.from({ length: Math.min(threads, sources.length) }, (_, i) => worker(i + 1)));
    } else {
      ctx.logger.warn("NoNodesSelected", "W030", "No sources with freshness criteria (warn_after / error_after) were selected; nothing to check.");
    }
  } finally {
    await warehouse.close();
  }
  const elapsed = (Date.now() - started.getTime()) / 1000;
  await writeSourcesArtifact(path.join(parsed.targetPath, "sources.json"), results, { invocationId: ctx.invocationId, startedAt: started, elapsed });
  const count = (s: string) => results.filter((r) => r.status === s).length;
  const pass = count("pass");
  const warn = count("warn");
  const error = count("error") + count("runtime error");
  ctx.logger.info("FinishedRunningStats", "Q012", `Finished running ${results.length} source${results.length === 1 ? "" : "s"} in ${elapsed.toFixed(2)}s.`);
  for (const r of results) if (r.status === "runtime error") ctx.logger.error("RunResultError", "Z024", `Error in ${r.unique_id}: ${r.error}`);
  ctx.logger.info("EndOfRunSummary", "Z023", `Done. PASS=${pass} WARN=${warn} ERROR=${error} SKIP=0 TOTAL=${results.length}`, { pass, warn, error, skip: 0, total: results.length });
  return { exitCode: error > 0 ? 1 : 0, result: { results, elapsed } satisfies FreshnessOutcome };
}

function printResult(ctx: CommandContext, r: FreshnessResult, index: number, total: number, label: string): void {
  const prefix = `${index} of ${total}`;
  if (r.status === "runtime error") {
    ctx.logger.error("LogFreshnessResult", "Q018", `${prefix} ${dots(`ERROR ${label}`, "[ERROR]")}`);
    return;
  }
  const secs = `${r.execution_time.toFixed(2)}s`;
  if (r.status === "pass") ctx.logger.info("LogFreshnessResult", "Q018", `${prefix} ${dots(`PASS ${label}`, `[PASS in ${secs}]`)}`);
  else if (r.status === "warn") ctx.logger.warn("LogFreshnessResult", "Q018", `${prefix} ${dots(`WARN ${label}`, `[WARN in ${secs}]`)}`);
  else ctx.logger.error("LogFreshnessResult", "Q018", `${prefix} ${dots(`ERROR STALE ${label}`, `[ERROR STALE in ${secs}]`)}`);
}
