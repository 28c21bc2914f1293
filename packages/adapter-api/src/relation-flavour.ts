import type { RelationOptions, RelationType } from "./relation";

/**
 * What dbt's relation class of an adapter adds to BaseRelation, as data: its class name (which
 * templates read through `relation.get('metadata')['type']`) and the relation types it can
 * rename and replace. Unknown adapters get `BaseRelation` with neither.
 */
export function relationFlavour(adapterType: string): Pick<RelationOptions, "className" | "renameable" | "replaceable"> {
  const both: RelationType[] = ["view", "table"];
  switch (adapterType) {
    case "postgres":
      return { className: "PostgresRelation", renameable: both, replaceable: both };
    case "duckdb":
      return { className: "DuckDBRelation", renameable: [], replaceable: [] };
    case "snowflake":
      return { className: "SnowflakeRelation", renameable: [], replaceable: [] };
    case "bigquery":
      return { className: "BigQueryRelation", renameable: [], replaceable: [] };
    default:
      return { className: "BaseRelation", renameable: [], replaceable: [] };
  }
}
