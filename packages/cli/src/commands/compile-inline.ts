import { INLINE_FILE, NodeCompiler, indexManifest, type ParsedProject } from "@tsdbt/core";
import type { CommandContext, CommandOutcome } from "../command-context";
import { openWarehouse } from "../warehouse";

/** Renders `--inline` SQL in the project's context (refs, sources, macros, vars). */
export async function compileInlineSql(parsed: ParsedProject, sql: string): Promise<string> {
  const index = indexManifest(parsed.manifest, parsed.project.name, parsed.naming);
  const warehouse = openWarehouse(parsed);
  try {
    try {
      return new NodeCompiler(parsed.session, index, { execute: true }).renderText(sql, null, INLINE_FILE);
    } catch (e) {
      if (!warehouse.isNeeded(e)) throw e;
      const wh = await warehouse.connect();
      return new NodeCompiler(parsed.session, index, { execute: true, warehouse: wh }).renderText(sql, null, INLINE_FILE);
    }
  } finally {
    await warehouse.close();
  }
}

/** `tsdbt compile --inline "…"`: prints the compiled query (`{"compiled": "…"}` with `--output json`). */
export async function compileInline(ctx: CommandContext, parsed: ParsedProject, sql: string): Promise<CommandOutcome> {
  const compiled = await compileInlineSql(parsed, sql);
  if (ctx.args.output === "json") ctx.logger.print(JSON.stringify({ compiled }), "CompiledNode", { compiled });
  // dbt prints the heading only without --quiet
  else ctx.logger.print(ctx.args.quiet ? compiled : `Compiled inline node is:
${compiled}`, "CompiledNode", { compiled });
  return { exitCode: 0, result: { compiled } };
}
