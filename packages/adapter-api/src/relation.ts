import { notADictMessage, relationAttribute, relationJinjaMethods } from "./relation-jinja";

/** The kinds of relation a warehouse holds, as dbt names them. */
export type RelationType = "table" | "view" | "cte" | "materialized_view" | "external" | "ephemeral" | "pointer_table" | "function";

/** Per part of a relation name, a flag: whether it is quoted (quote policy) or rendered at all (include policy). */
export interface QuotePolicy {
  database: boolean;
  schema: boolean;
  identifier: boolean;
}

/** dbt's include policy has the same shape as its quote policy. */
export type IncludePolicy = QuotePolicy;

/** A three-part relation name (database may be absent on one-database engines). */
export interface RelationRef {
  database?: string | null;
  schema: string;
  identifier: string;
  type?: RelationType | null;
  /**
   * Which parts the relation's name quotes, when known (a {@link Relation} has it). Engines that
   * fold unquoted names (Snowflake) render the name the same way; absent, every part is quoted.
   */
  quotePolicy?: Readonly<QuotePolicy>;
}

/** The three parts of a relation as dbt's `path` holds them; any may be None. */
export interface RelationPath {
  database: string | null;
  schema: string | null;
  identifier: string | null;
}

/** What else a relation carries beyond its name. */
export interface RelationOptions {
  /** Parts left out of the rendered name (default: every part is rendered). */
  includePolicy?: Partial<IncludePolicy>;
  /**
   * dbt's class name of the adapter's relation (`PostgresRelation`, `DuckDBRelation`): what
   * `relation.get('metadata')['type']` gives, which dbt_utils checks. Default `BaseRelation`.
   */
  className?: string;
  /** Relation types the adapter can rename or replace atomically (dbt's renameable/replaceable_relations). */
  renameable?: readonly RelationType[];
  replaceable?: readonly RelationType[];
  /** Set on relations dbt made itself (matching then ignores case of unquoted parts). */
  dbtCreated?: boolean;
  /** `--empty` runs render refs as `(select * from x where false limit 0)`. */
  limit?: number | null;
  /**
   * A batch of a microbatch model renders refs and sources that have an `event_time` as
   * `(select * from x where col >= 'start' and col < 'end')`, as dbt's relations do.
   */
  eventTimeFilter?: EventTimeFilter | null;
}

/**
 * dbt's `EventTimeFilter`: the rows of a relation whose `field_name` falls in `[start, end)`.
 * `start` and `end` are the texts dbt puts in the SQL (`2024-09-01 00:00:00+00:00`); either may be absent.
 */
export interface EventTimeFilter {
  field_name: string;
  start: string | null;
  end: string | null;
}

/** The protocol symbols of @tsdbt/jinja (by registry key, so this package needs no dependency on it). */
const JINJA_REPR = Symbol.for("tsdbt.jinja.repr");
const JINJA_EQ = Symbol.for("tsdbt.jinja.eq");
const JINJA_MAPPING = Symbol.for("tsdbt.jinja.mapping");
const JINJA_METHODS = Symbol.for("tsdbt.jinja.methods");
const JINJA_GETATTR = Symbol.for("tsdbt.jinja.getattr");

const ALL: QuotePolicy = Object.freeze({ database: true, schema: true, identifier: true });

function pyLiteral(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "string") return `'${v.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  return String(v);
}

/**
 * dbt's small dataclasses (`Path`, `Policy`) as templates see them: mappings with attributes
 * database/schema/identifier, printed as `Path(database='db', schema='s', identifier='t')`.
 */
abstract class PartsView<T> {
  protected abstract readonly kind: string;
  constructor(
    readonly database: T,
    readonly schema: T,
    readonly identifier: T,
  ) {}
  [JINJA_REPR](): string {
    return `${this.kind}(database=${pyLiteral(this.database)}, schema=${pyLiteral(this.schema)}, identifier=${pyLiteral(this.identifier)})`;
  }
  toString(): string {
    return this[JINJA_REPR]();
  }
  get [JINJA_MAPPING](): boolean {
    return true;
  }
  toJSON(): Record<string, T> {
    return { database: this.database, schema: this.schema, identifier: this.identifier };
  }
}

class PathView extends PartsView<string | null> {
  protected get kind(): string {
    return "Path";
  }
}

class PolicyView extends PartsView<boolean> {
  protected get kind(): string {
    return "Policy";
  }
}

function pathView(p: RelationPath): RelationPath {
  return new PathView(p.database, p.schema, p.identifier);
}

function policyView(p: QuotePolicy): QuotePolicy {
  return new PolicyView(p.database, p.schema, p.identifier);
}
const PARTS = ["database", "schema", "identifier"] as const;

/**
 * A relation as dbt's BaseRelation models it, and as templates see it (`this`, `ref('x')`,
 * `source('a', 'b')`, `api.Relation.create(...)`): a path, a type, quote and include policies.
 * Renders as its quoted, dot-joined name; immutable (every change returns a copy).
 *
 * In templates it is a Python mapping (`is mapping`, `relation['schema']`, `.get('metadata')`)
 * whose methods take keyword arguments (`relation.quote(identifier=false)`); see relation-jinja.ts.
 */
export class Relation implements RelationRef {
  readonly path: RelationPath;
  readonly type: RelationType | null;
  readonly quotePolicy: QuotePolicy;
  readonly includePolicy: IncludePolicy;
  readonly options: Readonly<RelationOptions>;
  private readonly quoteFn: (part: string) => string;

  constructor(ref: RelationRef | RelationPath, quote: (part: string) => string, quotePolicy?: Partial<QuotePolicy>, options: RelationOptions = {}) {
    // an empty part is an absent one (TypeScript callers write schema: "" for a bare CTE name)
    this.path = pathView({ database: ref.database || null, schema: ref.schema || null, identifier: ref.identifier || null });
    this.type = ("type" in ref ? ref.type : null) ?? null;
    this.quoteFn = quote;
    this.quotePolicy = policyView({ ...ALL, ...definedOnly(quotePolicy) });
    this.includePolicy = policyView({ ...ALL, ...definedOnly(options.includePolicy) });
    this.options = options;
  }

  get database(): string | null {
    return this.path.database;
  }
  /** The schema; empty when absent (templates see dbt's None: see relationAttribute). */
  get schema(): string {
    return this.path.schema ?? "";
  }
  /** The identifier; empty when absent, e.g. after withoutIdentifier() (templates see None). */
  get identifier(): string {
    return this.path.identifier ?? "";
  }
  /** dbt's alias for identifier. */
  get name(): string {
    return this.identifier;
  }
  get table(): string {
    return this.identifier;
  }
  get is_table(): boolean {
    return this.type === "table";
  }
  get is_view(): boolean {
    return this.type === "view";
  }
  get is_cte(): boolean {
    return this.type === "cte";
  }
  get is_materialized_view(): boolean {
    return this.type === "materialized_view";
  }
  get is_pointer(): boolean {
    return this.type === "pointer_table";
  }
  get is_function(): boolean {
    return this.type === "function";
  }
  /** dbt's class name for this adapter's relations (`PostgresRelation`). */
  get className(): string {
    return this.options.className ?? "BaseRelation";
  }
  get can_be_renamed(): boolean {
    return this.type !== null && (this.options.renameable ?? []).includes(this.type);
  }
  get can_be_replaced(): boolean {
    return this.type !== null && (this.options.replaceable ?? []).includes(this.type);
  }
  get quote_policy(): QuotePolicy {
    return this.quotePolicy;
  }
  get include_policy(): IncludePolicy {
    return this.includePolicy;
  }
  get quote_character(): string {
    return '"';
  }
  get dbt_created(): boolean {
    return this.options.dbtCreated ?? false;
  }
  get limit(): number | null {
    return this.options.limit ?? null;
  }
  /** The quote function this relation renders with. */
  get quoter(): (part: string) => string {
    return this.quoteFn;
  }

  /** The rendered name: included parts, each quoted when its policy says, joined by dots. */
  render(): string {
    const parts: string[] = [];
    for (const key of PARTS) {
      const part = this.path[key];
      if (!this.includePolicy[key] || part === null || part === undefined) continue;
      parts.push(this.quotePolicy[key] ? this.quoteFn(part) : part);
    }
    return parts.join(".");
  }

  /** `render()`, wrapped in a limiting subquery when the relation has a limit (dbt's `--empty`). */
  render_limited(): string {
    const rendered = this.render();
    const limit = this.options.limit;
    if (limit === null || limit === undefined) return rendered;
    const alias = ` _dbt_limit_subq_${this.identifier}`;
    return limit === 0 ? `(select * from ${rendered} where false limit 0)${alias}` : `(select * from ${rendered} limit ${limit})${alias}`;
  }

  /**
   * `rendered` (default: `render()`) wrapped in the subquery of the relation's event-time filter
   * (`(select * from x where col >= '…' and col < '…') _dbt_et_filter_subq_x`), as is without one.
   */
  render_event_time_filtered(rendered?: string): string {
    const text = rendered ?? this.render();
    const filter = this.options.eventTimeFilter;
    if (!filter) return text;
    const { field_name: field, start, end } = filter;
    const conditions = [start ? `${field} >= '${start}'` : null, end ? `${field} < '${end}'` : null].filter((c) => c !== null);
    if (conditions.length === 0) return text;
    return `(select * from ${text} where ${conditions.join(" and ")}) _dbt_et_filter_subq_${this.identifier}`;
  }

  /** The relation as SQL: its name, limited (`--empty`) and then filtered to a batch's window when it has those. */
  toString(): string {
    return this.options.eventTimeFilter ? this.render_event_time_filtered(this.render_limited()) : this.render_limited();
  }

  /** A copy with some fields replaced: `incorporate({path: {identifier: 'x'}, type: 'table'})`. */
  incorporate(changes: { path?: Partial<RelationPath>; type?: RelationType | null; quote_policy?: Partial<QuotePolicy>; include_policy?: Partial<IncludePolicy> } = {}): Relation {
    return new Relation(
      { ...plainParts(this.path), ...withoutUndefined(changes.path), type: changes.type !== undefined ? changes.type : this.type },
      this.quoteFn,
      { ...plainParts(this.quotePolicy), ...definedOnly(changes.quote_policy) },
      { ...this.options, includePolicy: { ...plainParts(this.includePolicy), ...definedOnly(changes.include_policy) } },
    );
  }

  /** A copy with some path parts replaced (null clears one). */
  replacePath(path: Partial<RelationPath>): Relation {
    return this.incorporate({ path });
  }

  /** The same relation with some parts' quoting changed (undefined/null keeps a part's setting). */
  quote(policy: Partial<QuotePolicy>): Relation {
    return this.incorporate({ quote_policy: policy });
  }

  /** The same relation with some parts left in or out of the rendered name (undefined/null keeps a part's setting). */
  include(parts: Partial<IncludePolicy>): Relation {
    return this.incorporate({ include_policy: parts });
  }

  /** The database and schema only: identifier left out and cleared. */
  withoutIdentifier(): Relation {
    return this.incorporate({ include_policy: { identifier: false }, path: { identifier: null } });
  }

  /**
   * dbt's `information_schema(view)`: `"db".INFORMATION_SCHEMA` (then `.view` when given),
   * the database's catalogue views.
   */
  informationSchema(view?: string | null): Relation {
    const options = { ...this.options, includePolicy: { database: this.database !== null, schema: Boolean(view), identifier: true } };
    const quote = { ...plainParts(this.quotePolicy), schema: false, identifier: false };
    return view
      ? new Relation({ database: this.database, schema: "INFORMATION_SCHEMA", identifier: view, type: "view" }, this.quoteFn, quote, options)
      : new Relation({ database: this.database, schema: null, identifier: "INFORMATION_SCHEMA", type: "view" }, this.quoteFn, quote, options);
  }

  /** dbt's `to_dict()`: the fields of the relation as plain data. */
  toDict(): Record<string, unknown> {
    return {
      path: plainParts(this.path),
      type: this.type,
      quote_character: '"',
      include_policy: plainParts(this.includePolicy),
      quote_policy: plainParts(this.quotePolicy),
      dbt_created: this.options.dbtCreated ?? false,
      limit: this.options.limit ?? null,
      event_time_filter: this.options.eventTimeFilter ? { ...this.options.eventTimeFilter } : null,
      require_alias: true,
      catalog: null,
      renameable_relations: [...(this.options.renameable ?? [])],
      replaceable_relations: [...(this.options.replaceable ?? [])],
    };
  }

  /** dbt's equality: same class and same fields. */
  equals(other: unknown): boolean {
    if (!(other instanceof Relation) || other.className !== this.className) return false;
    return JSON.stringify(this.toDict()) === JSON.stringify(other.toDict());
  }

  toJSON(): Record<string, unknown> {
    return this.toDict();
  }

  /** Python's repr: `<PostgresRelation "db"."schema"."name">`. */
  [JINJA_REPR](): string {
    return `<${this.className} ${this.render()}>`;
  }
  /** Iterating a relation is an error, as in dbt (it is a mapping that refuses to be used as a dict). */
  [Symbol.iterator](): Iterator<never> {
    throw new Error(notADictMessage(this));
  }
  [JINJA_EQ](other: unknown): boolean {
    return this.equals(other);
  }
  get [JINJA_MAPPING](): boolean {
    return true;
  }
  /** Attributes as templates read them (dbt's values: None for an absent part). */
  [JINJA_GETATTR](name: string): unknown {
    return relationAttribute(this, name);
  }
  get [JINJA_METHODS](): typeof relationJinjaMethods {
    return relationJinjaMethods;
  }
}

function plainParts<T>(p: { database: T; schema: T; identifier: T }): { database: T; schema: T; identifier: T } {
  return { database: p.database, schema: p.schema, identifier: p.identifier };
}

function withoutUndefined<T extends object>(o: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (!o) return out;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (!o) return out;
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null) (out as Record<string, unknown>)[k] = v;
  return out;
}
