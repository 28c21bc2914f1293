import type { Diagnostic } from "../diagnostics/diagnostic";
import type { ProjectFile } from "../project/discover-files";

/** Kinds of files that hold SQL and Jinja text. */
const TEXT_KINDS = new Set<ProjectFile["kind"]>(["model", "analysis", "test", "snapshot", "macro", "doc"]);

/**
 * TSDBT-E065 for a SQL, Jinja or Markdown file that holds NUL bytes: a binary file, or text saved
 * in UTF-16. No warehouse accepts them in SQL, and they usually mean the file is not what its
 * name says. Located at the first one.
 */
export function nulByteDiagnostic(file: ProjectFile): Diagnostic | undefined {
  if (!TEXT_KINDS.has(file.kind)) return undefined;
  const text = file.contents;
  const at = text.indexOf("\u0000");
  if (at < 0) return undefined;
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  const col = at - before.lastIndexOf("\n");
  const lineText = (text.split("\n")[line - 1] ?? "").replace(/\u0000/g, "\\0").replace(/[^\x20-\x7e\t\u00a0-\uffff]/g, "?");
  const count = text.split("\u0000").length - 1;
  return {
    code: "TSDBT-E065",
    severity: "error",
    message: `${file.path} holds ${count === 1 ? "a NUL byte" : `${count} NUL bytes`} (the first at line ${line}, column ${col}), so it is not read as SQL.`,
    file: file.path,
    line,
    col,
    snippet: lineText.length > 200 ? `${lineText.slice(0, 200)}…` : lineText,
    hint: "Remove the NUL bytes. If the file is UTF-16 (some Windows editors save it so), save it as UTF-8.",
  };
}
