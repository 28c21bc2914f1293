import type { Diagnostic } from "../../diagnostics/diagnostic";
import type { ManifestNode } from "../../manifest/types";
import { createCaptureScope, type CaptureTarget } from "../capture-scope";
import { readPythonModel } from "./python-model-calls";

/** A Python model's code TSDBT-E069 points at. */
export const PYTHON_MODEL_ERROR = "TSDBT-E069";

/**
 * Parses a Python model as dbt does, without running it: its refs, sources and `dbt.config(...)`
 * settings from the literal arguments of its `dbt.*` calls, and the keys it reads with
 * `dbt.config.get(key, default)` (dbt's `config_keys_used` / `config_keys_defaults`, which compile
 * turns into the model's `config_dict`). A Python model is a table unless it says otherwise.
 */
export function parsePythonNode(node: ManifestNode, target: CaptureTarget, configView: () => Record<string, unknown>, lineOffset = 1): Diagnostic[] {
  const read = readPythonModel(node.raw_code);
  if ("problem" in read) {
    const { message, line, col, hint } = read.problem;
    const fileLine = line + lineOffset - 1;
    return [{ code: PYTHON_MODEL_ERROR, severity: "error", message, file: node.original_file_path, line: fileLine, col, snippet: node.raw_code.split("\n")[line - 1], hint, nodeId: node.unique_id }];
  }
  const scope = createCaptureScope(node, target, configView);
  node.config_call_dict = { materialized: "table" };
  const used: string[] = [];
  const defaults: unknown[] = [];
  for (const call of read.calls) {
    if (call.fn === "ref") scope.ref(call.args, call.kwargs);
    else if (call.fn === "source") scope.source(String(call.args[0]), String(call.args[1]));
    else if (call.fn === "config") scope.config.set(call.kwargs);
    else {
      used.push(String(call.args[0] ?? call.kwargs.key));
      defaults.push(call.args[1] ?? call.kwargs.default ?? null);
    }
  }
  if (used.length > 0) scope.config.set({ config_keys_used: used, config_keys_defaults: defaults });
  return [];
}
