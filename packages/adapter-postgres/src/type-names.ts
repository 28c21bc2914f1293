/** PostgreSQL's names (as `format_type` writes them) of common types without a modifier, by OID. */
const BUILTIN: Record<number, string> = {
  16: "boolean",
  17: "bytea",
  18: "\"char\"",
  19: "name",
  20: "bigint",
  21: "smallint",
  23: "integer",
  25: "text",
  26: "oid",
  114: "json",
  700: "real",
  701: "double precision",
  1042: "character",
  1043: "character varying",
  1082: "date",
  1083: "time without time zone",
  1114: "timestamp without time zone",
  1184: "timestamp with time zone",
  1186: "interval",
  1266: "time with time zone",
  1700: "numeric",
  2950: "uuid",
  3802: "jsonb",
};

/**
 * Names result columns' types as PostgreSQL does (`numeric(10,2)`, `character varying(5)`):
 * common types from a table, others through one `format_type` query per unseen (oid, modifier)
 * pair, remembered for the life of the pool.
 */
export class TypeNames {
  private readonly known = new Map<string, string>();

  /** Type names for `(oid, modifier)` pairs; `lookup` runs the SQL for the pairs not known yet. */
  async resolve(pairs: { oid: number; modifier: number }[], lookup: (sql: string) => Promise<string[]>): Promise<string[]> {
    const key = (p: { oid: number; modifier: number }) => `${p.oid}:${p.modifier}`;
    const missing = [...new Map(pairs.filter((p) => !this.nameOf(p)).map((p) => [key(p), p])).values()];
    if (missing.length > 0) {
      const sql = `select ${missing.map((p) => `format_type(${p.oid}, ${p.modifier < 0 ? "null" : p.modifier})`).join(", ")}`;
      const names = await lookup(sql);
      missing.forEach((p, i) => this.known.set(key(p), names[i] ?? `oid ${p.oid}`));
    }
    return pairs.map((p) => this.nameOf(p)!);
  }

  private nameOf(p: { oid: number; modifier: number }): string | undefined {
    return this.known.get(`${p.oid}:${p.modifier}`) ?? (p.modifier < 0 ? BUILTIN[p.oid] : undefined);
  }
}
