import { DiagnosticError, INLINE_FILE } from "@tsdbt/core";
import { type CommandContext, type CommandOutcome } from "../command-context";
import { liveCompiler } from "../execution";
import { selectForCommand } from "../select";
import { openWarehouse } from "../warehouse";
import { formatTable } from "../format-table";
import { parseForCommand, writeParsedManifest } from "../parse-for-command";

/** `tsdbt show --select x` / `--inline "SQL"`: runs the query and prints the first `--limit` rows. */
export async function showCommand(ctx: CommandContext): Promise<CommandOutcome> {
  const parsed = await parseForCommand(ctx, { WHICH: "show" });
  ctx.logger.diagnostics(parsed.diagnostics);
  await writeParsedManifest(ctx, parsed);
  const warehouse = openWarehouse(parsed, 1);
  try {
    const compiler = liveCompiler(parsed, await warehouse.connect(), undefined, { empty: false, invocationId: ctx.invocationId });
    let sql: string;
    let name: string;
    const direct = ctx.args.flags["inline-direct"] as string | undefined;
    if (direct !== undefined) {
      // dbt's --inline-direct: the SQL as written, no Jinja
      sql = direct;
      name = "inline_query";
    } else if (ctx.args.inline !== undefined) {
      sql = compiler.renderText(ctx.args.inline, null, INLINE_FILE);
      name = "inline_query";
    } else {
      const ids = selectForCommand(parsed, ctx.args, ctx.cwd, ["model", "seed", "snapshot", "analysis"]).ids.filter((id) => !id.startsWith("source."));
      if (ids.length !== 1) {
        throw new DiagnosticError([{ code: "TSDBT-E052", severity: "error", message: `tsdbt show needs exactly one node; the selection matched ${ids.length}.`, hint: "Pass --select <model name>, or --inline \"select …\"." }]);
      }
      const node = parsed.manifest.nodes[ids[0]]!;
      sql = node.resource_type === "seed" ? `select * from ${node.relation_name}` : compiler.compile(node).sql;
      name = node.name;
    }
    const adapter = await warehouse.adapter();
    const limit = ctx.args.limit;
    const result = await adapter.execute(limit >= 0 ? adapter.dialect.limit(sql, limit) : sql, { fetch: true });
    if (ctx.args.output === "json") ctx.logger.print(JSON.stringify({ node: name, show: result.rows }), "ShowNode", { node_name: name, preview: result.rows });
    else ctx.logger.print(`Previewing node '${name}':\n${formatTable(result.columns.map((c) => c.name), result.rows)}`, "ShowNode", { node_name: name, preview: result.rows });
    return { exitCode: 0, result: result.rows };
  } finally {
    await warehouse.close();
  }
}
