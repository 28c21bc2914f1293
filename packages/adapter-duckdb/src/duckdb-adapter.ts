import * as fs from "node:fs";
import * as path from "node:path";
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import {
  AdapterError,
  type Adapter,
  type AdapterContext,
  type AdapterFactory,
  type Column,
  type ExecuteOptions,
  type ProfileTarget,
  type QueryResult,
  type RelationRef,
} from "@tsdbt/adapter-api";
import { ConnectionPool } from "./connection-pool";
import { DUCKDB_CAPABILITIES } from "./duckdb-capabilities";
import { queryColumns, queryNamedRelations, queryRelations, querySchemas } from "./duckdb-catalog";
import { duckdbDialect } from "./duckdb-dialect";
import { loadExtensions } from "./duckdb-extensions";
import { readDuckDbProfile, type DuckDbProfile } from "./duckdb-profile";
import { runStatement } from "./duckdb-statement";
import { acquireInstance, releaseInstance } from "./instance-registry";
import { loadCsvFile, type CsvLoadOptions } from "./load-csv";

/**
 * Creates the DuckDB adapter for a `type: duckdb` target. Nothing is opened until
 * {@link Adapter.open} (or the first statement). Profile errors throw {@link AdapterError}.
 */
export const createAdapter: AdapterFactory = (target: ProfileTarget, context: AdapterContext): Adapter =>
  new DuckDbAdapter(readDuckDbProfile(target, context));

class DuckDbAdapter implements Adapter {
  readonly type = "duckdb";
  readonly dialect = duckdbDialect;
  readonly capabilities = DUCKDB_CAPABILITIES;
  readonly defaultSchema: string;
  private database: string;
  private opening: Promise<{ instance: DuckDBInstance; pool: ConnectionPool }> | null = null;

  constructor(private readonly profile: DuckDbProfile) {
    this.defaultSchema = profile.schema;
    this.database = profile.database;
  }

  get defaultDatabase(): string {
    return this.database;
  }

  async open(): Promise<void> {
    await this.pool();
  }

  async execute(sql: string, options?: ExecuteOptions): Promise<QueryResult> {
    return (await this.pool()).use((connection) => runStatement(connection, sql, options));
  }

  async transaction<T>(fn: (tx: Pick<Adapter, "execute">) => Promise<T>): Promise<T> {
    return (await this.pool()).use((connection) =>
      inTransaction(connection, () => fn({ execute: (sql, options) => runStatement(connection, sql, options) })),
    );
  }

  async listRelations(database: string | null, schema: string): Promise<RelationRef[]> {
    return (await this.pool()).use((c) => queryRelations(c, database ?? this.database, schema));
  }

  async findRelations(database: string | null, schema: string, identifiers: string[]): Promise<RelationRef[]> {
    return (await this.pool()).use((c) => queryNamedRelations(c, database ?? this.database, schema, identifiers));
  }

  async getColumns(relation: RelationRef): Promise<Column[]> {
    return (await this.pool()).use((c) => queryColumns(c, relation.database ?? this.database, relation.schema, relation.identifier));
  }

  async listSchemas(database: string | null): Promise<string[]> {
    return (await this.pool()).use((c) => querySchemas(c, database ?? this.database));
  }

  async loadCsv(relation: RelationRef, file: string, columns: Column[], options: CsvLoadOptions): Promise<number> {
    const q = this.dialect.quote;
    const name = `${q(relation.database ?? this.database)}.${q(relation.schema)}.${q(relation.identifier)}`;
    return (await this.pool()).use((connection) =>
      inTransaction(connection, () => loadCsvFile(connection, this.dialect, name, file, columns, options)),
    );
  }

  async cancel(): Promise<void> {
    if (!this.opening) return;
    (await this.opening).pool.interruptAll(new AdapterError("TSDBT-E044", "The statement was cancelled before it started.", "Run the command again."));
  }

  async close(): Promise<void> {
    const opening = this.opening;
    if (!opening) return;
    this.opening = null;
    const { instance, pool } = await opening;
    await pool.close();
    releaseInstance(this.profile.path, instance);
  }

  private pool(): Promise<ConnectionPool> {
    if (!this.opening) {
      const opening = this.connect();
      opening.catch(() => {
        if (this.opening === opening) this.opening = null;
      });
      this.opening = opening;
    }
    return this.opening.then((o) => o.pool);
  }

  private async connect(): Promise<{ instance: DuckDBInstance; pool: ConnectionPool }> {
    const { profile } = this;
    if (path.isAbsolute(profile.path)) fs.mkdirSync(path.dirname(profile.path), { recursive: true });
    const instance = await acquireInstance(profile.path).catch((error: unknown) => {
      throw lockConflict(error, profile.path) ?? error;
    });
    try {
      const first = await instance.connect();
      try {
        for (const a of profile.attach) {
          const opts = [a.type ? `type ${a.type}` : "", a.readOnly ? "read_only" : ""].filter(Boolean).join(", ");
          await first.run(`attach if not exists ${duckdbDialect.literal(a.path)} as ${duckdbDialect.quote(a.alias)}${opts ? ` (${opts})` : ""}`);
        }
        await loadExtensions(first, profile.extensions);
        if (profile.database === profile.mainCatalog) {
          const current = (await first.runAndReadAll("select current_database()")).getRows()[0][0];
          this.database = String(current);
        }
      } finally {
        first.closeSync();
      }
      const pool = new ConnectionPool(instance, profile.threads, (c) => this.prepareConnection(c));
      return { instance, pool };
    } catch (error) {
      releaseInstance(profile.path, instance);
      throw error;
    }
  }

  private async prepareConnection(connection: DuckDBConnection): Promise<void> {
    for (const [name, value] of Object.entries(this.profile.settings)) {
      const rendered = typeof value === "string" ? duckdbDialect.literal(value) : String(value);
      await connection.run(`set ${name} = ${rendered}`);
    }
    if (this.profile.database !== this.profile.mainCatalog) await connection.run(`use ${duckdbDialect.quote(this.profile.database)}`);
  }
}

/** Runs `fn` between BEGIN and COMMIT on one connection, rolling back when it or the commit fails. */
async function inTransaction<T>(connection: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
  await connection.run("begin transaction");
  try {
    const result = await fn();
    await connection.run("commit");
    return result;
  } catch (error) {
    await connection.run("rollback").catch(() => undefined);
    throw error;
  }
}

/** DuckDB's refusal to open a file another process holds, as TSDBT-E048; undefined for any other error. */
function lockConflict(error: unknown, file: string): AdapterError | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!/Could not set lock on file/.test(message)) return undefined;
  const holder = /\(PID (\d+)\)/.exec(message)?.[1];
  return new AdapterError(
    "TSDBT-E048",
    `The DuckDB file ${file} is in use by another process${holder ? ` (PID ${holder})` : ""}; DuckDB lets one process write a file at a time.`,
    "Wait for the other tsdbt or DuckDB process to end, or close it, and run the command again.",
  );
}
