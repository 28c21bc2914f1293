import type { Diagnostic } from "../diagnostics/diagnostic";
import type { ManifestNode, NodeConfig } from "../manifest/types";
import { projectConfigLayers, unrenderedProjectConfigLayers, type ProjectSet } from "./project-layers";
import { unrenderedConfig } from "../config/unrendered-config";
import { mergeConfigs } from "../config/merge-configs";
import { diagnosticAt } from "../yaml/diagnostic-at";
import type { ParsedYaml } from "../yaml/parse-yaml";
import { readLiteralArgs } from "./literal-args";
import { buildGenericTestNode, readTestDefinition, type TestTarget } from "./generic-test";
import { defaultNodeConfig } from "./node-factory";
import type { TestEntry } from "./properties";
import { refCallFrom } from "./capture-scope";
import type { MacroRegistry } from "../context/macro-registry";
import { didYouMean } from "../diagnostics/closest-names";
import { decodeStringLiteral } from "@tsdbt/jinja";

/** Records refs and sources written as test arguments (`to: ref('customers')`). */
function captureArgumentRefs(node: ManifestNode, args: Record<string, unknown>): void {
  for (const value of Object.values(args)) {
    if (typeof value !== "string") continue;
    const m = /^\s*(?:\{\{\s*)?(ref|source)\s*(?=\()/.exec(value);
    if (!m) continue;
    const parsed = readLiteralArgs(value, m[0].length);
    if (!parsed) continue;
    if (m[1] === "ref") node.refs.push(refCallFrom(parsed.args, parsed.kwargs));
    else node.sources.push([String(parsed.args[0]), String(parsed.args[1])]);
  }
}

/**
 * Turns the test entries of one properties file entry into generic test nodes, with config from
 * dbt_project.yml's `data_tests:` tree, then the entry's own config.
 */
export function buildTestNodes(
  entries: TestEntry[],
  target: Omit<TestTarget, "column"> & { inheritedTags?: string[]; quoteColumns?: boolean },
  parsed: ParsedYaml,
  projects: ProjectSet,
  diagnostics: Diagnostic[],
  registry: MacroRegistry,
  quote: (identifier: string) => string = (id) => `"${id}"`,
): ManifestNode[] {
  const nodes: ManifestNode[] = [];
  const folder = target.file.split("/").slice(1, -1);
  for (const t of entries) {
    // a column's own `quote:` first, else the entry's `quote_columns` (a source's `quoting.column`)
    const quoted = t.columnQuote === true || ((t.columnQuote === null || t.columnQuote === undefined) && target.quoteColumns === true);
    const column = t.column === undefined ? undefined : quoted ? quote(t.column) : t.column;
    const def = readTestDefinition(t.entry, column);
    if (typeof def === "string") {
      diagnostics.push(diagnosticAt(parsed, t.path, { code: "TSDBT-E022", message: `Invalid test on '${target.name}' in ${target.file}: ${def}.`, hint: "Write a test as '- unique' or '- accepted_values: {values: [...]}'." }));
      continue;
    }
    const macroName = `test_${def.testName}`;
    const macro = def.namespace ? registry.inPackage(def.namespace, macroName) : registry.resolve(macroName, target.packageName);
    if (!macro) {
      const shown = def.namespace ? `${def.namespace}.${def.testName}` : def.testName;
      const known = registry.visibleNames(target.packageName).filter((n) => n.startsWith("test_")).map((n) => n.slice(5));
      const close = didYouMean(def.testName, known);
      diagnostics.push(
        diagnosticAt(parsed, t.path, {
          code: "TSDBT-E026",
          message: `The test '${shown}' on '${target.name}${t.column ? `.${t.column}` : ""}' in ${target.file} is not defined: there is no test macro named ${def.namespace ? `'${macroName}' in package '${def.namespace}'` : `'${macroName}'`}.`,
          hint: def.namespace && !registry.hasPackage(def.namespace) ? `Install the '${def.namespace}' package (packages.yml, then \`tsdbt deps\`).` : (close ?? "Define it with {% test name(model, column_name) %} in macros/ or tests/generic/."),
        }),
      );
      continue;
    }
    const { inheritedTags: _inherited, quoteColumns: _quoteColumns, ...testTarget } = target;
    const node = buildGenericTestNode(def, { ...testTarget, column }, folder);
    node.depends_on.macros = [macro.uniqueId];
    const shortcut = macro.uniqueId === "macro.dbt.test_not_null" || macro.uniqueId === "macro.dbt.test_unique";
    if (shortcut) {
      // dbt's shortcut for its two commonest tests: only the tested resource, nothing rendered
    } else {
      // dbt renders the arguments in order, the tested resource (`model`) last
      const tested = { refs: node.refs, sources: node.sources };
      node.refs = [];
      node.sources = [];
      captureArgumentRefs(node, def.args);
      node.refs.push(...tested.refs);
      node.sources.push(...tested.sources);
      const where = registry.resolve("get_where_subquery", target.packageName);
      if (where) node.depends_on.macros.push(where.uniqueId);
    }
    const layers = projectConfigLayers(projects, "test", target.packageName, [...folder, node.name]);
    // the test's own config reaches dbt as a config() call on its raw code (see generic-test.ts), rendered
    // with the test, except for dbt's two shortcut tests
    const own = shortcut ? def.config : configAfterCall(def.config);
    node.config = testConfig(layers, own);
    node.config_call_dict = { ...own };
    // dbt_project.yml's `data_tests:` values as written, then the test's own config
    node.unrendered_config = unrenderedConfig(...unrenderedProjectConfigLayers(projects, "test", target.packageName, [...folder, node.name]), own);
    node.tags = testTags([...(target.inheritedTags ?? []), ...(t.columnTags ?? [])], own.tags, node.config.tags);
    node.meta = node.config.meta;
    nodes.push(node);
  }
  return nodes;
}

/**
 * A test's own config as its `config(...)` call sets it: the call writes each text value in a Jinja
 * string literal as it is (YAML's `where: 'a\tb'`, a backslash and a t, becomes `where="a\tb"`), so
 * Jinja decodes its escapes (a tab); lists and mappings are written as Python literals, which keep
 * their text as it was.
 */
function configAfterCall(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? decodeStringLiteral(v.replace(/"/g, '\\"')) : v]));
}

/**
 * A test's tags as dbt lists them: its column's tags and its own, sorted, then the tags the
 * project's config adds, in their order.
 */
function testTags(columnTags: string[], own: unknown, configured: string[] | undefined): string[] {
  const ownTags = typeof own === "string" ? [own] : Array.isArray(own) ? own.map(String) : [];
  const tags = [...new Set([...columnTags, ...ownTags])].sort();
  for (const tag of configured ?? []) if (!tags.includes(tag)) tags.push(tag);
  return tags;
}

/**
 * A test's config: defaults < dbt_project.yml layers < the test's own config (severity as
 * written: dbt keeps `warn`, only its default is `ERROR`). Tests without
 * config of their own share one frozen object per set of layers (projects have tens of
 * thousands of tests, most configured alike).
 */
let sharedDefaultConfig: NodeConfig | undefined;
function testConfig(layers: Record<string, unknown>[], own: Record<string, unknown>): NodeConfig {
  const onlyDefaults = layers.every((l) => Object.keys(l).length === 0);
  if (Object.keys(own).length > 0 || !onlyDefaults) return mergeConfigs(defaultNodeConfig("test"), ...layers, own) as NodeConfig;
  return (sharedDefaultConfig ??= deepFreeze(mergeConfigs(defaultNodeConfig("test")) as NodeConfig));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
