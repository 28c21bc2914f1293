import * as fs from "node:fs";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { trimmedSource } from "../parse/build-nodes";

/**
 * A node's `raw_code` starts at its file's first non-blank line; a render error's line counts from
 * there. Moves the diagnostic to the file's own line numbers when it is about that file (`nodeFile`,
 * as the node names it) and the file (`filePath` on disk) is readable (only on the error path, so
 * the file is read only then).
 */
export function toFileLines(d: Diagnostic, nodeFile: string, filePath: string): Diagnostic {
  if (d.line === undefined || d.file !== nodeFile) return d;
  let contents: string;
  try {
    contents = fs.readFileSync(filePath, "utf8");
  } catch {
    return d;
  }
  const { firstLine } = trimmedSource(contents);
  return firstLine === 1 ? d : { ...d, line: d.line + firstLine - 1 };
}
