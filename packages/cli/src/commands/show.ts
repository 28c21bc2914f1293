import { DiagnosticError, INLINE_FILE } from "@tsdbt/core";
import { type CommandContext, type CommandOutcome } from "../command-context";
import { liveCompiler } from "../execution";
import { selectForCommand } from "../select";
import { EarlyWarehouse, withEarlyWarehouse } from "../early-warehouse";
import { openWarehouse } from "../warehouse";
import { formatTable } from "../format-table";
import { parseForCommand, writeParsedManifest } from "../parse-for-command";
import { pythonJsonIndented } from "../python-json";
import { writeShowRunResults } from "../show-run-results";

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
    const inlineQuery = { name: "inline_query", uniqueId: `sql_operation.${parsed.project.name}.inline_query`, relationName: null };
    const query = (): { sql: string; name: string; uniqueId: string; relationName: string | null } => {
      const direct = ctx.args.flags["inline-direct"] as string | undefined;
      // dbt's --inline-direct: the SQL as written, no Jinja
      if (direct !== undefined) return { sql: direct, ...inlineQuery };
      if (ctx.args.inline !== undefined) return { sql: compiler.renderText(ctx.args.inline, null, INLINE_FILE), ...inlineQuery };
      const ids = selectForCommand(parsed, ctx.args, ctx.cwd, ["model", "seed", "snapshot", "analysis"]).ids.filter((id) => !id.startsWith("source."));
      if (ids.length !== 1) {
        throw new DiagnosticError([{ code: "TSDBT-E052", severity: "error", message: `tsdbt show needs exactly one node; the selection matched ${ids.length}.`, hint: "Pass --select <model name>, or --inline \"select …\"." }]);
      }
      const node = parsed.manifest.nodes[ids[0]]!;
      const sql = node.resource_type === "seed" ? `select * from ${node.relation_name}` : compiler.compile(node).sql;
      return { sql, name: node.name, uniqueId: node.unique_id, relationName: node.relation_name ?? null };
    };
    const adapter = await warehouse.adapter();
    const limit = ctx.args.limit;
    const limited = (sql: string) => (limit >= 0 ? adapter.dialect.limit(sql, limit) : sql);
    const compileStarted = new Date();
    let executeStarted = compileStarted;
    const sent = (q: ReturnType<typeof query>) => ((executeStarted = new Date()), { ...q, sql: limited(q.sql) });
    // as dbt's show, the query runs after its compile in one transaction that is rolled back: nothing a template ran stays
    const { name, uniqueId, relationName, sql, result } = wh.rollingBack
      ? await wh.rollingBack(() => {
          const q = sent(query());
          return { ...q, result: wh.executeSync(q.sql, { fetch: true }) };
        })
      : await (async () => {
          const q = sent(query());
          return { ...q, result: await adapter.execute(q.sql, { fetch: true }) };
        })();
    await writeShowRunResults(ctx, parsed.targetPath, { uniqueId, relationName, sql, compileStarted, executeStarted, executeEnded: new Date(), result });
    // dbt prints JSON indented, without a node name for inline SQL, and its heading for inline SQL without the name
    const json = inline ? { show: result.rows } : { node: name, show: result.rows };
    if (ctx.args.output === "json") ctx.logger.print(pythonJsonIndented(json), "ShowNode", { node_name: name, preview: result.rows });
    else ctx.logger.print(`${inline ? "Previewing inline node:" : `Previewing node '${name}':`}\n${formatTable(result.columns.map((c) => c.name), result.rows)}`, "ShowNode", { node_name: name, preview: result.rows });
    return { exitCode: 0, result: result.rows };
  } finally {
    await warehouse.close();
  }
}
