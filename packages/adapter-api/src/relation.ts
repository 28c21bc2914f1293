/** The kinds of relation a warehouse holds, as dbt names them. */
export type RelationType = "table" | "view" | "cte" | "materialized_view" | "external";

/** How each part of a relation name is quoted when rendered. */
export interface QuotePolicy {
  database: boolean;
  schema: boolean;
  identifier: boolean;
}

/** A three-part relation name (database may be absent on one-database engines). */
export interface RelationRef {
  database?: string | null;
  schema: string;
  identifier: string;
  type?: RelationType | null;
}

/**
 * A relation as templates see it (`this`, `ref('x')`, `source('a', 'b')`):
 * renders as its quoted, dot-joined name and exposes dbt's attributes.
 */
export class Relation implements RelationRef {
  readonly database: string | null;
  readonly schema: string;
  readonly identifier: string;
  readonly type: RelationType | null;
  /** An optional query text a relation stands for (ephemeral CTE names render bare). */
  readonly quotePolicy: QuotePolicy;
  private readonly quoteFn: (part: string) => string;

  constructor(ref: RelationRef, quote: (part: string) => string, quotePolicy?: Partial<QuotePolicy>) {
    this.database = ref.database ?? null;
    this.schema = ref.schema;
    this.identifier = ref.identifier;
    this.type = ref.type ?? null;
    this.quoteFn = quote;
    this.quotePolicy = { database: true, schema: true, identifier: true, ...quotePolicy };
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

  /** The rendered, quoted name: `"db"."schema"."name"`; a CTE renders bare. */
  render(): string {
    if (this.type === "cte") return this.identifier;
    const parts: string[] = [];
    if (this.database) parts.push(this.quotePolicy.database ? this.quoteFn(this.database) : this.database);
    if (this.schema) parts.push(this.quotePolicy.schema ? this.quoteFn(this.schema) : this.schema);
    parts.push(this.quotePolicy.identifier ? this.quoteFn(this.identifier) : this.identifier);
    return parts.join(".");
  }

  toString(): string {
    return this.render();
  }

  /** A copy with some parts replaced (`this.incorporate(path={'identifier': 'x'})` in dbt). */
  incorporate(changes: { path?: Partial<RelationRef>; type?: RelationType | null } = {}): Relation {
    return new Relation(
      { database: this.database, schema: this.schema, identifier: this.identifier, type: this.type, ...changes.path, ...(changes.type !== undefined ? { type: changes.type } : {}) },
      this.quoteFn,
      this.quotePolicy,
    );
  }

  /** The same relation with a different quote policy. */
  quote(policy: Partial<QuotePolicy>): Relation {
    return new Relation(this, this.quoteFn, { ...this.quotePolicy, ...policy });
  }

  /** The same relation with some parts left out of the rendered name. */
  include(parts: Partial<{ database: boolean; schema: boolean; identifier: boolean }>): Relation {
    return new Relation(
      {
        database: parts.database === false ? null : this.database,
        schema: parts.schema === false ? "" : this.schema,
        identifier: this.identifier,
        type: this.type,
      },
      this.quoteFn,
      this.quotePolicy,
    );
  }
}
