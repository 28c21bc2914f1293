import {
  type Adapter,
  type AdapterContext,
  type AdapterFactory,
  type Column,
  type ExecuteOptions,
  type ProfileTarget,
  type QueryResult,
  type RelationRef,
} from "@tsdbt/adapter-api";
import type { Connection, RowStatement } from "snowflake-sdk";
import { ConnectionPool } from "./connection-pool";
import { connectionOptions } from "./driver-options";
import { loadCsvFile } from "./load-csv";
import { RelationListings } from "./relation-listings";
import { SchemaNames } from "./schema-names";
import { SNOWFLAKE_CAPABILITIES } from "./snowflake-capabilities";
import { describeColumns, showObjects, showSchemas } from "./snowflake-catalog";
import { SnowflakeErrorCode, snowflakeError } from "./snowflake-errors";
import { snowflakeDialect } from "./snowflake-dialect";
import { renderPart } from "./snowflake-identifiers";
import { readSnowflakeProfile, type SnowflakeProfile } from "./snowflake-profile";
import { runStatement, type StatementOptions } from "./snowflake-statement";

/**
 * Creates the Snowflake adapter for a `type: snowflake` target. Nothing connects until
 * {@link Adapter.open} (or the first statement). Profile errors throw `AdapterError` TSDBT-E120.
 */
export const createAdapter: AdapterFactory = (target: ProfileTarget, context: AdapterContext): Adapter => new SnowflakeAdapter(readSnowflakeProfile(target, context));

/** A relation's name rendered as its quote policy says (every part quoted when it has none). */
export function renderRelation(ref: RelationRef, defaultDatabase: string): string {
  const policy = ref.quotePolicy;
  return [
    renderPart(ref.database ?? defaultDatabase, policy?.database ?? true),
    renderPart(ref.schema, policy?.schema ?? true),
    renderPart(ref.identifier, policy?.identifier ?? true),
  ].join(".");
}

/** The Snowflake adapter: sessions of snowflake-sdk, one statement per request. */
export class SnowflakeAdapter implements Adapter {
  readonly type = "snowflake";
  readonly dialect = snowflakeDialect;
  readonly capabilities = SNOWFLAKE_CAPABILITIES;
  readonly defaultDatabase: string;
  readonly defaultSchema: string;
  private pool: ConnectionPool | null = null;
  private closed = false;
  private readonly schemaNames = new SchemaNames((sql) => this.execute(sql));
  private readonly listings = new RelationListings((database, schema) => this.showObjects(database, schema));

  constructor(private readonly profile: SnowflakeProfile) {
    this.defaultDatabase = profile.database;
    this.defaultSchema = profile.schema;
  }

  async open(): Promise<void> {
    // one session logs in now, so a bad login fails here rather than at the first model
    await this.sessions().use(async () => undefined);
  }

  loadDriver(): void {
    snowflakeDriver(this.profile);
  }

  async execute(sql: string, options: ExecuteOptions = {}): Promise<QueryResult> {
    return this.sessions().use((connection, track) => runStatement(connection, sql, this.statementOptions(options, track)));
  }

  async transaction<T>(fn: (tx: Pick<Adapter, "execute">) => Promise<T>): Promise<T> {
    return this.sessions().use(async (connection, track) => {
      const run = (sql: string, options: ExecuteOptions = {}) => runStatement(connection, sql, this.statementOptions(options, track));
      await run("begin", { fetch: false });
      try {
        const result = await fn({ execute: run });
        await run("commit", { fetch: false });
        return result;
      } catch (error) {
        await run("rollback", { fetch: false }).catch(() => undefined);
        throw error;
      }
    });
  }

  /** The relations of a schema (`show terse objects`; the adapter worker keeps them until the catalog changes). */
  async listRelations(database: string | null, schema: string): Promise<RelationRef[]> {
    const db = database ?? this.defaultDatabase;
    const relations = await this.showObjects(db, schema);
    this.listings.remember(db, schema, relations);
    return relations;
  }

  private async showObjects(database: string, schema: string): Promise<RelationRef[]> {
    const stored = await this.schemaNames.resolve(database, schema);
    return stored === null ? [] : showObjects((sql) => this.execute(sql), database, stored);
  }

  findRelations(database: string | null, schema: string, identifiers: string[]): Promise<RelationRef[]> {
    return this.listings.find(database ?? this.defaultDatabase, schema, identifiers);
  }

  /** Columns of a relation (`describe table`; the adapter worker keeps them until the catalog changes). */
  async getColumns(relation: RelationRef): Promise<Column[]> {
    const database = relation.database ?? this.defaultDatabase;
    const schema = await this.schemaNames.resolve(database, relation.schema);
    if (schema === null) return [];
    const prefix = `${renderPart(database, relation.quotePolicy?.database ?? true)}.${renderPart(schema, true)}`;
    return describeColumns((sql) => this.execute(sql), prefix, relation.identifier, relation.quotePolicy?.identifier ?? null);
  }

  async listSchemas(database: string | null): Promise<string[]> {
    const db = database ?? this.defaultDatabase;
    const names = await showSchemas((sql) => this.execute(sql), db);
    this.schemaNames.remember(db, names);
    return names;
  }

  async loadCsv(relation: RelationRef, file: string, columns: Column[], options: { delimiter: string; header: boolean }): Promise<number> {
    const name = renderRelation(relation, this.defaultDatabase);
    return this.sessions().use((connection, track) =>
      loadCsvFile((sql, binds) => runStatement(connection, sql, { fetch: false, queryTag: this.profile.queryTag, onStart: track, ...(binds ? { binds } : {}) }), name, file, columns, options),
    );
  }

  async cancel(): Promise<void> {
    await this.pool?.cancelAll();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.pool?.close();
  }

  private statementOptions(options: ExecuteOptions, track: (statement: RowStatement) => void): StatementOptions {
    return {
      fetch: options.fetch ?? true,
      ...(options.limit !== undefined ? { limit: options.limit } : {}),
      queryTag: options.queryTag ?? this.profile.queryTag,
      onStart: track,
    };
  }

  private sessions(): ConnectionPool {
    if (this.closed && !this.pool) throw snowflakeError(SnowflakeErrorCode.closed, "The snowflake adapter is closed.", "Open a new adapter or run the command again.");
    if (!this.pool) {
      const driver = snowflakeDriver(this.profile);
      this.pool = new ConnectionPool(driver, this.profile, connectionOptions(this.profile));
    }
    return this.pool;
  }
}

let configured = false;

/** snowflake-sdk, configured once: its own logging off, and certificate revocation checks off for `insecure_mode` or plain http. */
function snowflakeDriver(profile: SnowflakeProfile): typeof import("snowflake-sdk") {
  // The driver loads the AWS SDK (for stages tsdbt does not use), which warns about Node 20 on load.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const driver = require("snowflake-sdk") as typeof import("snowflake-sdk");
  if (!configured) {
    configured = true;
    driver.configure({ logLevel: "OFF" as never });
  }
  if (profile.insecureMode || profile.accessUrl?.startsWith("http://")) driver.configure({ disableOCSPChecks: true });
  return driver;
}

export type { Connection };

