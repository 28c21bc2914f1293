import type { Diagnostic } from "../diagnostics/diagnostic";
import type { SelectableMember } from "./graph-member";
import { cyclePathThrough, cyclicComponents } from "./strongly-connected";
import { findCall } from "../parse/source-position";

/** Stable code of the "dependency cycle" diagnostic. */
export const CYCLE_CODE = "TSDBT-E013";

/**
 * One TSDBT-E013 diagnostic per cyclic part of the graph. The path follows "depends on"
 * edges from the smallest unique id of the cycle back to itself.
 *
 * @param ids every vertex, sorted
 * @param dependsOn the direct parents of a vertex
 */
export function cycleDiagnostics(
  ids: readonly string[],
  members: ReadonlyMap<string, SelectableMember>,
  dependsOn: (id: string) => readonly string[],
): Diagnostic[] {
  return cyclicComponents(ids, dependsOn).map((component) => {
    const path = cyclePathThrough(component[0], new Set(component), dependsOn);
    const first = members.get(path[0]);
    const files = path
      .slice(0, -1)
      .map((id) => `  ${id} (${members.get(id)?.original_file_path ?? "unknown file"})`)
      .join("\n");
    const extra = component.length > path.length - 1 ? ` ${component.length} nodes in all are caught in this loop.` : "";
    // point at the first node's ref() to the next one in the cycle
    const next = members.get(path[1]);
    const at = first && next && "raw_code" in first ? findCall(first.raw_code, "ref", next.name) : undefined;
    return {
      code: CYCLE_CODE,
      severity: "error",
      message:
        `Found a dependency cycle: ${path.join(" → ")} (each node depends on the next).${extra}\n` +
        `Nodes in the cycle:\n${files}`,
      file: first?.original_file_path,
      line: at?.line,
      col: at?.col,
      snippet: at?.snippet,
      nodeId: path[0],
      hint: "Remove or redirect one of the ref() or source() calls along this path so that no node depends on itself, directly or indirectly.",
    };
  });
}
