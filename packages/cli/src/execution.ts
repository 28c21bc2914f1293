import * as path from "node:path";
import { compiledPathOf, cteDefinition, hasCompiledFile, MaterializationMacros, NodeCompiler, UnitTestCompiler, indexManifest, relationFor, type ManifestNode, type ParsedProject, type UnitTestDefinition } from "@tsdbt/core";
import type { NodeCompiler as RunnerCompiler } from "@tsdbt/runner";
import { queryCommentRenderer } from "./query-comment";

/**
 * Bridges core's compiler to the runner: nodes are rendered at execution time (so
 * `is_incremental()` and introspective macros see the warehouse as it is), and their
 * compiled SQL is recorded on the manifest.
 */
export function runnerCompiler(parsed: ParsedProject, compiler: NodeCompiler, onCompiled?: (node: ManifestNode) => void): RunnerCompiler {
  const { manifest } = parsed;
  const targetRel = path.relative(parsed.projectDir, parsed.targetPath).split(path.sep).join("/") || ".";
  return {
    compileNode(id, flags) {
      const node = manifest.nodes[id]!;
      const result = compiler.compile(node, { isIncremental: flags.isIncremental, batch: flags.batch });
      node.compiled = true;
      node.compiled_code = result.sql;
      node.extra_ctes_injected = true;
      node.extra_ctes = result.ctes.map((c) => ({ id: c.id, sql: cteDefinition(c) }));
      // a batch of a microbatch model has its own file, as dbt's: models/daily/daily_2024-09-01.sql
      if (flags.batch?.label) node.compiled_path = path.posix.join(targetRel, "compiled", node.package_name, `${node.original_file_path.replace(/\.sql$/, "")}/${node.name}_${flags.batch.label}.sql`);
      else if (hasCompiledFile(node, result.sql)) node.compiled_path = compiledPathOf(node, targetRel);
      onCompiled?.(node);
      return result.sql;
    },
    renderHook(sql, id, extra, statements, batch, isIncremental) {
      const node = id ? manifest.nodes[id] ?? null : null;
      return compiler.renderText(sql, node, node?.original_file_path ?? "dbt_project.yml", extra, statements, batch, isIncremental);
    },
    relationOf(id) {
      const source = manifest.sources[id];
      if (source) return relationFor({ database: source.database, schema: source.schema, alias: source.identifier }, parsed.naming);
      return relationFor(manifest.nodes[id]!, parsed.naming);
    },
    unitTests: unitTestPort(parsed, (test, sql) => onCompiled?.({ compiled_path: compiledPathOf(test as unknown as ManifestNode, targetRel), compiled_code: sql } as ManifestNode)),
    macros: macroPort(parsed, compiler),
  };
}

/** Core's Jinja materializations and overridable steps as the runner's port. */
function macroPort(parsed: ParsedProject, compiler: NodeCompiler): RunnerCompiler["macros"] {
  const macros = new MaterializationMacros(compiler);
  const node = (id: string) => parsed.manifest.nodes[id]!;
  return {
    materialization: (id) => {
      const found = macros.find(node(id));
      return found ? { macroId: found.uniqueId } : null;
    },
    runMaterialization: (id, sql, statements, isIncremental, macroName, seedTable) =>
      macros.run(node(id), macroName ? macros.named(node(id), macroName) : macros.find(node(id))!, { sql, statements, isIncremental, seedTable }),
    overrides: (id, names) => macros.overrides(node(id), names).map((m) => m.uniqueId),
    exists: (id, name) => macros.exists(node(id), name),
    call: (id, name, args, statements, batch) => macros.call(node(id), name, args, statements, batch),
  };
}

/**
 * A core compiler that renders with `execute` true against a live warehouse (`empty`: dbt's
 * --empty), putting the project's query comment on the statements templates send (`run_query`…):
 * a node's own, or for statements of no node the one of `connectionName` (dbt's "master").
 */
export function liveCompiler(
  parsed: ParsedProject,
  warehouse: ConstructorParameters<typeof NodeCompiler>[2]["warehouse"],
  extra?: Record<string, unknown>,
  options: { empty?: boolean; connectionName?: string; invocationId?: string } = {},
): NodeCompiler {
  const queryComment = queryCommentRenderer(parsed, () => compiler, options.invocationId ?? "", options.connectionName);
  const compiler: NodeCompiler = new NodeCompiler(parsed.session, indexManifest(parsed.manifest, parsed.project.name, parsed.naming), { execute: true, warehouse, extra, empty: options.empty, queryComment });
  return compiler;
}

/** Core's unit test compiler as the runner's port. */
function unitTestPort(parsed: ParsedProject, onCompiled: (test: UnitTestDefinition, sql: string) => void): RunnerCompiler["unitTests"] {
  const compiler = new UnitTestCompiler(parsed.session, indexManifest(parsed.manifest, parsed.project.name, parsed.naming));
  const def = (id: string) => parsed.manifest.unit_tests[id] as UnitTestDefinition;
  return {
    inputRelations: (id) => compiler.inputsOf(def(id)).map((i) => i.relation),
    // as dbt, the model's SQL on the fixtures is left under target/compiled (models/unit.yml/models/<test>.sql)
    compile: (id, columns) => {
      const sql = compiler.compile(def(id), columns);
      onCompiled(def(id), sql);
      return sql;
    },
    expected: (id, actual) => compiler.expected(def(id), actual),
  };
}
