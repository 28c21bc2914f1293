import type { Diagnostic } from "@tsdbt/core";
import { formatDiagnostic } from "@tsdbt/core";

/** One structured log event, shaped like dbt's JSON log lines (`info` + `data`). */
export interface LogEvent {
  name: string;
  code: string;
  msg: string;
  level: "debug" | "info" | "warn" | "error";
  data?: Record<string, unknown>;
}

/** Output settings of one invocation. */
export interface LoggerOptions {
  format: "text" | "json";
  quiet: boolean;
  invocationId: string;
  /** Where lines go (default: process.stdout / process.stderr). */
  write?: (line: string, stream: "stdout" | "stderr") => void;
  /** Receives every event (the Node API's callback). */
  onEvent?: (event: LogEvent & { ts: string; invocation_id: string }) => void;
}

/**
 * The CLI's output: human lines in dbt's shape, or one JSON object per line with
 * `--log-format json`. `-q` keeps only errors and the output of commands like `ls`.
 */
export class Logger {
  /** Every warning diagnostic printed so far (the Node API returns them). */
  readonly warnings: Diagnostic[] = [];

  constructor(private readonly options: LoggerOptions) {}

  private emit(e: LogEvent, stream: "stdout" | "stderr", always = false): void {
    const ts = new Date().toISOString();
    this.options.onEvent?.({ ...e, ts, invocation_id: this.options.invocationId });
    const write = this.options.write ?? ((line, s) => (s === "stdout" ? process.stdout : process.stderr).write(`${line}\n`));
    if (this.options.format === "json") {
      const info = { name: e.name, code: e.code, msg: e.msg, level: e.level, invocation_id: this.options.invocationId, pid: process.pid, thread: "MainThread", ts };
      write(JSON.stringify({ info, data: e.data ?? {} }), "stdout");
      return;
    }
    if (e.level === "debug") return;
    if (this.options.quiet && !always && e.level !== "error") return;
    write(`${ts.slice(11, 19)}  ${e.msg}`, stream);
  }

  /** An event for `--log-format json` and `onEvent` listeners only (not printed as text). */
  debug(name: string, code: string, msg: string, data?: Record<string, unknown>): void {
    this.emit({ name, code, msg, level: "debug", data }, "stdout");
  }

  info(name: string, code: string, msg: string, data?: Record<string, unknown>): void {
    this.emit({ name, code, msg, level: "info", data }, "stdout");
  }
  warn(name: string, code: string, msg: string, data?: Record<string, unknown>): void {
    this.emit({ name, code, msg, level: "warn", data }, "stdout");
  }
  error(name: string, code: string, msg: string, data?: Record<string, unknown>): void {
    this.emit({ name, code, msg, level: "error", data }, "stderr");
  }
  /** Command output that `-q` keeps (ls, show, compile --inline): printed bare in text mode. */
  result(name: string, msg: string, data?: Record<string, unknown>): void {
    if (this.options.format === "json") return this.emit({ name, code: "Z052", msg, level: "info", data }, "stdout", true);
    const write = this.options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.options.onEvent?.({ name, code: "Z052", msg, level: "info", data, ts: new Date().toISOString(), invocation_id: this.options.invocationId });
    write(msg, "stdout");
  }
  /** Prints diagnostics (errors and warnings) with their location, snippet and hint. */
  diagnostics(items: Diagnostic[]): void {
    for (const d of items) {
      const data = { code: d.code, file: d.file, line: d.line, col: d.col, node_id: d.nodeId, hint: d.hint };
      if (d.severity === "error") this.error("CompilationError", d.code, formatDiagnostic(d), data);
      else {
        this.warnings.push(d);
        this.warn("Warning", d.code, formatDiagnostic(d), data);
      }
    }
  }
}
