import { RunnerError, RunnerErrorCode } from "../runner-error";
import { configValue, type Materialization } from "./build-context";
import { cannotBuild } from "./cannot-build";
import { applyGrants } from "./grants";
import { runNodeHooks } from "./hooks";
import { clearLeftovers } from "./relation-lookup";

/** Resource types whose relations a `copy` model can copy (the nodes it refs). */
const REFERABLE = /^(model|seed|snapshot)\./;

/**
 * `materialized: copy`, on engines with copy jobs (`capabilities.copyJobs`: BigQuery), as
 * dbt-bigquery builds it: the tables the model refs, then the sources it reads, are copied into
 * its relation by one copy job, without a query (nothing is billed). `copy_materialization:
 * table` (default) replaces the relation's rows, `incremental` appends to them. A view in the way is dropped first. The model's
 * SQL is compiled (for `compiled_code`) but not run. Elsewhere the node fails with TSDBT-E401.
 */
export const copyMaterialization: Materialization = async (context) => {
  const { adapter, node, relation } = context;
  const copy = adapter.copyTables?.bind(adapter);
  if (!adapter.capabilities.copyJobs || !copy) {
    throw cannotBuild(context, " (it has no copy jobs)", "Use `materialized: table` with `select * from {{ ref('…') }}` on this warehouse.");
  }
  context.compile(false);
  const upstream = node.depends_on.nodes;
  const copied = [...upstream.filter((id) => REFERABLE.test(id)), ...upstream.filter((id) => id.startsWith("source."))];
  const sources = copied.map((id) => context.compiler.relationOf(id));
  if (sources.length === 0) {
    throw new RunnerError(RunnerErrorCode.nothingToCopy, `Model ${node.name} is materialized as 'copy' but refs no model, seed or snapshot and reads no source to copy.`, {
      file: node.original_file_path,
      hint: "Write the tables to copy as refs or sources in the model, e.g. {{ ref('orders') }} or {{ source('raw', 'events') }}.",
    });
  }
  const mode = String(configValue(node, "copy_materialization", "table")).toLowerCase() === "incremental" ? "append" : "replace";
  const existing = await clearLeftovers(adapter, relation);
  await runNodeHooks(context, adapter, "pre-hook", false);
  await runNodeHooks(context, adapter, "pre-hook", true);
  if (existing?.kind === "view") await adapter.execute(adapter.dialect.dropRelation(relation.render(), "view"), { fetch: false });
  await copy(sources, { database: relation.database, schema: relation.schema, identifier: relation.identifier, type: "table" }, mode);
  await runNodeHooks(context, adapter, "post-hook", true);
  // a copy job writes into the existing table, which keeps its grants
  await applyGrants(context, adapter, "table", existing?.kind === "table" ? "changed" : "new");
  await runNodeHooks(context, adapter, "post-hook", false);
  return { rowsAffected: null, message: "COPY" };
};
