import { columnConstraintOf, CONSTRAINT_TYPES, isConstraintType, modelConstraintOf } from "@tsdbt/adapter-api";
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { ManifestNode } from "../manifest/types";
import { readReferenceCall } from "./semantic/reference-call";

/** Stable code of a model contract or constraint dbt refuses at parse. */
export const CONTRACT_ERROR_CODE = "TSDBT-E037";
/** Stable code of constraints on a materialization that does not apply them. */
export const CONSTRAINTS_IGNORED_CODE = "TSDBT-W080";

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** A column's `constraints:` with dbt's defaults filled in; entries of an unknown type stay as written (the contract check reports them). */
export function columnConstraintsOf(list: unknown[]): unknown[] {
  return list.map((c) => (isRecord(c) && isConstraintType(c.type) ? columnConstraintOf(c) : c));
}

/** A model's `constraints:` with dbt's defaults filled in; entries of an unknown type stay as written. */
export function modelConstraintsOf(list: unknown[]): unknown[] {
  return list.map((c) => (isRecord(c) && isConstraintType(c.type) ? modelConstraintOf(c) : c));
}

/** Every constraint of a model: its own, then its columns'. */
function allConstraints(node: ManifestNode): Record<string, unknown>[] {
  const own = (node.constraints ?? []).filter(isRecord);
  return [...own, ...Object.values(node.columns).flatMap((c) => (c.constraints ?? []).filter(isRecord))];
}

/**
 * Adds the models and sources that the model's foreign keys point at (`to: ref('orders')`,
 * `to: source('shop', 'orders')`) to its refs and sources, so they are built first, as dbt does.
 */
export function addConstraintReferences(node: ManifestNode): void {
  for (const c of allConstraints(node)) {
    if (c.type !== "foreign_key" || typeof c.to !== "string" || !c.to) continue;
    const call = readReferenceCall(c.to);
    if (call?.kind === "ref") node.refs.push({ name: call.name, package: call.package, version: call.version });
    else if (call?.kind === "source") node.sources.push([call.sourceName, call.table]);
  }
}

/** Materializations that create the table themselves, so they can apply constraints. */
const APPLIES_CONSTRAINTS = new Set(["table", "incremental"]);

/**
 * dbt's parse-time checks of a model's contract and constraints: an enforced contract needs YAML
 * columns, known constraint types, and on an incremental model `on_schema_change` append_new_columns
 * or fail; a primary key is declared on one column or on the model, not both; a foreign key's `to`
 * is a `ref()` or `source()`. A warning when an enforced contract's constraints cannot be applied
 * (a view). `file`: where the model's properties are; null when no properties file describes the
 * model (dbt then checks its `config()` only: the build reports a contract without columns).
 */
export function checkModelContract(node: ManifestNode, file: string | null): Diagnostic[] {
  const out: Diagnostic[] = [];
  const error = (message: string, hint: string) => out.push({ code: CONTRACT_ERROR_CODE, severity: "error", message, file: file ?? node.original_file_path, nodeId: node.unique_id, hint });
  const enforced = node.contract?.enforced === true;
  const materialized = String(node.config.materialized);
  const onSchemaChange = String(node.config.on_schema_change ?? "ignore");
  if (enforced && materialized === "incremental" && onSchemaChange !== "append_new_columns" && onSchemaChange !== "fail") {
    error(
      `Invalid value for on_schema_change: ${onSchemaChange}. Models materialized as incremental with contracts enabled must set on_schema_change to 'append_new_columns' or 'fail'`,
      `Set on_schema_change: append_new_columns (or fail) in the config of ${node.name}.`,
    );
  }
  if (file === null) return out;
  if (enforced) {
    const constraints = allConstraints(node);
    if (constraints.some((c) => c.warn_unsupported !== false) && !APPLIES_CONSTRAINTS.has(materialized)) {
      out.push({
        code: CONSTRAINTS_IGNORED_CODE,
        severity: "warn",
        message: `Constraint types are not supported for ${materialized} materializations and will be ignored.  Set 'warn_unsupported: false' on this constraint to ignore this warning.`,
        file,
        nodeId: node.unique_id,
        hint: "Materialize the model as a table or incremental model to apply its constraints.",
      });
    }
    if (Object.keys(node.columns).length === 0) {
      error(`Contract enforcement failed for: (${node.original_file_path})\nConstraints must be defined in a \`yml\` schema configuration file like \`schema.yml\`.`, `List the columns of ${node.name}, each with its data_type, in a properties file.`);
    }
    const all = [...(node.constraints ?? []), ...Object.values(node.columns).flatMap((c) => c.constraints ?? [])];
    if (all.some((c) => !isRecord(c) || !isConstraintType(c.type))) {
      error(`Invalid constraint type on model ${node.name}: Type must be one of ${pyList(CONSTRAINT_TYPES)}`, `Use one of ${CONSTRAINT_TYPES.join(", ")}.`);
    }
  }
  const keyColumns = Object.values(node.columns).filter((c) => (c.constraints ?? []).some((x) => isRecord(x) && x.type === "primary_key")).map((c) => c.name);
  const problems: string[] = [];
  if (keyColumns.length > 1) problems.push(`Found ${keyColumns.length} columns (${pyList(keyColumns)}) with primary key constraints defined. Primary keys for multiple columns must be defined as a model level constraint.`);
  if (keyColumns.length > 0 && (node.constraints ?? []).some((c) => isRecord(c) && c.type === "primary_key")) {
    problems.push("Primary key constraints defined at the model level and the columns level. Primary keys can be defined at the model level or the column level, not both.");
  }
  if (problems.length > 0) error(`Primary key constraint error: (${node.original_file_path})\n${problems.join("\n")}`, "Declare one primary key: on one column, or as a model constraint listing its columns.");
  for (const c of allConstraints(node)) {
    if (c.type === "foreign_key" && typeof c.to === "string" && c.to && !readReferenceCall(c.to)) {
      error(`Invalid 'ref' or 'source' syntax on foreign key constraint 'to' on model ${node.name}: ${c.to}.`, "Write `to: ref('model_name')` or `to: source('source_name', 'table_name')`, or put the referenced table in `expression:`.");
    }
  }
  return out;
}

/** Python's text of a list of strings: `['a', 'b']`. */
function pyList(items: readonly string[]): string {
  return `[${items.map((s) => `'${s}'`).join(", ")}]`;
}

/** Python's repr of a text: single quotes unless it holds a single quote and no double quote. */
function pyText(s: string): string {
  if (s.includes("'") && !s.includes('"')) return `"${s}"`;
  return `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

const pyValue = (v: unknown): string => (v === null || v === undefined ? "None" : typeof v === "boolean" ? (v ? "True" : "False") : Array.isArray(v) ? `[${v.map(pyValue).join(", ")}]` : pyText(String(v)));

/**
 * Python's text of a list of constraints as dbt's contract checksum hashes it:
 * `[ColumnLevelConstraint(type=<ConstraintType.not_null: 'not_null'>, name=None, …)]`.
 */
export function constraintsRepr(list: readonly unknown[] | undefined, level: "column" | "model"): string {
  const items = (list ?? []).map((c) => {
    if (!isRecord(c) || !isConstraintType(c.type)) return pyValue(c);
    const n = level === "model" ? modelConstraintOf(c) : columnConstraintOf(c);
    const fields = [
      `type=<ConstraintType.${n.type}: '${n.type}'>`,
      `name=${pyValue(n.name)}`,
      `expression=${pyValue(n.expression)}`,
      `warn_unenforced=${pyValue(n.warn_unenforced)}`,
      `warn_unsupported=${pyValue(n.warn_unsupported)}`,
      `to=${pyValue(n.to)}`,
      `to_columns=${pyValue(n.to_columns)}`,
      ...(level === "model" ? [`columns=${pyValue("columns" in n ? n.columns : [])}`] : []),
    ];
    return `${level === "model" ? "ModelLevelConstraint" : "ColumnLevelConstraint"}(${fields.join(", ")})`;
  });
  return `[${items.join(", ")}]`;
}
