import type { PoolClient, QueryArrayResult } from "pg";
import type { ExecuteOptions, QueryResult } from "@tsdbt/adapter-api";
import { serverErrorText, type ServerErrorFields } from "./server-error-text";
import type { TypeNames } from "./type-names";
import { parseNumeric, plainValueTypes } from "./postgres-values";

const NUMERIC_OID = 1700;

/** The pool's parsers, except that `numeric` values arrive as their text, kept for exact Decimals. */
const numericAsText = {
  getTypeParser(oid: number, format?: "text" | "binary"): (value: string) => unknown {
    return oid === NUMERIC_OID && format !== "binary" ? (text: string) => text : plainValueTypes.getTypeParser(oid, format);
  },
};

/** Commands whose row count is the number of rows written (CTAS reports `SELECT n`). */
const COUNTED = new Set(["INSERT", "UPDATE", "DELETE", "MERGE", "SELECT", "COPY"]);

/** The protocol connection under a node-postgres client: its `commandComplete` messages carry the whole command tag. */
interface CommandTags {
  on(event: "commandComplete", listener: (message: { text?: string }) => void): unknown;
  off(event: "commandComplete", listener: (message: { text?: string }) => void): unknown;
}

/**
 * Runs one SQL text on a client through the simple query protocol (several `;`-separated
 * statements are allowed; the last one's result is returned) and reads its rows as plain
 * JavaScript objects; repeated column names get `_1`, `_2` suffixes. With `limit`, only the
 * first rows are kept. The result's `status` is the server's command tag (`INSERT 0 3`,
 * `CREATE VIEW`); a server error's message gets libpq's LINE/DETAIL/HINT/CONTEXT lines.
 */
export async function runStatement(client: PoolClient, sql: string, options: ExecuteOptions, typeNames: TypeNames): Promise<QueryResult> {
  const { fetch = true, limit } = options;
  let status: string | undefined;
  const connection = (client as unknown as { connection?: CommandTags }).connection;
  const onTag = (message: { text?: string }) => (status = message.text ?? status);
  connection?.on("commandComplete", onTag);
  let raw: QueryArrayResult | QueryArrayResult[];
  try {
    raw = (await client.query({ text: sql, rowMode: "array", types: numericAsText })) as QueryArrayResult | QueryArrayResult[];
  } catch (error) {
    throw withServerText(error, sql);
  } finally {
    connection?.off("commandComplete", onTag);
  }
  const result = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  if (!result) return { columns: [], rows: [], rowsAffected: null };
  const rowsAffected = result.command && COUNTED.has(result.command) && typeof result.rowCount === "number" ? result.rowCount : null;
  const tagged = status === undefined ? {} : { status };
  if (!fetch || !result.fields || result.fields.length === 0) return { columns: [], rows: [], rowsAffected, ...tagged };
  const names = deduplicate(result.fields.map((f) => f.name));
  const types = await typeNames.resolve(
    result.fields.map((f) => ({ oid: f.dataTypeID, modifier: f.dataTypeModifier })),
    async (lookup) => ((await client.query({ text: lookup, rowMode: "array" })) as QueryArrayResult).rows[0]!.map(String),
  );
  const source = limit === undefined ? result.rows : result.rows.slice(0, limit);
  const numeric = result.fields.map((f) => f.dataTypeID === NUMERIC_OID);
  const decimalTexts: Record<string, (string | null)[]> = {};
  names.forEach((name, c) => numeric[c] && (decimalTexts[name] = []));
  const rows = source.map((values) => {
    const row: Record<string, unknown> = {};
    for (let c = 0; c < names.length; c++) {
      const value = values[c];
      if (numeric[c]) {
        decimalTexts[names[c]!]!.push(value === null ? null : String(value));
        row[names[c]!] = value === null ? null : parseNumeric(String(value));
      } else row[names[c]!] = value;
    }
    return row;
  });
  const exact = numeric.some(Boolean) ? { decimalTexts } : {};
  return { columns: names.map((name, i) => ({ name, type: types[i]! })), rows, rowsAffected, ...tagged, ...exact };
}

/** A server error (node-postgres' DatabaseError, which has a SQLSTATE `code`) with its text as libpq prints it; other errors unchanged. */
function withServerText(error: unknown, sql: string): unknown {
  if (!(error instanceof Error) || typeof (error as { code?: unknown }).code !== "string" || !("severity" in error)) return error;
  error.message = serverErrorText(error as Error & ServerErrorFields, sql);
  return error;
}

function deduplicate(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    return count === 0 ? name : `${name}_${count}`;
  });
}
