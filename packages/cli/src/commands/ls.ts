import { serialisableNode, DiagnosticError, type ManifestNode, type Manifest } from "@tsdbt/core";
import { fireFoundStats, type CommandContext, type CommandOutcome } from "../command-context";
import { selectForCommand } from "../select";
import { parseForCommand, writeParsedManifest } from "../parse-for-command";
import { pythonJsonDumps } from "../python-json";

/** A listed resource: a node, source, exposure, metric, semantic model, saved query or unit test. */
type Listed = Record<string, unknown> & { unique_id: string; resource_type: string; name: string; package_name: string; original_file_path: string; fqn: string[] };

/** What `ls` lists when no --resource-type is given (dbt leaves analyses out). */
const DEFAULT_TYPES = ["model", "snapshot", "seed", "test", "source", "exposure", "metric", "saved_query", "semantic_model", "unit_test"];
const ALL_TYPES = [...DEFAULT_TYPES, "analysis"];
/** The keys of `--output json` without --output-keys. */
const JSON_KEYS = new Set(["alias", "name", "package_name", "depends_on", "tags", "config", "resource_type", "source_name", "original_file_path", "unique_id"]);

/** The resource types to list: --resource-type (with `all` and `default`), less --exclude-resource-type. */
export function listedResourceTypes(requested: string[], excluded: string[]): string[] {
  const types = new Set<string>();
  for (const t of requested.length ? requested : ["default"]) {
    if (t === "all") ALL_TYPES.forEach((x) => types.add(x));
    else if (t === "default") DEFAULT_TYPES.forEach((x) => types.add(x));
    else types.add(t);
  }
  for (const t of excluded) types.delete(t);
  return [...types];
}

/** How `ls` names a resource by default: the fqn, or `<type>:<package>.<name>` for the resources dbt selects that way. */
function selectorName(m: Listed): string {
  switch (m.resource_type) {
    case "source":
      return `source:${m.package_name}.${String(m.source_name)}.${m.name}`;
    case "exposure":
    case "metric":
    case "saved_query":
    case "semantic_model":
      return `${m.resource_type}:${m.package_name}.${m.name}`;
    case "unit_test":
      return `unit_test:${m.package_name}.${m.name}${m.version !== undefined && m.version !== null ? `_v${String(m.version)}` : ""}`;
    default:
      return m.fqn.join(".");
  }
}

/** `--output name`: a source as `<source>.<table>`, a versioned model as `<name>.v<version>`. */
function searchName(m: Listed): string {
  if (m.resource_type === "source") return `${String(m.source_name)}.${m.name}`;
  if (m.resource_type === "model" && m.version !== undefined && m.version !== null) return `${m.name}.v${String(m.version)}`;
  return m.name;
}

function asJson(m: Listed, keys: string[]): Record<string, unknown> {
  const full = m.resource_type in { source: 1, exposure: 1, metric: 1, saved_query: 1, semantic_model: 1, unit_test: 1 } ? m : (serialisableNode(m as unknown as ManifestNode) as Record<string, unknown>);
  const wanted = keys.length ? new Set(keys) : JSON_KEYS;
  const out: Record<string, unknown> = {};
  // in the resource's own key order, as dbt prints it
  for (const k of Object.keys(full)) if (wanted.has(k)) out[k] = full[k];
  return out;
}

function lookup(manifest: Manifest, id: string): Listed | undefined {
  const sections = [manifest.nodes, manifest.sources, manifest.exposures, manifest.metrics, manifest.semantic_models, manifest.unit_tests, manifest.saved_queries] as Record<string, unknown>[];
  for (const section of sections) if (section && id in section) return section[id] as Listed;
  return undefined;
}

/** `tsdbt ls`: prints the selected resources, sorted by unique id, as selectors, names, paths or JSON lines. */
export async function lsCommand(ctx: CommandContext): Promise<CommandOutcome> {
  const { models, select, resourceTypes } = ctx.args;
  if (models.length && select.length) throw usage("--models and --select cannot be used together.", "Use --select (it selects every resource type) or --models (models only).");
  if (models.length && resourceTypes.length) throw usage("--models and --resource-type cannot be used together.", "--models lists models only; use --select with --resource-type instead.");
  const parsed = await parseForCommand(ctx);
  ctx.logger.diagnostics(parsed.diagnostics);
  await writeParsedManifest(ctx, parsed);
  fireFoundStats(ctx, parsed);
  const types = models.length ? ["model"] : listedResourceTypes(resourceTypes, ctx.args.excludeResourceTypes);
  const { ids } = selectForCommand(parsed, { ...ctx.args, select: models.length ? models : select, resourceTypes: types }, ctx.cwd, undefined, ctx.logger);
  const members = [...ids].sort().map((id) => lookup(parsed.manifest, id)).filter((m): m is Listed => Boolean(m));
  const lines: string[] = [];
  for (const m of members) {
    switch (ctx.args.output) {
      case "name":
        lines.push(searchName(m));
        break;
      case "path":
        lines.push(m.original_file_path);
        break;
      case "json":
        lines.push(pythonJsonDumps(asJson(m, ctx.args.outputKeys)));
        break;
      default:
        lines.push(selectorName(m));
    }
  }
  for (const line of lines) ctx.logger.print(line, "PrintEvent");
  if (!lines.length) ctx.logger.fire("NoNodesSelected", "No nodes selected!");
  return { exitCode: 0, result: lines };
}

function usage(message: string, hint: string): DiagnosticError {
  return new DiagnosticError([{ code: "TSDBT-E021", severity: "error", message, hint }]);
}
