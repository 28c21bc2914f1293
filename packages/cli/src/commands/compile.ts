import { compileProject, writeManifest, type ManifestNode } from "@tsdbt/core";
import { fireFoundStats, type CommandContext, type CommandOutcome } from "../command-context";
import { selectForCommand } from "../select";
import { openWarehouse } from "../warehouse";
import { compileInline } from "./compile-inline";
import { parseForCommand } from "../parse-for-command";

/**
 * `tsdbt compile`: renders the selected models, tests, analyses and snapshots to SQL in
 * target/compiled and writes target/manifest.json. `--inline "SQL"` compiles a one-off query.
 * A warehouse connection is opened only if a template queries the warehouse.
 */
export async function compileCommand(ctx: CommandContext): Promise<CommandOutcome> {
  const parsed = await parseForCommand(ctx);
  ctx.logger.diagnostics(parsed.diagnostics);
  if (ctx.args.inline !== undefined) return compileInline(ctx, parsed, ctx.args.inline);
  fireFoundStats(ctx, parsed);
  const { ids } = selectForCommand(parsed, ctx.args, ctx.cwd, undefined, ctx.logger);
  const warehouse = openWarehouse(parsed);
  const threads = ctx.args.threads ?? parsed.profile.threads;
  ctx.logger.fire("Formatting", "", { msg: "" });
  ctx.logger.fire("ConcurrencyLine", `Concurrency: ${threads} threads (target='${parsed.profile.targetName}')`, { num_threads: threads, target_name: parsed.profile.targetName, node_count: ids.length });
  ctx.logger.fire("Formatting", "", { msg: "" });
  try {
    const { compiled } = await compileProject(parsed, { selected: ids, connect: warehouse.connect, empty: ctx.args.flags.empty === true });
    await writeManifest(parsed.targetPath, parsed.manifest);
    const single = compiled.length === 1 && ctx.args.select.length > 0 ? compiled[0] : undefined;
    if (single) printCompiled(ctx, single);
    // dbt prints nothing more after a compile; the count stays in the log file
    ctx.logger.fire("CompileComplete", `Compiled ${compiled.length} node${compiled.length === 1 ? "" : "s"} into ${parsed.targetPath}/compiled`, {}, { level: "debug" });
    return { exitCode: 0, result: compiled.map((n) => ({ unique_id: n.unique_id, compiled_code: n.compiled_code })) };
  } finally {
    await warehouse.close();
  }
}

function printCompiled(ctx: CommandContext, node: ManifestNode): void {
  if (ctx.args.output === "json") ctx.logger.print(JSON.stringify({ node: node.name, compiled: node.compiled_code }), "CompiledNode", { node_name: node.name, compiled: node.compiled_code });
  else ctx.logger.print(`Compiled node '${node.name}' is:\n${node.compiled_code}`, "CompiledNode", { node_name: node.name, compiled: node.compiled_code });
}
