import type { Manifest, ManifestNode, SourceDefinition } from "../manifest/types";
import type { NodeScope } from "../context/node-context";
import { CompilerError } from "../context/compiler-error";
import type { SyncWarehouse } from "../context/warehouse";
import { refCallFrom } from "../parse/capture-scope";
import { resolveRef } from "../parse/link-nodes";
import { relationFor, type NamingTarget } from "../parse/relation-naming";
import { addEphemeralPrefix, relationFactory } from "../context/runtime/relation-api";
import { eventTimeFilterFor, isMicrobatchModel, nodeForBatch, type MicrobatchBatch } from "./microbatch-batch";

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
  /**
   * The batch of a microbatch model being rendered: `model.batch` is set, and refs and sources
   * with an `event_time` select the batch's window only.
   */
  batch?: MicrobatchBatch;
}

/** The scope for rendering a node to SQL: refs resolve to real relations (ephemeral models to CTE names). */
export function createExecutionScope(node: ManifestNode, index: ManifestIndex, flags: ExecutionFlags): NodeScope {
  const make = relationFactory(index.naming);
  const batch = flags.batch && isMicrobatchModel(node) ? flags.batch : undefined;
  if (batch) node = nodeForBatch(node, batch);
  // --empty limits every ref and source; a batch filters those with an event_time to its window
  const options = (target: { config?: Record<string, unknown> | null }) => {
    const eventTimeFilter = batch ? eventTimeFilterFor(target, batch) : null;
    if (!flags.empty && !eventTimeFilter) return undefined;
    return { ...(flags.empty ? { limit: 0 } : {}), ...(eventTimeFilter ? { eventTimeFilter } : {}) };
  };
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
        const filter = batch ? eventTimeFilterFor(target, batch) : null;
        return make({ schema: "", identifier: cteName(target), type: "cte" }, { identifier: false }, filter ? { eventTimeFilter: filter } : undefined);
      }
      // --empty renders refs and sources as dbt's zero-row subquery of themselves
      return make({ database: target.database, schema: target.schema, identifier: target.alias, type: null }, undefined, options(target));
    },
    source: (sourceName, tableName) => {
      const src = index.sources.get(`${sourceName}.${tableName}`);
      if (!src) throw new CompilerError("TSDBT-E014", `${node.unique_id} depends on source '${sourceName}.${tableName}', which was not found.`);
      // dbt quotes every part of source() unless the source's own `quoting:` says otherwise: the
      // project's `quoting:` shapes relation_name but not the rendered relation
      const own = src.quoting ?? {};
      const quoting = { database: own.database ?? true, schema: own.schema ?? true, identifier: own.identifier ?? true };
      return make({ database: src.database, schema: src.schema, identifier: src.identifier }, quoting, options(src as { config?: Record<string, unknown> | null }));
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
