import { DiagnosticError, INLINE_FILE } from "@tsdbt/core";
import { type CommandContext, type CommandOutcome } from "../command-context";
import { liveCompiler } from "../execution";
import { selectForCommand } from "../select";
import { EarlyWarehouse, withEarlyWarehouse } from "../early-warehouse";
import { openWarehouse } from "../warehouse";
import { formatTable } from "../format-table";
import { parseForCommand, writeParsedManifest } from "../parse-for-command";
import { pythonJsonIndented } from "../python-json";

/** `tsdbt show --select x` / `--inline "SQL"`: runs the query and prints the first `--limit` rows. */
export function showCommand(ctx: CommandContext): Promise<CommandOutcome> {
  // the adapter worker boots while the project parses
  return withEarlyWarehouse(new EarlyWarehouse(1), (early) => show(ctx, early));
}

async function show(ctx: CommandContext, early: EarlyWarehouse): Promise<CommandOutcome> {
  const parsed = await parseForCommand(ctx, { WHICH: "show" }, { onTarget: early.onTarget });
  ctx.logger.diagnostics(parsed.diagnostics);
  await writeParsedManifest(ctx, parsed);
  const warehouse = openWarehouse(parsed, 1, early);
  try {
    const wh = await warehouse.connect();
    const compiler = liveCompiler(parsed, wh, undefined, { empty: false, invocationId: ctx.invocationId });
    const inline = ctx.args.inline !== undefined || ctx.args.flags["inline-direct"] !== undefined;
    const query = (): { sql: string; name: string } => {
      const direct = ctx.args.flags["inline-direct"] as string | undefined;
      // dbt's --inline-direct: the SQL as written, no Jinja
      if (direct !== undefined) return { sql: direct, name: "inline_query" };
      if (ctx.args.inline !== undefined) return { sql: compiler.renderText(ctx.args.inline, null, INLINE_FILE), name: "inline_query" };
      const ids = selectForCommand(parsed, ctx.args, ctx.cwd, ["model", "seed", "snapshot", "analysis"]).ids.filter((id) => !id.startsWith("source."));
      if (ids.length !== 1) {
        throw new DiagnosticError([{ code: "TSDBT-E052", severity: "error", message: `tsdbt show needs exactly one node; the selection matched ${ids.length}.`, hint: "Pass --select <model name>, or --inline \"select …\"." }]);
      }
      const node = parsed.manifest.nodes[ids[0]]!;
      return { sql: node.resource_type === "seed" ? `select * from ${node.relation_name}` : compiler.compile(node).sql, name: node.name };
    };
    const adapter = await warehouse.adapter();
    const limit = ctx.args.limit;
    const limited = (sql: string) => (limit >= 0 ? adapter.dialect.limit(sql, limit) : sql);
    // as dbt's show, the query runs after its compile in one transaction that is rolled back: nothing a template ran stays
    const { name, result } = wh.rollingBack
      ? await wh.rollingBack(() => {
          const q = query();
          return { name: q.name, result: wh.executeSync(limited(q.sql), { fetch: true }) };
        })
      : await (async () => {
          const q = query();
          return { name: q.name, result: await adapter.execute(limited(q.sql), { fetch: true }) };
        })();
    // dbt prints JSON indented, without a node name for inline SQL, and its heading for inline SQL without the name
    const json = inline ? { show: result.rows } : { node: name, show: result.rows };
    if (ctx.args.output === "json") ctx.logger.print(pythonJsonIndented(json), "ShowNode", { node_name: name, preview: result.rows });
    else ctx.logger.print(`${inline ? "Previewing inline node:" : `Previewing node '${name}':`}\n${formatTable(result.columns.map((c) => c.name), result.rows)}`, "ShowNode", { node_name: name, preview: result.rows });
    return { exitCode: 0, result: result.rows };
  } finally {
    await warehouse.close();
  }
}
