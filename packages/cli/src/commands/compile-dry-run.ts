import { loadAdapter, type ProfileTarget } from "@tsdbt/adapter-api";
import { DiagnosticError, type ManifestNode, type ParsedProject } from "@tsdbt/core";
import type { CommandContext } from "../command-context";
import type { LazyWarehouse } from "../warehouse";

/** One node's dry run: the bytes it would process, or the warehouse's reason for refusing it. */
export interface DryRunOutcome {
  unique_id: string;
  bytes_processed: number | null;
  error: string | null;
}

/** Node kinds whose compiled SQL is a query the warehouse can price (ephemeral models are inlined into others). */
function priceable(node: ManifestNode): boolean {
  if (node.resource_type === "model") return node.config.materialized !== "ephemeral";
  return node.resource_type === "test" || node.resource_type === "analysis";
}

/**
 * Refuses `--dry-run` before anything is compiled or written when the target's adapter cannot
 * price a statement without running it (`capabilities.dryRun`): TSDBT-E094, exit 2. The adapter
 * is created to read its capabilities, not opened.
 */
export function checkDryRunSupported(parsed: ParsedProject): void {
  const target = parsed.profile.target as ProfileTarget;
  const adapter = loadAdapter(target.type)(target, { projectDir: parsed.projectDir, targetPath: parsed.targetPath });
  if (adapter.capabilities.dryRun === true) return;
  throw new DiagnosticError([
    {
      code: "TSDBT-E094",
      severity: "error",
      message: `--dry-run asks the warehouse to price each query without running it, which the ${target.type} adapter (target '${parsed.profile.targetName}') cannot do.`,
      hint: "Compile without --dry-run, or pick a BigQuery target with --target.",
    },
  ]);
}

/** `1.5 GiB`-style size of a byte count. */
function size(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * `compile --dry-run`: each compiled model (not ephemeral), test and analysis is sent as a dry
 * run (nothing runs, nothing is billed) and the bytes it would process are printed, one line per
 * node and a total. A query the warehouse refuses is reported with its message and makes the
 * command exit 1, as a failed node does.
 */
export async function dryRunCompiled(ctx: CommandContext, warehouse: LazyWarehouse, compiled: ManifestNode[]): Promise<{ exitCode: number; outcomes: DryRunOutcome[] }> {
  const adapter = await warehouse.adapter();
  const outcomes: DryRunOutcome[] = [];
  for (const node of compiled.filter(priceable)) {
    const sql = node.compiled_code ?? "";
    try {
      const { totalBytesProcessed } = await adapter.dryRun!(sql);
      outcomes.push({ unique_id: node.unique_id, bytes_processed: totalBytesProcessed, error: null });
      const amount = totalBytesProcessed === null ? "an unknown number of bytes" : `${size(totalBytesProcessed)} (${totalBytesProcessed} bytes)`;
      ctx.logger.print(`Dry run of ${node.unique_id}: would process ${amount}`, "DryRunNode", { unique_id: node.unique_id, bytes_processed: totalBytesProcessed });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcomes.push({ unique_id: node.unique_id, bytes_processed: null, error: message });
      ctx.logger.print(`Dry run of ${node.unique_id} failed: ${message}`, "DryRunNode", { unique_id: node.unique_id, error: message });
    }
  }
  const total = outcomes.reduce((sum, o) => sum + (o.bytes_processed ?? 0), 0);
  const failed = outcomes.filter((o) => o.error !== null).length;
  ctx.logger.print(
    `Dry run: ${outcomes.length} quer${outcomes.length === 1 ? "y" : "ies"} would process ${size(total)} (${total} bytes)${failed ? `; ${failed} refused by the warehouse` : ""}`,
    "DryRunSummary",
    { nodes: outcomes.length, bytes_processed: total, failed },
  );
  return { exitCode: failed > 0 ? 1 : 0, outcomes };
}
