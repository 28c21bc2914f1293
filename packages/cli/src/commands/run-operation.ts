import { DiagnosticError, didYouMean, loadPyYaml } from "@tsdbt/core";
import * as path from "node:path";
import type { NodeResult, RunSummary } from "@tsdbt/runner";
import { CommandFailed, customEnv, type CommandContext, type CommandOutcome } from "../command-context";
import { liveCompiler } from "../execution";
import { EarlyWarehouse, withEarlyWarehouse } from "../early-warehouse";
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
  // the adapter worker boots while the project parses
  return withEarlyWarehouse(new EarlyWarehouse(1), (early) => runOperation(ctx, macro, args, early));
}

async function runOperation(ctx: CommandContext, macro: string, args: Record<string, unknown>, early: EarlyWarehouse): Promise<CommandOutcome> {
  const parsed = await parseForCommand(ctx, { WHICH: "run-operation" }, { onTarget: early.onTarget });
  ctx.logger.diagnostics(parsed.diagnostics);
  await writeParsedManifest(ctx, parsed);
  const [pkg, name] = macro.includes(".") ? macro.split(".") : [null, macro];
  const macros = Object.values(parsed.manifest.macros);
  if (!macros.some((m) => m.name === name && (pkg === null || m.package_name === pkg))) {
    const hint = didYouMean(name!, [...new Set(macros.filter((m) => !m.name.startsWith("default__") && m.package_name !== "dbt").map((m) => m.name))]);
    throw new DiagnosticError([{ code: "TSDBT-E053", severity: "error", message: `No macro named '${macro}' was found in the project or its packages.`, hint: hint ?? "Define the macro under macro-paths, or install the package that provides it." }]);
  }
  const warehouse = openWarehouse(parsed, 1, early);
  try {
    // as in dbt, `model` in the operation is the macro's manifest entry
    const registry = parsed.session.registry;
    const operation = pkg === null ? registry.resolve(name!, parsed.project.name) : registry.inPackage(pkg, name!);
    const model = operation ? parsed.manifest.macros[operation.uniqueId] : undefined;
    const compiler = liveCompiler(parsed, await warehouse.connect(), { __tsdbt_args: args, ...(model ? { model } : {}) }, { connectionName: `macro_${macro}`, invocationId: ctx.invocationId });
    const started = new Date();
    let output: string;
    try {
      output = compiler.renderText(`{{ ${macro}(**__tsdbt_args) }}`, null, `<run-operation ${macro}>`);
    } catch (e) {
      await writeOperationResult(ctx, parsed.targetPath, model?.unique_id ?? `macro.${pkg ?? parsed.project.name}.${name}`, started, args, e);
      // the operation ran and failed: dbt exits 1 (a macro that raised, a query the warehouse refused)
      throw new CommandFailed(e);
    }
    await writeOperationResult(ctx, parsed.targetPath, model?.unique_id ?? `macro.${pkg ?? parsed.project.name}.${name}`, started, args);
    if (output.trim()) ctx.logger.fire("RunOperationOutput", output.trim());
    return { exitCode: 0, result: output };
  } finally {
    await warehouse.close();
  }
}

/**
 * run_results.json of an operation, as dbt writes it: one result for the macro (`macro.<pkg>.<name>`),
 * on dbt's main thread, `success`, or `error` with one failure (not with --no-write-json); `args` as
 * given to the macro.
 */
async function writeOperationResult(ctx: CommandContext, targetPath: string, uniqueId: string, started: Date, macroArgs: Record<string, unknown>, error?: unknown): Promise<void> {
  if (!ctx.args.writeJson) return;
  const { writeRunResults } = await import("@tsdbt/runner");
  const completed = new Date();
  const seconds = (completed.getTime() - started.getTime()) / 1000;
  const phase = { started_at: started.toISOString(), completed_at: completed.toISOString() };
  const result: NodeResult = {
    status: error === undefined ? "success" : "error",
    timing: [
      { name: "compile", ...phase },
      { name: "execute", ...phase },
    ],
    thread_id: "MainThread",
    execution_time: seconds,
    adapter_response: {},
    // dbt records a failed operation with no message and one failure
    message: null,
    failures: error === undefined ? 0 : 1,
    unique_id: uniqueId,
    compiled: false,
    compiled_code: null,
    relation_name: null,
  };
  const counts = { [result.status]: 1 } as RunSummary["counts"];
  const summary: RunSummary = { results: [result], elapsed: seconds, counts, interrupted: false, startedAt: started.toISOString(), hookErrors: [] };
  await writeRunResults(path.join(targetPath, "run_results.json"), summary, { invocationId: ctx.invocationId, invocationStartedAt: ctx.startedAt, env: customEnv(ctx.env), args: { which: "run-operation", macro: ctx.args.positional[0], ...(ctx.args.args === undefined ? {} : { args: macroArgs }) } });
}
