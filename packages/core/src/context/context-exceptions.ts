import { hostFunction, pyStr } from "@tsdbt/jinja";
import { CompilerError } from "./compiler-error";
import { contractErrorMessage, type FormattedColumn } from "./contract-error";

/** Where `exceptions.warn(...)` messages go. */
export type WarnSink = (message: string) => void;

const attr = (o: unknown, key: string): string => {
  const v = o && typeof o === "object" ? (o as Record<string, unknown>)[key] : undefined;
  return v === undefined || v === null ? "" : pyStr(v);
};

/** The `format_columns` dicts a template passes to `raise_contract_error`, as plain columns. */
const formattedColumns = (list: unknown): FormattedColumn[] =>
  (Array.isArray(list) ? list : []).map((c) => ({ name: attr(c, "name"), data_type: attr(c, "data_type"), formatted: attr(c, "formatted") }));

/** What to do about each code, when the helper has no more specific hint (docs/errors.md). */
const DEFAULT_HINTS: Record<string, string> = {
  "TSDBT-E030": "The message comes from the template (your project or a package): fix what it names.",
  "TSDBT-E031": "This macro has no implementation for this warehouse: use another macro, or define the adapter-specific one.",
  "TSDBT-E034": "The template reported a warehouse error: the message says what the warehouse answered.",
  "TSDBT-E035": "A problem with the project's packages or properties files: `tsdbt deps` installs missing packages.",
  "TSDBT-E036": "The template stopped the run on purpose: fix the failure the message names.",
};

/** Fails the node with a template's own message (TSDBT-E030 unless another code fits better). */
function fail(code: string, message: string, hint?: string): never {
  throw new CompilerError(code, message, hint ?? DEFAULT_HINTS[code]);
}

/**
 * The `exceptions` namespace dbt gives templates: `raise_compiler_error`, `warn`,
 * `raise_not_implemented` and the other `raise_*`/`missing_*` helpers of dbt 1.10, each failing
 * the node with dbt's message. Compiler-style errors are TSDBT-E030, "not implemented" TSDBT-E031,
 * database errors TSDBT-E034, project/dependency errors TSDBT-E035, fail-fast TSDBT-E036.
 */
export function contextExceptions(warn: WarnSink) {
  return {
    raise_compiler_error: hostFunction(([msg]) => fail("TSDBT-E030", pyStr(msg))),
    warn: hostFunction(([msg]) => {
      warn(pyStr(msg));
      return "";
    }),
    raise_not_implemented: hostFunction(([msg]) => fail("TSDBT-E031", pyStr(msg))),
    missing_config: hostFunction(([model, name]) => fail("TSDBT-E030", `Model '${attr(model, "unique_id")}' does not define a required config parameter '${pyStr(name)}'.`)),
    missing_materialization: hostFunction(([model, adapterType]) => {
      const type = pyStr(adapterType);
      const config = model && typeof model === "object" ? (model as { config?: Record<string, unknown> }).config : undefined;
      const searched = type === "default" ? "'default'" : `'default' and '${type}'`;
      return fail("TSDBT-E030", `No materialization '${pyStr(config?.materialized ?? "")}' was found for adapter ${type}! (searched types ${searched})`);
    }),
    missing_relation: hostFunction(([relation]) => fail("TSDBT-E030", `Relation ${pyStr(relation)} not found!`)),
    relation_wrong_type: hostFunction(([relation, expectedType]) =>
      fail(
        "TSDBT-E030",
        `Trying to create ${pyStr(expectedType)} ${pyStr(relation)}, but it currently exists as a ${attr(relation, "type")}. Either drop ${pyStr(relation)} manually, or run dbt with \`--full-refresh\` and dbt will drop it for you.`,
      ),
    ),
    raise_ambiguous_alias: hostFunction(([a, b, duped]) => {
      const name = duped ?? `${attr(a, "database")}.${attr(a, "schema")}.${attr(a, "alias")}`;
      return fail(
        "TSDBT-E030",
        `dbt found two resources with the database representation "${pyStr(name)}".\ndbt cannot create two resources with identical database representations. To fix this,\nchange the configuration of one of these resources:\n- ${attr(a, "unique_id")} (${attr(a, "original_file_path")})\n- ${attr(b, "unique_id")} (${attr(b, "original_file_path")})`,
      );
    }),
    raise_ambiguous_catalog_match: hostFunction(([uniqueId, m1, m2]) => fail("TSDBT-E030", `dbt found two relations in your warehouse with similar database identifiers for ${pyStr(uniqueId)}: ${pyStr(m1)} and ${pyStr(m2)}.`)),
    raise_cache_inconsistent: hostFunction(([msg]) => fail("TSDBT-E030", `Cache inconsistency detected: ${pyStr(msg)}`)),
    raise_dataclass_not_dict: hostFunction(([obj]) => fail("TSDBT-E030", `The object ("${pyStr(obj)}") was used as a dictionary. This capability has been removed from objects of this type.`)),
    raise_database_error: hostFunction(([msg]) => fail("TSDBT-E034", pyStr(msg))),
    raise_dep_not_found: hostFunction(([, description, pkg]) =>
      fail("TSDBT-E035", `Error while parsing ${pyStr(description)}.\nThe required package "${pyStr(pkg)}" was not found. Is the package installed?\nHint: You may need to run \`dbt deps\`.`, "Run `tsdbt deps` to install the packages of packages.yml."),
    ),
    raise_dependency_error: hostFunction(([msg]) => fail("TSDBT-E035", pyStr(msg))),
    raise_duplicate_patch_name: hostFunction(([patch, existing]) => fail("TSDBT-E035", `dbt found two schema.yml entries for the same resource named ${attr(patch, "name")}. Resources and their associated columns may only be described a single time. To fix this, remove one of the resource entries for ${attr(patch, "name")} in this file:\n - ${pyStr(existing)}\n`)),
    raise_duplicate_resource_name: hostFunction(([a, b]) => fail("TSDBT-E035", `dbt found two resources with the name "${attr(a, "name")}": ${attr(a, "original_file_path")} and ${attr(b, "original_file_path")}.`)),
    raise_invalid_property_yml_version: hostFunction(([path, issue]) => fail("TSDBT-E035", `The yml property file at ${pyStr(path)} is invalid because ${pyStr(issue)}. Please consult the documentation for more information on yml property file syntax:\n\nhttps://docs.getdbt.com/reference/configs-and-properties`)),
    raise_contract_error: hostFunction(([yamlColumns, sqlColumns]) => fail("TSDBT-E030", contractErrorMessage(formattedColumns(yamlColumns), formattedColumns(sqlColumns)))),
    column_type_missing: hostFunction(([names]) => fail("TSDBT-E030", `Contracted models require data_type to be defined for each column. Please ensure that the column name and data_type are defined within the YAML configuration for the ${pyStr(names)} column(s).`)),
    raise_fail_fast_error: hostFunction(([msg]) => fail("TSDBT-E036", pyStr(msg))),
    warn_snapshot_timestamp_data_types: hostFunction(([snapshotType, updatedType]) => {
      warn(`Data type of snapshot table timestamp columns (${pyStr(snapshotType)}) doesn't match derived column 'updated_at' (${pyStr(updatedType)}). Please update snapshot config 'updated_at'.`);
      return "";
    }),
  };
}
