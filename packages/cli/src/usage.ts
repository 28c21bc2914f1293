import { COMMAND_HELP } from "./flags/dbt-flags";

/** The text `tsdbt --help` (and `tsdbt` alone) prints. */
export const USAGE = `Usage: tsdbt <command> [flags]

Commands:
${Object.entries(COMMAND_HELP)
  .map(([name, help]) => `  ${name.padEnd(15)}${help}`)
  .join("\n")}

Common flags (before or after the command):
  --project-dir DIR  --profiles-dir DIR  --profile NAME  -t/--target NAME  --vars '{k: v}'
  -s/--select SPEC  --exclude SPEC  --selector NAME  --resource-type TYPE  --state DIR
  --threads N  --full-refresh  -x/--fail-fast  --target-path DIR  --log-format json  -q

\`tsdbt <command> --help\` lists every flag of a command.
Exit codes: 0 success, 1 a node failed, 2 the command could not run. Details: docs/cli.md.`;
