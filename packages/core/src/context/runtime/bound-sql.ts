import { PyDecimal, pyStr } from "@tsdbt/jinja";
import { CompilerError } from "../compiler-error";

/** A value as a SQL literal: None as null, booleans and numbers (Decimals exactly) as written, anything else quoted text. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number" || typeof value === "bigint" || value instanceof PyDecimal) return String(value);
  return `'${pyStr(value).replace(/'/g, "''")}'`;
}

/**
 * `adapter.add_query(sql, bindings=[…])`: the statement with each `%s` placeholder (dbt's binding
 * character) replaced by the next binding as a SQL literal; `%%` stands for `%`. tsdbt sends the
 * literals inline rather than as driver parameters.
 * @throws CompilerError TSDBT-E033 when the placeholders and the bindings differ in number.
 */
export function bindLiterals(sql: string, bindings: readonly unknown[]): string {
  let next = 0;
  const out = sql.replace(/%%|%s/g, (token) => {
    if (token === "%%") return "%";
    if (next >= bindings.length) throw new CompilerError("TSDBT-E033", `adapter.add_query: the statement has more %s placeholders than the ${bindings.length} bindings given.`, "Give one binding per %s placeholder.");
    return literal(bindings[next++]);
  });
  if (next !== bindings.length) throw new CompilerError("TSDBT-E033", `adapter.add_query: ${bindings.length} bindings were given for ${next} %s placeholders.`, "Give one binding per %s placeholder.");
  return out;
}
