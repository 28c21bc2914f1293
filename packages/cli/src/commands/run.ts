import * as path from "node:path";
import { ChangedFileWriter, compiledPathOf, writeManifest, type ManifestNode } from "@tsdbt/core";
import { runNodes, writeRunResults, type BatchResults, type ProjectHook, type RunSummary } from "@tsdbt/runner";
import { customEnv, fireFoundStats, type CommandContext, type CommandOutcome } from "../command-context";
import { liveCompiler, runnerCompiler } from "../execution";
import { RunProgress } from "../progress";
import { formatTable } from "../format-table";
import { applyDeferral } from "../defer";
import { selectForCommand } from "../select";
import { EarlyWarehouse, withEarlyWarehouse } from "../early-warehouse";
import { openWarehouse } from "../warehouse";
import { createRunEmitter } from "@tsdbt/lineage";
import { parseForCommand } from "../parse-for-command";

/** The resource types each executing command works on. */
export const COMMAND_TYPES: Record<string, string[]> = {
  run: ["model"],
  seed: ["seed"],
  test: ["test", "unit_test"],
  snapshot: ["snapshot"],
  build: ["model", "seed", "snapshot", "test", "unit_test", "exposure"],
};

/** Options for re-running a subset (used by `retry`). */
export interface ExecuteOptions {
  /** Run exactly these ids instead of the command line's selection. */
  ids?: string[];
  /** `retry`: the previous batch_results of microbatch models (their failed batches run again). */
  batches?: Record<string, BatchResults>;
  /** `retry`: the previous invocation's start, the clock of microbatch models (dbt recomputes the same batches). */
  now?: Date;
  /** `retry`: the previous run's `--event-time-start/end`. */
  eventTime?: { start: Date; end: Date };
}

/**
 * `run`, `seed`, `test`, `snapshot` and `build`: parse, select, then execute the selected nodes
 * in dependency order on the target, printing dbt's progress lines and writing
 * run_results.json and manifest.json. Exit code 1 when any node failed.
 */
export async function executeCommand(ctx: CommandContext, which: string, options: ExecuteOptions = {}): Promise<CommandOutcome> {
  // the adapter worker boots while the project parses
  return withEarlyWarehouse(new EarlyWarehouse(ctx.args.threads), (early) => execute(ctx, which, options, early));
}

async function execute(ctx: CommandContext, which: string, options: ExecuteOptions, early: EarlyWarehouse): Promise<CommandOutcome> {
  const parsed = await parseForCommand(ctx, { WHICH: which }, { onTarget: early.onTarget });
  ctx.logger.diagnostics(parsed.diagnostics);
  fireFoundStats(ctx, parsed);
  const ids = options.ids ?? selectForCommand(parsed, ctx.args, ctx.cwd, COMMAND_TYPES[which], ctx.logger).ids;
  if (!ids.length) {
    ctx.logger.warnOrError("NothingToDo", "Nothing to do. Try checking your model configs and model specification args");
    const summary = emptySummary();
    if (ctx.args.writeJson) await writeRunResults(path.join(parsed.targetPath, "run_results.json"), summary, { invocationId: ctx.invocationId, invocationStartedAt: ctx.startedAt, env: customEnv(ctx.env), args: { which, select: ctx.args.select, exclude: ctx.args.exclude } });
    return { exitCode: 0, result: summary };
  }
  const threads = ctx.args.threads ?? parsed.profile.threads;
  const warehouse = openWarehouse(parsed, threads, early);
  // OpenLineage (--openlineage-url / --openlineage-file): events are sent in the background
  const lineage = createRunEmitter({ url: ctx.args.openlineageUrl, file: ctx.args.openlineageFile, env: ctx.env, cwd: ctx.cwd, manifest: parsed.manifest, target: parsed.profile.target, projectDir: parsed.projectDir, targetPath: parsed.targetPath, invocationId: ctx.invocationId, command: which, warn: (d) => ctx.logger.diagnostics([d], { mayStop: false }) });
  lineage?.runStarted();
  let summary: RunSummary;
  let samples: string[] = [];
  let restoreManifest = () => undefined as void;
  const progress = new RunProgress(ctx.logger, parsed.manifest, { storeFailures: ctx.args.storeFailures });
  // as dbt does, the SQL each node ran is left under target/compiled, written as nodes compile
  const compiledFiles = new ChangedFileWriter();
  const writeCompiled = (node: ManifestNode) => {
    if (node.compiled_path && node.compiled_code != null) compiledFiles.writeInBackground(path.join(parsed.projectDir, node.compiled_path), node.compiled_code);
  };
  // and the SQL each node ran under target/run, which a failed node's message points at
  const targetRel = path.relative(parsed.projectDir, parsed.targetPath).split(path.sep).join("/") || ".";
  const writeRunSql = (node: ManifestNode, sql: string): string => {
    const file = compiledPathOf(node, targetRel, "run");
    compiledFiles.writeInBackground(path.join(parsed.projectDir, file), sql);
    return file;
  };
  try {
    const adapter = await warehouse.adapter();
    restoreManifest = await applyDeferral(parsed, ctx.args, ctx.cwd, ids, adapter);
    const compiler = liveCompiler(parsed, await warehouse.connect(), { selected_resources: ids }, { empty: ctx.args.flags.empty === true, invocationId: ctx.invocationId });
    ctx.logger.fire("Formatting", "", { msg: "" });
    ctx.logger.fire("ConcurrencyLine", `Concurrency: ${threads} threads (target='${parsed.profile.targetName}')`, { num_threads: threads, target_name: parsed.profile.targetName, node_count: ids.length });
    ctx.logger.fire("Formatting", "", { msg: "" });
    summary = await runNodes({
      manifest: parsed.manifest,
      selected: ids,
      adapter,
      compiler: runnerCompiler(parsed, compiler, writeCompiled),
      threads,
      failFast: ctx.args.failFast,
      fullRefresh: ctx.args.fullRefresh,
      storeFailures: ctx.args.storeFailures,
      projectDir: parsed.projectDir,
      projectName: parsed.project.name,
      packageDirs: Object.fromEntries([...parsed.inputs.projects.packages].map(([name, project]) => [name, project.projectDir])),
      signal: ctx.signal,
      onEvent: (e) => {
        progress.onEvent(e);
        lineage?.onRunEvent(e);
      },
      // the root project's hooks, then each installed package's, as dbt runs them
      onRunStart: [...(parsed.project.onRunStart ?? []), ...packageHooks(parsed, "onRunStart")],
      skipNodesIfOnRunStartFails: parsed.project.flags.skip_nodes_if_on_run_start_fails === true,
      onRunEnd: [...(parsed.project.onRunEnd ?? []), ...packageHooks(parsed, "onRunEnd")],
      queryComment: (node) => compiler.queryCommentOf(node),
      microbatch: { eventTimeStart: options.eventTime?.start ?? ctx.args.eventTimeStart ?? null, eventTimeEnd: options.eventTime?.end ?? ctx.args.eventTimeEnd ?? null, retry: options.batches, now: options.now },
      onRunSql: writeRunSql,
    });
    if (ctx.args.flags.show === true && (which === "seed" || which === "build")) samples = await seedSamples(summary, parsed.manifest, adapter);
  } finally {
    restoreManifest();
    await warehouse.close();
    parsed.saveTemplateCache();
  }
  if (ctx.args.writeJson) {
    await writeRunResults(path.join(parsed.targetPath, "run_results.json"), summary, {
      invocationId: ctx.invocationId,
      invocationStartedAt: ctx.startedAt,
      env: customEnv(ctx.env),
      args: { which, select: ctx.args.select, exclude: ctx.args.exclude, full_refresh: ctx.args.fullRefresh, threads, project_dir: parsed.projectDir, ...eventTimeArgs(ctx.args) },
    });
    await writeManifest(parsed.targetPath, parsed.manifest);
  }
  await compiledFiles.settled();
  progress.summary(summary, { afterFinished: () => samples.forEach((text) => ctx.logger.print(text)) });
  // a microbatch model with failed batches fails the command too, as in dbt
  const failed = summary.results.some((r) => r.status === "error" || r.status === "fail" || r.status === "partial success") || summary.hookErrors.length > 0 || summary.interrupted;
  if (lineage) {
    lineage.runFinished(failed, failed ? `${summary.counts.error + summary.counts.fail} node(s) failed` : undefined);
    await lineage.close();
  }
  return { exitCode: failed ? 1 : 0, result: summary };
}

/** `--show`: up to 10 rows of each seed loaded, as dbt prints them after the run. */
async function seedSamples(summary: RunSummary, manifest: import("@tsdbt/core").Manifest, adapter: import("@tsdbt/adapter-api").Adapter): Promise<string[]> {
  const out: string[] = [];
  for (const r of summary.results) {
    const node = manifest.nodes[r.unique_id];
    // (a seed's result names no relation, as dbt's; its manifest node does)
    const relationName = node?.relation_name;
    if (!node || node.resource_type !== "seed" || r.status === "error" || !relationName) continue;
    const rows = await adapter.execute(`select * from ${relationName}`, { fetch: true });
    const header = `Random sample of table: ${node.schema}.${node.alias}`;
    const sample = [...rows.rows].sort(() => Math.random() - 0.5).slice(0, 10);
    out.push(`\n${header}\n${"-".repeat(header.length)}\n${formatTable(rows.columns.map((c) => c.name), sample)}\n`);
  }
  return out;
}

/** The on-run-start or on-run-end hooks of the installed packages. */
function packageHooks(parsed: import("@tsdbt/core").ParsedProject, kind: "onRunStart" | "onRunEnd"): ProjectHook[] {
  return [...parsed.inputs.projects.packages.values()].flatMap((p) => (p[kind] ?? []).map((sql) => ({ project: p.name, sql: String(sql) })));
}

/** `--event-time-start/end` as dbt records them in run_results.json's args (`2024-09-01T00:00:00`). */
function eventTimeArgs(args: CommandContext["args"]): Record<string, string> {
  const iso = (t: Date) => t.toISOString().slice(0, 19);
  return args.eventTimeStart && args.eventTimeEnd ? { event_time_start: iso(args.eventTimeStart), event_time_end: iso(args.eventTimeEnd) } : {};
}

/** The summary of a run with nothing selected. */
function emptySummary(): RunSummary {
  return { results: [], elapsed: 0, counts: { success: 0, error: 0, skipped: 0, pass: 0, warn: 0, fail: 0, "no-op": 0, "partial success": 0 }, interrupted: false, startedAt: new Date().toISOString(), hookErrors: [] };
}
