import { macroFramesOf } from "@tsdbt/core";

/**
 * Stable codes of errors the runner reports on a node. Each one is a mistake a user can
 * make (or fix) in the project, so each comes with a full sentence and a hint.
 */
export const RunnerErrorCode = {
  unknownMaterialization: "TSDBT-E401",
  unknownIncrementalStrategy: "TSDBT-E402",
  schemaChanged: "TSDBT-E403",
  invalidOnSchemaChange: "TSDBT-E404",
  noBulkLoad: "TSDBT-E405",
  seedColumnsChanged: "TSDBT-E406",
  malformedCsv: "TSDBT-E407",
  unsupportedResource: "TSDBT-E408",
  runHookFailed: "TSDBT-E409",
  invalidTestConfig: "TSDBT-E410",
  cancelled: "TSDBT-E411",
  materializationReturn: "TSDBT-E412",
  configurationChanged: "TSDBT-E413",
  nothingToCopy: "TSDBT-E414",
  microbatchNeedsUniqueKey: "TSDBT-E415",
  pythonModel: "TSDBT-E419",
} as const;

/** A node failure with a stable code, a sentence, an optional `file:line:col` and a hint. */
export class RunnerError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly col: number | undefined;

  constructor(code: string, message: string, options: { hint?: string; file?: string; line?: number; col?: number } = {}) {
    super(message);
    this.name = "RunnerError";
    this.code = code;
    this.hint = options.hint;
    this.file = options.file;
    this.line = options.line;
    this.col = options.col;
  }

  /** `file:line:col: TSDBT-Exxx: message` followed by the hint, for a result's `message`. */
  format(): string {
    const where = this.file ? `${this.file}${this.line ? `:${this.line}${this.col ? `:${this.col}` : ""}` : ""}: ` : "";
    return `${where}${this.code}: ${this.message}${this.hint ? `\n  hint: ${this.hint}` : ""}`;
  }
}

/**
 * An error a Jinja materialization's template raised itself (`exceptions.raise_compiler_error`,
 * an undefined macro, a bad argument), as opposed to a statement the warehouse refused: the
 * node's message then says Compilation Error, as dbt's does.
 */
export class TemplateFailure extends Error {
  constructor(readonly failure: unknown) {
    super(failure instanceof Error ? failure.message : String(failure));
    this.name = "TemplateFailure";
  }
}

/** An adapter's own check of a node's config (an `AdapterError` with a stable TSDBT code and a hint). */
function isCodedError(error: unknown): error is Error & { code: string; hint?: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === "string" && /^TSDBT-E\d+$/.test((error as unknown as { code: string }).code);
}

/** The message of anything a node threw: a formatted {@link RunnerError} or adapter error with its code and hint, else the error's own message (never a stack). */
export function describeError(error: unknown): string {
  if (error instanceof RunnerError) return error.format();
  if (isCodedError(error)) return `${error.code}: ${error.message}${error.hint ? `\n  hint: ${error.hint}` : ""}`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * dbt's lines after a compilation error raised inside macros while the node's SQL renders: a blank
 * line, `> in macro <name> (<file>)`, `> called by macro …` for each caller, then `> called by <node>`;
 * none when no macro is named (nor for a materialization's errors, which dbt reports without them).
 */
function macroStackLines(node: NodeIdentity, error: unknown): string[] {
  const frames = macroFramesOf(error instanceof TemplateFailure ? error.failure : error);
  if (frames.length === 0) return [];
  return ["", ...frames.map((f, i) => `> ${i === 0 ? "in" : "called by"} macro ${f.name} (${f.file})`), `> called by ${node.resource_type} ${node.name} (${node.original_file_path})`];
}

/** The fields of a node an error message names. */
interface NodeIdentity {
  resource_type: string;
  name: string;
  original_file_path: string;
  compiled_path?: string | null;
}

/**
 * A failed node's message as dbt words it: the kind of error (Compilation Error when the node's
 * template failed, Runtime Error for tsdbt's and the adapters' own checks, Database Error for what the warehouse
 * refused), the node and its file, the error indented, then, for a database error, where the SQL it
 * ran is (`runPath`, its target/run file, else its compiled SQL's path).
 */
export function nodeErrorMessage(node: NodeIdentity, error: unknown, phase: "compile" | "execute", runPath?: string): string {
  const kind = phase === "compile" || error instanceof TemplateFailure ? "Compilation Error" : error instanceof RunnerError || isCodedError(error) ? "Runtime Error" : "Database Error";
  const body = [...describeError(error).split("\n"), ...(phase === "compile" ? macroStackLines(node, error) : [])].map((line) => `  ${line}`).join("\n");
  const where = runPath ?? node.compiled_path;
  // only a database error names the SQL's file (dbt's DbtDatabaseError does; its runtime errors do not)
  const compiled = kind === "Database Error" && phase === "execute" && where ? `\n  compiled code at ${where}` : "";
  return `${kind} in ${node.resource_type} ${node.name} (${node.original_file_path})\n${body}${compiled}`;
}
