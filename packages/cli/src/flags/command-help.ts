import { COMMAND_HELP, FLAGS, takesFlag, type FlagSpec } from "./dbt-flags";

const SUPPORT_NOTE: Record<FlagSpec["support"], string> = { supported: "", "no-op": " (accepted, no effect in tsdbt)", "not-yet": " (not supported yet: warns)" };

function spelling(flag: FlagSpec): string {
  const short = (flag.aliases ?? []).filter((a) => a.length === 1).map((a) => `-${a}`);
  const long = [flag.name, ...(flag.aliases ?? []).filter((a) => a.length > 1)].map((n) => `--${n}`);
  const negatable = flag.type === "boolean" && flag.name !== "version" ? ` / --no-${flag.name}` : "";
  const value = flag.type === "boolean" ? "" : flag.choices ? ` [${flag.choices.join("|")}]` : flag.type === "number" ? " N" : " TEXT";
  return `${[...short, ...long].join(", ")}${value}${negatable}`;
}

/** `tsdbt <command> --help`: the command's purpose and every flag it takes, with its DBT_* variable. */
export function commandHelp(command: string): string {
  const flags = FLAGS.filter((f) => !f.hidden && takesFlag(f, command));
  const own = flags.filter((f) => f.commands !== "all");
  const global = flags.filter((f) => f.commands === "all");
  const describe = (f: FlagSpec) => `  ${spelling(f)}\n      ${f.help}${SUPPORT_NOTE[f.support]}${f.env ? ` [env: ${f.env}]` : ""}`;
  const lines = [`Usage: tsdbt ${command} [flags]`, "", COMMAND_HELP[command] ?? "", ""];
  if (own.length) lines.push(`Flags of ${command}:`, ...own.map(describe), "");
  lines.push("Flags of every command:", ...global.map(describe), "", "Exit codes: 0 success, 1 a node failed, 2 the command could not run. Details: docs/cli.md.");
  return lines.join("\n");
}
