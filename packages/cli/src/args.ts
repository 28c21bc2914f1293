import yargs from "yargs";
import { closestNames } from "@tsdbt/core";
import { USAGE } from "./usage";

/** This package's version. */
const VERSION: string = (require("../package.json") as { version: string }).version;

/** The commands tsdbt knows. */
export const COMMANDS = ["parse", "compile", "ls", "list", "debug", "init", "clean", "run", "build", "seed", "test", "show", "run-operation", "retry", "snapshot", "deps", "source", "docs", "lineage"] as const;

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
  targetPath?: string;
  logFormat: "text" | "json";
  quiet: boolean;
  select: string[];
  exclude: string[];
  selector?: string;
  resourceTypes: string[];
  fullRefresh: boolean;
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
  /** `docs generate --no-compile`: document the parsed manifest as is. */
  compile: boolean;
  /** `--[no-]partial-parse` (else DBT_PARTIAL_PARSE): reuse target/partial_parse.json; unset means the project's flag, default on. */
  partialParse: boolean | undefined;
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

/** Parses argv with dbt's flag names and aliases. Throws {@link UsageError}. */
export async function parseArgs(argv: string[], cwd: string, env: Record<string, string | undefined> = process.env): Promise<CliArgs> {
  let failure: string | undefined;
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) throw new InfoRequest(USAGE);
  if (argv.includes("--version") || argv.includes("-v")) throw new InfoRequest(`tsdbt ${VERSION}`);
  // the command is the first word that names one, wherever the flags are
  const at = argv.findIndex((a) => (COMMANDS as readonly string[]).includes(a));
  const command = at >= 0 ? argv[at] : undefined;
  const rest = joinDashValues(at >= 0 ? [...argv.slice(0, at), ...argv.slice(at + 1)] : argv);
  const parser = yargs(rest)
    .scriptName("tsdbt")
    .exitProcess(false)
    .help(false)
    .version(false)
    .parserConfiguration({ "camel-case-expansion": true, "boolean-negation": true })
    .option("project-dir", { type: "string" })
    .option("profiles-dir", { type: "string" })
    .option("profile", { type: "string" })
    .option("target", { alias: "t", type: "string" })
    .option("vars", { type: "string" })
    .option("threads", { type: "number" })
    .option("target-path", { type: "string" })
    .option("log-format", { type: "string", choices: ["text", "json", "default", "debug"] })
    .option("quiet", { alias: "q", type: "boolean" })
    .option("select", { alias: ["s", "m", "models"], type: "array", string: true })
    .option("exclude", { type: "array", string: true })
    .option("selector", { type: "string" })
    .option("resource-type", { alias: "resource-types", type: "array", string: true })
    .option("full-refresh", { alias: "f", type: "boolean" })
    .option("fail-fast", { alias: "x", type: "boolean" })
    .option("state", { type: "string" })
    .option("output", { alias: "o", type: "string" })
    .option("output-keys", { type: "array", string: true })
    .option("inline", { type: "string" })
    .option("limit", { type: "number" })
    .option("args", { type: "string" })
    .option("indirect-selection", { type: "string", choices: ["eager", "cautious", "buildable", "empty"] })
    .option("skip-profile-setup", { type: "boolean" })
    .option("upstream", { type: "boolean" })
    .option("downstream", { type: "boolean" })
    .option("openlineage-url", { type: "string" })
    .option("openlineage-file", { type: "string" })
    .option("port", { type: "number" })
    .option("host", { type: "string" })
    .option("empty-catalog", { type: "boolean" })
    .option("compile", { type: "boolean" })
    .option("browser", { type: "boolean" })
    .option("partial-parse", { type: "boolean" })
    .strictOptions()
    .fail((msg, err) => {
      failure = msg ?? err?.message;
    });
  const parsed = await parser.parse();
  if (failure) throw new UsageError(describeFailure(failure));
  const positional = parsed._.map(String);
  if (!command) {
    const known = COMMANDS.filter((c) => c !== "list");
    if (!positional.length) throw new UsageError(`No command given. Commands: ${known.join(", ")}.`);
    const close = closestNames(positional[0], known, 1);
    throw new UsageError(`Unknown command '${positional[0]}'.${close.length ? ` Did you mean '${close[0]}'?` : ""} Commands: ${known.join(", ")}.`);
  }
  const format = parsed["log-format"] === "json" ? "json" : "text";
  return {
    command: command === "list" ? "ls" : command,
    positional,
    projectDir: String(parsed["project-dir"] ?? env.DBT_PROJECT_DIR ?? cwd),
    profilesDir: parsed["profiles-dir"] as string | undefined,
    profile: parsed.profile as string | undefined,
    target: parsed.target as string | undefined,
    vars: parsed.vars as string | undefined,
    threads: parsed.threads as number | undefined,
    targetPath: parsed["target-path"] as string | undefined,
    logFormat: format,
    quiet: Boolean(parsed.quiet),
    select: list(parsed.select),
    exclude: list(parsed.exclude),
    selector: parsed.selector as string | undefined,
    resourceTypes: list(parsed["resource-type"]),
    fullRefresh: Boolean(parsed["full-refresh"]),
    failFast: Boolean(parsed["fail-fast"]),
    state: parsed.state as string | undefined,
    output: String(parsed.output ?? (command === "ls" || command === "list" ? "selector" : "text")),
    outputKeys: list(parsed["output-keys"]),
    inline: parsed.inline as string | undefined,
    limit: (parsed.limit as number | undefined) ?? 5,
    args: parsed.args as string | undefined,
    indirectSelection: parsed["indirect-selection"] as string | undefined,
    skipProfileSetup: Boolean(parsed["skip-profile-setup"]),
    upstream: Boolean(parsed.upstream),
    downstream: Boolean(parsed.downstream),
    openlineageUrl: parsed["openlineage-url"] as string | undefined,
    openlineageFile: parsed["openlineage-file"] as string | undefined,
    port: parsed.port as number | undefined,
    host: parsed.host as string | undefined,
    emptyCatalog: Boolean(parsed["empty-catalog"]),
    compile: parsed.compile !== false,
    partialParse: (parsed["partial-parse"] as boolean | undefined) ?? envFlag(env.DBT_PARTIAL_PARSE),
  };
}

/** Every flag name tsdbt accepts, for "did you mean" suggestions. */
const FLAG_NAMES = ["project-dir", "profiles-dir", "profile", "target", "vars", "threads", "target-path", "log-format", "quiet", "select", "models", "exclude", "selector", "resource-type", "full-refresh", "fail-fast", "state", "output", "output-keys", "inline", "limit", "args", "indirect-selection", "skip-profile-setup", "upstream", "downstream", "openlineage-url", "openlineage-file", "port", "host", "empty-catalog", "compile", "no-compile", "browser", "partial-parse", "no-partial-parse"];

/** Flags whose value may start with a dash (`--inline "-- depends_on: {{ ref('a') }}"`). */
const FREE_TEXT_FLAGS = new Set(["--inline", "--vars", "--args"]);

/** Writes `--inline -- x` as `--inline=-- x`, so the parser takes a dash-led value as the value. */
function joinDashValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (FREE_TEXT_FLAGS.has(argv[i]) && next !== undefined && next.startsWith("-")) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else out.push(argv[i]);
  }
  return out;
}

/** A boolean from an environment variable (`false`, `0`, `no` and `off` are false); unset: undefined. */
function envFlag(value: string | undefined): boolean | undefined {
  if (value === undefined || value === "") return undefined;
  return !["false", "0", "no", "off"].includes(value.toLowerCase());
}

/** Rewrites yargs' failure text as a sentence naming the flag as typed, with the closest real flag. */
function describeFailure(message: string): string {
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (!unknown) return message;
  return unknown[1]
    .split(/,\s*/)
    .map((name) => {
      const close = closestNames(name, FLAG_NAMES, 1);
      const flag = name.length === 1 ? `-${name}` : `--${name}`;
      return `Unknown flag '${flag}'.${close.length ? ` Did you mean '--${close[0]}'?` : ""}`;
    })
    .join(" ");
}
