import { pythonJsonIndented } from "../python-json";
import { DiagnosticError, INLINE_FILE, NodeCompiler, indexManifest, renderErrorToDiagnostic, type ParsedProject } from "@tsdbt/core";
import type { CommandContext, CommandOutcome } from "../command-context";
import { openWarehouse } from "../warehouse";

/** Renders `--inline` SQL in the project's context (refs, sources, macros, vars). */
export async function compileInlineSql(parsed: ParsedProject, sql: string): Promise<string> {
  const index = indexManifest(parsed.manifest, parsed.project.name, parsed.naming);
  const warehouse = openWarehouse(parsed);
  // a template error is reported with its own code, location and hint, as for a model
  const located = (e: unknown) => new DiagnosticError([renderErrorToDiagnostic(e, INLINE_FILE, undefined, () => parsed.session.registry.visibleNames(parsed.project.name))]);
  try {
    try {
      return new NodeCompiler(parsed.session, index, { execute: true }).renderText(sql, null, INLINE_FILE);
    } catch (e) {
      if (!warehouse.isNeeded(e)) throw located(e);
      const wh = await warehouse.connect();
      try {
        const render = () => new NodeCompiler(parsed.session, index, { execute: true, warehouse: wh }).renderText(sql, null, INLINE_FILE);
        // as dbt's compile, leave nothing of what the template ran (`run_query('create table …')`)
        return wh.rollingBack ? await wh.rollingBack(render) : render();
      } catch (e2) {
        throw located(e2);
      }
    }
  } finally {
    await warehouse.close();
  }
}

/** `tsdbt compile --inline "…"`: prints the compiled query (`{"compiled": "…"}` with `--output json`). */
export async function compileInline(ctx: CommandContext, parsed: ParsedProject, sql: string): Promise<CommandOutcome> {
  const compiled = await compileInlineSql(parsed, sql);
  if (ctx.args.output === "json") ctx.logger.print(pythonJsonIndented({ compiled }), "CompiledNode", { compiled });
  // dbt prints the heading only without --quiet
  else ctx.logger.print(ctx.args.quiet ? compiled : `Compiled inline node is:
${compiled}`, "CompiledNode", { compiled });
  return { exitCode: 0, result: { compiled } };
}
