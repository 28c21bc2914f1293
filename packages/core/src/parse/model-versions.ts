import type { Diagnostic } from "../diagnostics/diagnostic";
import type { ColumnInfo } from "../manifest/types";
import { mergeConfigs } from "../config/merge-configs";
import { diagnosticAt } from "../yaml/diagnostic-at";
import type { ParsedYaml, YamlPathSegment } from "../yaml/parse-yaml";
import type { NodePatch, TestEntry } from "./properties";

/** What a properties entry's `versions:` says about one version of a model. */
export interface ModelVersion {
  /** The version identifier (`v:`), a number or a string as written. */
  v: string | number;
  /** The model's latest version (`latest_version:`, else the greatest `v`). */
  latest: string | number;
  /** The file stem the version is defined in (`defined_in:`, else `<name>_v<v>`). */
  fileStem: string;
  /** Whether `defined_in:` named the file (else the stem is dbt's default). */
  definedIn: boolean;
  /** The version's own `deprecation_date:`, when it has one. */
  deprecationDate?: unknown;
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** dbt's default latest version: the greatest identifier, numerically when all are numbers, else as text. */
function greatestVersion(versions: (string | number)[]): string | number {
  const numeric = versions.every((v) => typeof v === "number" || (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))));
  return [...versions].sort((a, b) => (numeric ? Number(a) - Number(b) : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0)).at(-1)!;
}

/** The names an `include:`/`exclude:` value names: `all`/`*` for every column, else a list. */
function columnNames(value: unknown, every: string[]): string[] {
  if (value === "all" || value === "*") return every;
  return Array.isArray(value) ? value.map(String) : [];
}

/**
 * The columns of one version: the model's own columns it includes (all when the version lists
 * no columns; an `include:`/`exclude:` item narrows them), then the columns it writes itself,
 * which replace a model column of the same name. Tests follow the columns they sit on.
 */
function versionColumns(base: NodePatch, list: unknown, listPath: YamlPathSegment[], readColumns: ColumnReader): { columns: Record<string, ColumnInfo>; tests: TestEntry[] } {
  const baseTests = base.tests.filter((t) => t.column !== undefined);
  const every = Object.keys(base.columns);
  let included = every;
  const own: unknown[] = [];
  const ownIndex: number[] = [];
  if (Array.isArray(list)) {
    const selector = list.find((item) => "include" in asRecord(item));
    if (selector) {
      const s = asRecord(selector);
      const excluded = new Set(columnNames(s.exclude, every));
      included = columnNames(s.include, every).filter((c) => !excluded.has(c));
    } else {
      included = [];
    }
    list.forEach((item, i) => {
      if (!("include" in asRecord(item))) {
        own.push(item);
        ownIndex.push(i);
      }
    });
  }
  const ownTests: TestEntry[] = [];
  const ownColumns = readColumns(own, listPath, ownTests);
  // a test's path points at the item in the version's own list, not at the filtered copy
  for (const t of ownTests) t.path = [...listPath, ownIndex[Number(t.path[listPath.length])], ...t.path.slice(listPath.length + 1)];
  const columns: Record<string, ColumnInfo> = {};
  // each version gets its own copies: descriptions are rendered per node
  for (const name of included) if (!(name in ownColumns)) columns[name] = { ...base.columns[name] };
  Object.assign(columns, ownColumns);
  const tests = [...baseTests.filter((t) => included.includes(t.column!) && !(t.column! in ownColumns)), ...ownTests];
  return { columns, tests };
}

/** Reads a `columns:` list the way properties.ts does (injected to keep one reader). */
export type ColumnReader = (list: unknown, basePath: YamlPathSegment[], tests: TestEntry[]) => Record<string, ColumnInfo>;

/**
 * Expands a model entry with `versions:` into one patch per version, filed under the file stem
 * the version is defined in. Each version's config, description and columns start from the
 * model's and are refined by the version's own. An entry without versions is returned as it is.
 */
export function expandModelVersions(base: NodePatch, parsed: ParsedYaml, readColumns: ColumnReader, diagnostics: Diagnostic[]): NodePatch[] {
  const list = base.raw.versions;
  if (list === undefined || list === null) return [base];
  if (!Array.isArray(list) || list.length === 0) {
    diagnostics.push(diagnosticAt(parsed, [...base.path, "versions"], { code: "TSDBT-E018", message: `'versions' of model '${base.name}' in ${parsed.file} must be a non-empty list of versions.`, hint: "Write each version as '- v: 1' under 'versions:'." }));
    return [base];
  }
  const entries = list.map(asRecord);
  const ids: (string | number)[] = [];
  entries.forEach((e, i) => {
    if (typeof e.v !== "string" && typeof e.v !== "number") {
      diagnostics.push(diagnosticAt(parsed, [...base.path, "versions", i], { code: "TSDBT-E019", message: `A version of model '${base.name}' in ${parsed.file} has no 'v:' identifier.`, hint: "Give each version an identifier: '- v: 2'." }));
      return;
    }
    ids.push(e.v);
  });
  if (ids.length === 0) return [base];
  const declared = base.raw.latest_version;
  const latest = typeof declared === "string" || typeof declared === "number" ? declared : greatestVersion(ids);
  if (!ids.some((v) => String(v) === String(latest))) {
    diagnostics.push(diagnosticAt(parsed, [...base.path, "latest_version"], { code: "TSDBT-E035", message: `Model '${base.name}' in ${parsed.file} names latest_version ${latest}, which is not one of its versions (${ids.join(", ")}).`, hint: "Set latest_version to one of the 'v:' values under 'versions:'." }));
  }
  const modelTests = base.tests.filter((t) => t.column === undefined);
  const patches: NodePatch[] = [];
  entries.forEach((e, i) => {
    if (typeof e.v !== "string" && typeof e.v !== "number") return;
    const path = [...base.path, "versions", i];
    const { columns, tests } = "columns" in e ? versionColumns(base, e.columns, [...path, "columns"], readColumns) : { columns: Object.fromEntries(Object.entries(base.columns).map(([name, c]) => [name, { ...c }])), tests: base.tests.filter((t) => t.column !== undefined) };
    const versionTests: TestEntry[] = [];
    const testKey = e.data_tests !== undefined ? "data_tests" : "tests";
    [...(Array.isArray(e.tests) ? e.tests : []), ...(Array.isArray(e.data_tests) ? e.data_tests : [])].forEach((t, j) => versionTests.push({ entry: t, path: [...path, testKey, j] }));
    const fileStem = typeof e.defined_in === "string" ? e.defined_in : `${base.name}_v${e.v}`;
    patches.push({
      ...base,
      path,
      description: typeof e.description === "string" ? e.description : base.description,
      columns,
      config: mergeConfigs(base.config, asRecord(e.config)),
      meta: { ...base.meta, ...asRecord(e.meta) },
      docs: e.docs ? (asRecord(e.docs) as NodePatch["docs"]) : base.docs,
      access: typeof e.access === "string" ? e.access : base.access,
      tests: [...modelTests, ...versionTests, ...tests],
      version: { v: e.v, latest, fileStem, definedIn: typeof e.defined_in === "string", deprecationDate: e.deprecation_date },
    });
  });
  return patches;
}

/**
 * dbt reads a model's latest version from the unversioned file (`<name>.sql`) when no file
 * `<name>_v<latest>` exists and the version names no `defined_in`: re-files that patch under it.
 */
export function placeUnversionedLatest(patches: Map<string, NodePatch>, modelFiles: { packageName: string; pathInRoot: string }[]): void {
  const stems = new Set(modelFiles.map((f) => `${f.packageName}:${f.pathInRoot.split("/").pop()!.replace(/\.[^.]+$/, "")}`));
  for (const [key, patch] of [...patches]) {
    const version = patch.version;
    if (!version || String(version.v) !== String(version.latest)) continue;
    if (version.definedIn || stems.has(`${patch.packageName}:${version.fileStem}`) || !stems.has(`${patch.packageName}:${patch.name}`)) continue;
    const unversionedKey = key.slice(0, key.length - version.fileStem.length) + patch.name;
    if (patches.has(unversionedKey)) continue;
    patches.delete(key);
    patches.set(unversionedKey, { ...patch, version: { ...version, fileStem: patch.name } });
  }
}
