import type { Diagnostic } from "../diagnostics/diagnostic";
import { checkConfigLayer } from "../config/config-types";
import { isPlainObject } from "../config/vars";
import { diagnosticAt } from "../yaml/diagnostic-at";
import type { ParsedYaml, YamlPathSegment } from "../yaml/parse-yaml";

/** The shape a property must have. */
type Shape = "text" | "list" | "mapping" | "boolean" | "text-or-list" | "mapping-or-null";

const SHAPE_WORDS: Record<Shape, string> = {
  text: "a string",
  list: "a list",
  mapping: "a mapping (key: value)",
  boolean: "true or false",
  "text-or-list": "a string or a list of strings",
  "mapping-or-null": "a mapping (key: value)",
};

const SHAPE_EXAMPLES: Record<Shape, (key: string) => string> = {
  text: (k) => `${k}: "…"`,
  list: (k) => (k === "tables" ? "tables: [{name: orders}]" : k === "columns" ? "columns: [{name: id}]" : `${k}: [ … ]`),
  mapping: (k) => `${k}: {key: value}`,
  boolean: (k) => `${k}: true`,
  "text-or-list": (k) => `${k}: [a, b]`,
  "mapping-or-null": (k) => `${k}: {warn_after: {count: 12, period: hour}}`,
};

const COMMON: Record<string, Shape> = { name: "text", description: "text", columns: "list", config: "mapping", meta: "mapping", tags: "text-or-list", docs: "mapping", tests: "list", data_tests: "list", group: "text" };
const COLUMN: Record<string, Shape> = { name: "text", description: "text", data_type: "text", tests: "list", data_tests: "list", meta: "mapping", tags: "text-or-list", constraints: "list", quote: "boolean", config: "mapping" };
const SOURCE: Record<string, Shape> = { name: "text", description: "text", database: "text", schema: "text", loader: "text", loaded_at_field: "text", tables: "list", meta: "mapping", tags: "text-or-list", config: "mapping", freshness: "mapping-or-null", quoting: "mapping" };
const TABLE: Record<string, Shape> = { name: "text", identifier: "text", description: "text", loaded_at_field: "text", columns: "list", meta: "mapping", tags: "text-or-list", config: "mapping", freshness: "mapping-or-null", quoting: "mapping", tests: "list", data_tests: "list", external: "mapping", docs: "mapping" };
const MODEL: Record<string, Shape> = { ...COMMON, constraints: "list", versions: "list", access: "text", deprecation_date: "text" };
const EXPOSURE: Record<string, Shape> = { name: "text", description: "text", type: "text", url: "text", maturity: "text", label: "text", owner: "mapping", depends_on: "list", meta: "mapping", tags: "text-or-list", config: "mapping" };
const MACRO: Record<string, Shape> = { name: "text", description: "text", arguments: "list", docs: "mapping", meta: "mapping" };
const NAMED: Record<string, Shape> = { name: "text", description: "text", config: "mapping", meta: "mapping", tags: "text-or-list", label: "text", group: "text" };

/** Which property shapes apply to the entries of each section. */
const SECTIONS: Record<string, Record<string, Shape>> = {
  models: MODEL,
  seeds: COMMON,
  snapshots: COMMON,
  analyses: COMMON,
  sources: SOURCE,
  exposures: EXPOSURE,
  macros: MACRO,
  metrics: NAMED,
  semantic_models: NAMED,
  saved_queries: NAMED,
  unit_tests: { ...NAMED, given: "list", expect: "mapping", overrides: "mapping", model: "text" },
  groups: { name: "text", owner: "mapping", description: "text" },
};

function fits(shape: Shape, value: unknown): boolean {
  if (value === null || value === undefined) return shape !== "boolean" || value === undefined || value === null;
  switch (shape) {
    case "text":
      return typeof value === "string" || typeof value === "number";
    case "list":
      return Array.isArray(value);
    case "mapping":
    case "mapping-or-null":
      return isPlainObject(value);
    case "boolean":
      return typeof value === "boolean";
    case "text-or-list":
      return typeof value === "string" || typeof value === "number" || (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number"));
  }
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (isPlainObject(value)) return "a mapping";
  if (typeof value === "string") return "a string";
  return String(value);
}

/**
 * Checks the types of a properties file's entries: each known property (TSDBT-E029, e.g.
 * `description: [1, 2]`, `columns: 5`, a source's `tables: orders`) and each value of a
 * `config:` block (TSDBT-E028, e.g. `enabled: maybe`), on entries, columns, source tables and
 * data tests. Sections that are not lists are left to the readers (TSDBT-E018).
 */
export function checkPropertyTypes(parsed: ParsedYaml, diagnostics: Diagnostic[]): void {
  const doc = parsed.value;
  if (!isPlainObject(doc)) return;
  for (const [section, shapes] of Object.entries(SECTIONS)) {
    const list = doc[section];
    if (!Array.isArray(list)) continue;
    list.forEach((entry, i) => checkEntry(parsed, entry, [section, i], shapes, section, diagnostics));
  }
}

function checkEntry(parsed: ParsedYaml, entry: unknown, path: YamlPathSegment[], shapes: Record<string, Shape>, section: string, diagnostics: Diagnostic[]): void {
  if (!isPlainObject(entry)) return;
  // a properties file has thousands of entries (columns): names and paths are only built for a problem
  const what = () => (typeof entry.name === "string" ? `'${entry.name}'` : `entry ${Number(path[path.length - 1]) + 1}`);
  let ok = true;
  for (const key in entry) {
    const shape = Object.prototype.hasOwnProperty.call(shapes, key) ? shapes[key] : undefined;
    if (shape === undefined || fits(shape, entry[key])) continue;
    ok = false;
    diagnostics.push(
      diagnosticAt(parsed, [...path, key], {
        code: "TSDBT-E029",
        message: `'${key}' of ${what()} in ${parsed.file} must be ${SHAPE_WORDS[shape]}, not ${kindOf(entry[key])}.`,
        hint: `Write it as \`${SHAPE_EXAMPLES[shape](key)}\`.`,
      }, true),
    );
  }
  if (isPlainObject(entry.config)) checkConfig(parsed, entry.config, [...path, "config"], `of ${what()}`, diagnostics);
  if (!ok) return;
  const columns = entry.columns;
  if (Array.isArray(columns)) for (let j = 0; j < columns.length; j++) checkEntry(parsed, columns[j], [...path, "columns", j], COLUMN, "columns", diagnostics);
  if (section === "sources" && Array.isArray(entry.tables)) entry.tables.forEach((t, j) => checkEntry(parsed, t, [...path, "tables", j], TABLE, "tables", diagnostics));
  for (const key of ["tests", "data_tests"]) {
    const tests = entry[key];
    if (!Array.isArray(tests)) continue;
    tests.forEach((test, j) => {
      if (!isPlainObject(test)) return;
      for (const name in test) {
        const args = test[name];
        if (isPlainObject(args) && isPlainObject(args.config)) checkConfig(parsed, args.config, [...path, key, j, name, "config"], `of test '${name}'`, diagnostics);
      }
    });
  }
}

function checkConfig(parsed: ParsedYaml, config: Record<string, unknown>, path: YamlPathSegment[], what: string, diagnostics: Diagnostic[]): void {
  for (const problem of checkConfigLayer(config, `${what} in ${parsed.file}`)) {
    diagnostics.push(diagnosticAt(parsed, [...path, problem.key], { code: "TSDBT-E028", message: problem.message, hint: problem.hint }, true));
    // the parse goes on to report other files' problems: it must not trip over this value
    delete config[problem.key];
  }
}
