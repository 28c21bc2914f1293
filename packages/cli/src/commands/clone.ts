import * as path from "node:path";
import { DiagnosticError, relationFor, type ManifestNode } from "@tsdbt/core";
import { writeRunResults, type NodeResult, type RunSummary } from "@tsdbt/runner";
import { customEnv, fireFoundStats, type CommandContext, type CommandOutcome } from "../command-context";
import { RunProgress } from "../progress";
import { readState, selectForCommand } from "../select";
import { openWarehouse } from "../warehouse";
import { parseForCommand } from "../parse-for-command";

/** What one node's clone did. */
interface CloneOutcome {
  status: "success" | "error";
  message: string;
}

/**
 * `tsdbt clone --state DIR`: for each selected model, seed and snapshot, makes the target's relation
 * a view of the relation the `--state` manifest built (dbt's clone on engines without zero-copy
 * table clones). A node absent from the state, or whose relation already exists (unless
 * --full-refresh), is left alone. Writes run_results.json; exit code 1 when a clone failed.
 */
export async function cloneCommand(ctx: CommandContext): Promise<CommandOutcome> {
  if (!ctx.args.state) {
    throw new DiagnosticError([{ code: "TSDBT-E092", severity: "error", message: "clone needs --state: the folder of the manifest.json whose relations are cloned.", hint: "Run `tsdbt clone --state path/to/prod-target`." }]);
  }
  const parsed = await parseForCommand(ctx, { WHICH: "clone" });
  ctx.logger.diagnostics(parsed.diagnostics);
  fireFoundStats(ctx, parsed);
  const state = readState(ctx.args.state, ctx.cwd);
  const ids = selectForCommand(parsed, ctx.args, ctx.cwd, ["model", "seed", "snapshot"], ctx.logger).ids.filter((id) => {
    const node = parsed.manifest.nodes[id];
    return node && ["model", "seed", "snapshot"].includes(node.resource_type) && node.config.materialized !== "ephemeral";
  });
  if (!ids.length) {
    ctx.logger.warnOrError("NothingToDo", "Nothing to do. Try checking your model configs and model specification args");
    return { exitCode: 0, result: [] };
  }
  const threads = ctx.args.threads ?? parsed.profile.threads;
  const warehouse = openWarehouse(parsed, threads);
  const started = new Date();
  const results: NodeResult[] = [];
  try {
    const adapter = await warehouse.adapter();
    ctx.logger.fire("Formatting", "", { msg: "" });
    ctx.logger.fire("ConcurrencyLine", `Concurrency: ${threads} threads (target='${parsed.profile.targetName}')`, { num_threads: threads, target_name: parsed.profile.targetName, node_count: ids.length });
    ctx.logger.fire("Formatting", "", { msg: "" });
    const existing = new Map<string, Promise<Map<string, string>>>();
    const relationsIn = (database: string | null, schema: string) => {
      const key = JSON.stringify([database, schema.toLowerCase()]);
      if (!existing.has(key)) existing.set(key, adapter.listRelations(database, schema).then((rels) => new Map(rels.map((r) => [r.identifier.toLowerCase(), r.type ?? "table"]))).catch(() => new Map()));
      return existing.get(key)!;
    };
    for (const id of ids) {
      const node = parsed.manifest.nodes[id] as ManifestNode;
      const from = state.nodes[id] as (ManifestNode & { relation_name?: string | null }) | undefined;
      const begun = new Date();
      let outcome: CloneOutcome;
      const target = relationFor(node, parsed.naming);
      const info = { unique_id: id, resource_type: node.resource_type, node_name: node.name, node_path: node.path, materialized: String(node.config.materialized ?? ""), meta: {}, node_checksum: node.checksum?.checksum ?? "", node_status: "started", node_started_at: "", node_finished_at: "", node_relation: { database: target.database, schema: target.schema, alias: target.identifier, relation_name: target.render() } };
      if (!from) {
        ctx.logger.fire("JinjaLogInfo", `No relation found in state manifest for ${id}`, { msg: `No relation found in state manifest for ${id}`, node_info: info });
        outcome = { status: "success", message: "No-op" };
      } else {
        const kind = (await relationsIn(target.database, target.schema)).get(target.identifier.toLowerCase());
        if (kind && !ctx.args.fullRefresh) {
          ctx.logger.fire("JinjaLogInfo", `Relation ${target.render()} already exists`, { msg: `Relation ${target.render()} already exists`, node_info: info });
          outcome = { status: "success", message: "No-op" };
        } else {
          const other = from.relation_name ?? relationFor(from, parsed.naming).render();
          try {
            await adapter.execute(adapter.dialect.createSchema(target.database, target.schema), { fetch: false });
            if (kind) await adapter.execute(adapter.dialect.dropRelation(target.render(), kind === "view" ? "view" : "table"), { fetch: false });
            await adapter.execute(adapter.dialect.createViewAs(target.render(), `select * from ${other}`), { fetch: false });
            outcome = { status: "success", message: "CREATE VIEW" };
          } catch (e) {
            outcome = { status: "error", message: `Database Error in ${node.resource_type} ${node.name} (${node.original_file_path})\n  ${(e as Error).message.split("\n").join("\n  ")}` };
          }
        }
      }
      const done = new Date();
      results.push({
        status: outcome.status,
        timing: [],
        thread_id: "Thread-1 (worker)",
        execution_time: (done.getTime() - begun.getTime()) / 1000,
        adapter_response: outcome.status === "success" ? { _message: outcome.message } : {},
        message: outcome.message,
        failures: null,
        unique_id: id,
        compiled: false,
        compiled_code: null,
        relation_name: target.render(),
      });
    }
  } finally {
    await warehouse.close();
  }
  const counts = { success: 0, error: 0, skipped: 0, pass: 0, warn: 0, fail: 0, "no-op": 0, "partial success": 0 };
  for (const r of results) counts[r.status]++;
  const summary: RunSummary = { results, elapsed: (Date.now() - started.getTime()) / 1000, counts, interrupted: false, startedAt: started.toISOString(), hookErrors: [] };
  if (ctx.args.writeJson) {
    await writeRunResults(path.join(parsed.targetPath, "run_results.json"), summary, { invocationId: ctx.invocationId, invocationStartedAt: ctx.startedAt, env: customEnv(ctx.env), args: { which: "clone", select: ctx.args.select, exclude: ctx.args.exclude, state: ctx.args.state, full_refresh: ctx.args.fullRefresh } });
  }
  new RunProgress(ctx.logger, parsed.manifest).summary(summary, { finishedLine: false });
  return { exitCode: counts.error > 0 ? 1 : 0, result: summary };
}
