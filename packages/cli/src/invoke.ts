import { randomUUID } from "node:crypto";
import { DiagnosticError, type Diagnostic } from "@tsdbt/core";
import { InfoRequest, parseArgs, UsageError } from "./args";
import type { CommandContext, CommandOutcome } from "./command-context";
import { Logger, type LogEvent } from "./logger";
import { COMMAND_HANDLERS } from "./commands";

/** Options of {@link invoke}. */
export interface InvokeOptions {
  /** Working directory (default process.cwd()). */
  cwd?: string;
  /** Environment for env_var() and profile lookup (default process.env). */
  env?: Record<string, string | undefined>;
  /** Called with every log event (also in text mode). */
  onEvent?: (event: LogEvent & { ts: string; invocation_id: string }) => void;
  /** Where output lines go (default: stdout/stderr). Pass `() => {}` to silence. */
  write?: (line: string, stream: "stdout" | "stderr") => void;
  /** Cancels the run (like Ctrl-C). */
  signal?: AbortSignal;
}

/** What an invocation returns. */
export interface InvokeResult {
  success: boolean;
  /** 0 ok, 1 node failures, 2 usage, parse or configuration errors. */
  exitCode: number;
  /** The command's value (manifest, run results, ls lines, …). */
  result?: unknown;
  /** Problems that stopped the command (exit code 2). */
  diagnostics?: Diagnostic[];
  /** Warnings the command printed (unknown keys, properties for missing models, …). */
  warnings: Diagnostic[];
}

/**
 * Runs a tsdbt command in-process, the way the CLI would (`invoke(["run", "-s", "orders"])`).
 * Invocations share no state, so several may run at once.
 */
export async function invoke(argv: string[], options: InvokeOptions = {}): Promise<InvokeResult> {
  const invocationId = randomUUID();
  const cwd = options.cwd ?? process.cwd();
  let logger = new Logger({ format: argv.includes("json") && argv.some((a) => a.startsWith("--log-format")) ? "json" : "text", quiet: false, invocationId, write: options.write, onEvent: options.onEvent });
  try {
    const args = await parseArgs(argv, cwd, options.env ?? process.env);
    logger = new Logger({ format: args.logFormat, quiet: args.quiet, invocationId, write: options.write, onEvent: options.onEvent });
    const ctx: CommandContext = { args, logger, invocationId, env: options.env ?? process.env, cwd, signal: options.signal };
    const handler = COMMAND_HANDLERS[args.command];
    if (!handler) throw new UsageError(`The command '${args.command}' is not available in this version of tsdbt.`);
    const outcome: CommandOutcome = await handler(ctx);
    return { success: outcome.exitCode === 0, exitCode: outcome.exitCode, result: outcome.result, warnings: logger.warnings };
  } catch (e) {
    if (e instanceof DiagnosticError) {
      logger.diagnostics(e.diagnostics);
      return { success: false, exitCode: 2, diagnostics: e.diagnostics, warnings: logger.warnings };
    }
    if (e instanceof InfoRequest) {
      logger.result("Help", e.text);
      return { success: true, exitCode: 0, warnings: [] };
    }
    if (e instanceof UsageError) {
      const d: Diagnostic = { code: "TSDBT-E000", severity: "error", message: e.message, hint: "Run `tsdbt <command> [--project-dir DIR] [flags]`; commands and flags are listed in docs/cli.md." };
      logger.diagnostics([d]);
      return { success: false, exitCode: 2, diagnostics: [d], warnings: logger.warnings };
    }
    const err = e as { code?: string; message?: string; hint?: string };
    if (typeof err?.code === "string" && err.code.startsWith("TSDBT-")) {
      const d: Diagnostic = { code: err.code, severity: "error", message: err.message ?? String(e), hint: err.hint };
      logger.diagnostics([d]);
      return { success: false, exitCode: 2, diagnostics: [d], warnings: logger.warnings };
    }
    const message = `Internal error: ${err?.message ?? String(e)}`;
    logger.error("InternalError", "TSDBT-E999", process.env.TSDBT_DEBUG ? `${message}\n${(e as Error)?.stack}` : `${message}\n  hint: set TSDBT_DEBUG=1 for details, and report it.`);
    return { success: false, exitCode: 2, diagnostics: [{ code: "TSDBT-E999", severity: "error", message }], warnings: logger.warnings };
  }
}
