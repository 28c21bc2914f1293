/** The text `tsdbt --help` (and `tsdbt` alone) prints. */
export const USAGE = `Usage: tsdbt <command> [flags]

Commands:
  parse                      read the project, write target/manifest.json
  compile [--inline SQL]     render models, tests, analyses and snapshots to target/compiled
  ls                         list resources (--output selector|name|path|json, --output-keys)
  run | seed | test | snapshot | build
                             execute the selected nodes in dependency order
  show -s NODE | --inline SQL
                             preview rows (--limit N)
  run-operation MACRO        call a macro (--args '{k: v}')
  retry                      re-run what failed or was skipped last time
  source freshness           check sources' freshness, write target/sources.json
  docs generate | docs serve build or serve the docs site
  lineage MODEL.COLUMN       where a column comes from / what it feeds
  debug | init NAME | clean  check the setup, start a project, remove clean-targets

Common flags (before or after the command):
  --project-dir DIR  --profiles-dir DIR  --profile NAME  -t/--target NAME  --vars '{k: v}'
  -s/--select SPEC  --exclude SPEC  --selector NAME  --resource-type TYPE  --state DIR
  --threads N  --full-refresh  -x/--fail-fast  --target-path DIR  --log-format json  -q

Exit codes: 0 success, 1 a node failed, 2 the command could not run. Details: docs/cli.md.`;
