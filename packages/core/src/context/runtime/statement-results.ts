import { Tuple } from "@tsdbt/jinja";
import { CompilerError } from "../compiler-error";
import { emptyAgateTable, type AgateTable } from "./agate-table";

/** One stored statement result, as `load_result(name)` returns it. */
export interface StatementResult {
  response: unknown;
  /** The rows as a list of tuples (agate's as_matrix). */
  data: Tuple[];
  table: AgateTable;
}

/**
 * The named results of `{% call statement(name) %}` / `store_result` in one render, with dbt's
 * rules: `load_result` of an unknown name is None; a result can be loaded once (then TSDBT-E034),
 * except `main`, which the materializations read more than once.
 */
export class StatementResults {
  private readonly byName = new Map<string, StatementResult | null>();

  store(name: string, response: unknown, table: AgateTable | null): void {
    const t = table ?? emptyAgateTable();
    this.byName.set(name, { response, data: [...t.rows].map((row) => Tuple.create([...row])), table: t });
  }

  load(name: string): StatementResult | null {
    if (!this.byName.has(name)) return null;
    const found = this.byName.get(name) ?? null;
    if (name === "main") return found;
    if (found === null) {
      throw new CompilerError("TSDBT-E034", `The 'statement' result named '${name}' has already been loaded into a variable.`, "Load each statement result once: keep it in a variable ({% set result = load_result('name') %}).");
    }
    this.byName.set(name, null);
    return found;
  }
}
