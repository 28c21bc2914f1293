import { serialisableNode, type GraphMember, type ManifestNode } from "@tsdbt/core";
import { fireFoundStats, type CommandContext, type CommandOutcome } from "../command-context";
import { selectForCommand } from "../select";
import { parseForCommand } from "../parse-for-command";

function selectorName(m: GraphMember): string {
  if (m.resource_type === "source") return `source:${m.fqn.join(".")}`;
  if (m.resource_type === "exposure") return `exposure:${m.fqn.join(".")}`;
  return m.fqn.join(".");
}

function asJson(m: GraphMember, keys: string[]): Record<string, unknown> {
  const full = m.resource_type === "source" || m.resource_type === "exposure" ? (m as unknown as Record<string, unknown>) : serialisableNode(m as ManifestNode);
  if (!keys.length) return full;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in full) out[k] = full[k];
  return out;
}

/** `tsdbt ls`: prints the selected resources as selectors, names, paths or JSON lines. */
export async function lsCommand(ctx: CommandContext): Promise<CommandOutcome> {
  const parsed = await parseForCommand(ctx);
  ctx.logger.diagnostics(parsed.diagnostics);
  fireFoundStats(ctx, parsed);
  const { ids } = selectForCommand(parsed, ctx.args, ctx.cwd, undefined, ctx.logger);
  const { manifest } = parsed;
  const members = ids.map((id) => (manifest.nodes[id] ?? manifest.sources[id] ?? manifest.exposures[id]) as GraphMember | undefined).filter((m): m is GraphMember => Boolean(m));
  const lines: string[] = [];
  for (const m of members) {
    switch (ctx.args.output) {
      case "name":
        lines.push(m.name);
        break;
      case "path":
        lines.push(m.original_file_path);
        break;
      case "json":
        lines.push(JSON.stringify(asJson(m, ctx.args.outputKeys)));
        break;
      default:
        lines.push(selectorName(m));
    }
  }
  for (const line of lines) ctx.logger.print(line, "PrintEvent");
  if (!lines.length) ctx.logger.fire("NoNodesSelected", "No nodes selected!");
  return { exitCode: 0, result: lines };
}
