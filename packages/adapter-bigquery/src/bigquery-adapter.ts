import type { BigQuery, Job } from "@google-cloud/bigquery";
import type { Adapter, AdapterContext, AdapterFactory, Column, DryRunResult, ExecuteOptions, ProfileTarget, QueryResult, RelationRef, SqlDialect } from "@tsdbt/adapter-api";
import { bigqueryCapabilities } from "./bigquery-capabilities";
import { columnsOf, listDatasetRelations, listDatasets, relationType, tableMetadata } from "./bigquery-catalog";
import { createBigQueryClient, loadBigQueryDriver } from "./bigquery-client";
import { bigqueryDialectFor } from "./bigquery-dialect";
import { bigqueryError, BigQueryErrorCode } from "./bigquery-errors";
import { runQueryJob, type JobOutcome, type JobRunOptions } from "./bigquery-jobs";
import { readBigQueryProfile, type BigQueryProfile } from "./bigquery-profile";
import { rowsOf, standardTypeName } from "./bigquery-values";
import { jobLabelsOf } from "./job-labels";
import { csvLoadStatements } from "./load-csv";
import { dropThenCreate } from "./replace-changed-spec";
import { parseSchemaStatement, type SchemaStatement } from "./schema-statements";

/**
 * Creates the BigQuery adapter for a `type: bigquery` target. Nothing connects until the first
 * call; profile errors throw `AdapterError` TSDBT-E130 here.
 */
export const createAdapter: AdapterFactory = (target: ProfileTarget, context: AdapterContext): Adapter =>
  new BigQueryAdapter(readBigQueryProfile(target, context));

/** The price of a statement, from a dry run. */
export type { DryRunResult };

/**
 * The BigQuery adapter (@google-cloud/bigquery): every statement is a query job; the catalog
 * comes from the free REST metadata calls; `create schema` / `drop schema` go through the
 * datasets API (datasets are created in the profile's `location`).
 */
export class BigQueryAdapter implements Adapter {
  readonly type = "bigquery";
  readonly dialect: SqlDialect;
  readonly capabilities = bigqueryCapabilities;
  readonly defaultDatabase: string;
  readonly defaultSchema: string;
  private client: Promise<BigQuery> | null = null;
  private readonly running = new Set<Job>();
  private closed = false;

  constructor(readonly profile: BigQueryProfile) {
    this.defaultDatabase = profile.project;
    this.defaultSchema = profile.dataset;
    this.dialect = bigqueryDialectFor(profile.location);
  }

  async open(): Promise<void> {
    await this.connection();
  }

  loadDriver(): void {
    loadBigQueryDriver();
  }

  async execute(sql: string, options: ExecuteOptions = {}): Promise<QueryResult> {
    const schema = parseSchemaStatement(sql);
    if (schema) {
      await this.schemaStatement(schema);
      return { columns: [], rows: [], rowsAffected: null };
    }
    const job = { fetch: options.fetch !== false, labels: jobLabelsOf(options.jobLabels), ...(options.limit !== undefined ? { maxRows: options.limit } : {}) };
    const outcome = await this.run(sql, job).catch(async (error: unknown) => {
      // the partitioning or clustering changed: BigQuery replaces only a table of the same spec
      const rebuild = dropThenCreate(sql, error);
      if (!rebuild) throw error;
      await this.run(rebuild.drop, { ...job, fetch: false });
      return this.run(rebuild.create, job);
    });
    const { names, rows } = rowsOf(outcome.fields, options.fetch === false ? [] : outcome.rows);
    const limited = options.limit === undefined ? rows : rows.slice(0, options.limit);
    return {
      columns: outcome.fields.map((field, i) => ({ name: names[i]!, type: standardTypeName(field) })),
      rows: options.fetch === false ? [] : limited,
      rowsAffected: outcome.rowsAffected,
    };
  }

  /**
   * Validates a statement with a BigQuery dry run (nothing runs, nothing is billed) and returns
   * the bytes it would read. Fails with BigQuery's own message when the SQL is invalid.
   */
  async dryRun(sql: string): Promise<DryRunResult> {
    const outcome = await this.run(sql, { fetch: false, dryRun: true });
    return { totalBytesProcessed: outcome.totalBytesProcessed };
  }

  /**
   * BigQuery runs DDL outside transactions (`capabilities.transactionalDdl` is false): the
   * statements of `fn` run one by one and are not rolled back when it throws.
   */
  async transaction<T>(fn: (tx: Pick<Adapter, "execute">) => Promise<T>): Promise<T> {
    return fn({ execute: (sql, options) => this.execute(sql, options) });
  }

  async listRelations(database: string | null, schema: string): Promise<RelationRef[]> {
    return listDatasetRelations(await this.connection(), database ?? this.defaultDatabase, schema);
  }

  /** A few names of a dataset, looked up one by one (tables.get), which is cheaper than listing a large dataset. */
  async findRelations(database: string | null, schema: string, identifiers: string[]): Promise<RelationRef[]> {
    const client = await this.connection();
    const project = database ?? this.defaultDatabase;
    const found = await Promise.all(identifiers.map(async (identifier) => ({ identifier, metadata: await tableMetadata(client, project, schema, identifier) })));
    return found
      .filter((f) => f.metadata !== null)
      .map((f) => ({ database: project, schema, identifier: f.identifier, type: relationType(f.metadata!.type) }));
  }

  async getColumns(relation: RelationRef): Promise<Column[]> {
    const client = await this.connection();
    return columnsOf(await tableMetadata(client, relation.database ?? this.defaultDatabase, relation.schema, relation.identifier));
  }

  /**
   * Datasets of a project (datasets.list). An endpoint without datasets.list (the local bqlite)
   * answers an empty list: the runner then creates each dataset it builds into through
   * datasets.insert, which accepts an existing one. BigQuery itself always has datasets.list.
   */
  async listSchemas(database: string | null): Promise<string[]> {
    try {
      return await listDatasets(await this.connection(), database ?? this.defaultDatabase);
    } catch (error) {
      const code = (error as { code?: number }).code;
      if (code === 404 || code === 405 || code === 501) return [];
      throw error;
    }
  }

  async loadCsv(relation: RelationRef, file: string, columns: Column[], options: { delimiter: string; header: boolean }): Promise<number> {
    const q = this.dialect.quote;
    const name = `${q(relation.database ?? this.defaultDatabase)}.${q(relation.schema)}.${q(relation.identifier)}`;
    const { statements, rows } = await csvLoadStatements(name, file, columns, options);
    for (const statement of statements) await this.run(statement, { fetch: false });
    return rows;
  }

  /**
   * One copy job (free: no query) copying `sources` into `destination`, created when missing;
   * `replace` truncates it first (WRITE_TRUNCATE), `append` adds the rows (WRITE_APPEND).
   */
  async copyTables(sources: RelationRef[], destination: RelationRef, mode: "replace" | "append"): Promise<void> {
    const client = await this.connection();
    const table = (r: RelationRef) => client.dataset(r.schema, { projectId: r.database ?? this.defaultDatabase }).table(r.identifier);
    const [job] = await table(destination).createCopyFromJob(sources.map(table), {
      createDisposition: "CREATE_IF_NEEDED",
      writeDisposition: mode === "append" ? "WRITE_APPEND" : "WRITE_TRUNCATE",
      ...(this.profile.jobExecutionTimeoutSeconds !== null ? { jobTimeoutMs: String(this.profile.jobExecutionTimeoutSeconds * 1000) } : {}),
    });
    this.running.add(job);
    try {
      await job.promise();
    } finally {
      this.running.delete(job);
    }
  }

  async cancel(): Promise<void> {
    const jobs = [...this.running];
    this.running.clear();
    await Promise.all(jobs.map((job) => job.cancel().catch(() => undefined)));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.cancel();
    this.client = null;
  }

  private async run(sql: string, options: Omit<JobRunOptions, "onJob">): Promise<JobOutcome> {
    const client = await this.connection();
    const mine: Job[] = [];
    try {
      return await runQueryJob(client, this.profile, sql, {
        ...options,
        onJob: (job) => {
          mine.push(job);
          this.running.add(job);
        },
      });
    } finally {
      for (const job of mine) this.running.delete(job);
    }
  }

  private async schemaStatement(statement: SchemaStatement): Promise<void> {
    const client = await this.connection();
    const dataset = client.dataset(statement.dataset, { projectId: statement.project ?? this.defaultDatabase });
    try {
      if (statement.action === "create") {
        await dataset.create(this.profile.location ? { location: this.profile.location } : {});
      } else {
        await dataset.delete({ force: statement.cascade });
      }
    } catch (error) {
      const code = (error as { code?: number }).code;
      if ((statement.action === "create" && code === 409) || (statement.action === "drop" && code === 404)) return;
      throw error;
    }
  }

  private connection(): Promise<BigQuery> {
    if (this.closed) {
      return Promise.reject(bigqueryError(BigQueryErrorCode.cancelled, "A statement was sent after the BigQuery adapter was closed.", "Open a new adapter to run more statements."));
    }
    if (!this.client) {
      const client = createBigQueryClient(this.profile);
      client.catch(() => {
        if (this.client === client) this.client = null;
      });
      this.client = client;
    }
    return this.client;
  }
}
