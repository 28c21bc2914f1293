import type { TableContract } from "@tsdbt/adapter-api";
import { CompilerError, contracts } from "@tsdbt/core";
import { TemplateFailure } from "../runner-error";
import type { BuildContext, SqlExecutor } from "./build-context";

/**
 * The global macros a model contract's steps go through. When the project or a package overrides
 * one of them, a contracted model's table or view step renders dbt's `get_create_*_as_sql` (whose
 * built-in versions call these) instead of tsdbt's TypeScript path, so the override takes effect.
 */
export const CONTRACT_MACROS = [
  "get_assert_columns_equivalent",
  "assert_columns_equivalent",
  "get_table_columns_and_constraints",
  "table_columns_and_constraints",
  "format_columns",
  "format_column",
  "get_column_names",
  "get_select_subquery",
  "get_empty_schema_sql",
  "get_empty_subquery_sql",
  "get_column_schema_from_query",
] as const;

/** True when the node's contract is enforced (`contract: {enforced: true}`). */
export function contractEnforced(context: BuildContext): boolean {
  return contracts.contractEnforced(context.node);
}

/** Fails the node as dbt does when its contract is broken: a Compilation Error with dbt's message. */
function refuse(message: string, hint: string): never {
  throw new TemplateFailure(new CompilerError("TSDBT-E030", message, hint));
}

/**
 * dbt's pre-flight check of an enforced contract, run before the relation is built: the columns
 * the model's query returns (`select * from (…) where false limit 0`) must be those its YAML
 * declares, as many, with the same names and the same types as the warehouse describes them
 * (the declared types are described from `select cast(null as <type>) as <name>, …`), so types
 * the warehouse does not tell apart (PostgreSQL's `varchar(5)` and `text`) are compatible.
 * Throws a Compilation Error with dbt's mismatch table; warns about `numeric` without precision.
 */
export async function assertContractColumns(context: BuildContext, executor: SqlExecutor, sql: string): Promise<void> {
  const { node, adapter } = context;
  const hint = `Make the columns of ${node.name}'s query and the columns (name, data_type) of its YAML agree, or turn the contract off.`;
  if (Object.keys(node.columns).length === 0) refuse(contracts.contractErrorMessage([], []), hint);
  const labels = contracts.typeLabelsOf(adapter.type);
  const describe = async (query: string) =>
    (await executor.execute(query, { fetch: true, nodeId: node.unique_id })).columns.map((c) => contracts.formattedQueryColumn(c.name, c.type, adapter.type, labels));
  const header = typeof node.config.sql_header === "string" ? node.config.sql_header : null;
  const sqlColumns = await describe(contracts.emptySubquerySql(sql, header));
  const declared = contracts.contractColumns(node, labels);
  const untyped = declared.filter((c) => c.data_type === null).map((c) => c.name);
  if (untyped.length > 0) refuse(contracts.missingDataTypeMessage(untyped), `Give each column of ${node.name} a data_type in its YAML.`);
  const typed = declared.map((c) => ({ name: contracts.contractColumnName(c, adapter.dialect.quote), data_type: c.data_type! }));
  const unscaled = contracts.numericColumnsWithoutScale(declared.map((c) => ({ name: c.name, data_type: c.data_type! })));
  if (unscaled.length > 0) context.warn(contracts.numericWithoutScaleWarning(unscaled));
  const yamlColumns = await describe(contracts.emptySubquerySql(contracts.emptySchemaSql(typed)));
  if (!contracts.columnsKeepContract(yamlColumns, sqlColumns)) refuse(contracts.contractErrorMessage(yamlColumns, sqlColumns), hint);
}

/**
 * The typed columns, constraints and filling query a contracted table is created with, for the
 * adapter's dialect; warns about the constraints the engine ignores or does not enforce.
 */
export function tableContract(context: BuildContext, sql: string): TableContract {
  const { node, adapter } = context;
  const { contract, warnings } = contracts.tableContractOf(node, adapter.type, contracts.typeLabelsOf(adapter.type), adapter.dialect.quote, sql);
  for (const warning of warnings) context.warn(`${node.unique_id}: ${warning}`);
  return contract;
}
