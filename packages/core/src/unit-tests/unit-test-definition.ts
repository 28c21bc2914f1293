/** The formats a unit test fixture can be written in. */
export type FixtureFormat = "dict" | "csv" | "sql";

/** One `given:` input of a unit test: `ref('x')`, `source('a', 'b')` or `this`, with its rows. */
export interface UnitTestInput {
  input: string;
  /** dict: a list of row objects; csv / sql: text. Null when `fixture` names a file. */
  rows: Record<string, unknown>[] | string | null;
  format: FixtureFormat;
  /** A fixture file under `<test-path>/fixtures/` (without extension). */
  fixture: string | null;
}

/** The `expect:` of a unit test. */
export interface UnitTestExpected {
  rows: Record<string, unknown>[] | string | null;
  format: FixtureFormat;
  fixture: string | null;
}

/** A unit test as dbt's manifest (v12) stores it under `unit_tests`. */
export interface UnitTestDefinition {
  model: string;
  given: UnitTestInput[];
  expect: UnitTestExpected;
  name: string;
  resource_type: "unit_test";
  package_name: string;
  path: string;
  original_file_path: string;
  unique_id: string;
  fqn: string[];
  description: string;
  overrides: { macros?: Record<string, unknown>; vars?: Record<string, unknown>; env_vars?: Record<string, unknown> } | null;
  depends_on: { macros: string[]; nodes: string[] };
  config: { tags: string[]; meta: Record<string, unknown>; enabled: boolean };
  checksum: string | null;
  schema: string | null;
  created_at: number;
  versions: null;
  version: string | number | null;
}

/** Codes of unit test problems. */
export const UnitTestErrorCode = {
  invalidEntry: "TSDBT-E510",
  unknownModel: "TSDBT-E511",
  invalidInput: "TSDBT-E512",
  missingInput: "TSDBT-E513",
  invalidFixture: "TSDBT-E514",
  unknownExpectedColumn: "TSDBT-E515",
} as const;
