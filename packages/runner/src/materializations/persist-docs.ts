import { configValue, type BuildContext, type SqlExecutor } from "./build-context";
import { columnsOf, type DdlKind } from "./relation-lookup";
import { syncStatementsOf } from "./jinja-materialization";
import { overridingMacros, relationArg } from "./step-overrides";

/** The macros dbt's persist_docs step calls. */
export const PERSIST_DOCS_MACROS = ["persist_docs", "alter_relation_comment", "alter_column_comment"] as const;

/** The node's description when `persist_docs.relation` asks for it to be kept in the warehouse, else null. */
export function persistedDescription(context: BuildContext): string | null {
  const wanted = configValue<{ relation?: boolean }>(context.node, "persist_docs", {});
  return wanted.relation && context.node.description ? context.node.description : null;
}

/**
 * Writes the node's description and its documented columns' descriptions as warehouse
 * comments when `persist_docs` asks for them and the engine supports comments.
 * Columns documented but absent from the built relation are left alone.
 */
export async function persistDocs(context: BuildContext, executor: SqlExecutor, kind: DdlKind): Promise<void> {
  const wanted = configValue<{ relation?: boolean; columns?: boolean }>(context.node, "persist_docs", {});
  const { adapter, node, relation } = context;
  if (!wanted.relation && !wanted.columns) return;
  // an overridden persist_docs (or one of its pieces) writes the comments itself
  if (context.macros && overridingMacros(context, "persist_docs", PERSIST_DOCS_MACROS).length > 0) {
    context.macros.call(node.unique_id, "persist_docs", [relationArg(relation, kind), { kind: "model" }, true, true], syncStatementsOf(executor));
    return;
  }
  if (!adapter.capabilities.comments) return;
  const target = relation.render();
  if (wanted.relation && node.description) {
    const sql = adapter.dialect.commentOn(kind, target, node.description);
    if (sql) await executor.execute(sql, { fetch: false });
  }
  if (!wanted.columns) return;
  const documented = Object.values(node.columns).filter((c) => c.description);
  if (documented.length === 0) return;
  const built = new Map((await columnsOf(executor, adapter, relation)).map((c) => [c.name.toLowerCase(), c.name]));
  for (const column of documented) {
    const name = built.get(column.name.toLowerCase());
    if (name === undefined) continue;
    const sql = adapter.dialect.commentOn("column", `${target}.${adapter.dialect.quote(name)}`, column.description);
    if (sql) await executor.execute(sql, { fetch: false });
  }
}
