import type { PoolClient } from "pg";
import type {
  Adapter,
  AdapterContext,
  AdapterFactory,
  Capabilities,
  Column,
  ExecuteOptions,
  ProfileTarget,
  QueryResult,
  RelationRef,
} from "@tsdbt/adapter-api";
import { ClientPool } from "./client-pool";
import { nodePostgres } from "./node-postgres";
import { loadCsvFile } from "./load-csv";
import { postgresCapabilities } from "./postgres-capabilities";
import { columnsFrom, columnsQuery, relationsFrom, relationsQuery, schemaColumnsFrom, schemaColumnsQuery, SCHEMAS_QUERY } from "./postgres-catalog";
import { postgresDialect } from "./postgres-dialect";
import { readPostgresProfile, type PostgresProfile } from "./postgres-profile";
import { runStatement } from "./postgres-statement";
import { TypeNames } from "./type-names";

/** What the adapter learns about the server when it opens. */
export interface ServerInfo {
  /** `server_version_num`, e.g. 150020. */
  versionNum: number;
  /** `version()`. */
  version: string;
  /** Whether `COPY … FROM STDIN` can stream over the connection (PGlite's socket server cannot). */
  copyFromStdin: boolean;
}

/**
 * Creates the PostgreSQL adapter for a `type: postgres` target. Nothing connects until
 * {@link Adapter.open} (or the first statement). Profile errors throw `AdapterError` TSDBT-E100.
 */
export const createAdapter: AdapterFactory = (target: ProfileTarget, _context: AdapterContext): Adapter =>
  new PostgresAdapter(readPostgresProfile(target, _context));

/** The PostgreSQL adapter; `server` is known once it is open. */
export class PostgresAdapter implements Adapter {
  readonly type = "postgres";
  readonly dialect = postgresDialect;
  readonly defaultSchema: string;
  readonly defaultDatabase: string;
  private readonly typeNames = new TypeNames();
  private opening: Promise<{ pool: ClientPool; server: ServerInfo }> | null = null;
  private info: ServerInfo | null = null;

  constructor(private readonly profile: PostgresProfile) {
    this.defaultSchema = profile.schema;
    this.defaultDatabase = profile.dbname;
  }

  /** Flags for the connected server (MERGE from PostgreSQL 15); before `open`, MERGE is assumed missing. */
  get capabilities(): Capabilities {
    return postgresCapabilities(this.info?.versionNum ?? null);
  }

  /** The server's version and features, or null before {@link open}. */
  get server(): ServerInfo | null {
    return this.info;
  }

  async open(): Promise<void> {
    await this.pool();
  }

  loadDriver(): void {
    nodePostgres();
  }

  async execute(sql: string, options: ExecuteOptions = {}): Promise<QueryResult> {
    return (await this.pool()).use((client) => runStatement(client, sql, options, this.typeNames));
  }

  async transaction<T>(fn: (tx: Pick<Adapter, "execute">) => Promise<T>): Promise<T> {
    return (await this.pool()).use((client) =>
      inTransaction(client, () => fn({ execute: (sql, options = {}) => runStatement(client, sql, options, this.typeNames) })),
    );
  }

  async listRelations(_database: string | null, schema: string): Promise<RelationRef[]> {
    const result = await this.execute(relationsQuery(schema));
    return relationsFrom(result.rows, this.defaultDatabase);
  }

  async findRelations(_database: string | null, schema: string, identifiers: string[]): Promise<RelationRef[]> {
    const result = await this.execute(relationsQuery(schema, identifiers));
    return relationsFrom(result.rows, this.defaultDatabase);
  }

  async getColumns(relation: RelationRef): Promise<Column[]> {
    return columnsFrom((await this.execute(columnsQuery(relation.schema, relation.identifier))).rows);
  }

  async getSchemaColumns(_database: string | null, schema: string): Promise<Map<string, Column[]>> {
    return schemaColumnsFrom((await this.execute(schemaColumnsQuery(schema))).rows);
  }

  async listSchemas(_database: string | null): Promise<string[]> {
    return (await this.execute(SCHEMAS_QUERY)).rows.map((row) => String(row.name));
  }

  async loadCsv(relation: RelationRef, file: string, columns: Column[], options: { delimiter: string; header: boolean }): Promise<number> {
    const q = this.dialect.quote;
    const name = `${q(relation.database ?? this.defaultDatabase)}.${q(relation.schema)}.${q(relation.identifier)}`;
    const { pool, server } = await this.connection();
    return pool.use((client) => inTransaction(client, () => loadCsvFile(client, name, file, columns, { ...options, copy: server.copyFromStdin })));
  }

  async cancel(): Promise<void> {
    if (!this.opening) return;
    const { pool } = await this.opening;
    await pool.cancelAll();
  }

  async close(): Promise<void> {
    const opening = this.opening;
    if (!opening) return;
    this.opening = null;
    const { pool } = await opening;
    await pool.close();
  }

  private async pool(): Promise<ClientPool> {
    return (await this.connection()).pool;
  }

  private connection(): Promise<{ pool: ClientPool; server: ServerInfo }> {
    if (!this.opening) {
      const opening = this.connect();
      opening.catch(() => {
        if (this.opening === opening) this.opening = null;
      });
      this.opening = opening;
    }
    return this.opening;
  }

  private async connect(): Promise<{ pool: ClientPool; server: ServerInfo }> {
    const pool = new ClientPool(this.profile);
    try {
      const server = await pool.use(async (client) => {
        const result = await client.query("select current_setting('server_version_num') as num, version() as version");
        const row = result.rows[0] as { num: string; version: string };
        return { versionNum: Number(row.num), version: row.version, copyFromStdin: !/PGlite/i.test(row.version) };
      });
      this.info = server;
      return { pool, server };
    } catch (error) {
      await pool.close().catch(() => undefined);
      throw error;
    }
  }
}

/** Runs `fn` between BEGIN and COMMIT on one client, rolling back when it or the commit fails. */
async function inTransaction<T>(client: PoolClient, fn: () => Promise<T>): Promise<T> {
  await client.query("begin");
  try {
    const result = await fn();
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  }
}
