import { grantMapOf, grantsMissingFrom, type GrantMap, type GrantTarget } from "@tsdbt/adapter-api";
import type { BuildContext, SqlExecutor } from "./build-context";
import { syncStatementsOf } from "./jinja-materialization";
import { overridingMacros, relationArg } from "./step-overrides";
import type { DdlKind } from "./relation-lookup";

/** dbt's grant macros: when a project or package overrides one, the step renders `apply_grants` instead of the TypeScript path. */
export const GRANT_MACROS = [
  "apply_grants",
  "get_show_grant_sql",
  "get_grant_sql",
  "get_revoke_sql",
  "get_dcl_statement_list",
  "call_dcl_statements",
  "support_multiple_grantees_per_dcl_statement",
] as const;

/** Runs (by their compiler) that already warned that the engine has no grants: dbt-duckdb warns once per run. */
const warnedRuns = new WeakSet<object>();

/**
 * What the build did to the relation the grants go on: built a `new` one (first build, or renamed
 * into place, or dropped and created: it holds no grants), `replaced` it with `create or replace`
 * (it keeps its grants where the engine says so), or `changed` its rows (it keeps its grants).
 */
export type GrantedBuild = "new" | "replaced" | "changed";

/**
 * Applies the node's `grants` config to its relation after a build, as dbt does. A new relation
 * (or one replaced on an engine whose `create or replace` drops grants) gets the configured
 * grants. Otherwise (incremental runs, seed reloads, snapshots, replacements that keep grants)
 * the current grants are read first: what the config no longer lists is revoked and only what is missing is granted.
 * Privileges and grantees compare case-insensitively. An empty `grants` config does nothing; a
 * privilege with an empty list revokes every grantee of it. On an engine without grants
 * (`capabilities.grants` false) a configured `grants` draws one warning per run and no statement.
 */
export async function applyGrants(context: BuildContext, executor: SqlExecutor, kind: DdlKind, built: GrantedBuild): Promise<void> {
  const { adapter, node, relation } = context;
  const wanted = grantMapOf(node.config.grants);
  if (Object.keys(wanted).length === 0) return;
  const dialect = adapter.dialect.grants;
  if (!adapter.capabilities.grants || !dialect) {
    if (!warnedRuns.has(context.compiler)) {
      warnedRuns.add(context.compiler);
      context.warn(`Grants for relations are not supported by ${adapter.type}: the grants config of ${node.unique_id} (and any other node's) is ignored.`);
    }
    return;
  }
  // old grants may remain where the relation was changed in place, or replaced keeping its grants (dbt's should_revoke)
  const mayHoldGrants = built === "changed" || (built === "replaced" && dialect.replaceKeepsGrants(node.config));
  if (context.macros && overridingMacros(context, "grants", GRANT_MACROS).length > 0) {
    const config = { kind: "dict" as const, entries: Object.fromEntries(Object.entries(wanted).map(([privilege, grantees]) => [privilege, grantees])) };
    context.macros.call(node.unique_id, "apply_grants", [relationArg(relation, kind), config, mayHoldGrants], syncStatementsOf(executor));
    return;
  }

  const target: GrantTarget = { relation: relation.render(), database: relation.database, schema: relation.schema, identifier: relation.identifier, kind };
  let grant: GrantMap = wanted;
  let revoke: GrantMap = {};
  if (mayHoldGrants) {
    const current = dialect.readGrants((await executor.execute(dialect.showGrants(target), { nodeId: node.unique_id })).rows);
    grant = grantsMissingFrom(wanted, current);
    revoke = grantsMissingFrom(current, wanted);
    if (Object.keys(grant).length === 0 && Object.keys(revoke).length === 0) context.debug(`${node.unique_id}: every grant on ${target.relation} is in place; nothing to grant or revoke.`);
  }
  const statements = [
    ...Object.entries(revoke).flatMap(([privilege, grantees]) => dialect.revoke(target, privilege, grantees)),
    ...Object.entries(grant)
      .filter(([, grantees]) => grantees.length > 0)
      .flatMap(([privilege, grantees]) => dialect.grant(target, privilege, grantees)),
  ];
  for (const statement of statements) await executor.execute(statement, { fetch: false, nodeId: node.unique_id });
}
