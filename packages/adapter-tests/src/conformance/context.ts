import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Adapter } from "@tsdbt/adapter-api";
import { uniqueSchemaName } from "../postgres-server";
import { runSpecs, type NodeSpec, type RunSpecsOptions } from "../test-project";
import type { SkippedCases } from "./skip-cases";

/** What the suite asks of an adapter package: a fresh adapter whose default schema is `schema`. */
export interface MakeAdapterOptions {
  /** A schema no other test uses; the suite drops it afterwards. */
  schema: string;
  /** Connections the adapter may open (the suite runs up to 8 nodes at once). */
  threads: number;
  /** A temp directory of this test (project directory; file-based engines may keep their database here). */
  dir: string;
}

/** Builds the adapter under test; the suite opens and closes it. */
export type MakeAdapter = (options: MakeAdapterOptions) => Adapter | Promise<Adapter>;

/** Engine-specific bits the suite cannot write portably. */
export interface ConformanceOptions {
  /** A statement that runs for many seconds, to test `cancel()`; leave out when the engine cannot cancel. */
  slowQuery?: string;
  /** Why the engine cannot cancel a statement; the cancel test is reported as skipped with this reason. */
  cannotCancel?: string;
  /** Cases the engine (or its local stand-in) cannot run: a piece of the test's title → the reason, shown in the report. */
  skip?: SkippedCases;
  /**
   * The engine stores unquoted names upper-cased and answers them so (Snowflake: `select 1 as id`
   * gives a column `ID`): the suite then reads all-upper-case result names as the lower-case names it wrote.
   */
  upperCasesUnquotedNames?: boolean;
}

/** The per-test state every conformance group reads (valid inside `it`). */
export interface ConformanceContext {
  readonly adapter: Adapter;
  /** This test's schema (the adapter's default schema). */
  readonly schema: string;
  /** This test's temp directory. */
  readonly dir: string;
  readonly options: ConformanceOptions;
  /** `"schema"."identifier"`, quoted by the adapter's dialect (this test's schema unless given). */
  rel(identifier: string, schema?: string): string;
  /** Rows of a query (names as written, see {@link ConformanceOptions.upperCasesUnquotedNames}). */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** A result column name as the suite wrote it (see {@link ConformanceOptions.upperCasesUnquotedNames}). */
  name(column: string): string;
  /** Runs nodes through the runner in this test's schema. */
  run(specs: NodeSpec[], options?: Omit<RunSpecsOptions, "schema" | "projectDir">): ReturnType<typeof runSpecs>;
  /** Registers another schema the test creates, to be dropped afterwards. */
  alsoDrop(schema: string): void;
}

/**
 * Installs beforeEach/afterEach hooks that give every test a fresh adapter, schema and temp
 * directory, and drop them afterwards. Returns the context, read inside tests.
 */
export function useConformanceContext(makeAdapter: MakeAdapter, options: ConformanceOptions): ConformanceContext {
  let state: { adapter: Adapter; schema: string; dir: string; extra: string[] } | null = null;
  const current = () => {
    if (!state) throw new Error("The conformance context is only available inside a test.");
    return state;
  };
  beforeEach(async () => {
    const schema = uniqueSchemaName("tsdbt_conf");
    const dir = mkdtempSync(join(tmpdir(), "tsdbt-conformance-"));
    const adapter = await makeAdapter({ schema, threads: 8, dir });
    await adapter.open();
    state = { adapter, schema, dir, extra: [] };
  });
  afterEach(async () => {
    const s = state;
    state = null;
    if (!s) return;
    try {
      for (const schema of [...s.extra, s.schema]) {
        await s.adapter.execute(`drop schema if exists ${s.adapter.dialect.quote(schema)} cascade`, { fetch: false });
      }
    } finally {
      await s.adapter.close();
      rmSync(s.dir, { recursive: true, force: true });
    }
  });
  return {
    get adapter() {
      return current().adapter;
    },
    get schema() {
      return current().schema;
    },
    get dir() {
      return current().dir;
    },
    options,
    rel(identifier, schema) {
      const q = current().adapter.dialect.quote;
      return `${q(schema ?? current().schema)}.${q(identifier)}`;
    },
    async query(sql) {
      const rows = (await current().adapter.execute(sql)).rows;
      return options.upperCasesUnquotedNames ? rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [writtenName(k), v]))) : rows;
    },
    name(column) {
      return options.upperCasesUnquotedNames ? writtenName(column) : column;
    },
    run(specs, runOptions = {}) {
      const s = current();
      return runSpecs(s.adapter, specs, { schema: s.schema, projectDir: s.dir, ...runOptions });
    },
    alsoDrop(schema) {
      current().extra.push(schema);
    },
  };
}

/** An all-upper-case name (what an engine that upper-cases unquoted names answers) in lower case. */
function writtenName(name: string): string {
  return name === name.toUpperCase() ? name.toLowerCase() : name;
}

/** A column type reduced to a family both engines agree on: `integer`, `bigint`, `text`, `date`, … */
export function typeFamily(dataType: string): string {
  const t = dataType.toLowerCase();
  if (/^(bigint|int8)\b/.test(t)) return "bigint";
  if (/^(integer|int|int4|int32|int64)\b/.test(t) || /^number\(\d+,\s*0\)/.test(t)) return "integer";
  if (/char|text|string/.test(t)) return "text";
  if (/^date\b/.test(t)) return "date";
  if (/^(timestamp|datetime)/.test(t)) return "timestamp";
  if (/^(double|float|real)/.test(t)) return "float";
  if (/^bool/.test(t)) return "boolean";
  return t;
}

/** `name:family` of each column of a relation, in order. */
export async function columnSignature(context: ConformanceContext, identifier: string, schema?: string): Promise<string[]> {
  const columns = await context.adapter.getColumns({ database: context.adapter.defaultDatabase, schema: schema ?? context.schema, identifier });
  return columns.map((c) => `${context.name(c.name)}:${typeFamily(c.dataType)}`);
}

/** Identifiers in a schema whose names contain `__tsdbt` (temp or backup relations left behind). */
export async function leftovers(context: ConformanceContext, schema?: string): Promise<string[]> {
  const relations = await context.adapter.listRelations(context.adapter.defaultDatabase, schema ?? context.schema);
  return relations.map((r) => r.identifier).filter((name) => name.includes("__tsdbt"));
}
