import type { Query } from "./snowflake-catalog";
import { isMissingObjectError } from "./snowflake-errors";
import { renderPart } from "./snowflake-identifiers";

/**
 * The names Snowflake stores for schemas, so a schema asked for as `dbt_ann` is found whether it
 * was created unquoted (`DBT_ANN`, dbt-snowflake's default) or quoted (`"dbt_ann"`). Known names
 * come from schema listings; an unknown one costs one `show terse schemas like …` per run.
 * A schema that does not exist is not remembered (the run may create it).
 */
export class SchemaNames {
  private readonly known = new Map<string, Set<string>>();

  constructor(private readonly query: Query) {}

  /** Remembers the schemas of a database as a listing gave them. */
  remember(database: string, names: string[]): void {
    const set = this.namesOf(database);
    for (const name of names) set.add(name);
  }

  /** The stored name of `schema` (exact case preferred, then upper case, then any case), or null when it does not exist. */
  async resolve(database: string, schema: string): Promise<string | null> {
    const pick = () => {
      const candidates = [...this.namesOf(database)].filter((n) => n.toLowerCase() === schema.toLowerCase());
      return candidates.find((n) => n === schema) ?? candidates.find((n) => n === schema.toUpperCase()) ?? candidates[0] ?? null;
    };
    const known = pick();
    if (known !== null) return known;
    let rows: Record<string, unknown>[];
    try {
      const pattern = schema.replace(/\\/g, "\\\\").replace(/'/g, "''");
      rows = (await this.query(`show terse schemas like '${pattern}' in database ${renderPart(database, false)}`)).rows;
    } catch (error) {
      if (isMissingObjectError(error)) return null;
      throw error;
    }
    this.remember(database, rows.map((row) => String(row.name ?? row.NAME)));
    return pick();
  }

  private namesOf(database: string): Set<string> {
    const key = database.toUpperCase();
    let set = this.known.get(key);
    if (!set) this.known.set(key, (set = new Set()));
    return set;
  }
}
