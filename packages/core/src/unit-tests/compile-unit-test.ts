import type { Relation, RelationRef } from "@tsdbt/adapter-api";
import { hostFunction, pyStr } from "@tsdbt/jinja";
import { CompilerError } from "../context/compiler-error";
import { createNodeContext, type RenderSession } from "../context/node-context";
import { createExecutionScope, type ManifestIndex } from "../compile/execution-scope";
import { injectCtes } from "../compile/inject-ctes";
import type { ManifestNode } from "../manifest/types";
import { refCallFrom } from "../parse/capture-scope";
import { resolveRef } from "../parse/link-nodes";
import { relationFor } from "../parse/relation-naming";
import { relationFactory } from "../context/runtime/relation-api";
import { columnsOfRows, fixtureData, fixtureSelect, PLAIN_FIXTURE_SQL, type FixtureColumn, type FixtureSqlDialect } from "./fixture-sql";
import { UnitTestErrorCode, type UnitTestDefinition } from "./unit-test-definition";

/** A `given` input resolved to what it stands for. */
export interface ResolvedInput {
  /** As written: `ref('x')`, `source('a', 'b')`, `this`. */
  input: string;
  /** Unique id of the node or source it replaces (`this`: the model's). */
  replaces: string;
  /** The real relation, whose columns (when it exists) type the fixture. Null for ephemeral models. */
  relation: RelationRef | null;
  /** The name of what it replaces (a model's or seed's name, a source table's name), which names its CTE as dbt does: `__dbt__cte__<name>`. */
  name: string;
}

const STRING_ARGS = /'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g;
const args = (text: string) => [...text.matchAll(STRING_ARGS)].map((m) => m[1] ?? m[2] ?? "");

/**
 * Compiles unit tests: the model's SQL with every ref(), source() (and `this`) replaced by a
 * CTE of fixture rows, vars / macros / env vars overridden, `is_incremental()` as the
 * `is_incremental` macro override says; and the expected rows as a query typed like the
 * model's output.
 */
export class UnitTestCompiler {
  constructor(
    private readonly session: RenderSession,
    private readonly index: ManifestIndex,
  ) {}

  private modelOf(test: UnitTestDefinition): ManifestNode {
    const model = this.index.manifest.nodes[test.depends_on.nodes[0] ?? ""];
    if (!model) throw new CompilerError(UnitTestErrorCode.unknownModel, `Unit test '${test.name}' tests model '${test.model}', which does not exist.`);
    return model;
  }

  /** What each input replaces, and the real relation whose columns type it. */
  inputsOf(test: UnitTestDefinition): ResolvedInput[] {
    const model = this.modelOf(test);
    return test.given.map((g) => {
      if (g.input === "this") return { input: g.input, replaces: "this", relation: relationFor(model, this.index.naming), name: model.name };
      const parts = args(g.input);
      if (g.input.startsWith("source")) {
        const src = Object.values(this.index.manifest.sources).find((s) => s.source_name === parts[0] && s.name === parts[1]);
        if (!src) throw new CompilerError(UnitTestErrorCode.invalidInput, `Unit test '${test.name}' gives input ${g.input}, which is not a source of this project.`, "Check the source and table names against your sources: entries.");
        return { input: g.input, replaces: src.unique_id, relation: { database: src.database, schema: src.schema, identifier: src.identifier }, name: src.name };
      }
      const call = parts.length >= 2 ? { name: parts[1]!, package: parts[0]!, version: null } : { name: parts[0] ?? "", package: null, version: null };
      const target = resolveRef(call, model.package_name, this.index.rootPackage, this.index.byName);
      if (!target) throw new CompilerError(UnitTestErrorCode.invalidInput, `Unit test '${test.name}' gives input ${g.input}, which names no model, seed or snapshot.`, `Give inputs for what ${model.name} refers to.`);
      return { input: g.input, replaces: target.unique_id, relation: target.config.materialized === "ephemeral" ? null : relationFor(target, this.index.naming), name: target.name };
    });
  }

  /**
   * The model's SQL run on fixtures. `inputColumns[i]` are the columns of input i's real
   * relation (null when it does not exist: the fixture's own columns, untyped, are used).
   */
  compile(test: UnitTestDefinition, inputColumns: readonly (FixtureColumn[] | null)[]): string {
    const model = this.modelOf(test);
    const inputs = this.inputsOf(test);
    const quote = this.session.quote;
    const cteName = (i: number) => `__dbt__cte__${inputs[i]!.name}`;
    // dbt puts the fixtures in front of the model in the order the model first reads them, `this` (read as the context is made) first
    const used: number[] = [];
    const use = (i: number) => {
      if (!used.includes(i)) used.push(i);
      return cteRelation(cteName(i));
    };
    const cteRelation = (name: string) => relationFactory(this.index.naming)({ schema: "", identifier: name, type: "cte" }, { identifier: false });
    const fixtureFor = (id: string, described: string): Relation => {
      const found = inputs.findIndex((input) => input.replaces === id);
      if (found >= 0) return use(found);
      throw new CompilerError(
        UnitTestErrorCode.missingInput,
        `Unit test '${test.name}': model ${model.name} reads ${described}, which has no input under 'given'.`,
        `Add '- input: ${described}' with the rows it should hold (rows: [] for none).`,
      );
    };
    const overrides = test.overrides ?? {};
    const macros = { ...(overrides.macros ?? {}) };
    const isIncremental = macros.is_incremental === true || String(macros.is_incremental).toLowerCase() === "true";
    delete macros.is_incremental;
    const base = createExecutionScope(model, this.index, { execute: true, isIncremental, onEphemeral: () => undefined });
    const thisInput = inputs.findIndex((input) => input.replaces === "this");
    const scope = {
      ...base,
      // a unit test has no relation of its own: without a `this` input, {{ this }} is None in dbt
      thisRelation: thisInput >= 0 ? use(thisInput) : null,
      ref: (a: unknown[], kw: Record<string, unknown>) => {
        const call = refCallFrom(a, kw);
        const target = resolveRef(call, model.package_name, this.index.rootPackage, this.index.byName);
        if (!target) throw new CompilerError("TSDBT-E012", `${model.unique_id} depends on a node named '${call.name}', which was not found.`);
        return fixtureFor(target.unique_id, `ref('${call.name}')`);
      },
      source: (sourceName: string, tableName: string) => {
        const src = Object.values(this.index.manifest.sources).find((s) => s.source_name === sourceName && s.name === tableName);
        return fixtureFor(src?.unique_id ?? `source.${sourceName}.${tableName}`, `source('${sourceName}', '${tableName}')`);
      },
      extra: this.overrideNames(overrides, macros),
      namespaceOverrides: namespacedMacroOverrides(macros),
    };
    const { context, resolveGlobal } = createNodeContext(this.session, scope as typeof base);
    const body = this.session.env.render(model.raw_code, context, { file: model.original_file_path, resolveGlobal });
    const dialect = fixtureDialect(resolveGlobal);
    const ctes = used.map((i) => {
      const g = test.given[i]!;
      const data = fixtureData(g);
      const what = `Input ${g.input} of unit test '${test.name}'`;
      let sql: string;
      if (data.kind === "sql") sql = data.sql;
      else {
        const known = inputColumns[i];
        const columns = known && known.length ? withExtraColumns(known, data.rows) : columnsOfRows(data.rows).map((c) => ({ name: c, type: null }));
        sql = fixtureSelect(data.rows, columns, quote, what, dialect, `\n-- Fixture for ${inputs[i]!.name}\n`);
      }
      return { id: inputs[i]!.replaces, name: cteName(i), sql };
    });
    return injectCtes(body, ctes);
  }

  /** Template names replaced by the test's overrides: var(), env_var() and macros. */
  private overrideNames(overrides: NonNullable<UnitTestDefinition["overrides"]>, macros: Record<string, unknown>): Record<string, unknown> {
    const extra: Record<string, unknown> = {};
    const vars = overrides.vars ?? {};
    if (Object.keys(vars).length) {
      const baseVar = this.session.base.var as ((...a: unknown[]) => unknown) & { has_var?: (n: string) => boolean };
      extra.var = Object.assign(
        hostFunction(([name, dflt]) => (String(name) in vars ? vars[String(name)] : dflt === undefined ? baseVar(name) : baseVar(name, dflt))),
        { has_var: (n: string) => n in vars || Boolean(baseVar.has_var?.(n)) },
      );
    }
    const envVars = overrides.env_vars ?? {};
    if (Object.keys(envVars).length) {
      const baseEnv = this.session.base.env_var as (...a: unknown[]) => unknown;
      extra.env_var = hostFunction(([name, dflt]) => (String(name) in envVars ? String(envVars[String(name)]) : dflt === undefined ? baseEnv(name) : baseEnv(name, dflt)));
    }
    // `package.macro` replaces the namespace's member (namespacedMacroOverrides); a `dbt.` one also the global name
    const unqualified = Object.entries(macros).filter(([name]) => !name.includes("."));
    for (const [name, value] of Object.entries(macros)) if (name.startsWith("dbt.") && name.split(".").length === 2) extra[name.slice(4)] = hostFunction(() => value);
    for (const [name, value] of unqualified) extra[name] = hostFunction(() => value);
    return extra;
  }

  /**
   * The expected rows as a query whose columns are typed like the model's output
   * (`actual`), or the expected SQL as written. Also returns the columns compared.
   */
  expected(test: UnitTestDefinition, actual: readonly FixtureColumn[]): { sql: string; columns: string[] } {
    const data = fixtureData(test.expect);
    if (data.kind === "sql") return { sql: data.sql, columns: [] };
    const columns = columnsOfRows(data.rows).map((name) => {
      const match = actual.find((c) => c.name === name) ?? actual.find((c) => c.name.toLowerCase() === name.toLowerCase());
      if (!match) {
        throw new CompilerError(
          UnitTestErrorCode.unknownExpectedColumn,
          `Unit test '${test.name}' expects column '${name}', which model ${test.model} does not return.`,
          `The model returns ${actual.map((c) => c.name).join(", ")}.`,
        );
      }
      return match;
    });
    const dialect = fixtureDialect(createNodeContext(this.session, createExecutionScope(this.modelOf(test), this.index, { execute: true, isIncremental: false, onEphemeral: () => undefined })).resolveGlobal);
    if (columns.length === 0 && actual.length > 0) return { sql: fixtureSelect([], actual, this.session.quote, `The expected rows of unit test '${test.name}'`, dialect), columns: actual.map((c) => c.name) };
    return { sql: fixtureSelect(data.rows, columns, this.session.quote, `The expected rows of unit test '${test.name}'`, dialect), columns: columns.map((c) => c.name) };
  }
}

/** Fixture values through the project's `safe_cast`, `string_literal` and `escape_single_quotes` macros (an adapter's or a project's own), where they are defined. */
function fixtureDialect(resolveGlobal: (name: string) => unknown): FixtureSqlDialect {
  const macro = (name: string) => {
    const found = resolveGlobal(name);
    return typeof found === "function" ? (...args: unknown[]) => pyStr((found as (...a: unknown[]) => unknown)(...args)) : null;
  };
  const safeCast = macro("safe_cast");
  const stringLiteral = macro("string_literal");
  const escape = macro("escape_single_quotes");
  return {
    cast: safeCast ? (valueSql, type) => safeCast(valueSql, type) : PLAIN_FIXTURE_SQL.cast,
    stringLiteral: stringLiteral && escape ? (text) => stringLiteral(escape(text)) : PLAIN_FIXTURE_SQL.stringLiteral,
  };
}

/** The relation's columns, plus any column only the fixture names (untyped). */
function withExtraColumns(known: readonly FixtureColumn[], rows: readonly Record<string, unknown>[]): FixtureColumn[] {
  const extra = columnsOfRows(rows).filter((c) => !known.some((k) => k.name.toLowerCase() === c.toLowerCase()));
  return [...known, ...extra.map((name) => ({ name, type: null }))];
}

/**
 * A unit test's overrides of package macros (`audit_helper._get_comparison_bounds: {…}`), as the
 * namespace members that return the given value when called.
 */
function namespacedMacroOverrides(macros: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(macros)) if (name.split(".").length === 2) out[name] = hostFunction(() => value);
  return out;
}
