/**
 * Model contracts' constraints (`constraints:` of a model or of its columns) as the engines take
 * them: which kinds an engine enforces, keeps only as information, or refuses; how each kind is
 * written in a column definition or after the columns of `create table`; and the warnings dbt
 * gives for a kind the engine does not enforce or support.
 */

/** The kinds of constraint dbt knows. */
export const CONSTRAINT_TYPES = ["check", "not_null", "unique", "primary_key", "foreign_key", "custom"] as const;
export type ConstraintType = (typeof CONSTRAINT_TYPES)[number];

/** What an engine does with a kind of constraint written in its DDL. */
export type ConstraintSupport = "enforced" | "not_enforced" | "not_supported";

/** A column's constraint, with dbt's defaults filled in (as manifest.json lists it). */
export interface ColumnConstraint {
  type: ConstraintType;
  name: string | null;
  expression: string | null;
  warn_unenforced: boolean;
  warn_unsupported: boolean;
  /** The referenced relation of a foreign key: `ref('orders')` as written, the relation's name once compiled. */
  to: string | null;
  to_columns: string[];
}

/** A model's own constraint: a column constraint over `columns`. */
export interface ModelConstraint extends ColumnConstraint {
  columns: string[];
}

/** How an engine takes constraints: its support per kind, and how it writes keys it does not enforce. */
export interface ConstraintDialect {
  /** The adapter's name, as the warnings name it. */
  readonly adapter: string;
  readonly support: Readonly<Record<Exclude<ConstraintType, "custom">, ConstraintSupport>>;
  /** Words after a primary or foreign key (BigQuery's `not enforced`); absent: none. */
  readonly keySuffix?: string;
  /**
   * A foreign key names the referenced table without its database (DuckDB refuses a key across
   * databases, and takes a database-qualified name for one): `"db"."s"."t"` is written `"s"."t"`.
   */
  readonly referencesWithinDatabase?: boolean;
}

const ALL_ENFORCED = { check: "enforced", not_null: "enforced", unique: "enforced", primary_key: "enforced", foreign_key: "enforced" } as const;

/**
 * The constraint support of an adapter, as its dbt adapter declares it: PostgreSQL and DuckDB
 * enforce every kind; Snowflake enforces `not_null` and keeps keys and `unique` as information;
 * BigQuery enforces `not_null`, keeps keys as information (`not enforced`) and refuses `check` and
 * `unique`; other adapters get dbt's base support.
 */
export function constraintDialect(adapterType: string): ConstraintDialect {
  switch (adapterType) {
    case "postgres":
      return { adapter: adapterType, support: ALL_ENFORCED };
    case "duckdb":
      return { adapter: adapterType, support: ALL_ENFORCED, referencesWithinDatabase: true };
    case "snowflake":
      return { adapter: adapterType, support: { check: "not_supported", not_null: "enforced", unique: "not_enforced", primary_key: "not_enforced", foreign_key: "not_enforced" } };
    case "bigquery":
      return {
        adapter: adapterType,
        support: { check: "not_supported", not_null: "enforced", unique: "not_supported", primary_key: "not_enforced", foreign_key: "not_enforced" },
        keySuffix: "not enforced",
      };
    default:
      return { adapter: adapterType, support: { check: "not_supported", not_null: "enforced", unique: "not_enforced", primary_key: "not_enforced", foreign_key: "enforced" } };
  }
}

/** True when `value` names a kind of constraint dbt knows. */
export function isConstraintType(value: unknown): value is ConstraintType {
  return typeof value === "string" && (CONSTRAINT_TYPES as readonly string[]).includes(value);
}

const text = (value: unknown): string | null => (value === undefined || value === null ? null : String(value));
const names = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** A column constraint as written in YAML, with dbt's defaults for what it leaves out. */
export function columnConstraintOf(raw: Record<string, unknown>): ColumnConstraint {
  return {
    type: raw.type as ConstraintType,
    name: text(raw.name),
    expression: text(raw.expression),
    warn_unenforced: raw.warn_unenforced !== false,
    warn_unsupported: raw.warn_unsupported !== false,
    to: text(raw.to),
    to_columns: names(raw.to_columns),
  };
}

/** A model constraint as written in YAML, with dbt's defaults for what it leaves out. */
export function modelConstraintOf(raw: Record<string, unknown>): ModelConstraint {
  return { ...columnConstraintOf(raw), columns: names(raw.columns) };
}

/** The warning for a constraint the engine refuses (left out of the DDL) or does not enforce (kept). */
export function constraintWarning(constraint: ColumnConstraint, dialect: ConstraintDialect): string | null {
  if (constraint.type === "custom") return null;
  const support = dialect.support[constraint.type];
  if (support === "not_supported" && constraint.warn_unsupported) {
    return `The constraint type ${constraint.type} is not supported by ${dialect.adapter}, and will be ignored. Set 'warn_unsupported: false' on this constraint to ignore this warning.`;
  }
  if (support === "not_enforced" && constraint.warn_unenforced) {
    return `The constraint type ${constraint.type} is not enforced by ${dialect.adapter}. The constraint will be included in this model's DDL statement, but it will not guarantee anything about the underlying data. Set 'warn_unenforced: false' on this constraint to ignore this warning.`;
  }
  return null;
}

/** A key (primary or foreign) with the engine's suffix for keys it does not enforce. */
function keyed(rendered: string | null, dialect: ConstraintDialect): string | null {
  return rendered !== null && dialect.keySuffix ? `${rendered} ${dialect.keySuffix}` : rendered;
}

/** The parts of a dotted name, dots inside double or back quotes kept. */
function nameParts(name: string): string[] {
  return name.match(/("[^"]*"|`[^`]*`|[^.])+/g) ?? [name];
}

/** The referenced side of a foreign key: `references <to> (<to_columns>)`, else `references <expression>`. */
function references(constraint: ColumnConstraint, dialect: ConstraintDialect): string | null {
  if (constraint.to && constraint.to_columns.length > 0) {
    const parts = nameParts(constraint.to.trim());
    const to = dialect.referencesWithinDatabase && parts.length === 3 ? parts.slice(1).join(".") : constraint.to;
    return `references ${to} (${constraint.to_columns.join(", ")})`;
  }
  if (constraint.expression) return `references ${constraint.expression}`;
  return null;
}

/**
 * One constraint in a column definition (`not null`, `primary key`, `check (…)`,
 * `references t (id)`, a custom expression), or null when the engine refuses the kind or the
 * constraint says nothing to write (a check without expression).
 */
export function renderColumnConstraint(constraint: ColumnConstraint, dialect: ConstraintDialect): string | null {
  if (constraint.type !== "custom" && dialect.support[constraint.type] === "not_supported") return null;
  const expression = constraint.expression ?? "";
  let rendered: string | null = null;
  switch (constraint.type) {
    case "check":
      rendered = expression ? `check (${expression})` : null;
      break;
    case "not_null":
      rendered = `not null ${expression}`;
      break;
    case "unique":
      rendered = `unique ${expression}`;
      break;
    case "primary_key":
      rendered = keyed(`primary key ${expression}`.trim(), dialect);
      break;
    case "foreign_key":
      rendered = keyed(references(constraint, dialect), dialect);
      break;
    case "custom":
      rendered = expression || null;
      break;
  }
  return rendered === null ? null : rendered.trim();
}

/**
 * One model constraint after the column definitions (`constraint <name> check (…)`,
 * `unique (a, b)`, `primary key (id)`, `foreign key (a) references t (id)`, a custom expression),
 * or null when the engine refuses the kind or there is nothing to write.
 */
export function renderModelConstraint(constraint: ModelConstraint, dialect: ConstraintDialect): string | null {
  if (constraint.type !== "custom" && dialect.support[constraint.type] === "not_supported") return null;
  const prefix = constraint.name ? `constraint ${constraint.name} ` : "";
  const columns = constraint.columns.join(", ");
  const expression = constraint.expression ? ` ${constraint.expression}` : "";
  switch (constraint.type) {
    case "check":
      return constraint.expression ? `${prefix}check (${constraint.expression})` : null;
    case "unique":
      return `${prefix}unique${expression} (${columns})`;
    case "primary_key":
      return keyed(`${prefix}primary key${expression} (${columns})`, dialect);
    case "foreign_key": {
      const target = references(constraint, dialect);
      return target ? keyed(`${prefix}foreign key (${columns}) ${target}`, dialect) : null;
    }
    case "custom":
      return constraint.expression ? `${prefix}${constraint.expression}` : null;
    case "not_null":
      return null;
  }
}

/** A contracted column: its name, whether it is quoted, its declared type and its constraints. */
export interface ContractColumn {
  name: string;
  quote?: boolean | null;
  data_type: string;
  constraints: readonly ColumnConstraint[];
}

/** The column definitions and model constraints of a contracted table, with the warnings they draw. */
export interface TableSpec {
  /** `<name> <type> <constraints…>`, one per column, in the contract's order. */
  columns: string[];
  /** The model's constraints the engine takes. */
  constraints: string[];
  warnings: string[];
}

/**
 * The column definitions of a contracted table (`id integer not null primary key`), and its
 * model constraints, for `dialect`; `quote` quotes the names of columns marked `quote: true`.
 */
export function tableSpec(columns: readonly ContractColumn[], constraints: readonly ModelConstraint[], dialect: ConstraintDialect, quote: (name: string) => string): TableSpec {
  const warnings: string[] = [];
  const warn = (c: ColumnConstraint) => {
    const w = constraintWarning(c, dialect);
    if (w) warnings.push(w);
  };
  const columnSpecs = columns.map((column) => {
    const parts = [`${column.quote ? quote(column.name) : column.name} ${column.data_type}`];
    for (const c of column.constraints) {
      warn(c);
      const rendered = renderColumnConstraint(c, dialect);
      if (rendered !== null) parts.push(rendered);
    }
    return parts.join(" ");
  });
  const modelSpecs: string[] = [];
  for (const c of constraints) {
    warn(c);
    const rendered = renderModelConstraint(c, dialect);
    if (rendered !== null) modelSpecs.push(rendered);
  }
  return { columns: columnSpecs, constraints: modelSpecs, warnings };
}
