import { closestNames } from "@tsdbt/core";
import { FLAGS, takesFlag, type FlagSpec } from "./flags/dbt-flags";
import { commandHelp } from "./flags/command-help";
import { parseFlags } from "./flags/parse-flags";
import { readEventTimeWindow } from "./flags/event-time-flags";
import { USAGE } from "./usage";

/** This package's version. */
const VERSION: string = (require("../package.json") as { version: string }).version;

/** The commands tsdbt knows (dbt-core 1.10's, `list` meaning `ls`, and `lineage`). */
export const COMMANDS = ["parse", "compile", "ls", "list", "debug", "init", "clean", "clone", "run", "build", "seed", "test", "show", "run-operation", "retry", "snapshot", "deps", "source", "docs", "lineage"] as const;

/** A log line format as dbt names them (`default` is dbt's alias of `text`). */
export type LogFormat = "text" | "debug" | "json";
/** A log level, or `none` for no output. */
export type LogLevelName = "debug" | "info" | "warn" | "error" | "none";

/** Parsed command-line arguments (dbt's flags; each may come before or after the command). */
export interface CliArgs {
  command: string;
  positional: string[];
  projectDir: string;
  profilesDir?: string;
  profile?: string;
  target?: string;
  vars?: string;
  threads?: number;
  /** `--target-path`, else DBT_TARGET_PATH. */
  targetPath?: string;
  /** Console lines (`--log-format`, DBT_LOG_FORMAT). */
  logFormat: LogFormat;
  /** logs/dbt.log lines (`--log-format-file`; default: debug, or json when the console is json). */
  logFormatFile: LogFormat;
  /** Lowest console level (`--log-level`; `-d` makes it debug). */
  logLevel: LogLevelName;
  /** Lowest log-file level (`--log-level-file`; default debug, or --log-level's when given). */
  logLevelFile: LogLevelName;
  /** Folder of dbt.log (`--log-path`, DBT_LOG_PATH); unset: dbt_project.yml log-path, else logs/. */
  logPath?: string;
  /** `-d/--debug`. */
  debug: boolean;
  quiet: boolean;
  /** `--use-colors/--no-use-colors`, DBT_USE_COLORS; unset: colours on a terminal. */
  useColors?: boolean;
  useColorsFile?: boolean;
  /** Width of progress lines (default 80). */
  printerWidth: number;
  warnError: boolean;
  warnErrorOptions?: string;
  /** `--no-write-json`: no manifest.json / run_results.json. */
  writeJson: boolean;
  select: string[];
  /** `-m/--models`: kept apart for `ls`, where dbt reads it as "--select, models only". */
  models: string[];
  exclude: string[];
  selector?: string;
  resourceTypes: string[];
  excludeResourceTypes: string[];
  fullRefresh: boolean;
  /** `--store-failures` (DBT_STORE_FAILURES): tests keep their failing rows in tables. */
  storeFailures: boolean;
  failFast: boolean;
  state?: string;
  output: string;
  outputKeys: string[];
  inline?: string;
  limit: number;
  args?: string;
  indirectSelection?: string;
  skipProfileSetup: boolean;
  /** `lineage`: trace towards sources (default) and/or towards consumers. */
  upstream: boolean;
  downstream: boolean;
  /** OpenLineage HTTP endpoint (`--openlineage-url`, else TSDBT_OPENLINEAGE_URL). */
  openlineageUrl?: string;
  /** File that receives one OpenLineage event per line (`--openlineage-file`). */
  openlineageFile?: string;
  /** `docs serve --port` (default 8080). */
  port?: number;
  /** `docs serve --host` (default 127.0.0.1). */
  host?: string;
  /** `docs generate --empty-catalog`: no warehouse queries. */
  emptyCatalog: boolean;
  /** `docs generate --static`: also the whole site as one file, target/static_index.html. */
  staticSite: boolean;
  /** `docs generate --no-compile`: document the parsed manifest as is. */
  compile: boolean;
  /** `--[no-]partial-parse` (else DBT_PARTIAL_PARSE): reuse target/partial_parse.json; unset means the project's flag, default on. */
  partialParse: boolean | undefined;
  /** `--event-time-start` / `--event-time-end`: the batches microbatch models build (wall-clock UTC). */
  eventTimeStart?: Date;
  eventTimeEnd?: Date;
  /** Flags given (on the command line or through DBT_* variables) that tsdbt does not act on yet. */
  notYetSupported: string[];
  /** Every flag's value by long name, as given or from its DBT_* variable (for MainReportArgs). */
  flags: Record<string, unknown>;
}

/** Thrown for `--help` / `--version`: print the text and exit 0. */
export class InfoRequest extends Error {
  constructor(readonly text: string) {
    super(text);
    this.name = "InfoRequest";
  }
}

/** Thrown for a bad command line (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const list = (v: unknown): string[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(/\s+/)).filter(Boolean));

/** Parses argv with dbt's flag names, aliases and DBT_* variables. Throws {@link UsageError}. */
export async function parseArgs(argv: string[], cwd: string, env: Record<string, string | undefined> = process.env): Promise<CliArgs> {
  // the command is the first word that names one, wherever the flags are
  const at = argv.findIndex((a) => (COMMANDS as readonly string[]).includes(a));
  const command = at >= 0 ? (argv[at] === "list" ? "ls" : argv[at]) : undefined;
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) throw new InfoRequest(command ? commandHelp(command) : USAGE);
  if (argv.includes("--version") || argv.includes("-v") || argv.includes("-V")) throw new InfoRequest(`tsdbt ${VERSION}`);
  let rest = at >= 0 ? [...argv.slice(0, at), ...argv.slice(at + 1)] : argv;
  // `init -s` is dbt's --skip-profile-setup, not --select
  if (command === "init") rest = rest.map((a) => (a === "-s" ? "--skip-profile-setup" : a));
  const parsed = parseFlags(rest, FLAGS);
  if (parsed.unknown.length) throw new UsageError(describeUnknown(parsed.unknown));
  if (parsed.problems.length) throw new UsageError(parsed.problems.join(" "));
  const positional = parsed.positional;
  if (!command) {
    const known = COMMANDS.filter((c) => c !== "list");
    if (!positional.length) throw new UsageError(`No command given. Commands: ${known.join(", ")}.`);
    const close = closestNames(positional[0]!, known, 1);
    throw new UsageError(`Unknown command '${positional[0]}'.${close.length ? ` Did you mean '${close[0]}'?` : ""} Commands: ${known.join(", ")}.`);
  }
  const flags: Record<string, unknown> = {};
  const notYetSupported: string[] = [];
  for (const flag of FLAGS) {
    if (flag.name === "version") continue;
    const value = parsed.values.get(flag.name) ?? fromEnv(flag, env);
    if (value === undefined) continue;
    flags[flag.name] = value;
    const acted = flag.support !== "not-yet" && (!flag.supportedBy || flag.supportedBy.includes(command));
    if (!acted && takesFlag(flag, command) && value !== false && !(Array.isArray(value) && !value.length)) notYetSupported.push(flag.name);
  }
  const str = (name: string) => (flags[name] === undefined ? undefined : String(flags[name]));
  const bool = (name: string) => flags[name] as boolean | undefined;
  const num = (name: string) => (flags[name] === undefined ? undefined : Number(flags[name]));
  const format = (value: string | undefined): LogFormat | undefined => (value === undefined ? undefined : value === "default" ? "text" : (value as LogFormat));
  const eventTime = takesFlag(FLAGS.find((f) => f.name === "event-time-start")!, command) ? readEventTimeWindow(str("event-time-start"), str("event-time-end")) : {};
  if (typeof eventTime === "string") throw new UsageError(eventTime);
  const debug = Boolean(bool("debug"));
  const logFormat = format(str("log-format")) ?? "text";
  const logLevel = (str("log-level") as LogLevelName | undefined) ?? (debug ? "debug" : "info");
  return {
    command,
    positional,
    projectDir: String(str("project-dir") ?? cwd),
    profilesDir: parsed.values.has("profiles-dir") ? String(parsed.values.get("profiles-dir")) : undefined,
    profile: str("profile"),
    target: str("target"),
    vars: str("vars"),
    threads: num("threads"),
    targetPath: str("target-path"),
    logFormat,
    // dbt: the file follows an explicitly set console format and level, else debug lines at debug level
    logFormatFile: format(str("log-format-file")) ?? (flags["log-format"] !== undefined && logFormat !== "text" ? logFormat : "debug"),
    logLevel,
    logLevelFile: (str("log-level-file") as LogLevelName | undefined) ?? (debug ? "debug" : ((str("log-level") as LogLevelName | undefined) ?? "debug")),
    logPath: str("log-path"),
    debug,
    quiet: Boolean(bool("quiet")),
    useColors: bool("use-colors"),
    useColorsFile: bool("use-colors-file") ?? bool("use-colors"),
    printerWidth: num("printer-width") ?? 80,
    warnError: Boolean(bool("warn-error")),
    warnErrorOptions: str("warn-error-options"),
    writeJson: bool("write-json") !== false,
    select: list(flags.select),
    models: list(flags.models),
    exclude: list(flags.exclude),
    selector: str("selector"),
    resourceTypes: list(flags["resource-type"]),
    excludeResourceTypes: list(flags["exclude-resource-type"]),
    fullRefresh: Boolean(bool("full-refresh")),
    storeFailures: Boolean(bool("store-failures")),
    failFast: Boolean(bool("fail-fast")),
    state: str("state"),
    output: String(str("output") ?? (command === "ls" ? "selector" : "text")),
    outputKeys: list(flags["output-keys"]),
    inline: str("inline"),
    limit: num("limit") ?? 5,
    args: str("args"),
    indirectSelection: str("indirect-selection"),
    skipProfileSetup: Boolean(bool("skip-profile-setup")),
    upstream: Boolean(bool("upstream")),
    downstream: Boolean(bool("downstream")),
    openlineageUrl: str("openlineage-url"),
    openlineageFile: str("openlineage-file"),
    port: num("port"),
    host: str("host"),
    emptyCatalog: Boolean(bool("empty-catalog")),
    staticSite: Boolean(bool("static")),
    compile: bool("compile") !== false,
    partialParse: bool("partial-parse"),
    ...eventTime,
    notYetSupported,
    flags,
  };
}

/** A flag's value from its DBT_* variable, read as dbt reads it (booleans: 1/true/yes/on, 0/false/no/off). */
function fromEnv(flag: FlagSpec, env: Record<string, string | undefined>): unknown {
  const raw = flag.env ? env[flag.env] : undefined;
  if (raw === undefined || raw === "") return undefined;
  switch (flag.type) {
    case "boolean":
      return envFlag(raw);
    case "number":
      return Number.isFinite(Number(raw)) ? Number(raw) : undefined;
    case "array":
      return raw.split(/\s+/).filter(Boolean);
    default:
      return raw;
  }
}

/** A boolean from an environment variable (`false`, `0`, `no`, `n`, `f` and `off` are false). */
function envFlag(value: string): boolean {
  return !["false", "0", "no", "n", "f", "off"].includes(value.toLowerCase());
}

/** Every flag name tsdbt accepts, for "did you mean" suggestions. */
const FLAG_NAMES = FLAGS.flatMap((f) => [f.name, ...(f.aliases ?? []).filter((a) => a.length > 1)]);

/** "Unknown flag" sentences naming each flag as typed, with the closest real flag. */
function describeUnknown(unknown: string[]): string {
  return unknown
    .map((typed) => {
      const close = closestNames(typed.replace(/^-+/, ""), FLAG_NAMES, 1);
      return `Unknown flag '${typed}'.${close.length ? ` Did you mean '--${close[0]}'?` : ""}`;
    })
    .join(" ");
}
