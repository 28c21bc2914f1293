import * as fs from "node:fs";
import * as path from "node:path";

/** Where `compile` notes whether its templates queried the warehouse, in the target path. */
export const COMPILE_HINT_FILE = "tsdbt_compile.json";

/**
 * Whether the last `compile` into this target path opened the warehouse (its templates called
 * `run_query`, `adapter.get_columns_in_relation`, …): the next one then starts the adapter worker
 * while the project parses, instead of when the first such template runs. False when never noted.
 */
export function compileUsedWarehouse(targetPath: string): boolean {
  try {
    return (JSON.parse(fs.readFileSync(path.join(targetPath, COMPILE_HINT_FILE), "utf8")) as { warehouse?: unknown }).warehouse === true;
  } catch {
    return false;
  }
}

/** Notes whether this compile opened the warehouse (written only when it changes). */
export function noteCompileWarehouse(targetPath: string, used: boolean, before: boolean): void {
  if (used === before) return;
  try {
    fs.mkdirSync(targetPath, { recursive: true });
    fs.writeFileSync(path.join(targetPath, COMPILE_HINT_FILE), `${JSON.stringify({ warehouse: used })}\n`);
  } catch {
    // a read-only target path: the next compile starts the worker when a template first needs it
  }
}
