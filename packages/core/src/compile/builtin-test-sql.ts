import type { ManifestNode } from "../manifest/types";
import { BUILTIN_PACKAGE, type MacroRegistry } from "../context/macro-registry";
import type { NodeScope } from "../context/node-context";
import { relationCall } from "./static-expression";

/**
 * Built-in generic tests whose SQL only interpolates their arguments (no branching on their
 * values), with their parameters in order. accepted_values loops over its values, so it is not here.
 */
const INTERPOLATING_TESTS: Record<string, string[]> = {
  unique: ["model", "column_name"],
  not_null: ["model", "column_name"],
  relationships: ["model", "column_name", "to", "field"],
};

const sentinel = (i: number) => `\u0000${i}\u0000`;
const SENTINELS = /\u0000(\d)\u0000/g;

/**
 * Compiles the common built-in generic tests without a render per test: each test's SQL is
 * rendered once with placeholder arguments (the "shape"), then every test of that kind is the
 * shape with its own arguments put in. Used only while the project overrides none of the
 * macros involved; a test proves the result byte-identical to rendering.
 */
export class BuiltinTestSql {
  private readonly shapes = new Map<string, string>();

  constructor(private readonly registry: MacroRegistry) {}

  /** The test's SQL, or undefined when the fast path does not apply (the caller renders). */
  sqlFor(node: ManifestNode, scope: NodeScope, renderShape: (macroName: string, args: string[]) => string): string | undefined {
    const meta = node.test_metadata;
    // a node's own store_failures changes not_null's select list: such tests take the full render
    const ownStoreFailures = node.config.store_failures !== undefined && node.config.store_failures !== null;
    const params = meta && !meta.namespace && !node.config.where && !ownStoreFailures ? INTERPOLATING_TESTS[meta.name] : undefined;
    if (!meta || !params || !this.usesBuiltins(meta.name, node.package_name)) return undefined;
    const args: string[] = [];
    for (const param of params) {
      const raw = meta.kwargs[param];
      if (typeof raw !== "string" || (param !== "model" && /\{[{%]/.test(raw))) return undefined;
      const expr = /^\s*\{\{\s*get_where_subquery\((.*)\)\s*\}\}\s*$/s.exec(raw)?.[1] ?? raw;
      const value = /^\s*(ref|source)\s*\(/.test(expr) ? relationCall(expr, scope) : param === "model" ? undefined : raw;
      if (value === undefined || value === null) return undefined;
      args.push(String(value));
    }
    let shape = this.shapes.get(meta.name);
    if (shape === undefined) {
      shape = renderShape(`test_${meta.name}`, params.map((_, i) => sentinel(i)));
      this.shapes.set(meta.name, shape);
    }
    return shape.replace(SENTINELS, (_, i: string) => args[Number(i)]!);
  }

  private usesBuiltins(testName: string, pkg: string): boolean {
    const builtin = (m: { packageName: string } | undefined) => m?.packageName === BUILTIN_PACKAGE;
    return (
      builtin(this.registry.resolve(`test_${testName}`, pkg)) &&
      builtin(this.registry.dispatch(`test_${testName}`, "dbt", pkg)) &&
      builtin(this.registry.resolve("get_where_subquery", pkg))
    );
  }
}
