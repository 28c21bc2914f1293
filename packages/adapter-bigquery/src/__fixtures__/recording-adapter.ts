import type { Adapter, Column, QueryResult, RelationRef } from "@tsdbt/adapter-api";
import { bigqueryCapabilities } from "../bigquery-capabilities";
import { bigqueryDialect } from "../bigquery-dialect";

/**
 * The BigQuery dialect and capabilities over a warehouse that only records: every statement the
 * runner sends is kept (in order) for golden files. It tracks which relations exist from the
 * DDL it sees, so the runner takes the same paths it takes on BigQuery (first build, rebuild,
 * kind change), and answers every `limit 0` probe with `columns`.
 */
export class RecordingAdapter implements Adapter {
  readonly type = "bigquery";
  readonly dialect = bigqueryDialect;
  readonly capabilities = bigqueryCapabilities;
  readonly defaultDatabase = "proj";
  readonly defaultSchema = "analytics";
  readonly statements: string[] = [];
  /** Rows the `OBJECT_PRIVILEGES` query answers (`privilege_type`, `grantee`). */
  grants: Record<string, unknown>[] = [];
  /** Partition ids the partitions query of `copy_partitions` answers. */
  partitionIds: string[] = [];
  private readonly relations = new Map<string, "table" | "view">();

  constructor(private readonly columns: Column[] = []) {}

  /** Declares a relation as existing before the run. */
  exists(schema: string, identifier: string, kind: "table" | "view"): this {
    this.relations.set(`${schema}.${identifier}`, kind);
    return this;
  }

  async open(): Promise<void> {}
  async close(): Promise<void> {}
  async cancel(): Promise<void> {}

  async execute(sql: string): Promise<QueryResult> {
    this.statements.push(sql);
    const ddl = /^(create(?: or replace)?|drop) (table|view)(?: if (?:not )?exists)? `proj`\.`([^`]+)`\.`([^`]+)`/i.exec(sql);
    if (ddl) {
      const key = `${ddl[3]}.${ddl[4]}`;
      if (ddl[1]!.toLowerCase() === "drop") this.relations.delete(key);
      else this.relations.set(key, ddl[2]!.toLowerCase() as "table" | "view");
    }
    if (/INFORMATION_SCHEMA\.OBJECT_PRIVILEGES/.test(sql)) return { columns: [], rows: this.grants, rowsAffected: null };
    if (/ as partition_id\nfrom /.test(sql)) return { columns: [{ name: "partition_id", type: "STRING" }], rows: this.partitionIds.map((partition_id) => ({ partition_id })), rowsAffected: null };
    // tsdbt's column probe, and a model contract's (`… as __dbt_sbq where false limit 0`)
    const probe = /\) as tsdbt_limited limit 0$/.test(sql) || /\) as __dbt_sbq\s+where false\s+limit 0$/.test(sql);
    return { columns: probe ? this.columns.map((c) => ({ name: c.name, type: c.dataType })) : [], rows: [], rowsAffected: null };
  }

  /** A copy job, recorded as a comment line (it is an API call, not SQL). */
  async copyTables(sources: RelationRef[], destination: RelationRef, mode: "replace" | "append"): Promise<void> {
    const name = (r: RelationRef) => `${r.database}.${r.schema}.${r.identifier}`;
    this.statements.push(`-- copy job (${mode === "append" ? "WRITE_APPEND" : "WRITE_TRUNCATE"}, CREATE_IF_NEEDED): ${sources.map(name).join(", ")} -> ${name(destination)}`);
    this.relations.set(`${destination.schema}.${destination.identifier}`, "table");
  }

  async transaction<T>(fn: (tx: Pick<Adapter, "execute">) => Promise<T>): Promise<T> {
    return fn(this);
  }

  async listRelations(database: string | null, schema: string): Promise<RelationRef[]> {
    return [...this.relations]
      .filter(([key]) => key.startsWith(`${schema}.`))
      .map(([key, kind]) => ({ database, schema, identifier: key.slice(schema.length + 1), type: kind }));
  }

  async getColumns(): Promise<Column[]> {
    return this.columns;
  }

  async listSchemas(): Promise<string[]> {
    return ["analytics"];
  }
}
