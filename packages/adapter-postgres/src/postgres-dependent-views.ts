import type { DependentViewsDialect } from "@tsdbt/adapter-api";

/*
 * PostgreSQL's `drop … cascade` drops every view (and materialized view) that reads the dropped
 * relation. A swap reads those views' definitions from pg_catalog before it renames anything,
 * and recreates them in the same transaction, so readers never see them missing.
 */

const lit = (value: string) => `'${value.replace(/'/g, "''")}'`;
const ident = (value: string) => `"${value.replace(/"/g, '""')}"`;

/**
 * The views reading a relation, transitively: a view's `_RETURN` rule depends (normally) on the
 * relations its query reads. `union` (not `union all`) keeps each view once however many paths
 * lead to it, so diamonds in a deep chain cost nothing.
 */
function dependentsCte(schema: string, identifier: string): string {
  return `with recursive dependents(oid) as (
  select r.ev_class from pg_catalog.pg_depend d
  join pg_catalog.pg_rewrite r on r.oid = d.objid
  where d.classid = 'pg_catalog.pg_rewrite'::regclass and d.refclassid = 'pg_catalog.pg_class'::regclass and d.deptype = 'n'
    and d.refobjid = pg_catalog.to_regclass(${lit(`${ident(schema)}.${ident(identifier)}`)}) and r.ev_class <> d.refobjid
  union
  select r.ev_class from dependents p
  join pg_catalog.pg_depend d on d.refobjid = p.oid and d.refclassid = 'pg_catalog.pg_class'::regclass
    and d.classid = 'pg_catalog.pg_rewrite'::regclass and d.deptype = 'n'
  join pg_catalog.pg_rewrite r on r.oid = d.objid
  where r.ev_class <> p.oid
)`;
}

/** `view` or `materialized view`, from a relkind column. */
const KIND = `case c.relkind when 'm' then 'materialized view' else 'view' end`;

/** The statements recreating view `c` (in namespace `n`): create with options, owner, grants, comments. */
const RECREATE = `concat_ws(E';\\n',
    format('create %s %I.%I%s as %s', ${KIND}, n.nspname, c.relname,
      case when c.reloptions is null then '' else format(' with (%s)', array_to_string(c.reloptions, ', ')) end,
      regexp_replace(pg_catalog.pg_get_viewdef(c.oid), ';\\s*$', '')),
    case when c.relowner <> (select oid from pg_catalog.pg_roles where rolname = current_user)
      then format('alter %s %I.%I owner to %I', ${KIND}, n.nspname, c.relname, pg_catalog.pg_get_userbyid(c.relowner)) end,
    (select string_agg(format('grant %s on %I.%I to %s%s', a.privilege_type, n.nspname, c.relname,
        case when a.grantee = 0 then 'public' else quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) end,
        case when a.is_grantable then ' with grant option' else '' end), E';\\n')
      from pg_catalog.aclexplode(c.relacl) a where a.grantee <> c.relowner),
    (select format('comment on %s %I.%I is %L', ${KIND}, n.nspname, c.relname, d.description)
      from pg_catalog.pg_description d where d.objoid = c.oid and d.classoid = 'pg_catalog.pg_class'::regclass and d.objsubid = 0),
    (select string_agg(format('comment on column %I.%I.%I is %L', n.nspname, c.relname, a.attname, d.description), E';\\n' order by a.attnum)
      from pg_catalog.pg_description d join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum = d.objsubid
      where d.objoid = c.oid and d.classoid = 'pg_catalog.pg_class'::regclass and d.objsubid > 0)
  )`;

/** How a PostgreSQL swap keeps the views over the swapped relation (see {@link DependentViewsDialect}). */
export const postgresDependentViews: DependentViewsDialect = {
  listQuery: (schema, identifier) => `${dependentsCte(schema, identifier)}
select c.relname as name from dependents join pg_catalog.pg_class c on c.oid = dependents.oid`,
  // One transaction-scoped advisory lock for every swap that recreates views (keys chosen for tsdbt).
  lockStatement: "select pg_catalog.pg_advisory_xact_lock(1953719394, 1)",
  definitionsQuery: (schema, identifier) => `${dependentsCte(schema, identifier)}
select c.oid::text as oid, n.nspname as schema_name, c.relname as name,
  (select string_agg(distinct d.refobjid::text, ',') from pg_catalog.pg_rewrite r
    join pg_catalog.pg_depend d on d.objid = r.oid and d.classid = 'pg_catalog.pg_rewrite'::regclass and d.refclassid = 'pg_catalog.pg_class'::regclass
    where r.ev_class = c.oid and d.refobjid <> c.oid and d.refobjid in (select oid from dependents)) as reads,
  ${RECREATE} as ddl
from dependents
join pg_catalog.pg_class c on c.oid = dependents.oid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
order by c.oid`,
};
