import { pythonJsonIndented } from "../python-json";
import * as path from "node:path";
import { compileProject, DiagnosticError, writeManifest, type ManifestNode, type ParsedProject } from "@tsdbt/core";
import type { NodeResult, RunSummary } from "@tsdbt/runner";
import { customEnv, fireFoundStats, type CommandContext, type CommandOutcome } from "../command-context";
import { selectForCommand } from "../select";
import { EarlyWarehouse, withEarlyWarehouse } from "../early-warehouse";
import { compileUsedWarehouse, noteCompileWarehouse } from "../compile-warehouse-hint";
import { openWarehouse } from "../warehouse";
import { compileInline } from "./compile-inline";
import { checkDryRunSupported, dryRunCompiled } from "./compile-dry-run";
import { queryCommentRenderer } from "../query-comment";
import { parseForCommand } from "../parse-for-command";

/**
 * `tsdbt compile`: renders the selected models, tests, analyses and snapshots to SQL in
 * target/compiled and writes target/manifest.json. `--inline "SQL"` compiles a one-off query.
 * A warehouse connection is opened only if a template queries the warehouse, or for
 * `--dry-run`, which then prices every compiled query in the warehouse without running it.
 */
export async function compileCommand(ctx: CommandContext): Promise<CommandOutcome> {
  // when the last compile's templates queried the warehouse, the adapter worker boots while the project parses
  let hinted = false;
  const early = new EarlyWarehouse(undefined, (found) => (hinted = compileUsedWarehouse(found.targetPath)));
  return withEarlyWarehouse(early, () => compile(ctx, early, () => hinted));
}

async function compile(ctx: CommandContext, early: EarlyWarehouse, hinted: () => boolean): Promise<CommandOutcome> {
  const parsed = await parseForCommand(ctx, {}, { onTarget: early.onTarget });
  ctx.logger.diagnostics(parsed.diagnostics);
  if (ctx.args.inline !== undefined) return compileInline(ctx, parsed, ctx.args.inline);
  fireFoundStats(ctx, parsed);
  const { ids } = selectForCommand(parsed, ctx.args, ctx.cwd, undefined, ctx.logger);
  const dryRun = ctx.args.flags["dry-run"] === true;
  if (dryRun) checkDryRunSupported(parsed);
  const warehouse = openWarehouse(parsed, undefined, early);
  const threads = ctx.args.threads ?? parsed.profile.threads;
  ctx.logger.fire("Formatting", "", { msg: "" });
  ctx.logger.fire("ConcurrencyLine", `Concurrency: ${threads} threads (target='${parsed.profile.targetName}')`, { num_threads: threads, target_name: parsed.profile.targetName, node_count: ids.length });
  ctx.logger.fire("Formatting", "", { msg: "" });
  const started = new Date();
  try {
    let compiled: ManifestNode[];
    let connected = false;
    try {
      ({ compiled } = await compileProject(parsed, {
        selected: ids,
        connect: () => ((connected = true), warehouse.connect()),
        empty: ctx.args.flags.empty === true,
        hooks: compilesHooks(ctx),
        // what templates send carries the project's query comment, as dbt's compile sends it
        queryComment: (compiler) => queryCommentRenderer(parsed, compiler, ctx.invocationId),
      }));
    } catch (e) {
      // nodes that failed do not hold back the others: their SQL, the manifest and run_results are written, then the errors reported
      if (e instanceof DiagnosticError) await writeCompileArtifacts(ctx, parsed, ids, started, e);
      throw e;
    } finally {
      noteCompileWarehouse(parsed.targetPath, connected, hinted());
      // the code of templates first compiled now (tests', for one: the parse does not render them)
      parsed.saveTemplateCache();
    }
    await writeCompileArtifacts(ctx, parsed, ids, started);
    // as dbt's compile: with --select, each compiled node whose name is part of the first selection
    // argument is printed (`-s orders` prints orders, not its tests; `-s orders+` prints orders)
    const firstSelection = ctx.args.select[0];
    if (firstSelection !== undefined) for (const n of compiled) if (n.resource_type !== "operation" && firstSelection.includes(n.name)) printCompiled(ctx, n);
    // dbt prints nothing more after a compile; the count stays in the log file
    ctx.logger.fire("CompileComplete", `Compiled ${compiled.length} node${compiled.length === 1 ? "" : "s"} into ${parsed.targetPath}/compiled`, {}, { level: "debug" });
    const result = compiled.map((n) => ({ unique_id: n.unique_id, compiled_code: n.compiled_code }));
    if (!dryRun) return { exitCode: 0, result };
    const { exitCode, outcomes } = await dryRunCompiled(ctx, warehouse, compiled);
    return { exitCode, result: result.map((r) => ({ ...r, dry_run: outcomes.find((o) => o.unique_id === r.unique_id) ?? null })) };
  } finally {
    await warehouse.close();
  }
}

/**
 * manifest.json (with the compiled SQL of every node that compiled) and run_results.json: `success`
 * for each compiled node, `error` with its message for each node that failed, as dbt-core writes them.
 */
async function writeCompileArtifacts(ctx: CommandContext, parsed: ParsedProject, ids: string[], started: Date, failure?: DiagnosticError): Promise<void> {
  await writeManifest(parsed.targetPath, parsed.manifest);
  if (!ctx.args.writeJson) return;
  const errors = new Map((failure?.diagnostics ?? []).filter((d) => d.nodeId).map((d) => [d.nodeId!, d.message]));
  const results: NodeResult[] = [];
  // the selected nodes, then the project hooks (compiled too, as dbt's compile does)
  const hookIds = compilesHooks(ctx) ? Object.values(parsed.manifest.nodes).filter((n) => n.resource_type === "operation").map((n) => n.unique_id) : [];
  for (const id of new Set([...ids, ...hookIds])) {
    const node = parsed.manifest.nodes[id];
    const message = errors.get(id);
    // a selected seed compiles nothing; dbt still lists it, with neither compiled nor relation
    if (node?.resource_type === "seed") {
      results.push({ status: "success", timing: [], thread_id: "Thread-1 (worker)", execution_time: 0, adapter_response: {}, message: null, failures: null, unique_id: id, compiled: null, compiled_code: null, relation_name: null });
      continue;
    }
    if (!node || (node.compiled !== true && message === undefined)) continue;
    results.push({
      status: message === undefined ? "success" : "error",
      timing: [],
      thread_id: "Thread-1 (worker)",
      execution_time: 0,
      adapter_response: {},
      message: message ?? null,
      failures: null,
      unique_id: id,
      compiled: message === undefined,
      compiled_code: message === undefined ? (node.compiled_code ?? null) : null,
      relation_name: node.relation_name ?? null,
    });
  }
  const counts = { success: 0, error: 0, skipped: 0, pass: 0, warn: 0, fail: 0, "no-op": 0, "partial success": 0 };
  for (const r of results) counts[r.status]++;
  const summary: RunSummary = { results, elapsed: (Date.now() - started.getTime()) / 1000, counts, interrupted: false, startedAt: started.toISOString(), hookErrors: [] };
  // loaded here: compile does not load the runner otherwise
  const { writeRunResults } = await import("@tsdbt/runner");
  await writeRunResults(path.join(parsed.targetPath, "run_results.json"), summary, { invocationId: ctx.invocationId, invocationStartedAt: ctx.startedAt, env: customEnv(ctx.env), args: { which: "compile", select: ctx.args.select, exclude: ctx.args.exclude } });
}

/** dbt's default selection (no --select, no --selector) takes in the projects' hooks, which compile then renders too. */
function compilesHooks(ctx: CommandContext): boolean {
  return ctx.args.select.length === 0 && !ctx.args.selector;
}

function printCompiled(ctx: CommandContext, node: ManifestNode): void {
  if (ctx.args.output === "json") ctx.logger.print(pythonJsonIndented({ node: node.name, compiled: node.compiled_code }), "CompiledNode", { node_name: node.name, compiled: node.compiled_code });
  else ctx.logger.print(`Compiled node '${node.name}' is:\n${node.compiled_code}`, "CompiledNode", { node_name: node.name, compiled: node.compiled_code });
}
