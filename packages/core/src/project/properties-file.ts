/** Where an entry of a properties file starts (1-based). */
export interface EntryLocation {
  line: number;
  col: number;
}

/** A column documented in a properties file. */
export interface PropertiesColumn extends EntryLocation {
  name: string;
  description: string;
  data_type: string | null;
  /** `data_tests:` and `tests:` together, as written. */
  data_tests: unknown[];
  meta: Record<string, unknown>;
  tags: string[];
  constraints: unknown[];
  quote: boolean | null;
  config: Record<string, unknown>;
  /** Only on model versions' columns: `include`/`exclude` and the like, as written. */
  raw: Record<string, unknown>;
}

/** Keys shared by models, seeds, snapshots and analyses. */
export interface PropertiesNode extends EntryLocation {
  name: string;
  description: string;
  columns: PropertiesColumn[];
  config: Record<string, unknown>;
  docs: Record<string, unknown>;
  meta: Record<string, unknown>;
  tags: string[];
  data_tests: unknown[];
  raw: Record<string, unknown>;
}

/** A model's properties. */
export interface PropertiesModel extends PropertiesNode {
  access: string | null;
  latest_version: string | number | null;
  versions: Record<string, unknown>[];
  constraints: unknown[];
}

/** A source table. */
export interface PropertiesSourceTable extends EntryLocation {
  name: string;
  identifier: string | null;
  description: string;
  loaded_at_field: string | null;
  freshness: Record<string, unknown> | null | undefined;
  quoting: Record<string, unknown>;
  meta: Record<string, unknown>;
  tags: string[];
  columns: PropertiesColumn[];
  data_tests: unknown[];
  config: Record<string, unknown>;
  external: Record<string, unknown> | null;
  raw: Record<string, unknown>;
}

/** A source (a schema of tables loaded by something else). */
export interface PropertiesSource extends EntryLocation {
  name: string;
  description: string;
  database: string | null;
  schema: string | null;
  loader: string;
  loaded_at_field: string | null;
  /** `undefined` when not set; `null` when set to null (freshness turned off). */
  freshness: Record<string, unknown> | null | undefined;
  quoting: Record<string, unknown>;
  meta: Record<string, unknown>;
  tags: string[];
  config: Record<string, unknown>;
  tables: PropertiesSourceTable[];
  raw: Record<string, unknown>;
}

/** A macro's documentation. */
export interface PropertiesMacro extends EntryLocation {
  name: string;
  description: string;
  arguments: { name: string; type: string | null; description: string }[];
  docs: Record<string, unknown>;
  meta: Record<string, unknown>;
}

/** An entry kept as written (exposures, unit tests, groups), with its name and location. */
export interface PropertiesRawEntry extends EntryLocation {
  name: string;
  raw: Record<string, unknown>;
}

/** A schema.yml-style file after normalisation. */
export interface PropertiesFile {
  file: string;
  version: number | null;
  models: PropertiesModel[];
  sources: PropertiesSource[];
  seeds: PropertiesNode[];
  snapshots: PropertiesNode[];
  analyses: PropertiesNode[];
  macros: PropertiesMacro[];
  exposures: PropertiesRawEntry[];
  unitTests: PropertiesRawEntry[];
  groups: PropertiesRawEntry[];
}
