import type { Diagnostic } from "../diagnostics/diagnostic";
import { isPlainObject } from "../config/vars";
import { diagnosticAt } from "../yaml/diagnostic-at";
import type { ParsedYaml } from "../yaml/parse-yaml";
import { DBT_COMPATIBLE_VERSION, satisfiesDbtVersion } from "./dbt-version";
import { FieldReader } from "./field-reader";
import type { DispatchConfig, ProjectConfig, QueryCommentConfig } from "./project-config";

const PROJECT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Turns the rendered mapping of dbt_project.yml into a {@link ProjectConfig}, with dbt's defaults. */
export function buildProjectConfig(source: Record<string, unknown>, parsed: ParsedYaml, projectDir: string, diagnostics: Diagnostic[]): ProjectConfig {
  const read = new FieldReader(parsed, source, [], diagnostics);
  const name = read.string("name", null);
  if (name === null) {
    diagnostics.push(
      diagnosticAt(parsed, [], { code: "TSDBT-E003", message: `${parsed.file} has no 'name'; every project needs one.`, hint: "Add `name: my_project` at the top of the file." }),
    );
  } else if (!PROJECT_NAME.test(name)) {
    read.error("name", `The project name '${name}' is not valid: use letters, digits and underscores, not starting with a digit.`, `Rename it, for example to '${name.replace(/[^A-Za-z0-9_]/g, "_").replace(/^(\d)/, "_$1")}'.`);
  }
  const configVersion = source["config-version"] === undefined ? 2 : Number(source["config-version"]);
  if (configVersion !== 2) {
    read.error("config-version", `config-version ${String(source["config-version"])} is not supported; only config-version 2 is.`, "Set `config-version: 2` (or remove the key) and use the current config names.");
  }
  const modelPaths = read.stringList("model-paths", ["models"]);
  const seedPaths = read.stringList("seed-paths", ["seeds"]);
  const testPaths = read.stringList("test-paths", ["tests"]);
  const analysisPaths = read.stringList("analysis-paths", ["analyses"]);
  const macroPaths = read.stringList("macro-paths", ["macros"]);
  const snapshotPaths = read.stringList("snapshot-paths", ["snapshots"]);
  const targetPath = read.string("target-path", "target");
  if (read.has("tests") && read.has("data_tests")) {
    read.error("tests", `${parsed.file} sets both 'tests' and 'data_tests'; they are the same config tree.`, "Keep only 'data_tests' (the newer name).");
  }
  const project: ProjectConfig = {
    projectDir,
    file: parsed.file,
    name: name ?? "",
    version: read.string("version", null),
    configVersion,
    profile: read.string("profile", null),
    modelPaths,
    macroPaths,
    seedPaths,
    testPaths,
    snapshotPaths,
    analysisPaths,
    docsPaths: read.stringList("docs-paths", unique([...modelPaths, ...seedPaths, ...testPaths, ...analysisPaths, ...macroPaths, ...snapshotPaths])),
    assetPaths: read.stringList("asset-paths", []),
    targetPath,
    logPath: read.string("log-path", "logs"),
    packagesInstallPath: read.string("packages-install-path", "dbt_packages"),
    cleanTargets: read.stringList("clean-targets", [targetPath]),
    vars: read.mapping("vars"),
    quoting: read.mapping("quoting"),
    models: read.mapping("models"),
    seeds: read.mapping("seeds"),
    snapshots: read.mapping("snapshots"),
    dataTests: read.has("data_tests") ? read.mapping("data_tests") : read.mapping("tests"),
    sources: read.mapping("sources"),
    unitTests: read.mapping("unit_tests"),
    exposures: read.mapping("exposures"),
    metrics: read.mapping("metrics"),
    semanticModels: read.mapping("semantic-models"),
    savedQueries: read.mapping("saved-queries"),
    onRunStart: read.stringList("on-run-start", []),
    onRunEnd: read.stringList("on-run-end", []),
    requireDbtVersion: read.stringList("require-dbt-version", []),
    dispatch: readDispatch(read, source.dispatch),
    flags: read.mapping("flags"),
    queryComment: readQueryComment(read, source["query-comment"]),
    restrictAccess: read.boolean("restrict-access", false),
    raw: source,
  };
  checkDbtVersion(project, read);
  return project;
}

function readDispatch(read: FieldReader, value: unknown): DispatchConfig[] {
  if (value === undefined || value === null) return [];
  const valid =
    Array.isArray(value) &&
    value.every((d) => isPlainObject(d) && typeof d.macro_namespace === "string" && Array.isArray(d.search_order) && d.search_order.every((s) => typeof s === "string"));
  if (!valid) {
    read.error("dispatch", "'dispatch' must be a list of {macro_namespace: <package>, search_order: [<package>, …]} entries.", "Example: dispatch: [{macro_namespace: dbt_utils, search_order: [my_project, dbt_utils]}]");
    return [];
  }
  return (value as Record<string, unknown>[]).map((d) => ({ macro_namespace: d.macro_namespace as string, search_order: d.search_order as string[] }));
}

function readQueryComment(read: FieldReader, value: unknown): QueryCommentConfig {
  const defaults: QueryCommentConfig = { enabled: true, comment: null, append: false, jobLabel: false };
  if (value === undefined) return defaults;
  if (value === null || value === "") return { ...defaults, enabled: false };
  if (typeof value === "string") return { ...defaults, comment: value };
  if (isPlainObject(value)) {
    const comment = value.comment === undefined ? null : value.comment;
    return {
      enabled: comment !== "" && !(value.comment === null && "comment" in value),
      comment: typeof comment === "string" ? comment : null,
      append: value.append === true,
      jobLabel: value["job-label"] === true || value.job_label === true,
    };
  }
  read.error("query-comment", "'query-comment' must be a text template or a mapping with comment/append/job-label.", "Example: query-comment: {comment: 'run by {{ target.name }}', append: true}");
  return defaults;
}

function checkDbtVersion(project: ProjectConfig, read: FieldReader): void {
  if (project.requireDbtVersion.length === 0) return;
  const ok = satisfiesDbtVersion(DBT_COMPATIBLE_VERSION, project.requireDbtVersion);
  if (ok !== false) return;
  read.report("require-dbt-version", {
    code: "TSDBT-W002",
    severity: "warn",
    message: `The project requires dbt ${project.requireDbtVersion.join(", ")}; tsdbt follows dbt ${DBT_COMPATIBLE_VERSION}, so some behaviour may differ.`,
    hint: "tsdbt goes on anyway; widen require-dbt-version if the project works.",
  });
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
