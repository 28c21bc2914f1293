import type { AdapterContext, AdapterFactory, ProfileTarget } from "./adapter";
import type { SqlDialect } from "./dialect";
import { loadAdapter, type LoadAdapterOptions } from "./load-adapter";

/** Where a target builds by default, known without connecting. */
export interface TargetLocation {
  database: string | null;
  schema: string;
}

/**
 * What an adapter package exports. Only `createAdapter` is required; `dialect` and
 * `describeTarget` let core name relations while compiling offline, without a connection.
 */
export interface AdapterModule {
  createAdapter: AdapterFactory;
  /** The engine's SQL dialect (quoting, DDL). */
  dialect?: SqlDialect;
  /** The default database and schema of a target (e.g. DuckDB's catalog from the file name). */
  describeTarget?: (target: ProfileTarget, context: AdapterContext) => TargetLocation;
  /** A folder of `.sql` macro files the adapter ships (`<type>__name` implementations), loaded with the built-ins. */
  macrosDir?: string;
  /**
   * Target settings templates see as `target.<key>` when the profile leaves them out (dbt shows
   * every setting of the adapter's credentials, with its default: `target.connect_timeout` is 10).
   */
  targetDefaults?: Readonly<Record<string, unknown>>;
}

/** Loads an adapter package by profile type (see {@link loadAdapter}) and returns its whole module. */
export function loadAdapterModule(type: string, options: LoadAdapterOptions = {}): AdapterModule {
  const createAdapter = loadAdapter(type, options);
  const packageName = `@tsdbt/adapter-${type}`;
  const resolved = require.resolve(packageName, options.paths?.length ? { paths: [...options.paths, __dirname] } : undefined);
  const mod = require(resolved) as Partial<AdapterModule>;
  return { ...mod, createAdapter };
}
