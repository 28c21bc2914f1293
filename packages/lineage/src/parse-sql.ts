/** node-sql-parser dialect names tsdbt uses. */
export type ParserDialect = "postgresql" | "snowflake" | "bigquery" | "redshift" | "mysql" | "trino";

const BY_ADAPTER: Record<string, ParserDialect> = {
  duckdb: "postgresql",
  postgres: "postgresql",
  postgresql: "postgresql",
  redshift: "redshift",
  snowflake: "snowflake",
  bigquery: "bigquery",
  mysql: "mysql",
  trino: "trino",
  athena: "trino",
};

/**
 * The parser dialects to try for an adapter type, best first: the adapter's own dialect, then
 * PostgreSQL (closest to most warehouses' SQL), then BigQuery (the most permissive grammar).
 */
export function dialectsFor(adapterType: string | null | undefined, preferred?: string): ParserDialect[] {
  const first = (preferred as ParserDialect | undefined) ?? BY_ADAPTER[(adapterType ?? "").toLowerCase()] ?? "postgresql";
  return [...new Set<ParserDialect>([first, "postgresql", "bigquery"])];
}

interface SqlParser {
  astify(sql: string, opt: { database: string }): unknown;
}

const parsers = new Map<ParserDialect, SqlParser>();

/** One parser per dialect, loaded on first use (each grammar is its own module). */
function parserFor(dialect: ParserDialect): SqlParser {
  let p = parsers.get(dialect);
  if (!p) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(`node-sql-parser/build/${dialect}`) as { Parser: new () => SqlParser };
    p = new mod.Parser();
    parsers.set(dialect, p);
  }
  return p;
}

/** A parsed SELECT statement and the dialect that read it, or why no dialect could. */
export type ParseOutcome = { ok: true; ast: SelectAst; dialect: ParserDialect } | { ok: false; errors: { dialect: ParserDialect; message: string }[] };

/** The parts of node-sql-parser's SELECT AST that lineage reads (loosely typed: grammars differ). */
export interface SelectAst {
  type: "select";
  with?: { name: { value: string } | string; stmt: { ast?: SelectAst } & Partial<SelectAst>; columns?: unknown[] | null }[] | null;
  columns: unknown;
  from?: unknown[] | null;
  where?: unknown;
  groupby?: { columns?: unknown[] | null } | unknown[] | null;
  having?: unknown;
  orderby?: unknown[] | null;
  qualify?: unknown;
  _next?: SelectAst;
  set_op?: string;
  [key: string]: unknown;
}

/** Parses compiled SQL with each dialect in turn and returns the first SELECT that reads. */
export function parseSelect(sql: string, dialects: ParserDialect[]): ParseOutcome {
  const text = sql.replace(/;\s*$/, "");
  const errors: { dialect: ParserDialect; message: string }[] = [];
  for (const dialect of dialects) {
    try {
      const ast = parserFor(dialect).astify(text, { database: dialect });
      const statements = (Array.isArray(ast) ? ast : [ast]) as { type?: string }[];
      const select = statements.find((s) => s?.type === "select") as SelectAst | undefined;
      if (select) return { ok: true, ast: select, dialect };
      errors.push({ dialect, message: `the SQL is a ${statements[0]?.type ?? "empty"} statement, not a select` });
    } catch (e) {
      errors.push({ dialect, message: firstLine((e as Error)?.message ?? String(e)) });
    }
  }
  return { ok: false, errors };
}

function firstLine(text: string): string {
  const line = text.split("\n")[0];
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
