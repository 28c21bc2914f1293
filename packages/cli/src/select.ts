import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { createYamlTextRenderer, parseSelectorsFile, selectNodes, DiagnosticError, type DepGraph, type IndirectSelection, type Manifest, type ParsedProject } from "@tsdbt/core";
import type { CliArgs } from "./args";
import type { Logger } from "./logger";

/** The selected unique ids for a command, and the graph they were selected on. */
export interface Selection {
  ids: string[];
  graph: DepGraph;
}

/** Reads `--state DIR`'s manifest.json. */
export function readState(dir: string, cwd: string): Manifest {
  const file = path.resolve(cwd, dir, "manifest.json");
  if (!existsSync(file)) {
    throw new DiagnosticError([{ code: "TSDBT-E025", severity: "error", message: `--state ${dir} holds no manifest.json.`, file: path.relative(cwd, file), hint: "Point --state at the target/ folder of an earlier run (copy it before it is overwritten)." }]);
  }
  return JSON.parse(readFileSync(file, "utf8")) as Manifest;
}

/**
 * Applies --select/--exclude/--selector/--resource-type/--exclude-resource-type/--state to a parsed
 * project, with selectors.yml from the project directory. `defaultTypes` are the resource types a
 * command works on when nothing else is asked for (dbt's `default`). Each spec that matches nothing
 * gets dbt's warning (an error under --warn-error). `ls -m` selects models only, as in dbt.
 */
export function selectForCommand(parsed: ParsedProject, args: CliArgs, cwd: string, defaultTypes?: string[], logger?: Logger): Selection {
  const graph = parsed.graph;
  const selectorsPath = path.join(parsed.projectDir, "selectors.yml");
  // dbt renders selectors.yml like dbt_project.yml: target, --vars, env_var()
  const render = createYamlTextRenderer({ env: parsed.inputs.env, vars: parsed.cliVars, extra: parsed.inputs.yamlContext }, "selectors.yml");
  const selectors = existsSync(selectorsPath) ? parseSelectorsFile(readFileSync(selectorsPath, "utf8"), "selectors.yml", render) : undefined;
  const modelsOnly = args.command === "ls" && args.models.length > 0;
  const select = modelsOnly ? args.models : [...args.select, ...args.models];
  let types = modelsOnly ? ["model"] : args.resourceTypes.length ? args.resourceTypes : defaultTypes;
  if (types?.includes("default")) types = [...new Set(types.filter((t) => t !== "default").concat(defaultTypes ?? ["all"]))];
  const unmatched: string[] = [];
  const ids = selectNodes(parsed.manifest, graph, {
    select,
    exclude: args.exclude,
    selector: args.selector,
    selectors,
    state: args.state ? readState(args.state, cwd) : undefined,
    resourceTypes: types,
    indirectSelection: args.indirectSelection as IndirectSelection | undefined,
    onUnmatched: (spec) => unmatched.push(spec),
  });
  for (const spec of new Set(unmatched)) logger?.warnOrError("NoNodesForSelectionCriteria", `The selection criterion '${spec}' does not match any enabled nodes`, { spec_raw: spec });
  const excluded = new Set(args.excludeResourceTypes);
  const kept = excluded.size ? ids.filter((id) => !excluded.has(graph.member(id)?.resource_type ?? "")) : ids;
  return { ids: kept, graph };
}
