import { appendFileSync, mkdirSync } from "node:fs";
import * as path from "node:path";
import type { Diagnostic } from "@tsdbt/core";
import { formatDiagnostic } from "@tsdbt/core";
import { COLORS, NO_COLORS, stripColors, type Palette } from "./logging/colors";
import { eventKind, type EventLevel, type EventName } from "./logging/event-catalogue";
import { formatLine, invocationBanner, passes, type FiredEvent, type LineFormat } from "./logging/line-format";
import { WARNINGS_STAY_WARNINGS, warningOutcome, type WarnErrorPolicy } from "./logging/warn-error";

/** One structured log event, shaped like dbt's JSON log lines (`info` + `data`). */
export interface LogEvent {
  name: string;
  code: string;
  msg: string;
  level: EventLevel;
  data?: Record<string, unknown>;
}

/** Where and how one sink (the console or the log file) writes. */
export interface SinkOptions {
  format: LineFormat;
  /** Lowest level written; "none" writes nothing. */
  level: EventLevel | "none";
  colors: boolean;
}

/** Output settings of one invocation. */
export interface LoggerOptions {
  invocationId: string;
  /** The console (stdout): dbt's defaults are text, info, colours on a terminal. */
  console?: Partial<SinkOptions>;
  /** `-q`: only errors and command output (ls, show, compile --inline) reach the console. */
  quiet?: boolean;
  /** The log file (`logs/dbt.log`): appended to when the logger is closed or its buffer fills. */
  file?: SinkOptions & { path: string };
  /** `--warn-error` / `--warn-error-options`. */
  warnError?: WarnErrorPolicy;
  /** Width of progress lines (`--printer-width`, default 80). */
  printerWidth?: number;
  /** Values never to print (those of DBT_ENV_SECRET_* variables): replaced by `*****`, as dbt does. */
  secrets?: string[];
  /** Where console lines go (default process.stdout; usage errors go to stderr). */
  write?: (line: string, stream: "stdout" | "stderr") => void;
  /** Receives every event, whatever the levels (the Node API's callback). */
  onEvent?: (event: LogEvent & { ts: string; invocation_id: string }) => void;
}

/** Thrown when `--warn-error(-options)` turns a warning into an error: the command stops, exit 2. */
export class WarningAsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WarningAsError";
  }
}

/** Options of one fired event. */
export interface FireOptions {
  /** Overrides the event's default level (dbt's result events take the node status's level). */
  level?: EventLevel;
  /** dbt's thread name (`MainThread`, `Thread-1 (worker)`). */
  thread?: string;
}

const FILE_BUFFER_LINES = 512;

/**
 * The CLI's output, as dbt's: every event goes to the console (stdout) at `--log-level` (info by
 * default) in `--log-format` (text, debug or json), and to `logs/dbt.log` at `--log-level-file`
 * (debug by default). Event names, codes and levels are dbt's ({@link DBT_EVENTS}).
 */
export class Logger {
  /** Every warning diagnostic printed so far (the Node API returns them). */
  readonly warnings: Diagnostic[] = [];
  /** Colours of console messages (off when the console has no colours). */
  readonly palette: Palette;
  /** Width progress lines are padded to. */
  readonly printerWidth: number;
  private readonly console: SinkOptions;
  private fileLines: string[] = [];
  private fileStarted = false;

  constructor(private readonly options: LoggerOptions) {
    this.console = { format: "text", level: "info", colors: false, ...options.console };
    this.palette = this.console.colors ? COLORS : NO_COLORS;
    this.printerWidth = options.printerWidth ?? 80;
  }

  /** True when JSON lines go to the console. */
  get json(): boolean {
    return this.console.format === "json";
  }

  /** Fires a dbt (or tsdbt) event: to the console, the log file and the `onEvent` listener. */
  fire(name: EventName, msg: string, data: Record<string, unknown> = {}, options: FireOptions = {}): void {
    const kind = eventKind(name);
    this.emit({ name, code: kind.code, level: options.level ?? kind.level, msg, data, ts: new Date(), thread: options.thread ?? "MainThread", invocationId: this.options.invocationId });
  }

  /**
   * A warning that `--warn-error(-options)` may turn into an error (dbt's `warn_or_error`):
   * fired as a warning, skipped when silenced, else thrown as {@link WarningAsError}.
   */
  warnOrError(name: EventName, msg: string, data: Record<string, unknown> = {}): void {
    const outcome = warningOutcome(this.options.warnError ?? WARNINGS_STAY_WARNINGS, name);
    if (outcome === "silence") return;
    if (outcome === "error") throw new WarningAsError(msg);
    this.fire(name, msg, data);
  }

  /**
   * Command output that `-q` keeps (ls lines, show tables, compile --inline, --help): printed
   * bare in text mode, as an event in JSON mode (dbt's `PrintEvent` unless named otherwise).
   */
  print(text: string, name: EventName = "PrintEvent", data: Record<string, unknown> = { msg: text }): void {
    const kind = eventKind(name);
    const msg = this.options.secrets?.length ? this.scrub(text) : text;
    const e: FiredEvent = { name, code: kind.code, level: kind.level, msg, data, ts: new Date(), thread: "MainThread", invocationId: this.options.invocationId };
    this.notify(e);
    this.toFile(e);
    if (this.console.level === "none") return;
    this.write(this.json ? formatLine(e, "json", this.console.colors) : msg, "stdout");
  }

  /**
   * Prints diagnostics (errors and warnings) with their location, snippet and hint. Warnings obey
   * --warn-error unless `mayStop` is false (warnings raised in the background, e.g. OpenLineage's).
   */
  diagnostics(items: Diagnostic[], options: { mayStop?: boolean } = {}): void {
    for (const d of items) {
      const data = { code: d.code, file: d.file, line: d.line, col: d.col, node_id: d.nodeId, hint: d.hint };
      if (d.severity === "error") this.fire("MainEncounteredError", formatDiagnostic(d), { exc: formatDiagnostic(d) });
      else {
        this.warnings.push(d);
        if (options.mayStop === false) this.fire("TsdbtWarning", formatDiagnostic(d), data);
        else this.warnOrError("TsdbtWarning", formatDiagnostic(d), data);
      }
    }
  }

  /** A line for stderr (usage errors, as dbt's command-line parser prints them), outside the event stream. */
  usageError(text: string): void {
    this.write(text, "stderr");
  }

  /** Appends what the log file has buffered. Call once the command is done. */
  close(): void {
    this.flushFile();
  }

  private emit(e: FiredEvent): void {
    if (this.options.secrets?.length) e.msg = this.scrub(e.msg);
    this.notify(e);
    this.toFile(e);
    const min = this.options.quiet ? "error" : this.console.level;
    if (!passes(e.level, min)) return;
    this.write(formatLine(e, this.console.format, this.console.colors), "stdout");
  }

  private scrub(text: string): string {
    let out = text;
    for (const secret of this.options.secrets ?? []) out = out.split(secret).join("*****");
    return out;
  }

  private notify(e: FiredEvent): void {
    this.options.onEvent?.({ name: e.name, code: e.code, msg: stripColors(e.msg), level: e.level, data: e.data, ts: e.ts.toISOString(), invocation_id: e.invocationId });
  }

  private write(text: string, stream: "stdout" | "stderr"): void {
    const line = this.options.secrets?.length ? this.scrub(text) : text;
    if (this.options.write) this.options.write(line, stream);
    else (stream === "stdout" ? process.stdout : process.stderr).write(`${line}\n`);
  }

  private toFile(e: FiredEvent): void {
    const file = this.options.file;
    if (!file || !passes(e.level, file.level)) return;
    if (!this.fileStarted) {
      this.fileStarted = true;
      if (file.format !== "json") this.fileLines.push(invocationBanner(e.ts, e.invocationId));
    }
    const formatted = formatLine(e, file.format, file.colors);
    const line = this.options.secrets?.length ? this.scrub(formatted) : formatted;
    this.fileLines.push(file.colors ? line : stripColors(line));
    if (this.fileLines.length >= FILE_BUFFER_LINES) this.flushFile();
  }

  private flushFile(): void {
    const file = this.options.file;
    if (!file || !this.fileLines.length) return;
    const text = `${this.fileLines.join("\n")}\n`;
    this.fileLines = [];
    try {
      mkdirSync(path.dirname(file.path), { recursive: true });
      appendFileSync(file.path, text);
    } catch {
      // a log file that cannot be written never fails the command (dbt carries on too)
    }
  }
}
