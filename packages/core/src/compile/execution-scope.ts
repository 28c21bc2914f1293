import { Relation, type RelationRef } from "@tsdbt/adapter-api";
import type { Manifest, ManifestNode, SourceDefinition } from "../manifest/types";
import type { NodeScope } from "../context/node-context";
import { CompilerError } from "../context/compiler-error";
import type { SyncWarehouse } from "../context/warehouse";
import { refCallFrom } from "../parse/capture-scope";
import { resolveRef } from "../parse/link-nodes";
import { relationFor, type NamingTarget } from "../parse/relation-naming";

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
  return `__dbt__cte__${node.alias || node.name}`;
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

/** A relation that renders as a subquery of itself returning no rows (`--empty`). */
class ZeroRowRelation extends Relation {
  override render(): string {
    return `(select * from ${super.render()} where false limit 0) _dbt_limit_subq_${this.identifier}`;
  }
}

/** The relation as `--empty` renders it (same name parts, zero rows). */
function zeroRows(relation: Relation, quote: (part: string) => string): Relation {
  return new ZeroRowRelation({ database: relation.database, schema: relation.schema, identifier: relation.identifier, type: relation.type }, quote, relation.quotePolicy);
}

/** The scope for rendering a node to SQL: refs resolve to real relations (ephemeral models to CTE names). */
export function createExecutionScope(node: ManifestNode, index: ManifestIndex, flags: ExecutionFlags): NodeScope {
  const make = (ref: RelationRef) => new Relation(ref, index.naming.quote, { database: index.naming.quoting.database ?? true, schema: index.naming.quoting.schema ?? true, identifier: index.naming.quoting.identifier ?? true });
  return {
    model: node as unknown as Record<string, unknown>,
    packageName: node.package_name,
    thisRelation: node.resource_type === "test" || node.resource_type === "analysis" ? null : relationFor(node, index.naming),
    ref: (args, kwargs) => {
      const call = refCallFrom(args, kwargs);
      const target = resolveRef(call, node.package_name, index.rootPackage, index.byName);
      if (!target) throw new CompilerError("TSDBT-E012", `${node.unique_id} depends on a node named '${call.name}', which was not found.`);
      if (target.config.materialized === "ephemeral") {
        flags.onEphemeral(target);
        return new Relation({ schema: "", identifier: cteName(target), type: "cte" }, index.naming.quote);
      }
      const relation = relationFor(target, index.naming);
      return flags.empty ? zeroRows(relation, index.naming.quote) : relation;
    },
    source: (sourceName, tableName) => {
      const src = index.sources.get(`${sourceName}.${tableName}`);
      if (!src) throw new CompilerError("TSDBT-E014", `${node.unique_id} depends on source '${sourceName}.${tableName}', which was not found.`);
      const quoting = src.quoting ?? {};
      const relation = new Relation({ database: src.database, schema: src.schema, identifier: src.identifier }, index.naming.quote, {
        database: quoting.database ?? index.naming.quoting.database ?? true,
        schema: quoting.schema ?? index.naming.quoting.schema ?? true,
        identifier: quoting.identifier ?? index.naming.quoting.identifier ?? true,
      });
      return flags.empty ? zeroRows(relation, index.naming.quote) : relation;
    },
    config: {
      set: () => undefined,
      get: (key) => node.config[key],
    },
    execute: flags.execute,
    isIncremental: flags.isIncremental,
    warehouse: flags.warehouse,
    makeRelation: make,
    extra: flags.extra,
  };
}
