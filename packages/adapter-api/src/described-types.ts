/**
 * The type names dbt's adapters give the columns of a query's result (`adapter.get_column_schema_from_query`,
 * which model contracts compare): not the catalogue's full type, but the driver's name for the type's
 * code. PostgreSQL's are psycopg2's (`INTEGER`, `LONGINTEGER`, `STRING`, `DECIMAL`, `DATETIMETZ`…),
 * which leave out lengths and precisions: `varchar(5)` and `text` are both `STRING`. Snowflake's are
 * the connector's (`FIXED`, `REAL`, `TEXT`, `TIMESTAMP_NTZ`…). DuckDB's and BigQuery's are the
 * engine's own names, as tsdbt's adapters report them.
 */

/** psycopg2's name of each PostgreSQL type tsdbt's PostgreSQL adapter names (format_type, without modifier). */
const PSYCOPG2: Record<string, string> = {
  boolean: "BOOLEAN",
  bytea: "BINARY",
  '"char"': "STRING",
  name: "STRING",
  text: "STRING",
  character: "STRING",
  "character varying": "STRING",
  bigint: "LONGINTEGER",
  smallint: "INTEGER",
  integer: "INTEGER",
  oid: "ROWID",
  json: "JSON",
  jsonb: "JSONB",
  real: "FLOAT",
  "double precision": "FLOAT",
  interval: "INTERVAL",
  unknown: "UNKNOWN",
  date: "DATE",
  "time without time zone": "TIME",
  "time with time zone": "TIME",
  "timestamp without time zone": "DATETIME",
  "timestamp with time zone": "DATETIMETZ",
  numeric: "DECIMAL",
};

/** Array types psycopg2 names (`integer[]` is `INTEGERARRAY`); other arrays are unknown to it. */
const PSYCOPG2_ARRAYS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(PSYCOPG2).filter(([t]) => t !== "unknown").map(([t, n]) => [t, `${n}ARRAY`])),
  cidr: "CIDRARRAY",
  inet: "INETARRAY",
  macaddr: "MACADDRARRAY",
};

/** Type codes (OIDs) of common types psycopg2 has no name for: dbt then says `unknown type_code <oid>`. */
const POSTGRES_OIDS: Record<string, number> = {
  uuid: 2950,
  xml: 142,
  money: 790,
  inet: 869,
  cidr: 650,
  macaddr: 829,
  point: 600,
  bit: 1560,
  "bit varying": 1562,
  tsvector: 3614,
  tsquery: 3615,
};

/** A type as printed by the engine without its modifiers: `numeric(10,2)` → `numeric`, `timestamp(3) with time zone` → `timestamp with time zone`. */
function withoutModifiers(type: string): string {
  return type.replace(/\s*\([^)]*\)/g, "").replace(/\s+/g, " ").trim();
}

function postgresName(type: string): string {
  const base = withoutModifiers(type).toLowerCase();
  if (base.endsWith("[]")) {
    const element = base.slice(0, -2);
    return PSYCOPG2_ARRAYS[element] ?? `unknown type_code ${type}`;
  }
  const known = PSYCOPG2[base];
  if (known) return known;
  const oid = POSTGRES_OIDS[base];
  return `unknown type_code ${oid ?? type}`;
}

const SNOWFLAKE: Record<string, string> = { NUMBER: "FIXED", DECIMAL: "FIXED", FLOAT: "REAL", VARCHAR: "TEXT" };

/**
 * The name dbt's `adapterType` adapter gives a query column whose type tsdbt's adapter reported
 * as `type` (before dbt's `Column.create` maps labels such as `STRING` to `TEXT`).
 */
export function describedTypeName(adapterType: string, type: string): string {
  switch (adapterType) {
    case "postgres":
      return postgresName(type);
    case "snowflake": {
      const base = withoutModifiers(type).toUpperCase();
      return SNOWFLAKE[base] ?? base;
    }
    default:
      return type;
  }
}
