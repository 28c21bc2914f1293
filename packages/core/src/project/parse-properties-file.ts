import type { Diagnostic } from "../diagnostics/diagnostic";
import type { LoadResult } from "../config/load-error";
import { normaliseTags } from "../config/normalise-config";
import { isPlainObject } from "../config/vars";
import { diagnosticAt } from "../yaml/diagnostic-at";
import { parseYaml, type ParsedYaml, type YamlPathSegment } from "../yaml/parse-yaml";
import { didYouMean } from "../diagnostics/closest-names";
import type * as P from "./properties-file";

const TOP_KEYS = ["version", "models", "sources", "seeds", "snapshots", "analyses", "macros", "exposures", "unit_tests", "groups", "metrics", "semantic_models", "saved_queries"];
const NODE_KEYS = ["name", "description", "columns", "config", "docs", "meta", "tags", "tests", "data_tests"];
const MODEL_KEYS = [...NODE_KEYS, "access", "latest_version", "versions", "constraints", "group", "time_spine", "deprecation_date"];
const COLUMN_KEYS = ["name", "description", "data_type", "tests", "data_tests", "meta", "tags", "constraints", "quote", "config", "policy_tags", "granularity", "include", "exclude", "dimension", "entity"];
const SOURCE_KEYS = ["name", "description", "database", "schema", "loader", "loaded_at_field", "freshness", "quoting", "meta", "tags", "config", "tables", "overrides"];
const TABLE_KEYS = ["name", "identifier", "description", "loaded_at_field", "freshness", "quoting", "meta", "tags", "columns", "tests", "data_tests", "config", "external", "docs"];
const MACRO_KEYS = ["name", "description", "arguments", "docs", "meta", "config"];

/**
 * Reads a properties file (schema.yml) into a normalised {@link P.PropertiesFile}. Every entry
 * keeps its line:col. Wrong shapes (a section that is not a list, an entry without a name) are
 * TSDBT-E060 errors at their location, and the entry is skipped; an unknown key is a TSDBT-W060
 * warning. Semantic-layer sections are accepted and ignored. `value` is null only on a YAML syntax error.
 */
export function parsePropertiesFile(file: string, text: string): LoadResult<P.PropertiesFile> {
  const parsed = parseYaml(text, file);
  if (parsed.diagnostics.length > 0) return { value: null, diagnostics: parsed.diagnostics };
  const diagnostics: Diagnostic[] = [];
  const r = new PropertiesReader(parsed, diagnostics);
  const root = parsed.value === null ? {} : parsed.value;
  const out: P.PropertiesFile = { file, version: null, models: [], sources: [], seeds: [], snapshots: [], analyses: [], macros: [], exposures: [], unitTests: [], groups: [] };
  if (!isPlainObject(root)) {
    diagnostics.push(r.problem([], "E", `${file} must be a mapping with sections such as models: or sources:, but it is not.`, "Start the file with `version: 2` and a `models:` list."));
    return { value: out, diagnostics };
  }
  r.unknownKeys(root, [], TOP_KEYS, "a properties file");
  out.version = typeof root.version === "number" ? root.version : null;
  out.models = r.entries(root, "models", (e, p, at) => ({ ...r.node(e, p, at, MODEL_KEYS), ...modelExtras(e) }));
  out.seeds = r.entries(root, "seeds", (e, p, at) => r.node(e, p, at, NODE_KEYS));
  out.snapshots = r.entries(root, "snapshots", (e, p, at) => r.node(e, p, at, NODE_KEYS));
  out.analyses = r.entries(root, "analyses", (e, p, at) => r.node(e, p, at, NODE_KEYS));
  out.macros = r.entries(root, "macros", (e, p, at) => r.macro(e, p, at));
  out.sources = r.entries(root, "sources", (e, p, at) => r.source(e, p, at));
  out.exposures = r.entries(root, "exposures", (e, _p, at) => ({ ...at, name: String(e.name), raw: e }));
  out.unitTests = r.entries(root, "unit_tests", (e, _p, at) => ({ ...at, name: String(e.name), raw: e }));
  out.groups = r.entries(root, "groups", (e, _p, at) => ({ ...at, name: String(e.name), raw: e }));
  return { value: out, diagnostics };
}

function modelExtras(e: Record<string, unknown>): Pick<P.PropertiesModel, "access" | "latest_version" | "versions" | "constraints"> {
  return {
    access: typeof e.access === "string" ? e.access : null,
    latest_version: typeof e.latest_version === "string" || typeof e.latest_version === "number" ? e.latest_version : null,
    versions: Array.isArray(e.versions) ? e.versions.filter(isPlainObject) : [],
    constraints: Array.isArray(e.constraints) ? e.constraints : [],
  };
}

type Path = YamlPathSegment[];

class PropertiesReader {
  constructor(
    private readonly parsed: ParsedYaml,
    private readonly diagnostics: Diagnostic[],
  ) {}

  problem(path: Path, kind: "E" | "W", message: string, hint: string, atValue = false): Diagnostic {
    const code = kind === "E" ? "TSDBT-E060" : "TSDBT-W060";
    return diagnosticAt(this.parsed, path, { code, severity: kind === "E" ? "error" : "warn", message, hint }, atValue);
  }

  /** The named entries of a list section; wrong shapes reported and skipped. */
  entries<T>(parent: Record<string, unknown>, key: string, build: (entry: Record<string, unknown>, path: Path, at: P.EntryLocation) => T, base: Path = []): T[] {
    const list = parent[key];
    if (list === undefined || list === null) return [];
    const where = [...base, key];
    if (!Array.isArray(list)) {
      this.diagnostics.push(this.problem(where, "E", `'${key}' in ${this.parsed.file} must be a list of entries, each starting with '- name:'.`, `Write it as:\n  ${key}:\n    - name: my_${key.replace(/s$/, "")}`, true));
      return [];
    }
    const out: T[] = [];
    list.forEach((entry, i) => {
      const path = [...where, i];
      const at = this.parsed.locate(path) ?? { line: 1, col: 1 };
      if (!isPlainObject(entry) || typeof entry.name !== "string" || entry.name.trim() === "") {
        const what = isPlainObject(entry) ? "has no 'name'" : "is not a mapping";
        this.diagnostics.push(this.problem(path, "E", `Entry ${i + 1} of '${key}' in ${this.parsed.file} ${what}; it is skipped.`, "Give every entry a name: `- name: <name>`."));
        return;
      }
      out.push(build(entry, path, { line: at.line, col: at.col }));
    });
    return out;
  }

  unknownKeys(entry: Record<string, unknown>, path: Path, known: readonly string[], what: string): void {
    for (const key of Object.keys(entry)) {
      if (known.includes(key)) continue;
      this.diagnostics.push(this.problem([...path, key], "W", `'${key}' is not a property of ${what} and is ignored.${suffix(didYouMean(key, known))}`, `Known properties: ${known.join(", ")}.`));
    }
  }

  node(e: Record<string, unknown>, path: Path, at: P.EntryLocation, known: readonly string[]): P.PropertiesNode {
    this.unknownKeys(e, path, known, `'${String(e.name)}'`);
    return {
      ...at,
      name: String(e.name),
      description: text(e.description),
      columns: this.columns(e, path),
      config: this.mapping(e, "config", path),
      docs: this.mapping(e, "docs", path),
      meta: this.mapping(e, "meta", path),
      tags: normaliseTags(e.tags),
      data_tests: this.tests(e, path),
      raw: e,
    };
  }

  columns(e: Record<string, unknown>, path: Path): P.PropertiesColumn[] {
    return this.entries(e, "columns", (c, p, at) => {
      this.unknownKeys(c, p, COLUMN_KEYS, `column '${String(c.name)}'`);
      return {
        ...at,
        name: String(c.name),
        description: text(c.description),
        data_type: typeof c.data_type === "string" ? c.data_type : null,
        data_tests: this.tests(c, p),
        meta: this.mapping(c, "meta", p),
        tags: normaliseTags(c.tags),
        constraints: Array.isArray(c.constraints) ? c.constraints : [],
        quote: typeof c.quote === "boolean" ? c.quote : null,
        config: this.mapping(c, "config", p),
        raw: c,
      };
    }, path);
  }

  source(e: Record<string, unknown>, path: Path, at: P.EntryLocation): P.PropertiesSource {
    this.unknownKeys(e, path, SOURCE_KEYS, `source '${String(e.name)}'`);
    return {
      ...at,
      name: String(e.name),
      description: text(e.description),
      database: optionalText(e.database),
      schema: optionalText(e.schema),
      loader: text(e.loader),
      loaded_at_field: optionalText(e.loaded_at_field),
      freshness: this.freshness(e, path),
      quoting: this.mapping(e, "quoting", path),
      meta: this.mapping(e, "meta", path),
      tags: normaliseTags(e.tags),
      config: this.mapping(e, "config", path),
      tables: this.entries(e, "tables", (t, p, tat) => {
        this.unknownKeys(t, p, TABLE_KEYS, `source table '${String(e.name)}.${String(t.name)}'`);
        return {
          ...tat,
          name: String(t.name),
          identifier: optionalText(t.identifier),
          description: text(t.description),
          loaded_at_field: optionalText(t.loaded_at_field),
          freshness: this.freshness(t, p),
          quoting: this.mapping(t, "quoting", p),
          meta: this.mapping(t, "meta", p),
          tags: normaliseTags(t.tags),
          columns: this.columns(t, p),
          data_tests: this.tests(t, p),
          config: this.mapping(t, "config", p),
          external: isPlainObject(t.external) ? t.external : null,
          raw: t,
        };
      }, path),
      raw: e,
    };
  }

  macro(e: Record<string, unknown>, path: Path, at: P.EntryLocation): P.PropertiesMacro {
    this.unknownKeys(e, path, MACRO_KEYS, `macro '${String(e.name)}'`);
    const args = this.entries(e, "arguments", (a) => ({ name: String(a.name), type: optionalText(a.type), description: text(a.description) }), path);
    return { ...at, name: String(e.name), description: text(e.description), arguments: args, docs: this.mapping(e, "docs", path), meta: this.mapping(e, "meta", path) };
  }

  /** `data_tests` and `tests` together; both must be lists. */
  tests(e: Record<string, unknown>, path: Path): unknown[] {
    const out: unknown[] = [];
    for (const key of ["data_tests", "tests"]) {
      const v = e[key];
      if (v === undefined || v === null) continue;
      if (Array.isArray(v)) out.push(...v);
      else this.diagnostics.push(this.problem([...path, key], "E", `'${key}' of '${String(e.name)}' must be a list of tests.`, `Write it as:\n  ${key}:\n    - not_null`, true));
    }
    return out;
  }

  mapping(e: Record<string, unknown>, key: string, path: Path): Record<string, unknown> {
    const v = e[key];
    if (v === undefined || v === null) return {};
    if (isPlainObject(v)) return v;
    this.diagnostics.push(this.problem([...path, key], "E", `'${key}' of '${String(e.name)}' must be a mapping of keys to values.`, `Write it as ${key}: {key: value}.`, true));
    return {};
  }

  freshness(e: Record<string, unknown>, path: Path): Record<string, unknown> | null | undefined {
    if (!("freshness" in e)) return undefined;
    if (e.freshness === null) return null;
    return this.mapping(e, "freshness", path);
  }
}

function text(v: unknown): string {
  return v === undefined || v === null ? "" : String(v);
}

function optionalText(v: unknown): string | null {
  return v === undefined || v === null ? null : String(v);
}

const suffix = (hint: string | undefined): string => (hint ? ` ${hint}` : "");
