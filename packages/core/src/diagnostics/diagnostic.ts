/** How bad a diagnostic is: errors stop the command (exit 2), warnings are reported. */
export type Severity = "error" | "warn";

/**
 * A problem found in the user's project. Collected, not thrown: one parse reports every
 * broken file. `code` is stable (documented in docs/errors.md); `message` is a full
 * sentence naming the node; `hint` suggests the fix.
 */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  /** File relative to the project directory, when the problem is in a file. */
  file?: string;
  /** 1-based line and column. */
  line?: number;
  col?: number;
  nodeId?: string;
  hint?: string;
  /** The offending source line, shown under the message. */
  snippet?: string;
}

/** Thrown when a command cannot go on; carries every diagnostic collected so far. */
export class DiagnosticError extends Error {
  readonly diagnostics: Diagnostic[];
  /** Warnings found before the errors stopped the command (shown first, as dbt shows them as it goes). */
  readonly warnings: Diagnostic[];
  constructor(diagnostics: Diagnostic[], warnings: Diagnostic[] = []) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "DiagnosticError";
    this.diagnostics = diagnostics;
    this.warnings = warnings;
  }
}

const SNIPPET_WIDTH = 120;

/** A long source line cut to the part around `col` (with `…` where it was cut), and the column in it. */
export function snippetWindow(line: string, col?: number): { text: string; col?: number } {
  if (line.length <= SNIPPET_WIDTH) return { text: line, col };
  const at = Math.max(0, (col ?? 1) - 1);
  const start = Math.max(0, Math.min(at - 40, line.length - SNIPPET_WIDTH));
  const head = start > 0 ? "…" : "";
  const tail = start + SNIPPET_WIDTH < line.length ? "…" : "";
  return { text: `${head}${line.slice(start, start + SNIPPET_WIDTH)}${tail}`, col: col === undefined ? undefined : at - start + 1 + head.length };
}

/** Renders a diagnostic for a terminal: `file:line:col: error TSDBT-E012: message` plus hint. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}${d.col ? `:${d.col}` : ""}` : ""}: ` : "";
  let out = `${where}${d.severity === "error" ? "error" : "warning"} ${d.code}: ${d.message}`;
  if (d.snippet !== undefined && d.line) {
    const gutter = String(d.line);
    const { text, col } = snippetWindow(d.snippet, d.col);
    out += `\n  ${gutter} | ${text}`;
    if (col) out += `\n  ${" ".repeat(gutter.length)} | ${" ".repeat(Math.max(0, col - 1))}^`;
  }
  if (d.hint) out += `\n  hint: ${d.hint}`;
  return out;
}

/** A collector that parse steps append to. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];
  add(d: Diagnostic): void {
    this.items.push(d);
  }
  error(code: string, message: string, at: Omit<Diagnostic, "code" | "message" | "severity"> = {}): void {
    this.items.push({ code, severity: "error", message, ...at });
  }
  warn(code: string, message: string, at: Omit<Diagnostic, "code" | "message" | "severity"> = {}): void {
    this.items.push({ code, severity: "warn", message, ...at });
  }
  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === "error");
  }
  /** Throws a {@link DiagnosticError} when any error was collected. */
  throwIfErrors(): void {
    if (this.hasErrors) throw new DiagnosticError(this.items.filter((d) => d.severity === "error"));
  }
}
