import type { PoolClient, QueryArrayResult } from "pg";
import type { ExecuteOptions, QueryResult } from "@tsdbt/adapter-api";
import type { TypeNames } from "./type-names";

/** Commands whose row count is the number of rows written (CTAS reports `SELECT n`). */
const COUNTED = new Set(["INSERT", "UPDATE", "DELETE", "MERGE", "SELECT", "COPY"]);

/**
 * Runs one SQL text on a client through the simple query protocol (several `;`-separated
 * statements are allowed; the last one's result is returned) and reads its rows as plain
 * JavaScript objects; repeated column names get `_1`, `_2` suffixes. With `limit`, only the
 * first rows are kept.
 */
export async function runStatement(client: PoolClient, sql: string, options: ExecuteOptions, typeNames: TypeNames): Promise<QueryResult> {
  const { fetch = true, limit } = options;
  const raw = (await client.query({ text: sql, rowMode: "array" })) as QueryArrayResult | QueryArrayResult[];
  const result = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  if (!result) return { columns: [], rows: [], rowsAffected: null };
  const rowsAffected = result.command && COUNTED.has(result.command) && typeof result.rowCount === "number" ? result.rowCount : null;
  if (!fetch || !result.fields || result.fields.length === 0) return { columns: [], rows: [], rowsAffected };
  const names = deduplicate(result.fields.map((f) => f.name));
  const types = await typeNames.resolve(
    result.fields.map((f) => ({ oid: f.dataTypeID, modifier: f.dataTypeModifier })),
    async (lookup) => ((await client.query({ text: lookup, rowMode: "array" })) as QueryArrayResult).rows[0]!.map(String),
  );
  const source = limit === undefined ? result.rows : result.rows.slice(0, limit);
  const rows = source.map((values) => {
    const row: Record<string, unknown> = {};
    for (let c = 0; c < names.length; c++) row[names[c]!] = values[c];
    return row;
  });
  return { columns: names.map((name, i) => ({ name, type: types[i]! })), rows, rowsAffected };
}

function deduplicate(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    return count === 0 ? name : `${name}_${count}`;
  });
}
