import type { RelationRef } from "@tsdbt/adapter-api";

/** A column name with its SQL type (null: unknown, values are left untyped). */
export interface TypedColumn {
  name: string;
  type: string | null;
}

/** What the runner needs from core to run unit tests (the CLI bridges core's UnitTestCompiler). */
export interface UnitTestPort {
  /** For each `given` input, the real relation whose columns type its fixture (null: none). */
  inputRelations(uniqueId: string): (RelationRef | null)[];
  /** The model's SQL on fixture CTEs; `inputColumns[i]` null when input i's relation does not exist. */
  compile(uniqueId: string, inputColumns: readonly (TypedColumn[] | null)[]): string;
  /** The expected rows as a query typed like `actual`, and the columns to compare (empty: all). */
  expected(uniqueId: string, actual: readonly TypedColumn[]): { sql: string; columns: string[] };
}
