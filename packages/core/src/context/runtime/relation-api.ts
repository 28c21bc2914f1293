import { Relation, relationFlavour, type QuotePolicy, type RelationOptions, type RelationRef, type RelationType } from "@tsdbt/adapter-api";
import { hostFunction } from "@tsdbt/jinja";

/** What relations of one target are made from. */
export interface RelationTarget {
  quote: (id: string) => string;
  /** dbt_project.yml `quoting:` (default: quote every part). */
  quoting?: { database?: boolean; schema?: boolean; identifier?: boolean };
  /** The adapter's relation class (see relationFlavour); BaseRelation when absent. */
  relation?: Pick<RelationOptions, "className" | "renameable" | "replaceable">;
}

/** Builds relations of a target: the project's quoting under any explicit policy, the adapter's class. */
export type RelationFactory = (ref: RelationRef, quotePolicy?: Partial<QuotePolicy>, options?: RelationOptions) => Relation;

/** The relation factory of a target. */
export function relationFactory(target: RelationTarget): RelationFactory {
  const flavour = target.relation ?? {};
  const quoting = definedPolicy(target.quoting);
  return (ref, quotePolicy, options) => new Relation(ref, target.quote, { ...quoting, ...definedPolicy(quotePolicy) }, { ...flavour, ...options });
}

/** The relation flavour of an adapter type, for {@link RelationTarget.relation}. */
export { relationFlavour };

function definedPolicy(p: Partial<QuotePolicy> | undefined | null): Partial<QuotePolicy> {
  const out: Partial<QuotePolicy> = {};
  if (!p || typeof p !== "object") return out;
  for (const k of ["database", "schema", "identifier"] as const) if (typeof p[k] === "boolean") out[k] = p[k];
  return out;
}

const RELATION_TYPES: Record<string, RelationType> = {
  Table: "table",
  View: "view",
  CTE: "cte",
  MaterializedView: "materialized_view",
  External: "external",
  PointerTable: "pointer_table",
  Function: "function",
};

/** dbt's name of an ephemeral model's CTE. */
export function addEphemeralPrefix(name: string): string {
  return `__dbt__cte__${name}`;
}

/**
 * `api.Relation` (and `adapter.Relation`): `create(database, schema, identifier, type, quote_policy=…,
 * include_policy=…)` with the project's quoting under the given policy, as dbt's relation proxy
 * does; the type names (`Table`, `View`, `CTE`, …); `add_ephemeral_prefix`; default policies.
 */
export function relationApi(make: RelationFactory): Record<string, unknown> {
  const create = hostFunction(([database, schema, identifier, type], kw) => {
    const part = (v: unknown) => (v === undefined || v === null ? null : String(v));
    return make(
      { database: part(kw.database ?? database), schema: part(kw.schema ?? schema) as string, identifier: part(kw.identifier ?? identifier) as string, type: (kw.type ?? type ?? null) as RelationType | null },
      kw.quote_policy as Partial<QuotePolicy> | undefined,
      { includePolicy: kw.include_policy as Partial<QuotePolicy> | undefined, limit: (kw.limit as number | undefined) ?? null },
    );
  });
  return {
    create,
    add_ephemeral_prefix: (name: unknown) => addEphemeralPrefix(String(name)),
    get_default_quote_policy: () => ({ database: true, schema: true, identifier: true }),
    get_default_include_policy: () => ({ database: true, schema: true, identifier: true }),
    scd_args: (primaryKey: unknown, updatedAt: unknown) => [...(Array.isArray(primaryKey) ? primaryKey : [primaryKey]), updatedAt],
    get_relation_type: { ...Object.fromEntries(Object.entries(RELATION_TYPES)), Ephemeral: "ephemeral" },
    ...RELATION_TYPES,
  };
}
