import { randomUUID } from "node:crypto";
import { DiagnosticError, formatDiagnostic, type Diagnostic } from "@tsdbt/core";
import { InfoRequest, parseArgs, UsageError, type CliArgs } from "./args";
import { CommandFailed, type CommandContext, type CommandOutcome } from "./command-context";
import { Logger, WarningAsError, type LogEvent } from "./logger";
import { logFilePath } from "./logging/log-file-path";
import { warnErrorPolicy } from "./logging/warn-error";
import { COMMAND_HANDLERS } from "./commands";

/** This package's version. */
const VERSION: string = (require("../package.json") as { version: string }).version;

/** Options of {@link invoke}. */
export interface InvokeOptions {
  /** Working directory (default process.cwd()). */
  cwd?: string;
  /** Environment for env_var(), profile lookup and DBT_* flags (default process.env). */
  env?: Record<string, string | undefined>;
  /** Called with every log event (also in text mode, whatever the log level). */
  onEvent?: (event: LogEvent & { ts: string; invocation_id: string }) => void;
  /** Where output lines go (default: stdout, and stderr for usage errors). Pass `() => {}` to silence. */
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

/** The logger of a parsed command line: console as the flags say, logs/dbt.log beside the project. */
function loggerFor(args: CliArgs, invocationId: string, cwd: string, options: InvokeOptions): Logger {
  const colors = args.useColors ?? (options.write ? false : Boolean(process.stdout.isTTY));
  return new Logger({
    invocationId,
    console: { format: args.logFormat, level: args.logLevel, colors },
    quiet: args.quiet,
    // `clean` may delete logs/ itself: it writes no log file (dbt keeps clean's events out of it too)
    file: args.logLevelFile === "none" || args.command === "clean" ? undefined : { path: logFilePath(args, cwd), format: args.logFormatFile, level: args.logLevelFile, colors: args.useColorsFile ?? false },
    warnError: warnErrorPolicy(args.warnError, args.warnErrorOptions),
    printerWidth: args.printerWidth,
    secrets: Object.entries(options.env ?? process.env)
      .filter(([k, v]) => k.startsWith("DBT_ENV_SECRET_") && v)
      .map(([, v]) => v!),
    write: options.write,
    onEvent: options.onEvent,
  });
}

/**
 * Runs a tsdbt command in-process, the way the CLI would (`invoke(["run", "-s", "orders"])`).
 * Invocations share no state, so several may run at once.
 */
export async function invoke(argv: string[], options: InvokeOptions = {}): Promise<InvokeResult> {
  const invocationId = randomUUID();
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const started = Date.now();
  let logger = new Logger({ invocationId, console: { format: argv.includes("json") && argv.some((a) => a.startsWith("--log-format")) ? "json" : "text" }, write: options.write, onEvent: options.onEvent });
  let args: CliArgs | undefined;
  let outcome: InvokeResult;
  try {
    args = await parseArgs(argv, cwd, env);
    try {
      logger = loggerFor(args, invocationId, cwd, options);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    logger.fire("MainReportVersion", `Running with tsdbt=${VERSION}`, { log_version: 3, version: `=${VERSION}` });
    logger.fire("MainReportArgs", `running tsdbt with arguments ${JSON.stringify(args.flags)}`, { args: Object.fromEntries(Object.entries(args.flags).map(([k, v]) => [k.replace(/-/g, "_"), String(v)])) });
    for (const flag of args.notYetSupported) {
      logger.fire("FlagNotSupported", `--${flag} is not supported by tsdbt yet: it is ignored (docs/cli.md lists what tsdbt supports).`, { flag });
    }
    const ctx: CommandContext = { args, logger, invocationId, startedAt: new Date(started), env, cwd, signal: options.signal, argv };
    const handler = COMMAND_HANDLERS[args.command];
    if (!handler) throw new UsageError(`The command '${args.command}' is not available in this version of tsdbt.`);
    const result: CommandOutcome = await handler(ctx);
    outcome = { success: result.exitCode === 0, exitCode: result.exitCode, result: result.result, warnings: logger.warnings };
  } catch (e) {
    outcome = failure(e, logger);
  }
  if (args) {
    const elapsed = (Date.now() - started) / 1000;
    const done = new Date();
    logger.fire("CommandCompleted", `Command \`tsdbt ${args.command}\` ${outcome.success ? "succeeded" : "failed"} at ${done.toISOString().slice(11, 23)} after ${elapsed.toFixed(2)} seconds`, {
      command: `tsdbt ${args.command}`,
      success: outcome.success,
      completed_at: done.toISOString(),
      elapsed,
    });
  }
  logger.close();
  return outcome;
}

/** The result of an invocation that threw: a diagnostic, a usage error or a bug, never a stack trace. */
function failure(e: unknown, logger: Logger): InvokeResult {
  if (e instanceof CommandFailed) return { ...failure(e.failure, logger), exitCode: 1 };
  if (e instanceof DiagnosticError) {
    if (e.warnings.length) logger.diagnostics(e.warnings, { mayStop: false });
    logger.diagnostics(e.diagnostics, { mayStop: false });
    return { success: false, exitCode: 2, diagnostics: e.diagnostics, warnings: logger.warnings };
  }
  if (e instanceof InfoRequest) {
    logger.print(e.text, "Help");
    return { success: true, exitCode: 0, warnings: [] };
  }
  if (e instanceof UsageError) {
    const d: Diagnostic = { code: "TSDBT-E000", severity: "error", message: e.message, hint: "Run `tsdbt <command> [--project-dir DIR] [flags]`; `tsdbt <command> --help` lists a command's flags." };
    logger.usageError(formatDiagnostic(d));
    return { success: false, exitCode: 2, diagnostics: [d], warnings: logger.warnings };
  }
  if (e instanceof WarningAsError) {
    const d: Diagnostic = { code: "TSDBT-E091", severity: "error", message: e.message, hint: "--warn-error / --warn-error-options make this warning an error." };
    logger.fire("MainEncounteredError", `Encountered an error:\nCompilation Error\n  ${e.message}`, { exc: `Compilation Error\n  ${e.message}` });
    return { success: false, exitCode: 2, diagnostics: [d], warnings: logger.warnings };
  }
  const err = e as { code?: string; message?: string; hint?: string };
  if (typeof err?.code === "string" && err.code.startsWith("TSDBT-")) {
    const d: Diagnostic = { code: err.code, severity: "error", message: err.message ?? String(e), hint: err.hint };
    logger.diagnostics([d]);
    return { success: false, exitCode: 2, diagnostics: [d], warnings: logger.warnings };
  }
  const message = `Internal error: ${err?.message ?? String(e)}`;
  logger.fire("InternalError", process.env.TSDBT_DEBUG ? `${message}\n${(e as Error)?.stack}` : `${message}\n  hint: set TSDBT_DEBUG=1 for details, and report it.`, { exc: message });
  return { success: false, exitCode: 2, diagnostics: [{ code: "TSDBT-E999", severity: "error", message }], warnings: logger.warnings };
}
