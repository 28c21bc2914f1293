import { Relation } from "@tsdbt/adapter-api";
import type { ManifestNode } from "@tsdbt/core";
import type { ExecutionEnvironment } from "../execute-node";
import { materializationOutcome } from "../materializations/jinja-materialization";
import { responseOf } from "../results/adapter-response";
import { storesFailures } from "./store-failures";
import { decideVerdict, thresholdsOf, type TestVerdict } from "./test-verdict";

/**
 * Runs a data test through a `test` materialization of the project (or of a package dbt lets
 * replace it), as dbt does: the macro gets the test's compiled SQL as `sql`, sends its own
 * statements (a wrapper usually calls `dbt.materialization_test_default()`), and its `main`
 * statement's row (`failures`, `should_warn`, `should_error`) decides the status. The first
 * relation it returns is where the failing rows were kept.
 */
export async function runJinjaDataTest(
  environment: ExecutionEnvironment,
  node: ManifestNode,
  compile: (isIncremental: boolean) => string,
  note: (level: "debug" | "warn") => (message: string) => void,
): Promise<TestVerdict & { relationName?: string }> {
  const { adapter, compiler } = environment;
  const thresholds = thresholdsOf(node);
  const relation = new Relation(compiler.relationOf(node.unique_id), adapter.dialect.quote);
  if (storesFailures(node, environment)) await environment.ensureSchema(relation);
  const outcome = await materializationOutcome({
    node,
    adapter,
    compiler,
    relation,
    fullRefresh: environment.fullRefresh,
    projectDir: environment.packageDirs?.[node.package_name] ?? environment.projectDir,
    compile,
    macros: compiler.macros,
    debug: note("debug"),
    warn: note("warn"),
  });
  const verdict = decideVerdict(outcome.mainRow ?? undefined, thresholds);
  const stored = outcome.relations?.[0];
  return {
    ...verdict,
    response: responseOf(outcome.message ?? "OK", outcome.rowsAffected),
    ...(stored ? { relationName: new Relation(stored, adapter.dialect.quote).render() } : {}),
  };
}
