import type { Diagnostic } from "../diagnostics/diagnostic";
import type { ManifestNode, RefCall, SourceDefinition } from "../manifest/types";
import { closestNames } from "../diagnostics/closest-names";
import { findCall } from "./source-position";

const REFERABLE = new Set(["model", "seed", "snapshot"]);

/** Resolves one ref from a node to a unique id, following dbt's package preference. */
export function resolveRef(ref: RefCall, fromPackage: string, rootPackage: string, byName: Map<string, ManifestNode[]>): ManifestNode | undefined {
  const candidates = (byName.get(ref.name) ?? []).filter((n) => ref.package === null || n.package_name === ref.package);
  if (candidates.length === 0) return undefined;
  // a pinned version must exist; an unpinned ref takes any (the latest, below)
  const pool = ref.version === null || ref.version === undefined ? candidates : candidates.filter((n) => String(n.version) === String(ref.version));
  if (pool.length === 0) return undefined;
  const pick = (pkg: string) => pool.filter((n) => n.package_name === pkg);
  const preferred = pick(fromPackage).length ? pick(fromPackage) : pick(rootPackage).length ? pick(rootPackage) : pool;
  if (ref.version === null || ref.version === undefined) {
    // an unversioned ref to a versioned model means its latest version
    const latest = preferred.find((n) => n.latest_version !== undefined && n.latest_version !== null && String(n.version) === String(n.latest_version));
    if (latest) return latest;
  }
  return preferred[0];
}

/**
 * Fills `depends_on.nodes` of every node from its refs and sources, and reports refs to
 * missing or disabled models and sources (with the call's position and the closest names).
 * Refs resolve among `refTargets` (default: `nodes` themselves).
 */
export function linkNodes(
  nodes: ManifestNode[],
  sources: Record<string, SourceDefinition>,
  disabled: ManifestNode[],
  rootPackage: string,
  refTargets: readonly ManifestNode[] = nodes,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byName = new Map<string, ManifestNode[]>();
  for (const n of refTargets) {
    if (!REFERABLE.has(n.resource_type)) continue;
    const list = byName.get(n.name) ?? [];
    list.push(n);
    byName.set(n.name, list);
  }
  const disabledNames = new Set(disabled.filter((n) => REFERABLE.has(n.resource_type)).map((n) => n.name));
  const sourceIndex = new Map<string, string>();
  for (const s of Object.values(sources)) sourceIndex.set(`${s.source_name}.${s.name}`, s.unique_id);

  for (const node of nodes) {
    // dbt's order: the sources a node reads, then its refs, each in the order written, without repeats
    const sourceDeps = new Set<string>();
    const deps = new Set<string>();
    for (const ref of node.refs) {
      const target = resolveRef(ref, node.package_name, rootPackage, byName);
      if (target) {
        deps.add(target.unique_id);
        continue;
      }
      const at = findCall(node.raw_code, "ref", ref.name);
      const isDisabled = disabledNames.has(ref.name);
      const close = closestNames(ref.name, byName.keys());
      diagnostics.push({
        code: isDisabled ? "TSDBT-E016" : "TSDBT-E012",
        severity: "error",
        message: isDisabled
          ? `${node.unique_id} depends on '${ref.name}', which is disabled.`
          : `${node.unique_id} depends on a node named '${ref.name}'${ref.package ? ` in package '${ref.package}'` : ""}${ref.version != null ? ` (version ${ref.version})` : ""}, which was not found.`,
        file: node.original_file_path,
        line: at?.line,
        col: at?.col,
        snippet: at?.snippet,
        nodeId: node.unique_id,
        hint: isDisabled ? `Enable '${ref.name}' or remove the ref.` : close.length ? `Did you mean ${close.map((c) => `'${c}'`).join(" or ")}?` : "Check the model's name, or create it.",
      });
    }
    for (const [sourceName, tableName] of node.sources) {
      const id = sourceIndex.get(`${sourceName}.${tableName}`);
      if (id) {
        sourceDeps.add(id);
        continue;
      }
      const at = findCall(node.raw_code, "source", sourceName);
      const close = closestNames(`${sourceName}.${tableName}`, sourceIndex.keys());
      diagnostics.push({
        code: "TSDBT-E014",
        severity: "error",
        message: `${node.unique_id} depends on source '${sourceName}.${tableName}', which was not found.`,
        file: node.original_file_path,
        line: at?.line,
        col: at?.col,
        snippet: at?.snippet,
        nodeId: node.unique_id,
        hint: close.length ? `Did you mean ${close.map((c) => `'${c}'`).join(" or ")}?` : "Declare the source under `sources:` in a properties YAML file.",
      });
    }
    node.depends_on.nodes = [...new Set([...sourceDeps, ...deps])];
  }
  return diagnostics;
}

/** Reports two enabled resources of one package sharing a name (dbt refuses them). */
export function findDuplicateNames(nodes: ManifestNode[]): Diagnostic[] {
  const seen = new Map<string, ManifestNode>();
  const out: Diagnostic[] = [];
  for (const n of nodes) {
    if (!REFERABLE.has(n.resource_type) && n.resource_type !== "analysis") continue;
    const key = `${n.package_name}.${n.name}.${n.version ?? ""}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, n);
      continue;
    }
    out.push({
      code: "TSDBT-E015",
      severity: "error",
      message: `Two resources in package '${n.package_name}' are named '${n.name}': ${first.original_file_path} (${first.resource_type}) and ${n.original_file_path} (${n.resource_type}).`,
      file: n.original_file_path,
      line: 1,
      col: 1,
      hint: "Rename one of them, or disable one with `enabled: false`.",
    });
  }
  return out;
}
