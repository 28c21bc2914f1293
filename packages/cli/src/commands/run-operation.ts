import { DiagnosticError, didYouMean, loadPyYaml } from "@tsdbt/core";
import { CommandFailed, type CommandContext, type CommandOutcome } from "../command-context";
import { liveCompiler } from "../execution";
import { openWarehouse } from "../warehouse";
import { parseForCommand, writeParsedManifest } from "../parse-for-command";

/** `tsdbt run-operation MACRO --args '{k: v}'`: calls a macro with `execute` true against the target. */
export async function runOperationCommand(ctx: CommandContext): Promise<CommandOutcome> {
  const macro = ctx.args.positional[0];
  if (!macro || !/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)?$/.test(macro)) {
    throw new DiagnosticError([{ code: "TSDBT-E053", severity: "error", message: macro ? `'${macro}' is not a macro name.` : "run-operation needs a macro name.", hint: "Run `tsdbt run-operation my_macro --args '{arg: value}'`." }]);
  }
  let args: Record<string, unknown> = {};
  if (ctx.args.args) {
    try {
      args = (loadPyYaml(ctx.args.args) ?? {}) as Record<string, unknown>;
    } catch (e) {
      throw new DiagnosticError([{ code: "TSDBT-E054", severity: "error", message: `--args is not valid YAML or JSON: ${(e as Error).message}`, hint: "Write --args '{name: value}'." }]);
    }
    if (typeof args !== "object" || Array.isArray(args)) throw new DiagnosticError([{ code: "TSDBT-E054", severity: "error", message: "--args must be a mapping of argument names to values.", hint: "Write --args '{name: value}'." }]);
  }
  const parsed = await parseForCommand(ctx, { WHICH: "run-operation" });
  ctx.logger.diagnostics(parsed.diagnostics);
  await writeParsedManifest(ctx, parsed);
  const [pkg, name] = macro.includes(".") ? macro.split(".") : [null, macro];
  const macros = Object.values(parsed.manifest.macros);
  if (!macros.some((m) => m.name === name && (pkg === null || m.package_name === pkg))) {
    const hint = didYouMean(name!, [...new Set(macros.filter((m) => !m.name.startsWith("default__") && m.package_name !== "dbt").map((m) => m.name))]);
    throw new DiagnosticError([{ code: "TSDBT-E053", severity: "error", message: `No macro named '${macro}' was found in the project or its packages.`, hint: hint ?? "Define the macro under macro-paths, or install the package that provides it." }]);
  }
  const warehouse = openWarehouse(parsed, 1);
  try {
    // as in dbt, `model` in the operation is the macro's manifest entry
    const registry = parsed.session.registry;
    const operation = pkg === null ? registry.resolve(name!, parsed.project.name) : registry.inPackage(pkg, name!);
    const model = operation ? parsed.manifest.macros[operation.uniqueId] : undefined;
    const compiler = liveCompiler(parsed, await warehouse.connect(), { __tsdbt_args: args, ...(model ? { model } : {}) }, { connectionName: `macro_${macro}`, invocationId: ctx.invocationId });
    let output: string;
    try {
      output = compiler.renderText(`{{ ${macro}(**__tsdbt_args) }}`, null, `<run-operation ${macro}>`);
    } catch (e) {
      // the operation ran and failed: dbt exits 1 (a macro that raised, a query the warehouse refused)
      throw new CommandFailed(e);
    }
    if (output.trim()) ctx.logger.fire("RunOperationOutput", output.trim());
    return { exitCode: 0, result: output };
  } finally {
    await warehouse.close();
  }
}
