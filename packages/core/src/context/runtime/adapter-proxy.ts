import { columnConstraintOf, constraintDialect, describedTypeName, isConstraintType, modelConstraintOf, Relation, tableSpec, type RelationRef, type TableContract } from "@tsdbt/adapter-api";
import { hostFunction, Tuple, type HostFunction } from "@tsdbt/jinja";
import { CompilerError, WarehouseNeededError } from "../compiler-error";
import type { SyncWarehouse } from "../warehouse";
import { agateTable, emptyAgateTable, type AgateTable } from "./agate-table";
import { adapterResponse } from "./adapter-response";
import { bindLiterals } from "./bound-sql";
import { behaviorFlags } from "./behavior-flags";
import { standardizeGrantsDict, type GrantsReader } from "./standardize-grants";
import { columnFromWarehouse, DbtColumn, type ColumnFlavour } from "./column";

/** What the `adapter` object is built from. */
export interface AdapterProxyInput {
  adapterType: string;
  quote: (identifier: string) => string;
  /** dbt_project.yml `quoting:` (default: quote every part). */
  quoting: { database?: boolean; schema?: boolean; identifier?: boolean };
  /** False while parsing: warehouse methods give dbt's parse-time stand-ins (None, [], False). */
  execute: boolean;
  warehouse?: SyncWarehouse;
  /** The target's database and schema (defaults of get_relation / already_exists). */
  defaultDatabase: string | null;
  /** Builds an adapter relation from parts. */
  makeRelation: (ref: RelationRef) => Relation;
  columnFlavour: ColumnFlavour;
  /** `adapter.dispatch`. */
  dispatch: HostFunction;
  /** `api.Relation` / `api.Column`, also reachable as `adapter.Relation` / `adapter.Column`. */
  relationApi: unknown;
  columnApi: unknown;
  /** dbt_project.yml `flags:`, read by `adapter.behavior`. */
  projectFlags?: Record<string, unknown>;
  /** The adapter's reader of show-grants rows, for `adapter.standardize_grants_dict`. */
  readGrants?: GrantsReader;
  /** The adapter dialect's table DDL, for `adapter.tsdbt_create_table_as` (its built-in create_table_as). */
  createTableAs?: TableDdl;
  /** Where the agate tables of `adapter.execute` print. */
  print?: (text: string) => void;
  /** Where warnings go (`exceptions.warn`): constraints the engine ignores or does not enforce. */
  warn?: (message: string) => void;
}

/** The adapter dialect's `create table … as (select)` with a node's config (partitioning, clustering, options). */
export type TableDdl = (relation: string, sql: string, options: { temporary: boolean; config: Record<string, unknown>; replace: boolean; contract?: TableContract }) => string;

/** A `{columns, names, select}` dict of texts as a table contract; undefined for none. */
function tableContractArg(value: unknown): TableContract | undefined {
  const dict = asRecord(value);
  if (dict.columns === undefined || dict.columns === null) return undefined;
  return { columns: String(dict.columns).trim(), names: String(dict.names ?? "").trim(), select: String(dict.select ?? "").trim() };
}

const str = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));
const asRecord = (v: unknown): Record<string, unknown> => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isConstraint = (v: unknown): v is Record<string, unknown> => isConstraintType(asRecord(v).type);

/**
 * `adapter.get_incremental_strategy_macro(context, strategy)`: the macro `get_incremental_<strategy>_sql`
 * (`+` read as `_`; none as `default`) found in `context`, as dbt's incremental materialization
 * looks it up. dbt also refuses a built-in strategy its adapter lacks; tsdbt leaves that to the macro.
 */
function incrementalStrategyMacro(context: unknown, strategy: unknown): unknown {
  const macroName = `get_incremental_${String(strategy ?? "default").replace(/\+/g, "_")}_sql`;
  const found = context && typeof context === "object" ? (context as Record<string, unknown>)[macroName] : undefined;
  if (found === undefined || found === null) {
    throw new CompilerError("TSDBT-E033", `No incremental strategy macro named "${macroName}" for incremental_strategy '${String(strategy)}'.`, `Define a macro ${macroName}(arg_dict) in macros/, or use a strategy the adapter has.`);
  }
  return found;
}

function expectRelation(value: unknown, method: string, arg: string): Relation {
  if (value instanceof Relation) return value;
  throw new CompilerError("TSDBT-E033", `adapter.${method}: '${arg}' must be a Relation (ref(), source(), this or api.Relation.create(...)), not ${String(value)}.`, "Pass a relation object, not its name as a string.");
}

/**
 * The `adapter` object of templates, as dbt's database wrapper: dispatch, quoting helpers and
 * introspection. While parsing (`execute` false) the warehouse methods return what dbt's parse
 * context returns (None, [], False, an empty table) without a connection; at run time they go
 * through the synchronous warehouse (the adapter worker).
 */
export function createAdapterProxy(input: AdapterProxyInput): Record<string, unknown> {
  const warehouse = (what: string): SyncWarehouse | null => {
    if (!input.execute) return null;
    if (!input.warehouse) throw new WarehouseNeededError(what);
    return input.warehouse;
  };
  const run = (wh: SyncWarehouse, sql: string) => wh.executeSync(sql, { fetch: false });
  const schemaMacro = (name: string) => input.dispatch(name, "dbt") as (relation: Relation) => unknown;
  // the quote policy tells the engine how the name is stored (Snowflake describes it once, as written)
  const columnsOf = (wh: SyncWarehouse, relation: Relation): DbtColumn[] => {
    const { database, schema, identifier } = relation.quotePolicy;
    const quotePolicy = { database, schema, identifier };
    return wh.getColumnsSync({ database: relation.database, schema: relation.schema, identifier: relation.identifier, quotePolicy }).map((c) => columnFromWarehouse(c, input.columnFlavour));
  };
  const findRelation = (wh: SyncWarehouse, database: string | null, schema: string, identifier: string): Relation | null => {
    const id = identifier.toLowerCase();
    const found = wh.listRelationsSync(database, schema).find((r) => r.identifier.toLowerCase() === id);
    return found ? input.makeRelation({ ...found, database: found.database ?? database }) : null;
  };
  const relationKind = (r: Relation) => (r.type === "view" ? "view" : r.type === "materialized_view" ? "materialized view" : "table");
  const quoteAs = (identifier: string, key: string): string => {
    if (key !== "database" && key !== "schema" && key !== "identifier") return identifier;
    return input.quoting[key] ?? true ? input.quote(identifier) : identifier;
  };

  const getRelation = hostFunction(([database, schema, identifier], kw) => {
    const wh = warehouse("adapter.get_relation");
    if (!wh) return null;
    const db = str(kw.database ?? database) ?? input.defaultDatabase;
    return findRelation(wh, db, String(kw.schema ?? schema), String(kw.identifier ?? identifier));
  });

  return {
    dispatch: input.dispatch,
    Relation: input.relationApi,
    Column: input.columnApi,
    behavior: behaviorFlags(input.projectFlags ?? {}),
    standardize_grants_dict: (table: unknown) => standardizeGrantsDict(table as AgateTable | null, input.readGrants),
    // the table DDL of tsdbt's TypeScript materializations, for the adapters' create_table_as macros
    // `contract`: {columns, names, select} texts of a contracted table (get_table_columns_and_constraints…)
    tsdbt_create_table_as: hostFunction(([temporary, relation, sql, config, replace, contract], kw) => {
      if (!input.createTableAs) throw new CompilerError("TSDBT-E033", `adapter.tsdbt_create_table_as is not available for the ${input.adapterType} adapter.`, "Call create_table_as(temporary, relation, sql) instead.");
      const target = expectRelation(relation ?? kw.relation, "tsdbt_create_table_as", "relation");
      const settings = config ?? kw.config;
      return input.createTableAs(target.render(), String(sql ?? kw.sql), {
        temporary: Boolean(temporary ?? kw.temporary),
        config: settings && typeof settings === "object" ? (settings as Record<string, unknown>) : {},
        replace: Boolean(replace ?? kw.replace),
        contract: tableContractArg(contract ?? kw.contract),
      });
    }),
    get_incremental_strategy_macro: hostFunction(([context, strategy], kw) => incrementalStrategyMacro(context ?? kw.model_context, strategy ?? kw.strategy)),
    type: () => input.adapterType,
    // the SQL type of an agate table's column (a seed's: the type tsdbt's seed would create)
    convert_type: hostFunction(([table, index], kw) => {
      const types = ((kw.agate_table ?? table) as AgateTable | null)?.column_types;
      const type = types ? types[Number(kw.col_idx ?? index)] : undefined;
      if (type === undefined) throw new CompilerError("TSDBT-E033", `adapter.convert_type: the table has no column ${String(kw.col_idx ?? index)}.`, "Pass an agate table and a column position from 0.");
      return type;
    }),
    quote: (s: unknown) => input.quote(String(s)),
    quote_as_configured: hostFunction(([identifier, key], kw) => quoteAs(String(identifier ?? kw.identifier), String(key ?? kw.quote_key))),
    quote_seed_column: hostFunction(([column, quoteConfig], kw) => {
      const q = quoteConfig ?? kw.quote_config ?? null;
      if (q !== null && typeof q !== "boolean") throw new CompilerError("TSDBT-E033", `The seed configuration value of "quote_columns" has an invalid type ${typeof q}.`, "Set quote_columns to true or false.");
      return q === false ? String(column ?? kw.column) : input.quote(String(column ?? kw.column));
    }),
    commit: () => {
      if (input.execute) input.warehouse?.commitSync?.();
      return "";
    },
    cache_added: () => "",
    cache_dropped: () => "",
    cache_renamed: () => "",
    verify_database: (database: unknown) => {
      const name = String(database).replace(/^"|"$/g, "");
      if (input.defaultDatabase !== null && name.toLowerCase() !== input.defaultDatabase.toLowerCase()) {
        throw new CompilerError("TSDBT-E033", `Cross-db references not allowed in ${input.adapterType} (${name} vs ${input.defaultDatabase}).`, "Use the target's database, or leave the database out.");
      }
      return "";
    },
    get_relation: getRelation,
    already_exists: hostFunction(([schema, name], kw) => {
      const wh = warehouse("adapter.already_exists");
      return wh ? findRelation(wh, input.defaultDatabase, String(kw.schema ?? schema), String(kw.name ?? name)) !== null : false;
    }),
    get_columns_in_relation: (relation: unknown) => {
      const wh = warehouse("adapter.get_columns_in_relation");
      return wh ? columnsOf(wh, expectRelation(relation, "get_columns_in_relation", "relation")) : [];
    },
    get_missing_columns: hostFunction(([from, to], kw) => {
      const wh = warehouse("adapter.get_missing_columns");
      if (!wh) return [];
      const target = new Set(columnsOf(wh, expectRelation(to ?? kw.to_relation, "get_missing_columns", "to_relation")).map((c) => c.name));
      return columnsOf(wh, expectRelation(from ?? kw.from_relation, "get_missing_columns", "from_relation")).filter((c) => !target.has(c.name));
    }),
    expand_target_column_types: hostFunction(([from, to], kw) => {
      const wh = warehouse("adapter.expand_target_column_types");
      if (!wh) return null;
      const goal = expectRelation(to ?? kw.to_relation, "expand_target_column_types", "to_relation");
      const reference = new Map(columnsOf(wh, expectRelation(from ?? kw.from_relation, "expand_target_column_types", "from_relation")).map((c) => [c.name, c]));
      for (const current of columnsOf(wh, goal)) {
        const wanted = reference.get(current.name);
        if (wanted && current.can_expand_to(wanted)) run(wh, `alter table ${goal.render()} alter column ${input.quote(current.name)} type character varying(${wanted.string_size()})`);
      }
      return null;
    }),
    drop_relation: (relation: unknown) => {
      const wh = warehouse("adapter.drop_relation");
      if (!wh) return null;
      const r = expectRelation(relation, "drop_relation", "relation");
      if (r.type === null) return null;
      // as dbt's drop_relation: outside a transaction where none is open (auto_begin=False)
      wh.executeSync(`drop ${relationKind(r)} if exists ${r.render()} cascade`, { fetch: false, autoBegin: false });
      return null;
    },
    truncate_relation: (relation: unknown) => {
      const wh = warehouse("adapter.truncate_relation");
      if (wh) run(wh, `truncate table ${expectRelation(relation, "truncate_relation", "relation").render()}`);
      return null;
    },
    rename_relation: hostFunction(([from, to], kw) => {
      const wh = warehouse("adapter.rename_relation");
      if (!wh) return null;
      const a = expectRelation(from ?? kw.from_relation, "rename_relation", "from_relation");
      const b = expectRelation(to ?? kw.to_relation, "rename_relation", "to_relation");
      // dbt-postgres renames a view with `alter table` too (PostgreSQL takes either)
      const kind = input.adapterType === "postgres" && a.type === "view" ? "table" : relationKind(a);
      run(wh, `alter ${kind} ${a.render()} rename to ${input.quote(b.identifier)}`);
      return null;
    }),
    // as dbt's: through the dispatched create_schema / drop_schema macros, which a project can replace
    create_schema: (relation: unknown) => {
      if (warehouse("adapter.create_schema")) schemaMacro("create_schema")(expectRelation(relation, "create_schema", "relation"));
      return null;
    },
    drop_schema: (relation: unknown) => {
      if (warehouse("adapter.drop_schema")) schemaMacro("drop_schema")(expectRelation(relation, "drop_schema", "relation"));
      return null;
    },
    check_schema_exists: hostFunction(([database, schema], kw) => {
      const wh = warehouse("adapter.check_schema_exists");
      if (!wh) return false;
      const name = String(kw.schema ?? schema).replace(/'/g, "''");
      const r = wh.executeSync(`select count(*) as n from information_schema.schemata where lower(schema_name) = lower('${name}')`, { fetch: true });
      void database;
      return Number(r.rows[0]?.n ?? 0) > 0;
    }),
    list_schemas: (database: unknown) => {
      const wh = warehouse("adapter.list_schemas");
      if (!wh) return [];
      const db = str(database);
      const where = db ? ` where lower(catalog_name) = lower('${db.replace(/'/g, "''")}')` : "";
      return wh.executeSync(`select distinct schema_name from information_schema.schemata${where} order by 1`, { fetch: true }).rows.map((r) => String(r.schema_name));
    },
    list_relations_without_caching: (schemaRelation: unknown) => {
      const wh = warehouse("adapter.list_relations_without_caching");
      if (!wh) return [];
      const r = expectRelation(schemaRelation, "list_relations_without_caching", "schema_relation");
      return wh.listRelationsSync(r.database, r.schema).map((found) => input.makeRelation({ ...found, database: found.database ?? r.database }));
    },
    execute: hostFunction(([sql, autoBegin, fetch, limit], kw) => {
      const wh = warehouse("adapter.execute");
      if (!wh) return Tuple.create(["", emptyAgateTable()]);
      const lim = kw.limit ?? limit;
      // dbt's adapter.execute does not open a transaction unless asked (auto_begin=False)
      const r = wh.executeSync(String(kw.sql ?? sql), { fetch: Boolean(kw.fetch ?? fetch), limit: lim === undefined || lim === null ? undefined : Number(lim), autoBegin: Boolean(kw.auto_begin ?? autoBegin) });
      return Tuple.create([adapterResponse(String(kw.sql ?? sql), r), agateTable(r, input.print, true)]);
    }),
    add_query: hostFunction(([sql, autoBegin, bindings], kw) => {
      const wh = warehouse("adapter.add_query");
      const values = kw.bindings ?? bindings;
      const text = String(kw.sql ?? sql);
      if (wh) wh.executeSync(Array.isArray(values) ? bindLiterals(text, values) : text, { fetch: false, autoBegin: Boolean(kw.auto_begin ?? autoBegin ?? true) });
      return Tuple.create([null, null]);
    }),
    // the query as given (get_column_schema_from_query() wraps it); types named as dbt's adapter names them
    get_column_schema_from_query: (sql: unknown) => {
      const wh = warehouse("adapter.get_column_schema_from_query");
      if (!wh) return [];
      const r = wh.executeSync(String(sql), { fetch: true });
      return r.columns.map((c) => {
        const type = describedTypeName(input.adapterType, c.type);
        return new DbtColumn(c.name, input.columnFlavour.typeLabels[type.toUpperCase()] ?? type, null, null, null, input.columnFlavour);
      });
    },
    // a contract's DDL: each column's definition with its constraints, and the model's constraints
    render_raw_columns_constraints: hostFunction(([rawColumns], kw) => {
      const columns = Object.values(asRecord(kw.raw_columns ?? rawColumns)).map((c) => {
        const column = asRecord(c);
        const constraints = asList(column.constraints).filter(isConstraint).map(columnConstraintOf);
        return { name: String(column.name), quote: column.quote === true, data_type: String(column.data_type), constraints };
      });
      const spec = tableSpec(columns, [], constraintDialect(input.adapterType), input.quote);
      spec.warnings.forEach((w) => input.warn?.(w));
      return spec.columns;
    }),
    render_raw_model_constraints: hostFunction(([rawConstraints], kw) => {
      const constraints = asList(kw.raw_constraints ?? rawConstraints).filter(isConstraint).map(modelConstraintOf);
      const spec = tableSpec([], constraints, constraintDialect(input.adapterType), input.quote);
      spec.warnings.forEach((w) => input.warn?.(w));
      return spec.constraints;
    }),
  };
}
