import { commandInvocationArgs } from "./invocation-args";
import { join as joinPath, resolve as resolvePath } from "node:path";
import { countResources, type ParsedProject, type ProjectOptions, type ResourceCounts } from "@tsdbt/core";
import type { CliArgs } from "./args";
import type { Logger } from "./logger";

/** What every command handler receives. */
export interface CommandContext {
  args: CliArgs;
  logger: Logger;
  invocationId: string;
  /** When the invocation started (the manifest's `invocation_started_at`). */
  startedAt?: Date;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Cancelled on Ctrl-C (the CLI) or by the Node API caller. */
  signal?: AbortSignal;
  /** The command line's arguments after the program's name, as given (for `invocation_command`). */
  argv?: readonly string[];
}

/**
 * The command line as dbt records it in `invocation_args_dict.invocation_command` and
 * `flags.INVOCATION_COMMAND`: the program's name and every argument as given, joined by blanks
 * (`tsdbt run -s a --vars {x: 1}` where dbt has `dbt run -s a --vars {x: 1}`).
 */
export function invocationCommand(ctx: CommandContext): string {
  return ["tsdbt", ...(ctx.argv ?? [ctx.args.command])].join(" ");
}

/** What a command handler returns: the exit code and a value for the Node API. */
export interface CommandOutcome {
  exitCode: number;
  result?: unknown;
}

/** The project options of the command line. */
export function projectOptions(ctx: CommandContext, flags: Record<string, unknown> = {}): ProjectOptions {
  const a = ctx.args;
  return {
    // relative folders are the command's: the Node API's `cwd`, else the process's
    projectDir: resolvePath(ctx.cwd, a.projectDir),
    profilesDir: a.profilesDir === undefined ? undefined : resolvePath(ctx.cwd, a.profilesDir),
    profile: a.profile,
    target: a.target,
    vars: a.vars,
    env: ctx.env,
    invocationId: ctx.invocationId,
    invocationStartedAt: ctx.startedAt,
    targetPath: a.targetPath,
    // the JavaScript of compiled templates, kept in target/ for the next process (docs/performance.md)
    templateCodeCache: ctx.env.TSDBT_TEMPLATE_CACHE !== "0",
    log: (msg, info) => (info ? ctx.logger.fire("JinjaLogInfo", msg, { msg, node_info: {} }) : ctx.logger.fire("JinjaLogDebug", msg, { msg, node_info: {} })),
    warn: (msg) => ctx.logger.fire("JinjaLogWarning", msg, { msg, node_info: {} }),
    // dbt's PrintEvent: the bare message, kept by --quiet
    print: (msg) => ctx.logger.print(msg, "PrintEvent", { msg }),
    invocationArgs: { ...commandInvocationArgs(a, ctx.cwd, invocationCommand(ctx)), ...(flags.WHICH ? { which: flags.WHICH } : {}) },
    flags: {
      WHICH: a.command,
      INVOCATION_COMMAND: invocationCommand(ctx),
      FULL_REFRESH: a.fullRefresh,
      FAIL_FAST: a.failFast,
      QUIET: a.quiet,
      LOG_FORMAT: a.logFormat === "json" ? "json" : "default",
      TARGET_PATH: a.targetPath ?? null,
      // as dbt's flags show them: the folders as given (relative stays relative), logs/ under the
      // project folder by default; dbt's flags have no THREADS
      PROFILES_DIR: a.profilesDir ?? ctx.env.DBT_PROFILES_DIR ?? resolvePath(ctx.cwd, a.projectDir),
      LOG_PATH: a.logPath ?? ctx.env.DBT_LOG_PATH ?? joinPath(a.projectDir, "logs"),
      ...flags,
    },
  };
}

/** Fires dbt's FoundStats event ("Found 7 models, 3 seeds, …"). */
export function fireFoundStats(ctx: CommandContext, from: ParsedProject | ResourceCounts): void {
  const line = foundLine(from);
  ctx.logger.fire("FoundStats", line, { stat_line: line.replace(/^Found /, "") });
}

/** dbt's "Found 7 models, 3 seeds, …" line, from a parsed project or saved counts. */
export function foundLine(from: ParsedProject | ResourceCounts): string {
  const counts = "manifest" in from ? countResources(from.manifest) : from;
  // node kinds in the order they were counted (dbt's parse order), tests as "data tests"
  const parts = Object.entries(counts.nodes)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => plural(n, k === "test" ? "data test" : k));
  if (counts.sources) parts.push(plural(counts.sources, "source"));
  const others = counts.others ?? {};
  // dbt's order: exposures and metrics before macros, then groups, semantic models, saved queries, unit tests
  for (const k of ["exposure", "metric"]) if (others[k]) parts.push(plural(others[k], k));
  parts.push(plural(counts.macros, "macro"));
  for (const k of ["group", "semantic_model", "saved_query", "unit_test"]) if (others[k]) parts.push(plural(others[k], k).replace("_", " "));
  return `Found ${parts.join(", ")}`;
}

function plural(n: number, word: string): string {
  if (n === 1) return `1 ${word}`;
  return `${n} ${word === "analysis" ? "analyses" : word === "saved_query" ? "saved_queries" : `${word}s`}`;
}

/** dbt's `DBT_ENV_CUSTOM_ENV_*` variables, without the prefix, for the artifacts' `metadata.env`. */
export function customEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (k.startsWith("DBT_ENV_CUSTOM_ENV_") && v !== undefined) out[k.slice("DBT_ENV_CUSTOM_ENV_".length)] = v;
  return out;
}

/**
 * The command's own work failed (a run-operation's macro raised, or its query was refused): the
 * cause is reported as any error is, but the exit code is 1, as dbt's for a failed operation,
 * not 2, which stands for bad input before anything ran.
 */
export class CommandFailed extends Error {
  constructor(readonly failure: unknown) {
    super((failure as Error)?.message ?? String(failure));
    this.name = "CommandFailed";
  }
}
