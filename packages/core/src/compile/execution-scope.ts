import type { Manifest, ManifestNode, SourceDefinition } from "../manifest/types";
import type { NodeScope } from "../context/node-context";
import { CompilerError } from "../context/compiler-error";
import type { SyncWarehouse } from "../context/warehouse";
import { refCallFrom } from "../parse/capture-scope";
import { resolveRef } from "../parse/link-nodes";
import { relationFor, type NamingTarget } from "../parse/relation-naming";
import { addEphemeralPrefix, relationFactory } from "../context/runtime/relation-api";

/** Lookups shared by every compile of one manifest. */
export interface ManifestIndex {
  manifest: Manifest;
  rootPackage: string;
  byName: Map<string, ManifestNode[]>;
  /** Sources by `source_name.table_name`. */
  sources: Map<string, SourceDefinition>;
  naming: NamingTarget;
}

/** Builds the lookups for compiling nodes of a manifest. */
export function indexManifest(manifest: Manifest, rootPackage: string, naming: NamingTarget): ManifestIndex {
  const byName = new Map<string, ManifestNode[]>();
  for (const n of Object.values(manifest.nodes)) {
    if (n.resource_type !== "model" && n.resource_type !== "seed" && n.resource_type !== "snapshot") continue;
    const list = byName.get(n.name) ?? [];
    list.push(n);
    byName.set(n.name, list);
  }
  const sources = new Map(Object.values(manifest.sources).map((src) => [`${src.source_name}.${src.name}`, src]));
  return { manifest, rootPackage, byName, sources, naming };
}

/** The name an ephemeral model has as a CTE. */
export function cteName(node: ManifestNode): string {
  return addEphemeralPrefix(node.alias || node.name);
}

/** Options of one execution render. */
export interface ExecutionFlags {
  execute: boolean;
  isIncremental: boolean;
  warehouse?: SyncWarehouse;
  /** Called for each ephemeral model the render refers to. */
  onEphemeral: (node: ManifestNode) => void;
  extra?: Record<string, unknown>;
  /** `--empty`: refs and sources render as zero-row subqueries of their relations, as dbt's. */
  empty?: boolean;
}

/** The scope for rendering a node to SQL: refs resolve to real relations (ephemeral models to CTE names). */
export function createExecutionScope(node: ManifestNode, index: ManifestIndex, flags: ExecutionFlags): NodeScope {
  const make = relationFactory(index.naming);
  return {
    model: node as unknown as Record<string, unknown>,
    packageName: node.package_name,
    thisRelation: relationFor(node, index.naming),
    ref: (args, kwargs) => {
      const call = refCallFrom(args, kwargs);
      const target = resolveRef(call, node.package_name, index.rootPackage, index.byName);
      if (!target) throw new CompilerError("TSDBT-E012", `${node.unique_id} depends on a node named '${call.name}', which was not found.`);
      if (target.config.materialized === "ephemeral") {
        flags.onEphemeral(target);
        return make({ schema: "", identifier: cteName(target), type: "cte" }, { identifier: false });
      }
      // --empty renders refs and sources as dbt's zero-row subquery of themselves
      return make({ database: target.database, schema: target.schema, identifier: target.alias, type: null }, undefined, flags.empty ? { limit: 0 } : undefined);
    },
    source: (sourceName, tableName) => {
      const src = index.sources.get(`${sourceName}.${tableName}`);
      if (!src) throw new CompilerError("TSDBT-E014", `${node.unique_id} depends on source '${sourceName}.${tableName}', which was not found.`);
      // dbt quotes every part of source() unless the source's own `quoting:` says otherwise: the
      // project's `quoting:` shapes relation_name but not the rendered relation
      const own = src.quoting ?? {};
      const quoting = { database: own.database ?? true, schema: own.schema ?? true, identifier: own.identifier ?? true };
      return make({ database: src.database, schema: src.schema, identifier: src.identifier }, quoting, flags.empty ? { limit: 0 } : undefined);
    },
    config: {
      // dbt captures a generic test macro's own config() call (dbt_utils' `fail_calc`) when it
      // parses the test; tsdbt meets it here. The test's own YAML config still wins.
      set: (values) => {
        if (!node.test_metadata) return;
        const own = node.config_call_dict ?? {};
        const taken = Object.entries(values).filter(([key]) => !(key in own));
        if (taken.length) node.config = { ...node.config, ...Object.fromEntries(taken) };
      },
      get: (key) => node.config[key],
    },
    execute: flags.execute,
    isIncremental: flags.isIncremental,
    warehouse: flags.warehouse,
    makeRelation: make,
    extra: flags.extra,
  };
}
