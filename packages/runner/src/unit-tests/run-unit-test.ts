import type { Adapter } from "@tsdbt/adapter-api";
import type { ManifestNode } from "@tsdbt/core";
import { RunnerError, RunnerErrorCode } from "../runner-error";
import { diffRows, formatRowDiff } from "./row-diff";
import type { TypedColumn, UnitTestPort } from "./unit-test-port";

/** How a unit test ended. */
export interface UnitTestVerdict {
  status: "pass" | "fail";
  /** Rows that differ (missing plus unexpected). */
  failures: number;
  message: string | null;
}

/**
 * Runs one unit test in the warehouse: types each fixture like its real input relation (when
 * it exists), runs the model's SQL on the fixtures, runs the expected rows typed like the
 * output, and compares them as multisets over the expected columns.
 * `onCompiled` receives the SQL that ran, for the result's compiled_code.
 */
export async function runUnitTest(adapter: Adapter, port: UnitTestPort | undefined, node: ManifestNode, onCompiled: (sql: string) => void): Promise<UnitTestVerdict> {
  if (!port) {
    throw new RunnerError(RunnerErrorCode.unsupportedResource, `${node.unique_id} is a unit test, and this compiler cannot compile unit tests.`, { file: node.original_file_path });
  }
  const relations = port.inputRelations(node.unique_id);
  const inputColumns = await Promise.all(
    relations.map(async (r): Promise<TypedColumn[] | null> => {
      if (!r) return null;
      const columns = await adapter.getColumns(r);
      return columns.length ? columns.map((c) => ({ name: c.name, type: c.dataType })) : null;
    }),
  );
  let sql: string;
  try {
    sql = port.compile(node.unique_id, inputColumns);
  } catch (error) {
    throw coded(error, node);
  }
  onCompiled(sql);
  const actual = await adapter.execute(sql, { nodeId: node.unique_id });
  let expected: { sql: string; columns: string[] };
  try {
    expected = port.expected(node.unique_id, actual.columns.map((c) => ({ name: c.name, type: c.type || null })));
  } catch (error) {
    throw coded(error, node);
  }
  const wanted = await adapter.execute(expected.sql, { nodeId: node.unique_id });
  const columns = expected.columns.length ? expected.columns : wanted.columns.map((c) => c.name);
  const diff = diffRows(wanted.rows, actual.rows, columns);
  const failures = diff.missing.length + diff.unexpected.length;
  return failures === 0 ? { status: "pass", failures: 0, message: null } : { status: "fail", failures, message: formatRowDiff(diff) };
}

/** A compile error carrying a TSDBT code (itself or as its cause) as a RunnerError located at the unit test's file. */
function coded(error: unknown, node: ManifestNode): unknown {
  for (const e of [(error as { cause?: unknown })?.cause, error]) {
    const c = e as { code?: unknown; message?: string; hint?: string } | undefined;
    if (c && typeof c.code === "string" && c.code.startsWith("TSDBT-")) return new RunnerError(c.code, c.message ?? String(e), { file: node.original_file_path, hint: c.hint });
  }
  return error;
}
