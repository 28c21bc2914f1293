import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { createYamlTextRenderer, parseSelectorsFile, selectNodes, DiagnosticError, type DepGraph, type IndirectSelection, type Manifest, type ParsedProject } from "@tsdbt/core";
import type { CliArgs } from "./args";

/** The selected unique ids for a command, and the graph they were selected on. */
export interface Selection {
  ids: string[];
  graph: DepGraph;
}

/** Reads `--state DIR`'s manifest.json. */
function readState(dir: string, cwd: string): Manifest {
  const file = path.resolve(cwd, dir, "manifest.json");
  if (!existsSync(file)) {
    throw new DiagnosticError([{ code: "TSDBT-E025", severity: "error", message: `--state ${dir} holds no manifest.json.`, file: path.relative(cwd, file), hint: "Point --state at the target/ folder of an earlier run (copy it before it is overwritten)." }]);
  }
  return JSON.parse(readFileSync(file, "utf8")) as Manifest;
}

/**
 * Applies --select/--exclude/--selector/--resource-type/--state to a parsed project, with
 * selectors.yml from the project directory. `defaultTypes` are the resource types a command
 * works on when nothing else is asked for.
 */
export function selectForCommand(parsed: ParsedProject, args: CliArgs, cwd: string, defaultTypes?: string[]): Selection {
  const graph = parsed.graph;
  const selectorsPath = path.join(parsed.projectDir, "selectors.yml");
  // dbt renders selectors.yml like dbt_project.yml: target, --vars, env_var()
  const render = createYamlTextRenderer({ env: parsed.inputs.env, vars: parsed.cliVars, extra: parsed.inputs.yamlContext }, "selectors.yml");
  const selectors = existsSync(selectorsPath) ? parseSelectorsFile(readFileSync(selectorsPath, "utf8"), "selectors.yml", render) : undefined;
  const ids = selectNodes(parsed.manifest, graph, {
    select: args.select,
    exclude: args.exclude,
    selector: args.selector,
    selectors,
    state: args.state ? readState(args.state, cwd) : undefined,
    resourceTypes: args.resourceTypes.length ? args.resourceTypes : defaultTypes,
    indirectSelection: args.indirectSelection as IndirectSelection | undefined,
  });
  return { ids, graph };
}
